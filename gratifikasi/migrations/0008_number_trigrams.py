"""Trigram indexes on the UPG registration number and the KPK reference, which the
declaration list's search matches by any part (casework.list_search). Without them a
search read every declaration's row, ciphertext and all: 380 ms at 200,000 declarations.

PostgreSQL only, and only where the pg_trgm extension exists (casework 0015 creates it
when it can); elsewhere the search still works by reading the table.
"""

from django.db import migrations

COLUMNS = {"gratifikasi_upg_trgm": "nomor_registrasi_upg", "gratifikasi_kpk_trgm": "kpk_nomor"}


def create(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if cursor.fetchone() is None:
            return
    for name, column in COLUMNS.items():
        schema_editor.execute(
            f"CREATE INDEX {name} ON gratifikasi_gratifikasi USING gin (UPPER({column}::text) gin_trgm_ops) "
            f"WHERE {column} <> ''"
        )


def drop(apps, schema_editor):
    for name in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0015_reference_trigram"),
        ("gratifikasi", "0007_exemption_rule_ended_by"),
    ]

    operations = [migrations.RunPython(create, drop)]
