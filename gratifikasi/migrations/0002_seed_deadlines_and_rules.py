"""Seed the deadline clocks of a declaration and the not-obligatory rules, both sets.

Both are data the administrator may correct later in the admin; the rows are frozen here
rather than imported from the app, so this migration gives the same result whenever it
runs. A row that already exists (same kind, clock and effective date; same category and
effective date) is left as it is, so a later edit is never overwritten.

Deadlines (working days, domain.md §5):
- lapor_kpk 30: from the day the gift was received to KPK (UU 20/2001 Pasal 12C ayat (2);
  UU 30/2002 Pasal 16). The UPG's clock: it must have forwarded by then.
- lapor_upg 10: employee to the UPG; upg_kpk 10: the UPG to KPK. Agency rules (no national
  text binds them); their effective date is that of the legal limit they serve, so a gift
  of any date can be judged.
- kelengkapan: the declarant's time to complete a report sent back, 30 before Peraturan
  KPK 1/2026 and 20 from its promulgation (20 January 2026), by the send-back date.
- keputusan_kpk 30: KPK's decision after a complete report (UU 30/2002 Pasal 17).
- penyerahan 7: an object declared state property handed over after the decision.
lapor_upg, kelengkapan and keputusan_kpk are waiting periods: the declarant's or KPK's
time, never the UPG officers' (they make no case overdue).

Rules: Peraturan KPK 2/2019 Pasal 2 ayat (3) huruf a–q (Berita Negara 2019 No. 1438).
Its exact date of entry into force was not verified here: the 2019 set is effective from
1 January 2019 (an assumption the administrator may correct). Peraturan KPK 1/2026,
promulgated 20 January 2026, raised huruf l to Rp1.500.000 and huruf o to Rp500.000 per
gift and Rp1.500.000 a year, and deleted huruf n; those three 2019 rows end on
19 January 2026, the new versions start on 20 January 2026, and every other category
carries over unchanged. The bereavement rule (huruf m) has no cap, as domain.md §5 states.
"""

from datetime import date
from decimal import Decimal

from django.db import migrations

from casework.sla import seed_policies, unseed_policies

KIND = "gratifikasi"
UU_TIPIKOR = "2001-11-21"
UU_KPK = "2002-12-27"
PERKOM_2019 = "2019-01-01"
PERKOM_2026 = "2026-01-20"
LAST_DAY_2019_SET = date(2026, 1, 19)

DEADLINES = [
    # (clock, label, working days, effective from, source)
    (
        "lapor_kpk",
        "Pelaporan gratifikasi ke KPK",
        30,
        UU_TIPIKOR,
        "UU 31/1999 jo. UU 20/2001 Pasal 12C ayat (2); UU 30/2002 Pasal 16",
    ),
    (
        "lapor_upg",
        "Pelaporan gratifikasi oleh pegawai kepada UPG",
        10,
        UU_TIPIKOR,
        "Ketentuan pengendalian gratifikasi instansi (UPG)",
    ),
    (
        "upg_kpk",
        "Penerusan laporan oleh UPG kepada KPK",
        10,
        UU_TIPIKOR,
        "Ketentuan pengendalian gratifikasi instansi (UPG)",
    ),
    ("kelengkapan", "Melengkapi laporan gratifikasi", 30, PERKOM_2019, "Peraturan KPK 2/2019"),
    (
        "kelengkapan",
        "Melengkapi laporan gratifikasi",
        20,
        PERKOM_2026,
        "Peraturan KPK 2/2019 sebagaimana diubah Peraturan KPK 1/2026",
    ),
    ("keputusan_kpk", "Penetapan status gratifikasi oleh KPK", 30, UU_KPK, "UU 30/2002 Pasal 17"),
    (
        "penyerahan",
        "Penyerahan gratifikasi milik negara",
        7,
        UU_KPK,
        "UU 30/2002 Pasal 17; Peraturan KPK 2/2019",
    ),
]
WAITING_PERIODS = ["lapor_upg", "kelengkapan", "keputusan_kpk"]

CEREMONIES = ["pernikahan", "acara_adat", "keagamaan"]
NOT_OFFICIAL_DUTY = ["acara_adat", "keagamaan", "ulang_tahun", "mutasi_promosi", "pernikahan", "musibah", "lainnya"]
NO_CONFLICT = "sepanjang tidak terdapat benturan kepentingan"


def rule(category, letter, title, explanation, **criteria):
    return {"category": category, "letter": letter, "title": title, "explanation": explanation, **criteria}


RULES_2019 = [
    rule(
        "keluarga",
        "a",
        "Pemberian dalam keluarga",
        "Pemberian dari kakek/nenek, bapak/ibu/mertua, suami/istri, anak/menantu, anak angkat/wali, cucu, besan, "
        f"paman/bibi, kakak/adik/ipar, sepupu, atau keponakan, {NO_CONFLICT}.",
        hubungan=["keluarga"],
    ),
    rule(
        "investasi",
        "b",
        "Keuntungan atau bunga investasi pribadi",
        "Keuntungan atau bunga dari penempatan dana, investasi, atau kepemilikan saham pribadi yang berlaku umum.",
        auto_match=False,
    ),
    rule(
        "koperasi",
        "c",
        "Manfaat koperasi atau organisasi kepegawaian",
        "Manfaat dari koperasi, organisasi kepegawaian, atau organisasi sejenis berdasarkan keanggotaan, yang "
        "berlaku umum.",
        auto_match=False,
    ),
    rule(
        "perlengkapan_kegiatan",
        "d",
        "Perlengkapan peserta kegiatan kedinasan",
        "Perangkat atau perlengkapan yang diberikan kepada semua peserta kegiatan kedinasan seperti seminar, "
        "workshop, konferensi, atau pelatihan.",
        peristiwa=["seminar"],
        non_cash_only=True,
    ),
    rule(
        "promosi",
        "e",
        "Alat promosi atau sosialisasi",
        "Hadiah bukan uang yang dimaksudkan sebagai alat promosi atau sosialisasi (dengan logo atau pesan "
        f"sosialisasi) dan berlaku umum, {NO_CONFLICT}.",
        non_cash_only=True,
        auto_match=False,
    ),
    rule(
        "kompetisi",
        "f",
        "Hadiah kejuaraan atau kompetisi",
        "Hadiah, apresiasi, atau penghargaan dari kejuaraan, perlombaan, atau kompetisi yang diikuti dengan biaya "
        "sendiri dan tidak terkait kedinasan.",
        auto_match=False,
    ),
    rule(
        "penghargaan_pemerintah",
        "g",
        "Penghargaan dari pemerintah",
        "Penghargaan berupa uang atau barang terkait peningkatan prestasi kerja yang diberikan pemerintah sesuai "
        "peraturan perundang-undangan.",
        auto_match=False,
    ),
    rule(
        "undian_diskon",
        "h",
        "Hadiah langsung, undian, diskon yang berlaku umum",
        "Hadiah langsung atau undian, diskon/rabat, voucher, point rewards, atau suvenir yang berlaku umum dan "
        "tidak terkait kedinasan.",
        auto_match=False,
    ),
    rule(
        "honor_profesi",
        "i",
        "Honor atas profesi di luar kedinasan",
        "Kompensasi atau honor atas profesi di luar kegiatan kedinasan yang tidak terkait tugas, "
        f"{NO_CONFLICT} dan tidak melanggar kode etik.",
        auto_match=False,
    ),
    rule(
        "kompensasi_kedinasan",
        "j",
        "Honorarium kedinasan sesuai standar biaya",
        "Honorarium, transportasi, akomodasi, dan pembiayaan kegiatan kedinasan yang sesuai standar biaya instansi "
        f"penerima, tanpa pembiayaan ganda, {NO_CONFLICT}.",
        auto_match=False,
    ),
    rule(
        "karangan_bunga",
        "k",
        "Karangan bunga",
        "Karangan bunga sebagai ucapan dalam acara seperti pertunangan, pernikahan, kelahiran, kematian, akikah, "
        "baptis, khitanan, upacara adat/agama, pisah sambut, pensiun, atau promosi jabatan.",
        auto_match=False,
    ),
    rule(
        "upacara",
        "l",
        "Pemberian terkait pernikahan dan upacara adat/agama",
        "Pemberian terkait pertunangan, pernikahan, kelahiran, akikah, baptis, khitanan, potong gigi, atau upacara "
        "adat/agama lainnya, paling banyak Rp1.000.000 per pemberi.",
        peristiwa=CEREMONIES,
        max_per_gift=Decimal(1_000_000),
        effective_to=LAST_DAY_2019_SET,
    ),
    rule(
        "musibah",
        "m",
        "Pemberian terkait musibah atau bencana",
        "Pemberian terkait musibah atau bencana yang dialami penerima, bapak/ibu/mertua, suami/istri, atau anak "
        "penerima.",
        peristiwa=["musibah"],
    ),
    rule(
        "rekan_pisah_sambut",
        "n",
        "Pemberian sesama rekan kerja: pisah sambut, pensiun, mutasi, ulang tahun",
        "Pemberian sesama rekan kerja dalam rangka pisah sambut, pensiun, mutasi jabatan, atau ulang tahun, bukan "
        "berupa uang, paling banyak Rp300.000 per pemberian dan kurang dari Rp1.000.000 setahun dari pemberi yang "
        f"sama, {NO_CONFLICT}.",
        peristiwa=["mutasi_promosi", "ulang_tahun"],
        hubungan=["rekan_kerja"],
        non_cash_only=True,
        max_per_gift=Decimal(300_000),
        max_per_year_per_giver=Decimal(1_000_000),
        year_cap_inclusive=False,
        effective_to=LAST_DAY_2019_SET,
    ),
    rule(
        "rekan_lainnya",
        "o",
        "Pemberian lain sesama rekan kerja",
        "Pemberian sesama rekan kerja yang bukan berupa uang dan tidak terkait kedinasan, paling banyak Rp200.000 "
        f"per pemberian dan tidak melebihi Rp1.000.000 setahun dari pemberi yang sama, {NO_CONFLICT}.",
        peristiwa=NOT_OFFICIAL_DUTY,
        hubungan=["rekan_kerja"],
        non_cash_only=True,
        max_per_gift=Decimal(200_000),
        max_per_year_per_giver=Decimal(1_000_000),
        effective_to=LAST_DAY_2019_SET,
    ),
    rule(
        "hidangan",
        "p",
        "Hidangan atau sajian yang berlaku umum",
        "Hidangan atau sajian yang disediakan untuk umum.",
        penerimaan=["makanan"],
        non_cash_only=True,
    ),
    rule(
        "cendera_mata_instansi",
        "q",
        "Cendera mata untuk instansi",
        "Cendera mata atau plakat kepada instansi dalam hubungan kedinasan dan kenegaraan, sepanjang tidak "
        "diberikan untuk pegawai secara pribadi.",
        auto_match=False,
    ),
]

RULES_2026 = [
    rule(
        "upacara",
        "l",
        "Pemberian terkait pernikahan dan upacara adat/agama",
        "Pemberian terkait pertunangan, pernikahan, kelahiran, akikah, baptis, khitanan, potong gigi, atau upacara "
        "adat/agama lainnya, paling banyak Rp1.500.000 per pemberi.",
        peristiwa=CEREMONIES,
        max_per_gift=Decimal(1_500_000),
    ),
    rule(
        "rekan_lainnya",
        "o",
        "Pemberian sesama rekan kerja",
        "Pemberian sesama rekan kerja yang bukan berupa uang dan tidak terkait kedinasan, paling banyak Rp500.000 "
        f"per pemberian dan tidak melebihi Rp1.500.000 setahun dari pemberi yang sama, {NO_CONFLICT}.",
        peristiwa=NOT_OFFICIAL_DUTY,
        hubungan=["rekan_kerja"],
        non_cash_only=True,
        max_per_gift=Decimal(500_000),
        max_per_year_per_giver=Decimal(1_500_000),
    ),
]


def _source(letter: str, amended: bool) -> str:
    base = f"Peraturan KPK 2/2019 Pasal 2 ayat (3) huruf {letter}"
    return f"{base}, diubah Peraturan KPK 1/2026" if amended else base


def _rows():
    for spec in RULES_2019:
        yield date.fromisoformat(PERKOM_2019), spec, _source(spec["letter"], amended=False)
    for spec in RULES_2026:
        yield date.fromisoformat(PERKOM_2026), spec, _source(spec["letter"], amended=True)


def forwards(apps, schema_editor):
    seed_policies(apps, KIND, DEADLINES, waiting_periods=WAITING_PERIODS)
    ExemptionRule = apps.get_model("gratifikasi", "ExemptionRule")
    for effective_from, spec, source in _rows():
        values = dict(spec)
        category = values.pop("category")
        values.setdefault("peristiwa", [])
        values.setdefault("hubungan", [])
        values.setdefault("penerimaan", [])
        ExemptionRule.objects.get_or_create(
            category=category, effective_from=effective_from, defaults={**values, "source": source}
        )


def backwards(apps, schema_editor):
    ExemptionRule = apps.get_model("gratifikasi", "ExemptionRule")
    Gratifikasi = apps.get_model("gratifikasi", "Gratifikasi")
    cited = set(Gratifikasi.objects.values_list("saran_pengecualian", flat=True)) | set(
        Gratifikasi.objects.values_list("aturan_dikutip", flat=True)
    )
    for effective_from, spec, _source_text in _rows():
        # A rule some declaration cites is history and stays.
        ExemptionRule.objects.filter(category=spec["category"], effective_from=effective_from).exclude(
            pk__in=[pk for pk in cited if pk is not None]
        ).delete()
    unseed_policies(apps, KIND, DEADLINES)


class Migration(migrations.Migration):
    dependencies = [
        ("gratifikasi", "0001_initial"),
        ("casework", "0003_deadline_waiting_period"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
