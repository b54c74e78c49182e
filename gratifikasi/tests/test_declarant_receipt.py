"""The UPG's receipt of a declaration (tanda terima), as a PDF the declarant downloads once
the UPG has registered the declaration, and nobody else ever."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from accounts.testing import verified_login
from gratifikasi.choices import State
from gratifikasi.receipt_pdf import render_receipt_pdf


def receipt_url(case):
    return reverse("gratifikasi:receipt", args=[case.pk])


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_the_receipt_downloads_once_registered(client, declarant, declaration_in):
    case = declaration_in(State.VERIFIKASI, dititipkan=True)
    verified_login(client, declarant)
    page = client.get(reverse("gratifikasi:detail", args=[case.pk])).content.decode()
    assert f'href="{receipt_url(case)}"' in page and case.nomor_registrasi_upg in page

    response = client.get(receipt_url(case))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"] == f'attachment; filename="tanda-terima-{case.reference.replace("/", "-")}.pdf"'
    )
    assert "no-store" in response["Cache-Control"]
    text = pdf_text(response.content)
    for expected in (
        "Tanda terima laporan gratifikasi",
        case.nomor_registrasi_upg,
        case.reference,
        "Penerimaan gratifikasi",
        "Rina Marlina",
        "199507302019031005",
        "Seksi Identitas Penduduk",
        "Budi Santoso (CV Maju Jaya)",
        "Rp2.000.000",
        "Barang dititipkan ke UPG Ya",
        "bukan penetapan status gratifikasi",
    ):
        assert expected in text, expected
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    assert reader.metadata.title == "Tanda terima laporan gratifikasi"
    assert reader.metadata.subject == case.reference


def test_before_registration_there_is_no_receipt_yet(client, declarant, submit_declaration):
    case = submit_declaration()
    verified_login(client, declarant)
    page = client.get(reverse("gratifikasi:detail", args=[case.pk])).content.decode()
    assert receipt_url(case) not in page
    assert "Tanda terima dapat diunduh di sini setelah UPG meregistrasi laporan Anda." in page
    response = client.get(receipt_url(case))
    assert response.status_code == 302 and response["Location"] == reverse("gratifikasi:detail", args=[case.pk])
    follow = client.get(response["Location"]).content.decode()
    assert "Tanda terima tersedia setelah laporan Anda diregistrasi oleh UPG." in follow


@pytest.mark.parametrize("person", ["upg_officer", "other_officer", "pimpinan", "admin_sistem"])
def test_nobody_but_the_declarant_downloads_it(client, request, declaration_in, person):
    case = declaration_in(State.VERIFIKASI)
    verified_login(client, request.getfixturevalue(person))
    assert client.get(receipt_url(case)).status_code == 404


def test_a_late_declaration_says_so_on_its_receipt(declaration_in):
    from datetime import timedelta

    from django.utils import timezone

    case = declaration_in(State.VERIFIKASI, tanggal_terima=timezone.localdate() - timedelta(days=90))
    text = pdf_text(render_receipt_pdf(case))
    assert "lebih dari 30 hari kerja sejak tanggal penerimaan" in text


def test_a_long_description_still_fits_one_page(declaration_in):
    case = declaration_in(State.VERIFIKASI, uraian="Satu set perhiasan emas dan kotak kayu berukir. " * 200)
    content = render_receipt_pdf(case)
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) == 1
    assert "(selengkapnya di SIGAP)" in pdf_text(content)
