"""gunicorn, run with the configuration the README tells operators to use, writes no
line that shows a WBS visit: not at its debug level, and not in an access log an
operator adds, while the other pages are written as before. Django's own lines below
ERROR about a WBS request are not written either.

The server runs in production mode (SIGAP_ENV=production, collected static files, as the
README's Production section sets it up) on a free port, behind "one proxy" whose headers
the requests carry."""

import logging
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from gunicorn.config import Config

from wbs import gunicorn_logger, traces

ROOT = Path(settings.BASE_DIR)
CLIENT = "203.0.113.77"
DEVICE = "KanariPonsel/9.1 (Android 14)"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _production_env(tmp_path: Path) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("SIGAP_", "DJANGO_", "DATABASE_"))}
    env.update(
        SIGAP_ENV="production",
        SECRET_KEY="gunicorn-log-test-" + "k" * 50,
        SIGAP_ENCRYPTION_KEYS="1:" + Fernet.generate_key().decode(),
        SIGAP_LOOKUP_KEY="gunicorn-log-test-lookup",
        SIGAP_AUDIT_KEY="gunicorn-log-test-audit",
        SIGAP_WBS_IDENTITY_KEYS="1:gunicorn-log-test-identity",
        ALLOWED_HOSTS="127.0.0.1",
        PROXY_COUNT="1",
        # Every page's footer reads the agency's profile: the database is migrated first.
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
        SIGAP_PRIVATE_STORAGE=str(tmp_path / "private"),
        CACHE_URL="locmemcache://",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def _request(base: str, path: str, *, method: str = "GET", referer: str = "") -> int:
    headers = {"X-Forwarded-For": CLIENT, "X-Forwarded-Proto": "https", "User-Agent": DEVICE}
    if referer:
        headers["Referer"] = referer
    body = b"" if method == "POST" else None
    request = urllib.request.Request(base + path, method=method, headers=headers, data=body)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as refused:
        return refused.code


def _answers(base: str) -> bool:
    try:
        return _request(base, "/akun/masuk/") == 200
    except urllib.error.URLError:
        return False


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """gunicorn with the shipped configuration, at its debug level and with an access
    log added; returns what it wrote once every request was answered."""
    tmp_path = tmp_path_factory.mktemp("gunicorn")
    env = _production_env(tmp_path)
    python = sys.executable
    for command in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([python, "manage.py", *command], cwd=ROOT, env=env, check=True, timeout=300)
    port = _free_port()
    logs = {name: tmp_path / f"{name}.log" for name in ("access", "error", "output")}
    with logs["output"].open("w") as output:
        server = subprocess.Popen(
            [
                python,
                "-m",
                "gunicorn",
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "debug",
                "--access-logfile",
                str(logs["access"]),
                "--error-logfile",
                str(logs["error"]),
            ],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 60
            while not _answers(base):
                assert server.poll() is None and time.monotonic() < deadline, logs["output"].read_text()
                time.sleep(0.3)
            wbs_page = "https://127.0.0.1/wbs/lapor/"
            statuses = {
                "/wbs/lapor/": _request(base, "/wbs/lapor/"),
                "/wbs/masuk/": _request(base, "/wbs/masuk/"),
                "/wbs/tidak-ada/": _request(base, "/wbs/tidak-ada/"),
                "POST /wbs/lapor/": _request(base, "/wbs/lapor/", method="POST"),
                "/static/wbs/shared/css/sigap.css": _request(base, "/static/wbs/shared/css/sigap.css", referer=""),
                "/favicon.ico": _request(base, "/favicon.ico"),
                "POST /i18n/setlang/": _request(base, "/i18n/setlang/", method="POST", referer=wbs_page),
                "/lacak/": _request(base, "/lacak/"),
                "POST /akun/masuk/": _request(base, "/akun/masuk/", method="POST"),
            }
        finally:
            server.terminate()
            server.wait(timeout=30)
    return statuses, {name: path.read_text() if path.exists() else "" for name, path in logs.items()}


def test_gunicorn_writes_no_line_that_shows_a_wbs_visit_even_at_debug_level(served):
    statuses, logs = served
    assert statuses["/wbs/lapor/"] == statuses["/wbs/masuk/"] == statuses["/lacak/"] == 200
    assert statuses["/wbs/tidak-ada/"] == statuses["/favicon.ico"] == 404
    assert statuses["POST /wbs/lapor/"] == statuses["POST /akun/masuk/"] == statuses["POST /i18n/setlang/"] == 403
    # The other requests were written, in both logs, at debug level: the silence below
    # is the filter's.
    assert '"GET /lacak/ HTTP/1.1" 200' in logs["access"] and DEVICE in logs["access"]
    assert "[DEBUG] GET /lacak/" in logs["error"] and "[DEBUG] POST /akun/masuk/" in logs["error"]
    # Django's warning about the refused post of another page went to standard error.
    assert "Forbidden (Referer checking failed - no Referer.): /akun/masuk/" in logs["output"]
    for name, text in logs.items():
        for line in text.splitlines():
            assert not traces.names_reporter_request(line), (name, line)
            assert "/wbs/" not in line.replace("/staf/wbs/", ""), (name, line)
            assert "/favicon.ico" not in line and "setlang" not in line, (name, line)


def test_the_configuration_the_readme_names_writes_no_access_log_at_info_level():
    readme = (ROOT / "README.md").read_text()
    assert "gunicorn.conf.py" in readme
    config = Config()
    for name, value in _shipped().items():
        if name in config.settings:
            config.set(name, value)
    assert config.accesslog is None and config.loglevel == "info"
    assert config.logger_class is gunicorn_logger.ReporterSilentLogger
    assert config.wsgi_app == "config.wsgi:application"


def _shipped() -> dict:
    namespace = {"__file__": str(ROOT / "gunicorn.conf.py")}
    exec(compile((ROOT / "gunicorn.conf.py").read_text(), "gunicorn.conf.py", "exec"), namespace)  # noqa: S102
    return {key: value for key, value in namespace.items() if not key.startswith("__")}


def test_the_logger_drops_every_line_that_names_a_wbs_request(tmp_path):
    config = Config()
    config.set("errorlog", str(tmp_path / "error.log"))
    config.set("accesslog", str(tmp_path / "access.log"))
    config.set("loglevel", "debug")
    log = gunicorn_logger.ReporterSilentLogger(config)
    for level in ("debug", "info", "warning", "error", "critical"):
        getattr(log, level)("%s %s", "GET", "/wbs/laporan/")
        getattr(log, level)("Error handling request %s", "http://sigap.example.go.id/wbs/masuk/")
        getattr(log, level)("%s %s", "GET", "/staf/wbs/3/")
    log.log(logging.DEBUG, "GET /static/wbs/wbs.css")
    log.exception("Error handling request %s %s", "POST", "/wbs/lapor/")
    log.debug("Loaded /srv/sigap/wbs/views_report.py")
    for handler in log.error_log.handlers:
        handler.flush()
    written = (tmp_path / "error.log").read_text()
    assert written.count("GET /staf/wbs/3/") == 5 and "Loaded /srv/sigap/wbs/views_report.py" in written
    assert not any(traces.names_reporter_request(line) for line in written.splitlines()), written


def test_django_drops_its_warnings_about_a_wbs_request_and_keeps_its_errors():
    line_filter = traces.ReporterLineFilter(keep_errors=True)

    def record(level, msg, *args):
        return logging.LogRecord("django.security.csrf", level, __file__, 1, msg, args, None)

    assert not line_filter.filter(record(logging.WARNING, "Forbidden (%s): %s", "CSRF cookie not set.", "/wbs/lapor/"))
    assert line_filter.filter(record(logging.WARNING, "Forbidden (%s): %s", "CSRF cookie not set.", "/lacak/"))
    assert line_filter.filter(record(logging.ERROR, "Internal Server Error: %s", "/wbs/lapor/"))
    console = logging.getLogger().handlers
    assert any(
        isinstance(known, traces.ReporterLineFilter) and known.keep_errors
        for handler in console
        if not type(handler).__module__.startswith("_pytest")
        for known in handler.filters
    )
