"""Where one staff page's time goes: each query it runs, timed, and the plan of the slow
ones under EXPLAIN (ANALYZE, BUFFERS), requested through the whole middleware stack as a
signed-in user with the second factor.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sigap_bench \\
        .venv/bin/python bench/explain_page.py /staf/pengaduan/ bench-pengaduan-0 [name=value ...]

Run it on the database bench/generate_cases.py filled (its users are named there:
bench-pengaduan-0, bench-pimpinan, bench-tindak-lanjut-0...). Extra arguments are the
page's query string (kategori=1, page=5000). `--slower-than MS` (default 3) chooses which
queries are explained.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")

import django  # noqa: E402

django.setup()
logging.getLogger("axes").setLevel(logging.WARNING)

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("username")
    parser.add_argument("params", nargs="*", help="name=value pairs of the query string")
    parser.add_argument("--slower-than", type=float, default=3.0, help="explain queries slower than this (ms)")
    args = parser.parse_args()

    from accounts.models import User
    from accounts.testing import verified_login

    params = dict(pair.split("=", 1) for pair in args.params)
    with override_settings(DEBUG=False, ALLOWED_HOSTS=["*"]):
        client = Client()
        verified_login(client, User.objects.get(username=args.username))
        client.get(args.url, params)  # warm: the layout's first request and the caches
        with CaptureQueriesContext(connection) as captured:
            began = time.perf_counter()
            response = client.get(args.url, params)
            elapsed = (time.perf_counter() - began) * 1000
    total = sum(float(query["time"]) for query in captured.captured_queries) * 1000
    print(f"{args.url} {params}: HTTP {response.status_code}, {elapsed:.1f} ms")
    print(f"{len(captured)} queries, {total:.1f} ms of SQL")
    for query in captured.captured_queries:
        sql, ms = query["sql"], float(query["time"]) * 1000
        print(f"\n-- {ms:.1f} ms: {sql[:240]}")
        if ms >= args.slower_than and sql.lstrip().upper().startswith(("SELECT", "WITH", "(")):
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                print("\n".join(row[0] for row in cursor.fetchall()))


if __name__ == "__main__":
    main()
