"""The sections the monthly reports borrow from the kinds' registers: the UPG recap (a month
and a semester), the conflict-of-interest implementation matrix and the risk map, each
compared with a recount of the raw rows."""

import datetime
from collections import Counter
from decimal import Decimal

from benturan import services_risk_map
from benturan.choices import Sumber
from benturan.models import Benturan, Pengendalian, PetaRisiko
from benturan.models.peta_risiko import Objek
from casework.kinds import get_kind
from casework.reporting import Period, reporting_of
from gratifikasi.models import Gratifikasi
from reports.document import Table, text_of
from reports.sections import benturan_registers, upg_recap

from . import recompute

SEMESTER = Period.semester(2025, 1)


def _tables(sections) -> dict[str, Table]:
    return {block.caption: block for section in sections for block in section.blocks if isinstance(block, Table)}


def test_the_upg_recap_matches_a_recount_of_the_declarations(dataset):
    tables = _tables(upg_recap.recap_sections(SEMESTER))
    declarations = [
        row
        for row in Gratifikasi.objects.values("received_on", "jenis_laporan", "nilai", "jenis_penerimaan", "state")
        if SEMESTER.start <= row["received_on"] <= SEMESTER.end
    ]
    by_jenis = {text_of(row[0]): row[1] for row in tables["Menurut jenis laporan"].rows}
    assert by_jenis["Seluruh laporan"] == len(declarations) == 4
    assert by_jenis["Penerimaan gratifikasi"] == sum(1 for row in declarations if row["jenis_laporan"] == "penerimaan")
    values = {text_of(row[0]): row[1] for row in tables["Nilai"].rows}
    assert values["Nilai gratifikasi yang diterima"] == sum(
        (row["nilai"] for row in declarations if row["jenis_laporan"] == "penerimaan"), Decimal(0)
    )
    assert values["Nilai gratifikasi yang ditolak"] == Decimal(500_000)
    kinds = tables["Jenis penerimaan"]
    assert kinds.footer[1] == sum(1 for row in declarations if row["jenis_laporan"] == "penerimaan")
    stages = tables["Menurut tahap penanganan"]
    assert stages.footer[1] == len(declarations)


def test_a_month_recap_has_no_month_table_and_a_semester_one_does(dataset):
    month = _tables(upg_recap.recap_sections(Period.month(2025, 6)))
    assert "Laporan gratifikasi per bulan" not in month
    semester = _tables(upg_recap.recap_sections(SEMESTER))["Laporan gratifikasi per bulan"]
    assert [row[0] for row in semester.rows] == [month.label for month in SEMESTER.months()]
    assert semester.footer[-1] == recompute.expected("gratifikasi", SEMESTER).received


def test_the_implementation_matrix_lists_the_readers_cases_and_counts_all(dataset):
    people = dataset.people
    section = benturan_registers.matrix_section(SEMESTER, user=people.tim)
    tables = _tables([section])
    matrix = tables["Matriks implementasi"]
    assert list(matrix.columns) == [
        "Nomor",
        "Diterima",
        "Unit kerja",
        "Pejabat",
        "Yang terdampak",
        "Pengendalian",
        "Penanggung jawab",
        "Status",
        "Dilaksanakan",
    ]
    assert {text_of(row[0]) for row in matrix.rows} == {dataset.cases[key].reference for key in ("b1", "b2")}
    b1 = next(row for row in matrix.rows if text_of(row[0]) == dataset.cases["b1"].reference)
    assert "Tidak ikut mengambil keputusan (recusal)" in b1[5] and b1[8] == datetime.date(2025, 5, 26)
    # The counts recount the raw rows: states of the semester's cases, and their controls.
    cases = [row for row in Benturan.objects.values("pk", "state", "received_on") if row["received_on"] in SEMESTER]
    states = Counter(row["state"] for row in cases)
    labels = get_kind("benturan").state_labels
    assert {row[0]: row[1] for row in tables["Kasus menurut status"].rows} == {
        str(labels[state]): n for state, n in states.items()
    }
    ids = {row["pk"] for row in cases}
    controls = Counter(
        jenis for benturan_id, jenis in Pengendalian.objects.values_list("benturan_id", "jenis") if benturan_id in ids
    )
    assert sum(row[1] for row in tables["Pengendalian yang diputuskan"].rows) == sum(controls.values()) == 2
    # The Tim ZI reads the counts, not the rows.
    section = benturan_registers.matrix_section(SEMESTER, user=people.tpi)
    assert "Matriks implementasi" not in _tables([section])
    assert any(getattr(block, "text", "").startswith("2 kasus lain") for block in section.blocks)


def test_the_risk_map_matches_its_entries(dataset):
    people = dataset.people
    for nama, kemungkinan, dampak, review in (
        ("Verifikator berkas KTP-el", 2, 4, datetime.date(2026, 1, 10)),
        ("Pengadaan blangko", 4, 5, datetime.date(2025, 9, 1)),
        ("Penerbitan akta", 4, 5, datetime.date(2026, 3, 1)),
    ):
        services_risk_map.peta_risiko_create(
            actor=people.tim,
            data={
                "unit": people.units["identitas"],
                "objek": Objek.PROSES,
                "nama": nama,
                "uraian_risiko": "Pemohon dari keluarga sendiri.",
                "sumber": Sumber.AFILIASI_KELUARGA,
                "kemungkinan": kemungkinan,
                "dampak": dampak,
                "pengendalian_ada": "",
                "pemilik": people.kasi,
                "tinjau_berikutnya": review,
            },
        )
    # A review date that has since passed (test data: the service takes only future ones).
    PetaRisiko.objects.filter(nama="Pengadaan blangko").update(tinjau_berikutnya=datetime.date(2025, 7, 1))
    risk = reporting_of(get_kind("benturan")).risk_map(user=people.tpi)
    entries = list(PetaRisiko.objects.values("kemungkinan", "dampak", "tinjau_berikutnya"))
    assert risk.grid == dict(Counter((row["kemungkinan"], row["dampak"]) for row in entries))
    assert {tally.key: tally.count for tally in risk.by_level if tally.count} == {"sedang": 1, "sangat_tinggi": 2}
    assert risk.overdue == 1  # today is 31 July 2025
    [section] = benturan_registers.risk_map_sections(user=people.tpi)
    tables = _tables([section])
    grid = tables["Jumlah entri per sel matriks kemungkinan × dampak"]
    assert sum(sum(row[1:]) for row in grid.rows) == 3
    assert len(tables["Daftar entri peta risiko"].rows) == 3
    # Someone who reads no register gets no risk map.
    assert benturan_registers.risk_map_sections(user=people.pegawai) == ()
