"""The receipt after filing: the reference and the tracking code shown to the complainant,
with copy, print and a PDF, the code held only encrypted and only for a short time."""

import time
from pathlib import Path

import pypdfium2
import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from casework import tracking
from pengaduan import receipt_cookie
from pengaduan.models import Pengaduan

RECEIPT = "/pengaduan/tanda-terima/"
PDF = "/pengaduan/tanda-terima/pdf/"
DONE = "/pengaduan/tanda-terima/sudah-disimpan/"


def pdf_text(content: bytes) -> str:
    document = pypdfium2.PdfDocument(content)
    assert len(document) == 1
    return document[0].get_textpage().get_text_range()


# --- The page -------------------------------------------------------------------------------


def test_the_receipt_shows_the_reference_and_a_code_that_opens_the_complaint(client, filed):
    case, code = filed()
    response = client.get(RECEIPT)
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("no-store") and response["Referrer-Policy"] == "same-origin"
    body = response.content.decode()
    assert case.reference in body and "Pengaduan Anda telah diterima" in body
    assert tracking.find_case(code).pk == case.pk
    assert "Simpan kode pelacakan ini sekarang." in body


def test_the_receipt_offers_copy_print_and_pdf_and_works_without_script(client, filed):
    filed()
    body = client.get(RECEIPT).content.decode()
    # The buttons that need script are hidden until the script shows them.
    assert 'data-copy="tracking-code"' in body and "data-print hidden" in body
    assert f'href="{PDF}" download' in body
    assert "/static/pengaduan/intake.js" in body and "/static/pengaduan/intake.css" in body


def test_the_print_stylesheet_prints_the_receipt_alone():
    from django.contrib.staticfiles import finders

    css = Path(finders.find("pengaduan/intake.css")).read_text(encoding="utf-8")
    printed = css.split("@media print")[1]
    assert "main > :not(.receipt)" in printed and ".no-print" in printed


def test_the_tracking_link_is_absolute_under_the_base_url(client, filed, settings):
    settings.SIGAP_BASE_URL = "https://sigap.example.go.id"
    filed()
    assert 'href="https://sigap.example.go.id/lacak/"' in client.get(RECEIPT).content.decode()


def test_the_receipt_says_where_a_copy_was_sent(client, filed):
    filed(email="budi@contoh.id", telepon="081234567890")
    body = client.get(RECEIPT).content.decode()
    assert "Tanda terima ini juga kami kirim ke e-mail dan nomor HP yang Anda isi." in body
    assert "budi@contoh.id" not in body and "081234567890" not in body


def test_the_receipt_does_not_claim_an_sms_when_no_gateway_is_configured(client, filed, settings):
    settings.SIGAP_SMS_BACKEND = "casework.sms.DisabledBackend"
    filed(telepon="081234567890")
    body = client.get(RECEIPT).content.decode()
    assert "juga kami kirim" not in body


# --- The code: encrypted, briefly, then gone ----------------------------------------------------


def stored_slot(client) -> str:
    return client.cookies[receipt_cookie.COOKIE].value


def test_the_code_is_never_stored_in_clear_and_never_in_the_database(client, filed):
    case, code = filed()
    cookie = client.cookies[receipt_cookie.COOKIE]
    assert cookie["httponly"] and cookie["path"] == receipt_cookie.PATH
    for form in (code, code.replace("-", "")):
        assert form not in cookie.value
    assert case.reference not in cookie.value
    # No session row holds it either: filing writes no session at all.
    assert not Session.objects.exists()


def test_filing_starts_no_server_session(client, filed, settings):
    filed()
    assert not Session.objects.exists()
    assert settings.SESSION_COOKIE_NAME not in client.cookies


def test_the_complainant_says_they_saved_the_code_and_it_is_no_longer_shown(client, filed):
    case, code = filed()
    response = client.post(DONE, follow=True)
    body = response.content.decode()
    assert response.status_code == 200
    assert code not in body and case.reference in body
    assert "Kode pelacakan tidak ditampilkan lagi" in body
    assert "Hubungi petugas pengaduan" in body
    # An old copy of the cookie is no help: the page only ever had the one in this browser.
    assert code not in client.get(RECEIPT).content.decode()


def test_the_code_is_dropped_after_its_time(client, filed, settings, monkeypatch):
    settings.SIGAP_RECEIPT_CODE_MINUTES = 30
    case, code = filed()
    later = time.time() + 31 * 60
    monkeypatch.setattr(receipt_cookie.time, "time", lambda: later)
    body = client.get(RECEIPT).content.decode()
    assert code not in body and "Kode pelacakan tidak ditampilkan lagi" in body
    monkeypatch.undo()
    # The cookie was rewritten without the code.
    assert code not in client.get(RECEIPT).content.decode()


def test_another_browser_has_no_receipt(client, filed):
    from django.test import Client

    filed()
    response = Client().get(RECEIPT)
    assert response.status_code == 404
    assert "Tanda terima tidak ditemukan" in response.content.decode()


def test_a_tampered_receipt_cookie_shows_nothing(client, filed):
    case, code = filed()
    value = stored_slot(client)
    client.cookies[receipt_cookie.COOKIE] = value[:-6] + "AAAAAA"
    response = client.get(RECEIPT)
    assert response.status_code == 404
    assert code not in response.content.decode()


def test_saving_is_confirmed_by_post_only(client, filed):
    filed()
    assert client.get(DONE).status_code == 405


# --- The PDF --------------------------------------------------------------------------------


def test_the_pdf_holds_the_reference_the_code_and_how_to_track(client, filed, settings):
    settings.SIGAP_BASE_URL = "https://sigap.example.go.id"
    case, code = filed()
    response = client.get(PDF)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="tanda-terima-{case.reference.replace("/", "-")}.pdf"'
    )
    assert response["Cache-Control"].startswith("no-store")
    text = pdf_text(response.content)
    for fact in ("Tanda terima pengaduan", case.reference, code, "https://sigap.example.go.id/lacak/"):
        assert fact in text
    assert "Masukkan kode pelacakan di atas." in text


def test_the_pdf_speaks_english_after_the_switch(client, filed):
    filed()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    text = pdf_text(client.get(PDF).content)
    assert "How to follow your complaint" in text and "Enter the tracking code above." in text
    assert "Cara melacak" not in text


def test_the_pdf_metadata_does_not_carry_the_code(client, filed):
    case, code = filed()
    metadata = pypdfium2.PdfDocument(client.get(PDF).content).get_metadata_dict()
    assert code not in str(metadata)


def test_no_pdf_once_the_code_is_gone(client, filed):
    filed()
    client.post(DONE)
    response = client.get(PDF)
    assert response.status_code == 302 and response["Location"] == RECEIPT
    assert "tanda terima PDF tidak dapat dibuat" in client.get(RECEIPT).content.decode()


def test_no_pdf_without_a_receipt(client, db):
    assert client.get(PDF).status_code == 302


def test_the_pdf_follows_the_chosen_language(client, filed):
    filed()
    client.post(reverse("set_language"), {"language": "en", "next": RECEIPT})
    assert client.get(PDF).status_code == 200


# --- In a real browser, on a phone -----------------------------------------------------------


@pytest.fixture
def phone(chromium, live_server, settings, seeded_again):
    """A 360×740 Chromium page on the live server (skipped where Chromium is missing)."""
    settings.SIGAP_PENGADUAN_MIN_FILL_SECONDS = 0
    page = chromium.new_page(viewport={"width": 360, "height": 740})
    yield page, live_server.url


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_complaint_filed_from_a_phone_with_a_photo(phone, tmp_path):
    from PIL import Image

    page, base = phone
    photo = tmp_path / "antrean.png"
    Image.new("RGB", (16, 16), "blue").save(photo)

    page.goto(base + reverse("pengaduan:create"))
    assert fits_the_screen(page)
    assert page.is_checked("#id_anonim") and page.is_checked("#id_rahasia")
    # The trap is in the page but off the screen.
    assert page.evaluate("document.getElementById('id_keterangan_tambahan').getBoundingClientRect().right <= 0")
    page.fill("#id_isi", "Saya menunggu enam jam di loket tiga.")
    page.select_option("#id_kategori", label="KTP-el")
    page.set_input_files("#id_lampiran", str(photo))
    page.click("button.intake__submit")

    # No title: the form comes back with the text, and with the photo kept.
    assert page.is_visible(".form-errors")
    assert page.input_value("#id_isi") == "Saya menunggu enam jam di loket tiga."
    assert "antrean.png" in page.inner_text(".held-files")
    assert fits_the_screen(page)
    page.fill("#id_title", "Antrean KTP-el terlalu lama")
    page.click("button.intake__submit")

    page.wait_for_url(base + RECEIPT)
    case = Pengaduan.objects.get()
    assert case.reference in page.inner_text(".receipt__reference")
    code = page.inner_text("#tracking-code")
    assert tracking.find_case(code).pk == case.pk
    assert case.attachments.count() == 1
    assert fits_the_screen(page)
    # The script shows the copy and print buttons.
    assert page.is_visible("[data-copy]") and page.is_visible("[data-print]")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.click("[data-copy]")
    page.wait_for_function("document.querySelector('[data-copy-status]').textContent.length > 0")
    # Printed, the page is the receipt alone.
    page.emulate_media(media="print")
    assert not page.is_visible(".site-header") and not page.is_visible(".receipt__actions")
    assert page.is_visible("#tracking-code")
    page.emulate_media(media="screen")

    page.click(".receipt__done button")
    assert "Kode pelacakan tidak ditampilkan lagi" in page.inner_text("main")
    assert code not in page.content()
