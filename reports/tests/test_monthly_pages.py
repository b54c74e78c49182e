"""The staff monthly report as a page, a PDF and a workbook: the same numbers in the
three, links to the cases behind the rows, English on request, and a number of queries
that does not grow with the data."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casework.reporting import Period

from . import dataset as dataset_module
from . import recompute

URL = "/staf/laporan/bulanan/"
JUNE = Period.month(2025, 6)


def _pdf_text(content: bytes) -> str:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(content)
    return "\n".join(pdf[index].get_textpage().get_text_range() for index in range(len(pdf)))


def _summary_cells(workbook_bytes: bytes) -> dict:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(workbook_bytes), read_only=True)
    cells = {}
    # The first sheet is the cover; the summary is the first table, on the second.
    for row in workbook.worksheets[1].iter_rows(values_only=True):
        if row and isinstance(row[0], str) and len(row) > 1:
            cells.setdefault(row[0], row[1])
    return cells


@pytest.mark.parametrize("area", ["pengaduan", "wbs", "gratifikasi", "benturan"])
def test_page_pdf_and_workbook_show_the_same_recounted_numbers(dataset, signed_in, area):
    client = signed_in(dataset.people.tpi)
    want = recompute.expected(area, JUNE)
    page = client.get(URL, {"bulan": "2025-06", "area": area})
    assert page.status_code == 200
    document = page.context["document"]
    summary = {row[0]: row[1] for row in document.sections[0].blocks[0].rows}
    assert (summary["Diterima"], summary["Dalam proses"], summary["Selesai"]) == (
        want.received,
        want.in_process,
        want.finished,
    )
    pdf = client.get(URL, {"bulan": "2025-06", "area": area, "format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf"
    text = _pdf_text(pdf.content)
    assert f"Diterima {want.received}" in text.replace("\r", "").replace("\n", " ")
    assert f"Selesai {want.finished}" in text.replace("\r", "").replace("\n", " ")
    workbook = client.get(URL, {"bulan": "2025-06", "area": area, "format": "xlsx"})
    cells = _summary_cells(b"".join(workbook.streaming_content))
    assert (cells["Diterima"], cells["Dalam proses"], cells["Selesai"]) == (
        want.received,
        want.in_process,
        want.finished,
    )


def test_each_row_links_to_its_case(dataset, signed_in):
    body = signed_in(dataset.people.pengaduan).get(URL, {"bulan": "2025-05", "area": "pengaduan"}).content.decode()
    for key in ("p1", "p2", "p3", "p4", "p5"):
        case = dataset.cases[key]
        assert f'<a href="/staf/pengaduan/{case.pk}/">{case.reference}</a>' in body


def test_the_downloads_keep_the_month_and_area_shown(dataset, signed_in):
    body = signed_in(dataset.people.tpi).get(URL).content.decode()
    # Today is 31 July 2025: June, and the first area.
    assert "?bulan=2025-06&amp;area=pengaduan&amp;format=pdf" in body
    assert "?bulan=2025-06&amp;area=pengaduan&amp;format=xlsx" in body


def test_the_report_speaks_english_on_request(dataset, signed_in):
    client = signed_in(dataset.people.tpi)
    client.post("/i18n/setlang/", {"language": "en", "next": URL})
    body = client.get(URL, {"bulan": "2025-06", "area": "pengaduan"}).content.decode()
    assert "Monthly Follow-up Report on Public Complaints" in body
    assert "Finished within the deadline" in body and "June 2025" in body


def _queries(client, area: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, {"bulan": "2025-06", "area": area}).status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_data(dataset, signed_in, monkeypatch):
    readers = {"pengaduan": dataset.people.pengaduan, "benturan": dataset.people.tim, "gratifikasi": dataset.people.upg}
    clients = {area: signed_in(user) for area, user in readers.items()}
    # The first request of a session fills what the layout keeps (the unit's profile).
    for area, client in clients.items():
        _queries(client, area)
    small = {area: _queries(client, area) for area, client in clients.items()}
    dataset_module.add_more(monkeypatch, dataset.people, 6)
    assert recompute.expected("benturan", JUNE).received == 1 + 6
    large = {area: _queries(client, area) for area, client in clients.items()}
    assert large == small
