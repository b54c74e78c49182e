"""The complaint deadlines that cited PermenPANRB 62/2018 cite PermenPANRB 5/2025.

PermenPANRB 5/2025 tentang Penyelenggaraan Sistem Pengelolaan Pengaduan Pelayanan Publik
Nasional replaced PermenPANRB 62/2018 (the SP4N-LAPOR! rules). Its figures are not yet
checked against its text (domain.md §3 marks them unconfirmed), so each clock that cited
the old regulation gets a new version with the same working days and a note saying the
figures are kept until checked. The resolution clock cites Perpres 76/2013 alone, which
still stands, and gets no new version.

Effective date: the exact date the regulation was promulgated was not verified here. A
public summary of it was published in May 2025, so it was in force by the end of that
month; the new versions start on 1 June 2025. A complaint received before keeps the old
version (with the same figures), and an administrator who confirms the date corrects
it in the admin. Once the figures are checked, a changed figure is another version.
"""

from django.db import migrations

from casework.sla import seed_policies, unseed_policies

EFFECTIVE = "2025-06-01"
PERPRES = "Perpres 76/2013 tentang Pengelolaan Pengaduan Pelayanan Publik"
SP4N = "Ketentuan pengelolaan SP4N-LAPOR! (PermenPANRB 5/2025)"
NOTE = (
    "Angka sama dengan versi sebelumnya (PermenPANRB 62/2018), dipertahankan sampai diperiksa terhadap naskah "
    "PermenPANRB 5/2025."
)
POLICIES = [
    # (clock, label, working days, effective from, source, note)
    ("verifikasi", "Verifikasi pengaduan", 3, EFFECTIVE, f"{PERPRES}; {SP4N}", NOTE),
    ("tindak_lanjut", "Tindak lanjut oleh unit", 5, EFFECTIVE, f"{PERPRES}; {SP4N}", NOTE),
    ("konfirmasi", "Tanggapan pelapor atas jawaban sebelum ditutup otomatis", 10, EFFECTIVE, SP4N, NOTE),
    (
        "kelengkapan",
        "Waktu pelapor melengkapi pengaduan yang ditunda",
        10,
        EFFECTIVE,
        "Ditetapkan SIGAP, mengikuti masa tanggapan pelapor pada SP4N-LAPOR! (PermenPANRB 5/2025)",
        NOTE,
    ),
]


def forwards(apps, schema_editor):
    # The complainant's time, as in every earlier version of these clocks.
    seed_policies(apps, "pengaduan", POLICIES, waiting_periods=["konfirmasi", "kelengkapan"])


def backwards(apps, schema_editor):
    unseed_policies(apps, "pengaduan", POLICIES)


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0008_deadline_policy_names_its_source"),
        ("pengaduan", "0006_kelengkapan_period"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
