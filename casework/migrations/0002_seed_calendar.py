"""Seed the working-day calendar: libur nasional and cuti bersama 2025–2027.

The rows are data, not code: the administrator corrects them in the admin when the
government changes the list during the year (it did in 2025, adding 18 August). The
lists are kept here, frozen, rather than imported from the app, so this migration gives
the same result whenever it runs.

2025 and 2026 follow the signed joint decrees (SKB Menteri Agama, Menteri
Ketenagakerjaan dan Menteri PANRB). The 2027 rows follow the 2027 list as reported
before the decree's text could be checked here, and the Islamic feast days in it move
with the government's isbat; they are all marked provisional ("perkiraan") for the
administrator to confirm against the signed decree.
"""

from datetime import date

from django.db import migrations

LN = "libur_nasional"
CB = "cuti_bersama"

SKB_2025 = "SKB 3 Menteri No. 1017/2024, 2/2024, 2/2024 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2025"
SKB_2025_CHANGE = "Perubahan SKB 3 Menteri tentang Hari Libur Nasional dan Cuti Bersama Tahun 2025 (Agustus 2025)"
SKB_2026 = "SKB 3 Menteri No. 1497/2025, 2/2025, 5/2025 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2026"
ESTIMATE = "perkiraan"

# (date, name, kind, source, is_provisional)
HOLIDAYS = [
    # 2025 — 17 libur nasional, 10 cuti bersama, plus 18 August added in August 2025.
    (date(2025, 1, 1), "Tahun Baru 2025 Masehi", LN, SKB_2025, False),
    (date(2025, 1, 27), "Isra Mikraj Nabi Muhammad SAW", LN, SKB_2025, False),
    (date(2025, 1, 28), "Cuti bersama Tahun Baru Imlek 2576 Kongzili", CB, SKB_2025, False),
    (date(2025, 1, 29), "Tahun Baru Imlek 2576 Kongzili", LN, SKB_2025, False),
    (date(2025, 3, 28), "Cuti bersama Hari Suci Nyepi (Tahun Baru Saka 1947)", CB, SKB_2025, False),
    (date(2025, 3, 29), "Hari Suci Nyepi (Tahun Baru Saka 1947)", LN, SKB_2025, False),
    (date(2025, 3, 31), "Idul Fitri 1446 Hijriah", LN, SKB_2025, False),
    (date(2025, 4, 1), "Idul Fitri 1446 Hijriah", LN, SKB_2025, False),
    (date(2025, 4, 2), "Cuti bersama Idul Fitri 1446 Hijriah", CB, SKB_2025, False),
    (date(2025, 4, 3), "Cuti bersama Idul Fitri 1446 Hijriah", CB, SKB_2025, False),
    (date(2025, 4, 4), "Cuti bersama Idul Fitri 1446 Hijriah", CB, SKB_2025, False),
    (date(2025, 4, 7), "Cuti bersama Idul Fitri 1446 Hijriah", CB, SKB_2025, False),
    (date(2025, 4, 18), "Wafat Yesus Kristus", LN, SKB_2025, False),
    (date(2025, 4, 20), "Kebangkitan Yesus Kristus (Paskah)", LN, SKB_2025, False),
    (date(2025, 5, 1), "Hari Buruh Internasional", LN, SKB_2025, False),
    (date(2025, 5, 12), "Hari Raya Waisak 2569 BE", LN, SKB_2025, False),
    (date(2025, 5, 13), "Cuti bersama Hari Raya Waisak 2569 BE", CB, SKB_2025, False),
    (date(2025, 5, 29), "Kenaikan Yesus Kristus", LN, SKB_2025, False),
    (date(2025, 5, 30), "Cuti bersama Kenaikan Yesus Kristus", CB, SKB_2025, False),
    (date(2025, 6, 1), "Hari Lahir Pancasila", LN, SKB_2025, False),
    (date(2025, 6, 6), "Idul Adha 1446 Hijriah", LN, SKB_2025, False),
    (date(2025, 6, 9), "Cuti bersama Idul Adha 1446 Hijriah", CB, SKB_2025, False),
    (date(2025, 6, 27), "1 Muharam Tahun Baru Islam 1447 Hijriah", LN, SKB_2025, False),
    (date(2025, 8, 17), "Proklamasi Kemerdekaan", LN, SKB_2025, False),
    (date(2025, 8, 18), "Cuti bersama Hari Kemerdekaan", CB, SKB_2025_CHANGE, False),
    (date(2025, 9, 5), "Maulid Nabi Muhammad SAW", LN, SKB_2025, False),
    (date(2025, 12, 25), "Kelahiran Yesus Kristus", LN, SKB_2025, False),
    (date(2025, 12, 26), "Cuti bersama Kelahiran Yesus Kristus", CB, SKB_2025, False),
    # 2026 — 17 libur nasional, 8 cuti bersama (signed 19 September 2025).
    (date(2026, 1, 1), "Tahun Baru 2026 Masehi", LN, SKB_2026, False),
    (date(2026, 1, 16), "Isra Mikraj Nabi Muhammad SAW", LN, SKB_2026, False),
    (date(2026, 2, 16), "Cuti bersama Tahun Baru Imlek 2577 Kongzili", CB, SKB_2026, False),
    (date(2026, 2, 17), "Tahun Baru Imlek 2577 Kongzili", LN, SKB_2026, False),
    (date(2026, 3, 18), "Cuti bersama Hari Suci Nyepi (Tahun Baru Saka 1948)", CB, SKB_2026, False),
    (date(2026, 3, 19), "Hari Suci Nyepi (Tahun Baru Saka 1948)", LN, SKB_2026, False),
    (date(2026, 3, 20), "Cuti bersama Idul Fitri 1447 Hijriah", CB, SKB_2026, False),
    (date(2026, 3, 21), "Idul Fitri 1447 Hijriah", LN, SKB_2026, False),
    (date(2026, 3, 22), "Idul Fitri 1447 Hijriah", LN, SKB_2026, False),
    (date(2026, 3, 23), "Cuti bersama Idul Fitri 1447 Hijriah", CB, SKB_2026, False),
    (date(2026, 3, 24), "Cuti bersama Idul Fitri 1447 Hijriah", CB, SKB_2026, False),
    (date(2026, 4, 3), "Wafat Yesus Kristus", LN, SKB_2026, False),
    (date(2026, 4, 5), "Kebangkitan Yesus Kristus (Paskah)", LN, SKB_2026, False),
    (date(2026, 5, 1), "Hari Buruh Internasional", LN, SKB_2026, False),
    (date(2026, 5, 14), "Kenaikan Yesus Kristus", LN, SKB_2026, False),
    (date(2026, 5, 15), "Cuti bersama Kenaikan Yesus Kristus", CB, SKB_2026, False),
    (date(2026, 5, 27), "Idul Adha 1447 Hijriah", LN, SKB_2026, False),
    (date(2026, 5, 28), "Cuti bersama Idul Adha 1447 Hijriah", CB, SKB_2026, False),
    (date(2026, 5, 31), "Hari Raya Waisak 2570 BE", LN, SKB_2026, False),
    (date(2026, 6, 1), "Hari Lahir Pancasila", LN, SKB_2026, False),
    (date(2026, 6, 16), "1 Muharam Tahun Baru Islam 1448 Hijriah", LN, SKB_2026, False),
    (date(2026, 8, 17), "Proklamasi Kemerdekaan", LN, SKB_2026, False),
    (date(2026, 8, 25), "Maulid Nabi Muhammad SAW", LN, SKB_2026, False),
    (date(2026, 12, 24), "Cuti bersama Kelahiran Yesus Kristus", CB, SKB_2026, False),
    (date(2026, 12, 25), "Kelahiran Yesus Kristus", LN, SKB_2026, False),
    # 2027 — provisional until the administrator checks the signed decree.
    (date(2027, 1, 1), "Tahun Baru 2027 Masehi", LN, ESTIMATE, True),
    (date(2027, 1, 5), "Isra Mikraj Nabi Muhammad SAW (1448 H)", LN, ESTIMATE, True),
    (date(2027, 2, 5), "Cuti bersama Tahun Baru Imlek 2578 Kongzili", CB, ESTIMATE, True),
    (date(2027, 2, 6), "Tahun Baru Imlek 2578 Kongzili", LN, ESTIMATE, True),
    (date(2027, 3, 8), "Hari Suci Nyepi (Tahun Baru Saka 1949)", LN, ESTIMATE, True),
    (date(2027, 3, 9), "Cuti bersama Idul Fitri 1448 Hijriah", CB, ESTIMATE, True),
    (date(2027, 3, 10), "Idul Fitri 1448 Hijriah", LN, ESTIMATE, True),
    (date(2027, 3, 11), "Idul Fitri 1448 Hijriah", LN, ESTIMATE, True),
    (date(2027, 3, 12), "Cuti bersama Idul Fitri 1448 Hijriah", CB, ESTIMATE, True),
    (date(2027, 3, 15), "Cuti bersama Idul Fitri 1448 Hijriah", CB, ESTIMATE, True),
    (date(2027, 3, 25), "Cuti bersama Wafat Yesus Kristus", CB, ESTIMATE, True),
    (date(2027, 3, 26), "Wafat Yesus Kristus", LN, ESTIMATE, True),
    (date(2027, 3, 28), "Kebangkitan Yesus Kristus (Paskah)", LN, ESTIMATE, True),
    (date(2027, 5, 1), "Hari Buruh Internasional", LN, ESTIMATE, True),
    (date(2027, 5, 6), "Kenaikan Yesus Kristus", LN, ESTIMATE, True),
    (date(2027, 5, 17), "Idul Adha 1448 Hijriah", LN, ESTIMATE, True),
    (date(2027, 5, 18), "Cuti bersama Idul Adha 1448 Hijriah", CB, ESTIMATE, True),
    (date(2027, 5, 19), "Cuti bersama Hari Raya Waisak 2571 BE", CB, ESTIMATE, True),
    (date(2027, 5, 20), "Hari Raya Waisak 2571 BE", LN, ESTIMATE, True),
    (date(2027, 6, 1), "Hari Lahir Pancasila", LN, ESTIMATE, True),
    (date(2027, 6, 6), "1 Muharam Tahun Baru Islam 1449 Hijriah", LN, ESTIMATE, True),
    (date(2027, 8, 15), "Maulid Nabi Muhammad SAW", LN, ESTIMATE, True),
    (date(2027, 8, 17), "Proklamasi Kemerdekaan", LN, ESTIMATE, True),
    (date(2027, 12, 24), "Cuti bersama Kelahiran Yesus Kristus", CB, ESTIMATE, True),
    (date(2027, 12, 25), "Kelahiran Yesus Kristus", LN, ESTIMATE, True),
    (date(2027, 12, 26), "Isra Mikraj Nabi Muhammad SAW (1449 H)", LN, ESTIMATE, True),
]


def seed(apps, schema_editor):
    Holiday = apps.get_model("casework", "Holiday")
    for day, name, kind, source, provisional in HOLIDAYS:
        # get_or_create: a date an administrator already entered is theirs to keep.
        Holiday.objects.get_or_create(
            date=day,
            defaults={"name": name, "kind": kind, "source": source, "is_provisional": provisional},
        )


def unseed(apps, schema_editor):
    Holiday = apps.get_model("casework", "Holiday")
    Holiday.objects.filter(date__in=[row[0] for row in HOLIDAYS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(seed, unseed),
    ]
