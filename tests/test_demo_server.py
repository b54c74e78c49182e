"""The demo's web server, started exactly as bin/demo starts it, answers a mistyped
address with SIGAP's own "not found" page, not Django's list of every URL, and still
serves the static files."""

import os
import re
import shlex
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _server_command(port: int) -> tuple[dict, list[str]]:
    """bin/demo's runserver line: its environment assignments and its arguments."""
    line = next(line for line in (ROOT / "bin" / "demo").read_text().splitlines() if "runserver" in line)
    words = shlex.split(line.rstrip(" &").replace('"$PY"', sys.executable).replace("${PORT}", str(port)))
    assignments = {}
    while "=" in words[0] and not words[0].startswith("-"):
        name, value = words.pop(0).split("=", 1)
        # ${NAME:-default}: the default, as on a machine where NAME is not set.
        match = re.fullmatch(r"\$\{\w+:-(.*)\}", value)
        assignments[name] = match[1] if match else value
    return assignments, words


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as refused:
        return refused.code, refused.read().decode()


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("demo")
    env = {key: value for key, value in os.environ.items() if not key.startswith(("SIGAP_", "DJANGO_", "DATABASE_"))}
    env.update(DATABASE_URL=f"sqlite:///{tmp / 'db.sqlite3'}", SIGAP_PRIVATE_STORAGE=str(tmp / "private"))
    env.pop("DEBUG", None)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True, timeout=300)
    port = _free_port()
    assignments, command = _server_command(port)
    server = subprocess.Popen(
        command, cwd=ROOT, env={**env, **assignments}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _get(base + "/")
                break
            except urllib.error.URLError:
                assert server.poll() is None and time.monotonic() < deadline
                time.sleep(0.3)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_a_mistyped_address_gets_sigaps_page(demo_server):
    status, body = _get(demo_server + "/tidak-ada-halaman-ini/")
    assert status == 404
    assert "URLconf" not in body and "Using the URLconf" not in body
    assert "SIGAP" in body and "/static/css/sigap.css" in body


def test_the_static_files_are_served(demo_server):
    status, body = _get(demo_server + "/static/css/sigap.css")
    assert status == 200 and ".site-header" in body
