"""Drop the complaints' own order indexes of migration 0005 (pengaduan_list_opened,
pengaduan_list_due): every kind's list now reads the engine's per-kind indexes
(casework 0013 and 0017), which cover the same orders, so these only cost each write.
Going back recreates them as 0005 made them.
"""

from importlib import import_module

from django.db import migrations

_first = import_module("pengaduan.migrations.0005_staff_list_indexes")
ORDER_INDEXES = ("pengaduan_list_opened", "pengaduan_list_due")


def drop(apps, schema_editor):
    for name in ORDER_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def recreate(apps, schema_editor):
    for sql in _first.BTREE.get(schema_editor.connection.vendor, _first.BTREE["default"]):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0017_list_received_order"),
        ("pengaduan", "0010_list_filter_indexes"),
    ]

    operations = [migrations.RunPython(drop, recreate)]
