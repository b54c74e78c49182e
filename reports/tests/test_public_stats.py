"""The public statistics page (/statistik/): open to anyone, anonymised, never a *rahasia*
case or a WBS report as a row, its numbers those of a recount of the raw rows, and a
fixed number of queries whatever the number of cases."""

import datetime
import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casework.kinds import get_kind
from casework.reporting import Period, reporting_of
from reports import public_stats, public_stats_cache
from reports.document import Table, text_of

from . import dataset as dataset_module
from . import recompute

URL = "/statistik/"
JUNE = Period.month(2025, 6)
MAY = Period.month(2025, 5)

#: What the data set's people and cases wrote or are called: none of it may be public.
NEVER_PUBLIC = (
    "PGD/2025",
    "WBS/2025",
    "GRT/2025",
    "BTK/2025",
    "Pengaduan p",  # titles
    "Isi pengaduan",
    "Petugas perekaman",  # the unit's follow-up text
    "Bapak Ahmad",  # the answer to the complainant
    "Ombudsman RI",  # where a rahasia complaint was forwarded (a staff note)
    "Pungli",
    "Pimpinan",
    "Rina Marlina",
    "Budi Santoso",
    "CV Sinar Cetak",
    "Sepupu saya",
    "Korupsi",  # a WBS kategori: WBS is counts only
)


def _public_tables(document) -> list[Table]:
    return [block for section in document.sections for block in section.blocks if isinstance(block, Table)]


def _section(document, title):
    return next(section for section in document.sections if section.title == title)


def test_anyone_reads_it_without_signing_in(client, dataset):
    response = client.get(URL)
    assert response.status_code == 200
    # Today is 31 July 2025 in the data set: the last complete month is June.
    assert response.context["period"] == JUNE
    body = response.content.decode()
    assert "Statistik penanganan pengaduan dan integritas" in body
    assert f'href="{reverse("pengaduan:monthly")}?bulan=2025-06"' in body  # the complaints' own list


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("bulan-lalu", "Tulis bulan dengan format TTTT-BB"),
        ("2025-13", "Tulis bulan dengan format TTTT-BB"),
        ("2025-S1", "Tulis bulan dengan format TTTT-BB"),
        ("2025-08", "belum tiba"),
        ("1999-12", "Laporan tersedia mulai Januari 2000"),
    ],
)
def test_a_bad_month_is_answered_with_what_to_type(client, people, value, message):
    response = client.get(URL, {"bulan": value})
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert "document" not in response.context or response.context.get("document") is None


def test_the_landing_page_links_it_in_its_footer(client, db):
    body = client.get(reverse("home")).content.decode()
    footer = body[body.index('<footer class="site-footer">') :]
    assert f'href="{reverse("reports_public:statistics")}"' in footer


def test_its_numbers_are_a_recount_of_the_raw_rows(dataset):
    document = public_stats.public_document(JUNE)
    complaints = _section(document, "Pengaduan masyarakat")
    summary = {text_of(row[0]): text_of(row[1]) for row in complaints.blocks[0].rows}
    want = recompute.expected("pengaduan", JUNE)
    # A rahasia complaint (p9) is counted, never listed.
    assert dataset.cases["p9"].pk in want.ids
    assert summary["Diterima"] == want.received == 3
    assert summary["Selesai"] == want.finished
    assert summary["Selesai dalam batas waktu"] == want.on_time
    status = next(
        block for block in complaints.blocks if isinstance(block, Table) and block.caption.startswith("Menurut status")
    )
    labels = get_kind("pengaduan").state_labels
    assert {row[0]: row[1] for row in status.rows} == {str(labels[state]): n for state, n in want.by_state.items()}
    for kind, title in (("wbs", "Whistle-Blowing System (WBS)"), ("benturan", "Benturan kepentingan")):
        counts = {text_of(row[0]): text_of(row[1]) for row in _section(document, title).blocks[0].rows}
        want = recompute.expected(kind, JUNE)
        assert (counts["Diterima"], counts["Dalam proses"], counts["Selesai"]) == (
            want.received,
            want.in_process,
            want.finished,
        )
    gifts = _section(document, "Gratifikasi")
    per_month = next(block for block in gifts.blocks if isinstance(block, Table))
    june_row = next(row for row in per_month.rows if row[0] == JUNE.label)
    want = recompute.expected("gratifikasi", JUNE)
    assert june_row[1:] == (want.by_kategori["penerimaan"], want.by_kategori["penolakan"], want.received)


@pytest.mark.parametrize("period", [MAY, JUNE, Period.month(2025, 7)])
def test_the_list_names_only_publishable_cases(dataset, period):
    reportings = [reporting_of(get_kind(kind)) for kind in ("pengaduan", "gratifikasi", "benturan", "wbs")]
    rows = public_stats.public_rows(period, reportings)
    listed = {(row.kind, row.case_id) for _label, row in rows}
    want = {
        (kind, pk)
        for kind in ("pengaduan", "gratifikasi", "benturan", "wbs")
        for pk in recompute.public_ids(kind, period)
    }
    assert listed == want
    assert all(row.reference == "" for _label, row in rows)
    table = _public_tables(public_stats.public_document(period))[-1]
    assert len(table.rows) == len(rows)


def test_a_rahasia_case_a_moved_complaint_and_wbs_are_never_rows(dataset):
    cases = dataset.cases
    may = {row.case_id for _label, row in public_stats.public_rows(MAY, [reporting_of(get_kind("pengaduan"))])}
    assert cases["p1"].pk in may and cases["p3"].pk in may and cases["p4"].pk in may
    assert cases["p2"].pk not in may  # rahasia
    assert cases["p5"].pk not in may  # moved to the WBS, though biasa
    june = {row.case_id for _label, row in public_stats.public_rows(JUNE, [reporting_of(get_kind("pengaduan"))])}
    assert cases["p9"].pk not in june and cases["p6"].pk in june
    assert reporting_of(get_kind("wbs")).follow_up_rows(MAY, public=True) == []


def test_the_public_summary_says_only_what_may_be_published(dataset):
    rows = {row.case_id: row for _label, row in public_stats.public_rows(MAY, [reporting_of(get_kind("pengaduan"))])}
    p1 = rows[dataset.cases["p1"].pk]
    assert p1.summary == "Ditindaklanjuti oleh Seksi Identitas Penduduk. Dijawab 8 Mei 2025."
    assert rows[dataset.cases["p3"].pk].summary == "Diarsipkan: Spam."


def _pdf_text(content: bytes) -> str:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(content)
    return "\n".join(pdf[index].get_textpage().get_text_range() for index in range(len(pdf)))


def _xlsx_text(content: bytes) -> str:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(content), read_only=True)
    return "\n".join(
        str(value) for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True) for value in row
    )


@pytest.mark.parametrize("bulan", ["2025-05", "2025-06"])
def test_no_format_says_what_may_never_be_published(client, dataset, bulan):
    page = client.get(URL, {"bulan": bulan}).content.decode()
    pdf = _pdf_text(client.get(URL, {"bulan": bulan, "format": "pdf"}).content)
    workbook = _xlsx_text(b"".join(client.get(URL, {"bulan": bulan, "format": "xlsx"}).streaming_content))
    for text in NEVER_PUBLIC:
        assert text not in page, text
        assert text not in pdf, text
        assert text not in workbook, text
    # The same month's figures in the three.
    want = recompute.expected("pengaduan", Period.parse(bulan))
    assert str(want.received) in pdf and str(want.received) in workbook


def _queries(client, bulan="2025-06", *, counted=True) -> int:
    """The queries of one visit; with `counted`, of one that counts the month again (the
    figures are otherwise kept: reports.public_stats_cache)."""
    if counted:
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, {"bulan": bulan}).status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_data(client, dataset, monkeypatch):
    _queries(client)  # the first request fills what the layout keeps (the unit's profile)
    small = _queries(client)
    dataset_module.add_more(monkeypatch, dataset.people, 8)
    assert recompute.expected("pengaduan", JUNE).received == 3 + 8
    large = _queries(client)
    assert large == small
    # And it stays a handful per kind.
    assert small <= 25


def test_a_visit_reads_the_figures_as_last_counted_until_they_are_counted_again(client, dataset, monkeypatch):
    def received_in_june():
        return client.get(URL, {"bulan": "2025-06"}).context["document_html"]

    before = received_in_june()
    assert "Dihitung pada" in client.get(URL, {"bulan": "2025-06"}).content.decode()
    # Kept: a visit reads no case at all.
    with CaptureQueriesContext(connection) as kept:
        client.get(URL, {"bulan": "2025-06"})
    assert not any("casework_case" in query["sql"] for query in kept.captured_queries)
    dataset_module.add_more(monkeypatch, dataset.people, 8)
    assert received_in_june() == before
    # The periodic task counts the months the page opens on, in both languages.
    keys = public_stats_cache.count_ahead(today=datetime.date(2025, 7, 31))
    assert sorted(keys) == sorted(
        f"public-statistics:{month}:{language}" for month in ("2025-06", "2025-07") for language in ("id", "en")
    )
    assert received_in_june() != before


def test_the_periodic_tasks_count_the_page_ahead(settings):
    assert "reports.dashboard.tasks.count_public_statistics" in settings.SIGAP_PERIODIC_TASKS
    assert settings.SIGAP_PUBLIC_STATS_MINUTES > settings.SIGAP_SWEEP_INTERVAL_MINUTES
