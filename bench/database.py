"""The benchmarks' database: PostgreSQL, and only one whose name says it is a benchmark's,
since they empty the case tables."""

from __future__ import annotations

import sys


def ensure_database(example: str = "sigap_bench") -> None:
    """Refuse any database but a benchmark's on PostgreSQL, create it if needed, and
    migrate it. `example` is the name the refusal suggests."""
    import psycopg
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    db = settings.DATABASES["default"]
    if connection.vendor != "postgresql":
        sys.exit(f"This benchmark needs PostgreSQL: set DATABASE_URL=postgres://…/{example}")
    if "bench" not in db["NAME"]:
        sys.exit(f"Refusing to empty the case tables of {db['NAME']!r}: use a database whose name contains 'bench'")
    params = {"host": db["HOST"] or None, "port": db["PORT"] or None, "user": db["USER"], "password": db["PASSWORD"]}
    with psycopg.connect(dbname="postgres", autocommit=True, **{k: v for k, v in params.items() if v}) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]]).fetchone():
            admin.execute(f'CREATE DATABASE "{db["NAME"]}"')
    call_command("migrate", verbosity=0)
