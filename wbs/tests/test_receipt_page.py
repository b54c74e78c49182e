"""The receipt: the code shown once, kept only encrypted in the reporter's own browser,
saved as a text file or printed, and a confirmation before the report opens."""

import time

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from casework import tracking
from tests.test_database_dump import dump_database
from wbs import cookies, receipts
from wbs.models import LaporanWbs

from .conftest import form_data, receipt_code

RECEIPT = "/wbs/tanda-terima/"
FILE = "/wbs/tanda-terima/unduh/"
DONE = "/wbs/tanda-terima/sudah-disimpan/"


@pytest.fixture
def filed(client, db):
    assert client.post(reverse("wbs:create"), form_data()).status_code == 302
    case = LaporanWbs.objects.get()
    return case, receipt_code(client.get(RECEIPT).content.decode())


def test_the_receipt_shows_the_reference_and_a_code_that_opens_the_report(client, filed):
    case, code = filed
    response = client.get(RECEIPT)
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("no-store") and response["Referrer-Policy"] == "same-origin"
    body = response.content.decode()
    assert case.reference in body and "Simpan kode tanda terima ini sekarang." in body
    assert receipts.find_report(code).pk == case.pk
    # Copy and print need script and stay hidden until it runs; the download does not.
    assert 'data-copy="receipt-code"' in body and "data-print hidden" in body
    assert f'href="{FILE}" download' in body
    # The leave warning and the confirmation.
    assert "/static/wbs/receipt.js" in body and "data-leave-warning" in body
    assert 'name="saved"' in body and f'action="{DONE}"' in body


def test_the_code_is_only_in_the_reporters_browser_and_encrypted(client, filed):
    case, code = filed
    cookie = client.cookies[cookies.RECEIPT.name]
    assert cookie["httponly"] and cookie["path"] == RECEIPT and cookie["samesite"] == "Strict"
    assert not cookie["max-age"] and not cookie["expires"]  # gone when the browser closes
    for form in (code, tracking.normalize(code), case.reference):
        assert form not in cookie.value
    # No session row, and the database holds no form of the code.
    assert not Session.objects.exists()
    database = dump_database()
    assert code not in database and tracking.normalize(code) not in database


def test_the_receipt_saves_as_a_plain_text_file(client, filed, settings):
    settings.SIGAP_BASE_URL = "https://sigap.example.go.id"
    case, code = filed
    response = client.get(FILE)
    assert response.status_code == 200 and response["Content-Type"] == "text/plain; charset=utf-8"
    # The name says nothing of what was reported.
    assert response["Content-Disposition"] == 'attachment; filename="tanda-terima-sigap.txt"'
    assert response["Cache-Control"].startswith("no-store")
    text = response.content.decode()
    for fact in (case.reference, code, "https://sigap.example.go.id/wbs/masuk/"):
        assert fact in text


def test_the_page_cannot_be_left_for_the_report_without_confirming(client, filed):
    case, code = filed
    response = client.post(DONE, {})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Centang kotak ini" in body and code in body  # still shown
    assert client.get(DONE).status_code == 405


def test_confirming_forgets_the_code_here_and_opens_the_report(client, filed):
    case, code = filed
    response = client.post(DONE, {"saved": "on"})
    assert response.status_code == 302 and response["Location"] == reverse("wbs:report")
    assert response.cookies[cookies.RECEIPT.name].value == ""  # deleted
    page = client.get(reverse("wbs:report"))
    assert page.status_code == 200
    body = page.content.decode()
    assert case.reference in body and "Laporan Anda sudah kami terima dan akan ditangani dengan rahasia." in body
    assert code not in body
    # The receipt is gone from this browser.
    again = client.get(RECEIPT)
    assert again.status_code == 404 and code not in again.content.decode()
    assert client.get(FILE).status_code == 302


def test_the_code_is_dropped_after_its_minutes(client, filed, settings, monkeypatch):
    settings.SIGAP_WBS_RECEIPT_MINUTES = 30
    case, code = filed
    later = time.time() + 31 * 60
    monkeypatch.setattr(cookies.time, "time", lambda: later)
    response = client.get(RECEIPT)
    assert response.status_code == 404 and code not in response.content.decode()
    assert "hanya ditampilkan sekali" in response.content.decode()


def test_another_browser_or_an_altered_cookie_shows_nothing(client, filed):
    case, code = filed
    assert Client().get(RECEIPT).status_code == 404
    value = client.cookies[cookies.RECEIPT.name].value
    client.cookies[cookies.RECEIPT.name] = value[:-6] + "AAAAAA"
    response = client.get(RECEIPT)
    assert response.status_code == 404 and code not in response.content.decode()
