"""How much the engine costs per new case, against a bare insert, in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/case_open.py [N]

Builds a throwaway test database (the test kind "uji"), then times N cases opened
through casework.services.case_open (reference number under a row lock, tracking code
digest, encrypted title, timeline, opening clock, audit chain) against N bare inserts of
one row into a plain table. Prints both rates and their ratio.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import setup_test_environment, teardown_test_environment  # noqa: E402


def main(n: int) -> None:
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        import datetime

        from casework.models import SlaPolicy
        from casework.services import case_open

        SlaPolicy.objects.create(
            kind="uji", clock="verifikasi", label="Verifikasi", working_days=3, effective_from=datetime.date(2020, 1, 1)
        )
        with connection.cursor() as cursor:
            cursor.execute("CREATE TABLE bench_bare (id integer PRIMARY KEY, title text)")

        start = time.perf_counter()
        for i in range(n):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("INSERT INTO bench_bare (id, title) VALUES (%s, %s)", [i, f"Kasus {i}"])
        bare = n / (time.perf_counter() - start)

        start = time.perf_counter()
        for i in range(n):
            case_open(kind="uji", title=f"Kasus {i}", with_tracking_code=True, opening_clocks=["verifikasi"])
        engine = n / (time.perf_counter() - start)

        print(f"database: {connection.vendor}, cases: {n}")
        print(f"bare insert:        {bare:8.1f} per second")
        print(f"casework case_open: {engine:8.1f} per second ({engine / bare:.0%} of bare)")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
