"""Public complaint submissions per second through gunicorn against PostgreSQL, side by
side with a bare Django view that inserts one row, in the same run.

    .venv/bin/python bench/pengaduan_submit.py [--seconds 10] [--workers 4] [--clients 4] [--rounds 2]
                                               [--cache redis|db] [--pause-worker]

Needs PostgreSQL at BENCH_PG (default postgres://postgres@127.0.0.1:5432); the script
creates and drops its own database (sigap_bench_submit). It runs SIGAP with the
production settings (fresh random secrets, DEBUG off) plus one bare view
(bench/urls.py), served by gunicorn with sync workers. The rate-limit cache is Redis
(BENCH_REDIS, default redis://127.0.0.1:6379/15) or, with --cache db, production's
default database cache. Each client process keeps one connection and its cookies, as a
browser would: it loads the form once (CSRF token, form-start stamp), then posts
complaints as fast as the server answers. The bot trap's minimum fill time and the
per-client rate limit are lifted for the run (they would refuse a load generator by
design); everything else runs: form validation, the rate-limit count, encryption, the
reference sequence, clocks, the audit chain, the encrypted receipt cookie.

Both targets are measured in alternating rounds for the same time; the best round of
each is reported, with the ratio, and beside it the median of each round's own ratio
(a submission round against the bare round just before it: the machine's speed drifts
less within a pair than across the run). At the end the script checks that every accepted
complaint is in the database: nothing is counted that was not stored.

A complaint without files is accepted at once and opened as a case by the task worker
(casework.intake), which runs during the whole benchmark on the same cores. After each
submission round the script waits until the worker has opened every accepted complaint
and reports, beside the rate of answered submissions, the rate of complaints opened
counting that extra time. With --pause-worker the worker is stopped (SIGSTOP) during
each round and resumed after it: an experiment that shows what the request path alone
reaches, not a way to run SIGAP.
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import os
import re
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import psycopg
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
DB_NAME = "sigap_bench_submit"
HOST = "127.0.0.1"
HIDDEN = re.compile(r'<input[^>]*name="(csrfmiddlewaretoken|dimulai)"[^>]*value="([^"]*)"')
OPTION = re.compile(r'<select[^>]*name="kategori".*?<option value="(\d+)"', re.S)


def server_env(pg: str, port: int, cache: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "SIGAP_ENV": "production",
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DATABASE_URL": f"{pg}/{DB_NAME}",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "SIGAP_ENCRYPTION_KEYS": "1:" + Fernet.generate_key().decode(),
            "SIGAP_LOOKUP_KEY": secrets.token_urlsafe(32),
            "SIGAP_AUDIT_KEY": secrets.token_urlsafe(32),
            "SIGAP_WBS_IDENTITY_KEYS": "1:" + secrets.token_urlsafe(32),
            "ALLOWED_HOSTS": HOST,
            "CSRF_TRUSTED_ORIGINS": f"https://{HOST}:{port}",
            "SIGAP_PENGADUAN_SUBMIT_RATE": "100000000/h",
            "SIGAP_PENGADUAN_MIN_FILL_SECONDS": "0",
            "EMAIL_URL": "consolemail://",
            "STATIC_ROOT": str(Path(tempfile.gettempdir()) / "sigap-bench-static"),
        }
    )
    if cache == "redis":
        env["CACHE_URL"] = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/15")
    return env


def prepare_database(pg: str, env: dict[str, str]) -> None:
    with psycopg.connect(f"{pg}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME}")
        conn.execute(f"CREATE DATABASE {DB_NAME}")
    commands = (["migrate", "--no-input", "-v", "0"], ["createcachetable"], ["collectstatic", "--no-input", "-v", "0"])
    for command in commands:
        subprocess.run([PY, "manage.py", *command], cwd=ROOT, env=env, check=True)
    with psycopg.connect(f"{pg}/{DB_NAME}", autocommit=True) as conn:
        conn.execute("CREATE TABLE bench_bare_row (id bigserial PRIMARY KEY, title text, body text)")


def drop_database(pg: str) -> None:
    with psycopg.connect(f"{pg}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")


class Browser:
    """One visitor: one keep-alive connection and its cookies, behind an HTTPS proxy."""

    def __init__(self, port: int):
        self.port = port
        self.conn = http.client.HTTPConnection(HOST, port, timeout=30)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, str]:
        headers = {
            "Host": HOST,
            "X-Forwarded-Proto": "https",
            "Referer": f"https://{HOST}:{self.port}{path}",
            "Origin": f"https://{HOST}:{self.port}",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, text


def _client(port: int, target: str, seconds: float, start_at: float, results) -> None:
    browser = Browser(port)
    form_path = "/pengaduan/baru/" if target == "submit" else "/bench/bare/"
    status, page = browser.request("GET", form_path)
    if status != 200:
        raise SystemExit(f"GET {form_path} answered {status}")
    hidden = dict(HIDDEN.findall(page))
    fields = {
        "csrfmiddlewaretoken": hidden["csrfmiddlewaretoken"],
        "jenis": "pengaduan",
        "title": "Antrean perekaman KTP-el terlalu lama",
        "isi": "Saya menunggu empat jam di loket perekaman KTP-el tanpa kepastian. " * 5,
        "tanggal_kejadian": "2026-11-02",
        "lokasi": "Loket 3 kantor Dinas",
        "anonim": "on",
        "rahasia": "on",
    }
    if target == "submit":
        fields["dimulai"] = hidden["dimulai"]
        fields["kategori"] = OPTION.search(page).group(1)
    body = urllib.parse.urlencode(fields)
    ok = failed = 0
    while time.time() < start_at:
        time.sleep(0.001)
    end = start_at + seconds
    while time.time() < end:
        status, text = browser.request("POST", form_path, body)
        if status == 302:
            ok += 1
        else:
            failed += 1
            if failed == 1:
                print(f"  {target}: answered {status}: {text[:300]!r}", file=sys.stderr)
    results.put((ok, failed))


def measure(port: int, target: str, seconds: float, clients: int) -> tuple[float, int, int]:
    results = multiprocessing.Queue()
    start_at = time.time() + 1.0
    procs = [
        multiprocessing.Process(target=_client, args=(port, target, seconds, start_at, results)) for _ in range(clients)
    ]
    for proc in procs:
        proc.start()
    totals = [results.get() for _ in procs]
    for proc in procs:
        proc.join()
    ok = sum(t[0] for t in totals)
    failed = sum(t[1] for t in totals)
    return ok / seconds, ok, failed


def wait_until_up(port: int, deadline: float = 30.0) -> None:
    until = time.time() + deadline
    while time.time() < until:
        try:
            Browser(port).request("GET", "/bench/bare/")
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not come up")


def waiting(pg: str) -> int:
    with psycopg.connect(f"{pg}/{DB_NAME}") as conn:
        return conn.execute("SELECT count(*) FROM casework_pendingcase").fetchone()[0]


def drain_seconds(pg: str, limit: float = 300.0) -> float:
    """How long after a round the task worker still needs to open every accepted
    complaint (0 when none waits)."""
    start = time.time()
    while waiting(pg):
        if time.time() - start > limit:
            raise SystemExit("the task worker did not open the waiting complaints")
        time.sleep(0.05)
    return time.time() - start


def count_rows(pg: str) -> tuple[int, int]:
    with psycopg.connect(f"{pg}/{DB_NAME}") as conn:
        complaints = conn.execute("SELECT count(*) FROM pengaduan_pengaduan").fetchone()[0]
        bare = conn.execute("SELECT count(*) FROM bench_bare_row").fetchone()[0]
    return complaints, bare


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--cache", choices=["redis", "db"], default="redis")
    parser.add_argument("--pause-worker", action="store_true", help="stop the task worker during each round")
    args = parser.parse_args()
    pg = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432").rstrip("/")

    env = server_env(pg, args.port, args.cache)
    prepare_database(pg, env)
    server = subprocess.Popen(
        [
            str(Path(PY).with_name("gunicorn")),
            "config.wsgi:application",
            "--workers",
            str(args.workers),
            "--bind",
            f"{HOST}:{args.port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    # The task worker that opens the accepted complaints runs all along, on the same
    # cores, as in production (casework.intake), and with production's settings: it
    # looks for new tasks every second (the default interval), as bin/demo runs it.
    worker = subprocess.Popen(
        [PY, "manage.py", "db_worker", "--no-reload", "--no-startup-delay", "-v", "0"],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_until_up(args.port)
        best = {"bare": (0.0, 0, 0), "submit": (0.0, 0, 0)}
        paired: list[float] = []
        last_bare = 0.0
        best_sustained = 0.0
        accepted = {"bare": 0, "submit": 0}
        refused = {"bare": 0, "submit": 0}
        for round_no in range(1, args.rounds + 1):
            for target in ("bare", "submit"):
                if args.pause_worker:
                    worker.send_signal(signal.SIGSTOP)
                rate, ok, failed = measure(args.port, target, args.seconds, args.clients)
                if args.pause_worker:
                    worker.send_signal(signal.SIGCONT)
                accepted[target] += ok
                refused[target] += failed
                line = f"round {round_no} {target:6}: {rate:8.1f}/s ({ok} accepted, {failed} refused)"
                if target == "submit":
                    # Accepted is not yet opened: count the time the worker still needed.
                    drained = drain_seconds(pg)
                    sustained = ok / (args.seconds + drained)
                    best_sustained = max(best_sustained, sustained)
                    line += f"; all opened {drained:.1f} s later: {sustained:.1f}/s opened"
                print(line)
                if rate > best[target][0]:
                    best[target] = (rate, ok, failed)
                if target == "bare":
                    last_bare = rate
                elif last_bare:
                    paired.append(rate / last_bare)
        complaints, bare_rows = count_rows(pg)
        print()
        print(
            f"gunicorn sync workers: {args.workers}, client processes: {args.clients}, "
            f"{args.seconds:g} s per round, rate-limit cache: {args.cache}"
            + (", task worker paused during the rounds" if args.pause_worker else "")
        )
        print(f"bare Django view, one INSERT:   {best['bare'][0]:8.1f} per second")
        print(
            f"public complaint submission:    {best['submit'][0]:8.1f} per second "
            f"({best['submit'][0] / best['bare'][0]:.0%} of bare; "
            f"median of the rounds' own ratios {statistics.median(paired):.0%})"
        )
        print(
            f"  of which opened as cases:     {best_sustained:8.1f} per second, counting until the last was "
            f"opened ({best_sustained / best['bare'][0]:.0%} of bare)"
        )
        print(f"stored: {complaints} complaints for {accepted['submit']} accepted; {bare_rows} bare rows")
        if complaints != accepted["submit"] or bare_rows != accepted["bare"]:
            raise SystemExit("an accepted submission is missing from the database")
        if refused["submit"] or refused["bare"]:
            raise SystemExit("some requests were refused; see the messages above")
    finally:
        for process in (server, worker):
            process.send_signal(signal.SIGTERM)
        for process in (server, worker):
            process.wait(timeout=30)
        drop_database(pg)


if __name__ == "__main__":
    main()
