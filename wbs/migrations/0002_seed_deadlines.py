"""Seed the two deadline clocks of a WBS report.

Data the administrator may change later in the admin (a new rule is a new SlaPolicy row
with a later effective date; running clocks keep the value they began with). The rows are
frozen here rather than imported from the app, so this migration gives the same result
whenever it runs; a row that already exists is left as it is.

- tanggapan_awal, 7 working days: the first response to the reporter (domain.md §4,
  after the Kemenpora WBS rule; no national rule binds local government, so it is a
  default to adjust).
- pembaruan, 20 working days: news to the reporter at least monthly. A calendar month
  holds 19–23 working days; 20 keeps the update within the month even when a holiday
  falls in it. The clock restarts at every step the reporter sees.
"""

from django.db import migrations

from casework.sla import seed_policies, unseed_policies

EFFECTIVE = "2013-01-01"
DEADLINES = [
    # (clock, label, working days, effective from, source)
    (
        "tanggapan_awal",
        "Tanggapan pertama kepada pelapor WBS",
        7,
        EFFECTIVE,
        "Praktik instansi (Kemenpora); tidak ada aturan nasional untuk pemerintah daerah",
    ),
    (
        "pembaruan",
        "Kabar perkembangan berkala (bulanan) kepada pelapor WBS",
        20,
        EFFECTIVE,
        "Praktik instansi: pelapor menerima kabar perkembangan setiap bulan",
    ),
]


def forwards(apps, schema_editor):
    seed_policies(apps, "wbs", DEADLINES)


def backwards(apps, schema_editor):
    unseed_policies(apps, "wbs", DEADLINES)


class Migration(migrations.Migration):
    dependencies = [
        ("wbs", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
