"""The monthly reports' numbers, compared with the same numbers computed again from the raw
rows in plain loops (recompute.py), on a data set across the four kinds (dataset.py)
holding the boundaries: the last minute of a semester, a reopened complaint, a complaint
moved to the WBS, a complaint entered days after it was received."""

import datetime

import pytest

from casework.kinds import get_kind
from casework.reporting import Period, reporting_of
from reports import monthly
from reports.document import Table, text_of
from reports.sections import figures as figure_sections
from reports.sections import upg_recap

from . import recompute

KINDS = ("pengaduan", "wbs", "gratifikasi", "benturan")
PERIODS = [
    Period.month(2025, 5),
    Period.month(2025, 6),
    Period.month(2025, 7),
    Period.semester(2025, 1),
    Period.semester(2025, 2),
    Period.year(2025),
]


def _tallies(tallies) -> dict:
    return {tally.key: tally.count for tally in tallies}


def test_every_figure_matches_a_recount_of_the_raw_rows(dataset):
    for kind in KINDS:
        reporting = reporting_of(get_kind(kind))
        for period in PERIODS:
            figures = reporting.figures(period)
            want = recompute.expected(kind, period)
            where = f"{kind} {period.slug}"
            assert figures.received == want.received, where
            assert figures.finished == want.finished, where
            assert figures.in_process == want.in_process, where
            assert figures.finished_on_time == want.on_time, where
            assert _tallies(figures.by_kategori) == dict(want.by_kategori), where
            assert _tallies(figures.by_channel) == (dict(want.by_channel) if reporting.channel_field else {}), where
            assert _tallies(figures.by_unit) == dict(want.by_unit), where
            assert {tally.key: tally.count for tally in figures.by_month if tally.count} == dict(want.by_month), where
            for month, (_label, finished, on_time) in zip(period.months(), figures.compliance_by_month, strict=True):
                assert finished == want.finished_by_month[month.slug], where
                assert on_time == want.on_time_by_month[month.slug], where
            trend = figure_sections.Trend.of(reporting, period)
            assert (trend.received, trend.finished, trend.finished_on_time) == (
                want.received,
                want.finished,
                want.on_time,
            ), where


def test_the_data_set_holds_what_it_is_meant_to(dataset):
    """The recount agrees with the reports; these say the data set itself is what we
    think it is, so an agreement is not an agreement on nothing."""
    cases = dataset.cases
    may = recompute.expected("pengaduan", Period.month(2025, 5))
    # p1 selesai, p2 diteruskan (late), p3 archived, p5 moved to WBS; p4 reopened.
    assert (may.received, may.finished, may.in_process, may.on_time) == (5, 4, 1, 3)
    assert cases["p4"].pk in may.ids and cases["p4"].state == "diverifikasi"
    assert cases["p4"].closed_at is None and cases["p4"].reopened_count == 1
    june = recompute.expected("pengaduan", Period.month(2025, 6))
    # The last minute of June, and the telephone complaint of 27 June entered in July.
    assert {cases["p6"].pk, cases["p8"].pk, cases["p9"].pk} == june.ids
    assert recompute.expected("pengaduan", Period.month(2025, 7)).ids == {cases["p7"].pk}
    # The complaint moved to the WBS closes as a complaint in May and is a WBS report of 12 May.
    assert cases["p5"].state == "dipindahkan_ke_wbs" and cases["p5"].pk in may.ids
    assert cases["w_moved"].received_on == datetime.date(2025, 5, 12)
    assert cases["w_moved"].pk in recompute.expected("wbs", Period.month(2025, 5)).ids
    benturan = recompute.expected("benturan", Period.month(2025, 6))
    assert (benturan.finished, benturan.on_time) == (1, 0)  # decided weeks late


@pytest.mark.parametrize("kind", KINDS)
def test_the_last_minute_of_a_semester_belongs_to_it(dataset, kind):
    reporting = reporting_of(get_kind(kind))
    first, second = Period.semester(2025, 1), Period.semester(2025, 2)
    year = reporting.figures(Period.year(2025)).received
    assert reporting.figures(first).received + reporting.figures(second).received == year
    if kind == "pengaduan":
        late = dataset.cases["p6"]
        assert late.received_on == datetime.date(2025, 6, 30)
        assert late.pk in recompute.expected(kind, first).ids
        assert late.pk not in recompute.expected(kind, second).ids
        assert late.pk in {row.case_id for row in reporting.follow_up_rows(first, public=True)}
        assert late.pk not in {row.case_id for row in reporting.follow_up_rows(second, public=True)}


def test_the_upg_recap_counts_the_declaration_of_the_last_minute_in_june(dataset):
    reporting = reporting_of(get_kind("gratifikasi"))
    june, july = Period.month(2025, 6), Period.month(2025, 7)
    semester = Period.semester(2025, 1)
    # g2, g3 and g4 (23:59 on 30 June) in June; g5 in July; g1 in May.
    assert reporting.recap(june).total == 3
    assert reporting.recap(july).total == 1
    assert reporting.recap(semester).total == 4
    assert reporting.recap(semester).by_jenis_laporan == {"penerimaan": 3, "penolakan": 1}
    recount = recompute.expected("gratifikasi", semester)
    assert reporting.recap(semester).total == recount.received
    assert reporting.recap(semester).by_jenis_laporan == dict(recount.by_kategori)
    # The semester recap lists its months, in the same numbers.
    sections = upg_recap.recap_sections(semester)
    per_month = sections[1].blocks[0]
    assert [row[-1] for row in per_month.rows] == [0, 0, 0, 0, 1, 3]
    assert per_month.footer[-1] == 4


def _summary(document) -> dict:
    table = document.sections[0].blocks[0]
    return {str(text_of(row[0])): text_of(row[1]) for row in table.rows}


@pytest.mark.parametrize("kind", KINDS)
def test_the_report_document_shows_the_recounted_numbers(dataset, kind):
    period = Period.month(2025, 6)
    want = recompute.expected(kind, period)
    document = monthly.monthly_document(kind, period, user=dataset.people.tpi)
    summary = _summary(document)
    assert summary["Diterima"] == want.received
    assert summary["Dalam proses"] == want.in_process
    assert summary["Selesai"] == want.finished
    assert summary["Selesai dalam batas waktu"] == want.on_time
    # The breakdown by kategori adds up to the month.
    kategori = next(
        block
        for section in document.sections
        for block in section.blocks
        if isinstance(block, Table) and block.caption == "Menurut kategori"
    )
    assert sum(row[1] for row in kategori.rows) == want.received
    assert {row[0] for row in kategori.rows} == {
        str((reporting_of(get_kind(kind)).kategori_labels or {}).get(key, key)) for key in want.by_kategori
    }


def test_the_follow_up_list_lists_each_case_of_the_month_once(dataset):
    period = Period.month(2025, 5)
    document = monthly.monthly_document("pengaduan", period, user=dataset.people.pengaduan)
    [table] = [
        block
        for section in document.sections
        for block in section.blocks
        if isinstance(block, Table) and section.title == "Tindak lanjut per kasus"
    ]
    references = [text_of(row[1]) for row in table.rows]
    assert sorted(references) == sorted(
        case.reference for key, case in dataset.cases.items() if key in ("p1", "p2", "p3", "p4", "p5")
    )
    by_reference = {text_of(row[1]): row for row in table.rows}
    p1, p2, p4 = (by_reference[dataset.cases[key].reference] for key in ("p1", "p2", "p4"))
    assert (p1[7], p2[7], p4[7]) == ("Ya", "Tidak", None)  # within the deadline / late / still open
    assert p4[6] is None  # reopened: not finished
    assert "Petugas perekaman ditambah" in p1[8]  # the unit's follow-up, for staff
    assert "Dibuka kembali 1 kali" in p4[8]
    assert "Ombudsman RI" in p2[8]


def test_a_summary_keeps_free_text_short():
    from casework.reporting import brief, join_summary

    assert brief("  Petugas   ditambah.\nAntrean lancar. ") == "Petugas ditambah. Antrean lancar."
    long = "kata " * 100
    cut = brief(long, limit=40)
    assert len(cut) <= 40 and cut.endswith("…") and not cut.endswith(" …")
    assert join_summary(["Diarsipkan.", "", "  ", "Dijawab 8 Mei 2025."]) == "Diarsipkan. Dijawab 8 Mei 2025."


def test_a_month_breakdown_counts_each_month_and_value(dataset):
    reporting = reporting_of(get_kind("pengaduan"))
    breakdown = reporting.monthly_breakdown(Period.semester(2025, 1), "state", get_kind("pengaduan").state_labels)
    want = {}
    for month in breakdown.months:
        for state, n in recompute.expected("pengaduan", month).by_state.items():
            want[(month.slug, state)] = n
    assert breakdown.counts == want
    assert sum(breakdown.month_total(month) for month in breakdown.months) == 8
