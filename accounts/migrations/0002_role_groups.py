"""One auth Group per staff role (accounts.roles).

The names are frozen here rather than imported: a migration must keep meaning what it
meant when it was written, even after a role is renamed in accounts.roles (a rename then
needs its own migration). accounts/tests/test_roles.py checks the two lists agree.
"""

from django.db import migrations

ROLE_NAMES = [
    "Pegawai",
    "Pengelola Pengaduan",
    "Pengelola WBS",
    "Petugas UPG",
    "Tim Benturan Kepentingan",
    "Unit Tindak Lanjut",
    "Pimpinan",
    "Inspektorat",
    "Tim ZI / TPI",
    "Admin Sistem",
]


def create_role_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLE_NAMES:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    # Reversing keeps the groups: they may hold members and permissions by then.
    operations = [migrations.RunPython(create_role_groups, migrations.RunPython.noop)]
