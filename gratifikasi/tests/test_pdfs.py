"""The PDFs of the UPG's pages, read back as text: the declaration in the shape of KPK's
reporting form, and the custody register's tanda terima (receipt and release). Values
typed by people are printed as text, never read as markup; amounts read as Rp1.500.000.

Each test also renders the first page to PNG under the system's temporary folder
(gratifikasi-pdf-*.png), for a person to look at the layout."""

import io
import tempfile
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pypdfium2
import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from accounts.testing import verified_login
from gratifikasi import custody_pdf, kpk_form_pdf
from gratifikasi.choices import JenisLaporan, JenisPenerimaan, State
from gratifikasi.services_custody import custody_receive, custody_release


def text_of(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    """The text with line breaks as spaces: a long value wraps inside its cell."""
    return " ".join(text.split())


def keep_png(content: bytes, name: str) -> Path:
    path = Path(tempfile.gettempdir()) / f"gratifikasi-pdf-{name}.png"
    pypdfium2.PdfDocument(content)[0].render(scale=1.5).to_pil().save(path)
    return path


@pytest.fixture
def as_officer(client, upg_officer):
    verified_login(client, upg_officer)
    return client


# --- The KPK reporting form ------------------------------------------------------------------


def test_the_kpk_form_holds_every_section(as_officer, declaration_in, advance, photo):
    case = declaration_in(State.ANALISIS, nilai=Decimal(1_500_000), jenis_penerimaan=JenisPenerimaan.BARANG)
    response = as_officer.get(reverse("gratifikasi_staff:kpk_form", args=[case.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store, private"
    assert "formulir-kpk-GRT-" in response["Content-Disposition"]
    text = flat(text_of(response.content))
    for expected in (
        "FORMULIR LAPORAN GRATIFIKASI",
        case.reference,
        case.nomor_registrasi_upg,
        "I. DATA PELAPOR",
        "Rina Marlina",
        "3201014507950001",
        "199507302019031005",
        "Pengadministrasi Kependudukan",
        "Seksi Identitas Penduduk",
        "Jl. Merdeka No. 10, Bandung",
        "II. DATA PEMBERI GRATIFIKASI",
        "Budi Santoso",
        "CV Maju Jaya",
        "Lainnya",
        "III. DATA PENERIMAAN GRATIFIKASI",
        "Pernikahan",
        "Barang",
        "Rp1.500.000",
        "Gedung Serbaguna, Bandung",
        "IV. KRONOLOGI",
        "Pemberi datang ke resepsi dan menyerahkan amplop kepada saya.",
        "V. DOKUMEN PENDUKUNG",
        "Tidak ada dokumen pendukung yang dilampirkan.",
        "Demikian laporan ini saya buat dengan sebenar-benarnya.",
        "Pelapor,",
        "Mengetahui,",
        "Petugas UPG",
    ):
        assert expected in text, expected
    assert PdfReader(io.BytesIO(response.content)).metadata.subject == case.reference
    keep_png(response.content, "kpk-form")


def test_the_kpk_form_lists_the_supporting_documents(as_officer, submit_declaration, photo):
    case = submit_declaration(photos=[photo("foto-amplop.jpg"), photo("undangan.jpg")])
    text = flat(text_of(as_officer.get(reverse("gratifikasi_staff:kpk_form", args=[case.pk])).content))
    assert "1. foto-amplop.jpg" in text and "2. undangan.jpg" in text


def test_the_kpk_form_of_a_refusal(as_officer, submit_declaration):
    case = submit_declaration(jenis_laporan=JenisLaporan.PENOLAKAN)
    text = flat(text_of(as_officer.get(reverse("gratifikasi_staff:kpk_form", args=[case.pk])).content))
    assert "III. DATA PENOLAKAN GRATIFIKASI" in text and "Tanggal ditolak" in text
    assert "Objek dititipkan" not in text


def test_a_long_chronology_runs_over_pages(submit_declaration):
    paragraph = "Pemberi datang ke rumah saya dan meninggalkan bingkisan di teras. " * 20
    case = submit_declaration(kronologi="\n\n".join([paragraph] * 7), uraian="Bingkisan " * 900)
    content = kpk_form_pdf.render_kpk_form_pdf(case)
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) > 2
    assert "Halaman 2" in reader.pages[1].extract_text()
    assert "Pelapor," in reader.pages[-1].extract_text()


def test_text_typed_by_people_is_printed_not_read_as_markup(submit_declaration):
    case = submit_declaration(
        nama="Rina <b>Marlina</b>",
        pemberi_nama='PT "Maju" & <i>Jaya</i>',
        kronologi="<font size=40>besar</font> <script>alert(1)</script>",
        tempat_terima="Ruang <br/> rapat",
    )
    text = flat(text_of(kpk_form_pdf.render_kpk_form_pdf(case)))
    assert "Rina <b>Marlina</b>" in text
    assert 'PT "Maju" & <i>Jaya</i>' in text
    assert "<font size=40>besar</font> <script>alert(1)</script>" in text
    assert "Ruang <br/> rapat" in text


def test_amounts_read_the_indonesian_way_in_english_too(submit_declaration):
    from django.utils import translation

    case = submit_declaration(nilai=Decimal(12_345_678))
    with translation.override("en"):
        text = flat(text_of(kpk_form_pdf.render_kpk_form_pdf(case)))
    assert "Rp12.345.678" in text


# --- The custody tanda terima ------------------------------------------------------------------


@pytest.fixture
def item(submit_declaration, upg_officer):
    case = submit_declaration(jenis_penerimaan=JenisPenerimaan.BARANG, dititipkan=True)
    return custody_receive(
        case=case,
        actor=upg_officer,
        uraian="Satu set peralatan makan & gelas <kristal>",
        nilai=Decimal(1_500_000),
        diterima_dari="Rina Marlina",
        diterima_tanggal=timezone.localdate() - timedelta(days=1),
        lokasi_simpan="Lemari arsip UPG, rak 2",
    )


def test_the_custody_receipt(item):
    content = custody_pdf.render_custody_receipt_pdf(item)
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) == 1
    text = flat(reader.pages[0].extract_text())
    for expected in (
        "TANDA TERIMA BARANG TITIPAN GRATIFIKASI",
        item.nomor,
        item.gratifikasi.reference,
        "Satu set peralatan makan & gelas <kristal>",
        "Rp1.500.000",
        "Rina Marlina",
        "Lemari arsip UPG, rak 2",
        "Yang menyerahkan,",
        "Yang menerima,",
        "Dewi Lestari",
        "Petugas UPG",
    ):
        assert expected in text, expected
    assert "PENGELUARAN" not in text
    keep_png(content, "custody-receipt")


def test_the_custody_release_receipt(item, upg_officer, advance):
    with pytest.raises(ValueError):
        custody_pdf.render_custody_receipt_pdf(item, release=True)  # still held
    # KPK decided: state property, handed over.
    advance(advance(advance(advance(item.gratifikasi, "registrasi"), "terima_lengkap"), "teruskan_kpk"), "catat_sk")
    custody_release(
        item=item,
        actor=upg_officer,
        tanggal=timezone.localdate(),
        kepada="Andi, petugas KPK",
        alasan="penyerahan",
        catatan="Diserahkan di gedung KPK.",
    )
    item.refresh_from_db()
    content = custody_pdf.render_custody_receipt_pdf(item, release=True)
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) == 1
    text = flat(reader.pages[0].extract_text())
    for expected in (
        "TANDA TERIMA PENGELUARAN BARANG TITIPAN GRATIFIKASI",
        item.nomor,
        "Andi, petugas KPK",
        "Penyerahan kepada negara",
        "Diserahkan di gedung KPK.",
        "Dikeluarkan oleh",
        "Dewi Lestari",
    ):
        assert expected in text, expected
    keep_png(content, "custody-release")


def test_a_text_of_thousands_of_line_breaks_prints_at_once_and_whole(submit_declaration):
    """Thousands of line breaks (within the length limit) once took the layout minutes;
    every word still prints, the lines beyond the limit joined."""
    import time

    from casework.pdf_text import MAX_LINES

    kronologi = "awal" + "\n" * 4000 + "\n".join(f"baris{n}" for n in range(500)) + "\nakhir"
    assert len(kronologi) < 10_000
    case = submit_declaration(kronologi=kronologi, uraian="a\n" * 3000 + "b")
    began = time.process_time()
    content = kpk_form_pdf.render_kpk_form_pdf(case)
    assert time.process_time() - began < 20
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert "awal" in text and "baris499" in text and "akhir" in text and f"baris{MAX_LINES}" in text
