"""One document, three formats: the page, the PDF and the workbook show the same numbers,
the PDF carries the unit's letterhead and page numbers, and charts need no inline style."""

import io
import re
from datetime import date, timedelta
from decimal import Decimal

import openpyxl
import pypdfium2
import pytest
from django.test import RequestFactory
from PIL import Image

from accounts.models import UnitKerja, UnitProfile
from accounts.profiles import profile_for
from casework.pdf_letterhead import Letterhead, letterhead_for
from reports import charts, formats
from reports.document import Chart, Document, Link, Paragraph, Section, Series, Signature, Table


def sample(rows: int = 3) -> Document:
    table = Table(
        columns=("Bulan", "Diterima", "Kepatuhan (%)", "Tanggal"),
        rows=tuple(
            (f"Bulan {i}", 1000 + i, Decimal("87.5"), date(2026, 1, 1) + timedelta(days=i)) for i in range(rows)
        ),
        footer=("Jumlah", sum(1000 + i for i in range(rows)), None, None),
        caption="Rekap per bulan",
    )
    chart = Chart(
        title="Tren <bulanan> & kepatuhan",
        categories=tuple(f"Bulan {i}" for i in range(rows)),
        series=(
            Series("Diterima", tuple(1000 + i for i in range(rows))),
            Series("Selesai", tuple(i for i in range(rows))),
        ),
    )
    return Document(
        title="Laporan Uji",
        subtitle="Semester I 2026",
        slug="laporan-uji",
        sections=(
            Section("Pendahuluan", (Paragraph("Baris satu <b>tebal?</b>\nBaris dua"),)),
            Section("Statistik", (table, chart, Table(columns=("A",), rows=(), empty="Tidak ada data."))),
            Section("Tautan", (Table(columns=("Kasus",), rows=((Link("12", "/staf/kasus/1/"),),)),)),
        ),
        signature=Signature(place="Kota Contoh", day=date(2026, 7, 1), office="Kepala Dinas", name="Budi", nip="1973"),
    )


def pdf_text(content: bytes) -> str:
    pdf = pypdfium2.PdfDocument(content)
    return "\n".join(pdf[index].get_textpage().get_text_range() for index in range(len(pdf)))


def test_a_table_refuses_a_row_of_the_wrong_width():
    with pytest.raises(ValueError):
        Table(columns=("a", "b"), rows=(("only one",),))


def test_the_pdf_shows_the_numbers_the_page_shows(rf, db):
    doc = sample()
    page = formats.respond(rf.get("/"), doc, "html").content.decode()
    text = pdf_text(formats.pdf_bytes(doc))
    for number in ("1.000", "1.001", "1.002", "3.003", "87,5"):
        assert number in page and number in text
    assert "1 Januari 2026" in page and "1 Januari 2026" in text
    assert "Halaman 1 dari" in text
    assert "NIP. 1973" in text and "Kota Contoh, 1 Juli 2026" in text
    # Typed mark-up is printed, not obeyed, in both.
    assert "<b>tebal?</b>" in text and "&lt;b&gt;tebal?&lt;/b&gt;" in page
    assert "Tidak ada data." in text and "Tidak ada data." in page
    assert '<a href="/staf/kasus/1/">12</a>' in page


def test_a_long_table_runs_over_pages_numbered_n_of_total(db):
    text = pdf_text(formats.pdf_bytes(sample(rows=150)))
    total = int(re.search(r"Halaman 1 dari (\d+)", text)[1])
    assert total >= 3
    assert f"Halaman {total} dari {total}" in text


def test_the_workbook_keeps_numbers_and_dates_as_values(db):
    workbook = openpyxl.load_workbook(formats.render_xlsx.write(sample()))
    assert workbook.sheetnames[0] == "Laporan"
    sheet = workbook["Rekap per bulan"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1] == ("Bulan", "Diterima", "Kepatuhan (%)", "Tanggal")
    assert rows[2][1] == 1000 and float(rows[2][2]) == 87.5 and rows[2][3].date() == date(2026, 1, 1)
    assert rows[-1][:2] == ("Jumlah", 3003)
    cover = [row[0] for row in workbook["Laporan"].iter_rows(values_only=True)]
    assert "Laporan Uji" in cover and "NIP. 1973" in cover


def test_sheet_names_are_valid_and_unique(db):
    tables = tuple(Table(columns=("x",), rows=((1,),), sheet="Tabel: a/b [1]") for _ in range(3))
    doc = Document(title="T", sections=(Section("S", tables),))
    names = openpyxl.load_workbook(formats.render_xlsx.write(doc)).sheetnames
    assert len(set(names)) == 4 and all(len(name) <= 31 and ":" not in name and "/" not in name for name in names)


def test_a_chart_on_the_page_has_no_inline_style_and_escapes_its_title():
    svg = charts.svg(sample().charts()[0])
    assert "style=" not in svg
    assert "<title>Tren &lt;bulanan&gt; &amp; kepatuhan</title>" in svg
    assert svg.startswith("<svg") and 'role="img"' in svg
    # Two charts on one page do not share element ids.
    other = charts.svg(sample().charts()[0])
    ids = set(re.findall(r'id="([^"]+)"', svg))
    assert ids and not ids & set(re.findall(r'id="([^"]+)"', other))


def test_a_percentage_chart_runs_to_one_hundred():
    chart = Chart(title="Kepatuhan", categories=("Jan",), series=(Series("%", (Decimal("50.0"),)),), percent=True)
    drawing = charts.drawing(chart)
    plot = drawing.contents[0]
    assert plot.valueAxis.valueMax == 100


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 40), "navy").save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def units(db):
    dinas = UnitKerja.objects.create(name="Dinas", code="dinas", level="dinas")
    bidang = UnitKerja.objects.create(name="Bidang", code="bidang", level="bidang", parent=dinas)
    seksi = UnitKerja.objects.create(name="Seksi", code="seksi", level="seksi", parent=bidang)
    return dinas, bidang, seksi


def test_a_unit_without_a_profile_speaks_with_its_nearest_parents(units):
    dinas, bidang, seksi = units
    assert profile_for(seksi) is None
    top = UnitProfile.objects.create(unit=dinas, official_name="Dinas Contoh")
    assert profile_for(seksi) == top and profile_for() == top
    middle = UnitProfile.objects.create(unit=bidang, official_name="Bidang Contoh")
    assert profile_for(seksi) == middle


def test_the_pdf_carries_the_letterhead_and_logo(units):
    dinas, *_rest = units
    UnitProfile.objects.create(
        unit=dinas,
        official_name="Dinas Kependudukan dan Pencatatan Sipil",
        parent_agency="Pemerintah Kabupaten Contoh",
        address="Jl. Merdeka 1",
        phone="0271 123",
        logo=_png(),
        logo_type="image/png",
    )
    content = formats.pdf_bytes(sample())
    text = pdf_text(content)
    assert "PEMERINTAH KABUPATEN CONTOH" in text and "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL" in text
    assert "Jl. Merdeka 1 · Telp. 0271 123" in text
    assert b"/Image" in content


def test_without_a_profile_the_pdf_still_renders(db):
    assert letterhead_for() == Letterhead()
    assert pdf_text(formats.pdf_bytes(sample())).startswith("Laporan Uji")


def test_the_requested_format_defaults_to_the_page():
    factory = RequestFactory()
    assert formats.requested_format(factory.get("/?format=PDF")) == "pdf"
    assert formats.requested_format(factory.get("/?format=docx")) == "html"
    assert formats.requested_format(factory.get("/")) == "html"


def test_downloads_are_named_after_the_document(rf, db):
    assert formats.respond(rf.get("/"), sample(), "pdf")["Content-Disposition"] == (
        'attachment; filename="laporan-uji.pdf"'
    )
    response = formats.respond(rf.get("/?bulan=2026-01&format=xlsx"), sample())
    assert 'filename="laporan-uji.xlsx"' in response["Content-Disposition"]
    page = formats.respond(rf.get("/?bulan=2026-01&format=html"), sample()).content.decode()
    assert "?bulan=2026-01&amp;format=pdf" in page


class TestLogoUpload:
    def form(self, upload, **data):
        from django.core.files.uploadedfile import SimpleUploadedFile

        from accounts.admin_profile import UnitProfileForm

        files = {"logo_file": SimpleUploadedFile("logo.png", upload)} if upload is not None else {}
        return UnitProfileForm(data={"official_name": "Dinas", **data}, files=files)

    def test_a_png_is_kept(self, units):
        form = self.form(_png())
        assert form.is_valid(), form.errors
        form.instance.unit = units[0]
        profile = form.save()
        assert bytes(profile.logo) == _png() and profile.logo_type == "image/png"

    def test_a_file_that_is_not_an_image_is_refused_with_a_message(self, db):
        form = self.form(b"%PDF-1.4 not an image")
        assert not form.is_valid()
        assert "bukan gambar PNG atau JPEG" in str(form.errors["logo_file"])

    def test_a_logo_over_the_limit_is_refused(self, db):
        form = self.form(b"\x89PNG" + b"0" * (512 * 1024))
        assert not form.is_valid()
        assert "512 KB" in str(form.errors["logo_file"])


def test_finding_a_units_profile_costs_the_same_however_deep_the_unit(units, django_assert_num_queries):
    dinas, bidang, seksi = units
    UnitProfile.objects.create(unit=dinas, official_name="Dinas Contoh")
    deeper = UnitKerja.objects.create(name="Subseksi", code="sub", level="seksi", parent=seksi)
    for unit in (bidang, seksi, deeper):
        with django_assert_num_queries(2):
            assert profile_for(unit).official_name == "Dinas Contoh"
