"""A trigram index on every case's reference number, for the search of the WBS,
gratifikasi and conflict lists, which match any part of it ("000123", "wbs/2026/00").
Without it each such search read every case of the kind (200 ms for the WBS list at a
million cases). The complaints have their own since pengaduan 0005.

PostgreSQL only, and only where the pg_trgm extension can be created (pengaduan 0005
says how to add it later); elsewhere the search still works by reading the table.
"""

import sys

from django.db import DatabaseError, migrations, transaction

SQL = (
    "CREATE INDEX case_reference_trgm ON casework_case USING gin (UPPER(reference::text) gin_trgm_ops) "
    "WHERE kind IN ('wbs', 'gratifikasi', 'benturan')"
)


def create(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError as exc:
        sys.stderr.write(f"\n  pg_trgm could not be created ({exc}); the case search reads the table.\n")
        return
    schema_editor.execute(SQL)


def drop(apps, schema_editor):
    schema_editor.execute("DROP INDEX IF EXISTS case_reference_trgm")


class Migration(migrations.Migration):
    dependencies = [("casework", "0014_list_filter_indexes")]

    operations = [migrations.RunPython(create, drop)]
