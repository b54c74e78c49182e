"""Indexes behind the staff complaint list (/staf/pengaduan/), measured with
bench/pengaduan_list.py at 100,000 complaints.

- pengaduan_list_opened: the complaints' cases by opening time, newest first (the list's
  default order). Also lets PostgreSQL count a list and skip to a deep page on index
  entries alone (an index-only scan) instead of reading every case row.
- pengaduan_list_due: the same, by deadline (closed complaints, which have none, last).
- pengaduan_reference_trgm, pengaduan_lapor_trgm (PostgreSQL only): trigram indexes for
  the search, which matches any part of a reference number or an SP4N-LAPOR! ticket
  ("000123", "pgd/2026/0001"). Without them every search reads the whole table.

The first two are partial indexes on casework's case table, limited to complaints, so
they belong to this app and cost the other kinds nothing. They are plain SQL because
Django's model state cannot express a partial index on another app's table, and the
trigram ones need PostgreSQL's pg_trgm extension: a trusted extension since PostgreSQL
13, so a database owner may create it. Where it cannot be created, the migration says so
and goes on: the search still works, by reading the table.
"""

import sys

from django.db import DatabaseError, migrations, transaction

BTREE = {
    "postgresql": [
        "CREATE INDEX pengaduan_list_opened ON casework_case (opened_at DESC, id DESC) WHERE kind = 'pengaduan'",
        "CREATE INDEX pengaduan_list_due ON casework_case (due_date ASC NULLS LAST, opened_at DESC, id DESC) "
        "WHERE kind = 'pengaduan'",
    ],
    # SQLite (development) has no NULLS LAST in an index; its due-date order sorts.
    "default": [
        "CREATE INDEX pengaduan_list_opened ON casework_case (opened_at DESC, id DESC) WHERE kind = 'pengaduan'",
        "CREATE INDEX pengaduan_list_due ON casework_case (due_date, opened_at DESC, id DESC) WHERE kind = 'pengaduan'",
    ],
}
# The expressions are the ones Django writes for icontains on PostgreSQL.
TRIGRAM = [
    "CREATE INDEX pengaduan_reference_trgm ON casework_case USING gin (UPPER(reference::text) gin_trgm_ops) "
    "WHERE kind = 'pengaduan'",
    "CREATE INDEX pengaduan_lapor_trgm ON pengaduan_pengaduan "
    "USING gin (UPPER(lapor_tracking_id::text) gin_trgm_ops) WHERE lapor_tracking_id <> ''",
]
NAMES = ["pengaduan_list_opened", "pengaduan_list_due", "pengaduan_reference_trgm", "pengaduan_lapor_trgm"]


def create_indexes(apps, schema_editor):
    connection = schema_editor.connection
    for sql in BTREE.get(connection.vendor, BTREE["default"]):
        schema_editor.execute(sql)
    if connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError as exc:
        sys.stderr.write(
            f"\n  pg_trgm could not be created ({exc}).\n  The complaint search works without it but reads the "
            "whole table. Ask the database administrator to run CREATE EXTENSION pg_trgm, then run "
            "`manage.py migrate pengaduan 0004` and `manage.py migrate` again.\n"
        )
        return
    for sql in TRIGRAM:
        schema_editor.execute(sql)


def drop_indexes(apps, schema_editor):
    for name in NAMES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0003_deadline_waiting_period"),
        ("pengaduan", "0004_konfirmasi_is_a_waiting_period"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
