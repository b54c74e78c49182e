"""Seed the superior's deadline to decide a conflict of interest.

7 working days from the day the case is filed (domain.md §6): the figure comes from one
ministry's rule implementing the national guide (PermenPANRB 37/2012, replaced by
PermenPANRB 17/2024), not from the national text, so the source names the unit's own
implementing rule. It is data the administrator corrects in the admin (Kebijakan batas
waktu): a unit whose rule says otherwise adds a version with its own effective date, and
cases already running keep the days they started with. The effective date is that of the
2012 guide, so a case of any date finds a rule (an assumption the administrator may
correct). The row is frozen here rather than imported from the app, so this migration
gives the same result whenever it runs; an existing row is left as it is.
"""

from django.db import migrations

from casework.sla import seed_policies, unseed_policies

KIND = "benturan"
DEADLINES = [
    # (clock, label, working days, effective from, source)
    (
        "keputusan",
        "Keputusan atasan atas benturan kepentingan",
        7,
        "2012-01-01",
        "Peraturan pelaksana unit tentang penanganan benturan kepentingan (PermenPANRB 17/2024)",
    ),
]


def forwards(apps, schema_editor):
    seed_policies(apps, KIND, DEADLINES)


def backwards(apps, schema_editor):
    unseed_policies(apps, KIND, DEADLINES)


class Migration(migrations.Migration):
    dependencies = [
        ("benturan", "0001_initial"),
        ("casework", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
