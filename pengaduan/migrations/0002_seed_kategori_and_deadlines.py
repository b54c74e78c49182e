"""Seed the service categories and the four deadline clocks of a pengaduan.

Both are data the administrator may change later in the admin; the rows are frozen here
rather than imported from the app, so this migration gives the same result whenever it
runs. A row that already exists (same slug; same kind, clock and effective date) is left
as it is, so a later edit is never overwritten.

Deadlines (working days): verification 3, the unit's follow-up 5, resolution 60 days
after the file is complete (Perpres 76/2013), and 10 days after the answer before an
unanswered case closes by itself (SP4N-LAPOR!). A future change of a rule is a new
SlaPolicy row with a later effective date; running clocks keep the value they began with.
"""

from django.db import migrations

from casework.sla import seed_policies, unseed_policies

KATEGORI = [
    # (slug, name, order)
    ("ktp-el", "KTP-el", 10),
    ("kk", "Kartu Keluarga (KK)", 20),
    ("akta-kelahiran", "Akta kelahiran", 30),
    ("akta-kematian", "Akta kematian", 40),
    ("pindah-datang", "Pindah datang", 50),
    ("kia", "Kartu Identitas Anak (KIA)", 60),
    ("lainnya", "Lainnya", 1000),
]

PERPRES = "Perpres 76/2013 tentang Pengelolaan Pengaduan Pelayanan Publik"
LAPOR = "Ketentuan pengelolaan SP4N-LAPOR! (PermenPANRB 62/2018)"
EFFECTIVE = "2013-01-01"
DEADLINES = [
    # (clock, label, working days, effective from, source)
    ("verifikasi", "Verifikasi pengaduan", 3, EFFECTIVE, f"{PERPRES}; {LAPOR}"),
    ("tindak_lanjut", "Tindak lanjut oleh unit", 5, EFFECTIVE, f"{PERPRES}; {LAPOR}"),
    ("penyelesaian", "Penyelesaian pengaduan", 60, EFFECTIVE, PERPRES),
    ("konfirmasi", "Tanggapan pelapor atas jawaban sebelum ditutup otomatis", 10, EFFECTIVE, LAPOR),
]


def forwards(apps, schema_editor):
    KategoriLayanan = apps.get_model("pengaduan", "KategoriLayanan")
    for slug, name, order in KATEGORI:
        KategoriLayanan.objects.get_or_create(slug=slug, defaults={"name": name, "order": order})
    seed_policies(apps, "pengaduan", DEADLINES)


def backwards(apps, schema_editor):
    KategoriLayanan = apps.get_model("pengaduan", "KategoriLayanan")
    # A category some complaint refers to is history and stays.
    KategoriLayanan.objects.filter(slug__in=[slug for slug, _name, _order in KATEGORI], pengaduan__isnull=True).delete()
    unseed_policies(apps, "pengaduan", DEADLINES)


class Migration(migrations.Migration):
    dependencies = [
        ("pengaduan", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
