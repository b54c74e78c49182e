"""Indexes behind the reports and the Pimpinan's dashboard (casework.reporting,
reports.dashboard), measured with bench/reports_semester.py at 1,000,000 cases.

- case_kind_received: each kind's cases by the day received, with the columns the
  figures read (state, unit, closed_at, id) in the index, so PostgreSQL counts a semester
  or twelve months on index entries alone (an index-only scan) instead of reading every
  case row; the dashboard asks for all kinds at once through the same index.
- deadline_case_clock: a case's deadlines by clock, with their due and completion dates,
  so "did this finished case miss one of its deadlines" is answered from the index for
  every case of a period.
- case_open_kind: the open cases alone, by kind, with the day received, the unit and the
  due date: what the dashboard counts as in process, overdue and due soon, per unit,
  without reading the closed ones (most of the table).

Plain SQL because covering columns (INCLUDE) are PostgreSQL's: declared on the models,
every other database would warn at each start. Elsewhere (SQLite in development) the
same indexes without the covered columns.
"""

from django.db import migrations

INDEXES = {
    "postgresql": [
        "CREATE INDEX case_kind_received ON casework_case (kind, received_on) INCLUDE (state, unit_id, closed_at, id)",
        "CREATE INDEX deadline_case_clock ON casework_deadline (case_id, clock) INCLUDE (due_date, completed_at)",
        "CREATE INDEX case_open_kind ON casework_case (kind) INCLUDE (received_on, unit_id, due_date) "
        "WHERE closed_at IS NULL",
    ],
    "default": [
        "CREATE INDEX case_kind_received ON casework_case (kind, received_on)",
        "CREATE INDEX deadline_case_clock ON casework_deadline (case_id, clock)",
        "CREATE INDEX case_open_kind ON casework_case (kind) WHERE closed_at IS NULL",
    ],
}
NAMES = ["case_kind_received", "deadline_case_clock", "case_open_kind"]


def create_indexes(apps, schema_editor):
    for sql in INDEXES.get(schema_editor.connection.vendor, INDEXES["default"]):
        schema_editor.execute(sql)


def drop_indexes(apps, schema_editor):
    for name in NAMES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0010_recusals_from_standing_rules"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
