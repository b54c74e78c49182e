"""The reporter back with the receipt code: the status and public history, messages both
ways, the answer to a request for information, more evidence, the notification address,
their files, and leaving. Every response is kept out of caches; guessing codes is
throttled; the browser reaches only the report whose code it entered."""

import re
import time

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from casework.attachments import add_attachment
from casework.models import HeldUpload, Message
from casework.tests import samples
from tests.test_i18n import switch_target
from wbs import cookies, services
from wbs.choices import State
from wbs.models import KontakPelapor, LaporanWbs

LOGIN = "/wbs/masuk/"
REPORT = "/wbs/laporan/"


def enter(client, code, **extra):
    return client.post(LOGIN, {"code": code}, **extra)


@pytest.fixture
def on_report(file_wbs):
    """A fresh browser that entered the code of a new report."""
    case, code = file_wbs()
    browser = Client()
    assert enter(browser, code)["Location"] == REPORT
    return browser, case, code


def test_the_code_opens_the_report_in_this_browser_only(on_report):
    browser, case, code = on_report
    response = browser.get(REPORT)
    assert response.status_code == 200
    body = response.content.decode()
    assert case.reference in body and "Diterima" in body and "menunggu diperiksa" in body
    assert "Pungutan liar di loket KTP-el" in body  # their own report, to read back
    # The session is a cookie of its own: encrypted, for the WBS pages only.
    cookie = browser.cookies[cookies.SESSION.name]
    assert cookie["path"] == "/wbs/" and cookie["httponly"] and cookie["samesite"] == "Strict"
    assert not cookie["max-age"] and not cookie["expires"]
    assert Client().get(REPORT)["Location"] == LOGIN


@pytest.mark.parametrize("typed", ["0000-0000-0000-0000", "pendek", ""])
def test_a_wrong_or_malformed_code_is_refused(client, file_wbs, typed):
    file_wbs()
    response = enter(client, typed)
    assert response.status_code == 400
    assert cookies.SESSION.name not in response.cookies


def test_guessing_codes_is_throttled_per_client(client, file_wbs, settings):
    settings.SIGAP_WBS_LOOKUP_RATE = "5/h"
    case, code = file_wbs()
    for n in range(5):
        assert enter(client, f"0000-0000-0000-000{n}", REMOTE_ADDR="198.51.100.7").status_code == 400
    # Now even the right code is refused from there, with a reason.
    response = enter(client, code, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 429 and "Terlalu banyak percobaan" in response.content.decode()
    assert enter(Client(), code, REMOTE_ADDR="198.51.100.8").status_code == 302


def test_guessing_from_many_addresses_meets_a_ceiling(client, file_wbs, settings):
    settings.SIGAP_WBS_LOOKUP_CEILING = "4/10m"
    case, code = file_wbs()
    for n in range(4):
        enter(client, "0000-0000-0000-0000", REMOTE_ADDR=f"198.51.100.{n + 1}")
    # Past the ceiling a post goes on only with a solved proof of work
    # (test_proof_of_work.py: the reporter with the right code still gets in).
    response = enter(Client(), code, REMOTE_ADDR="198.51.100.200")
    assert response.status_code == 429 and 'name="tantangan"' in response.content.decode()


def test_the_throttle_writes_nothing_to_the_shared_cache(client, file_wbs):
    case, code = file_wbs()
    cache.clear()
    enter(client, "0000-0000-0000-0000", REMOTE_ADDR="198.51.100.7")
    enter(client, code, REMOTE_ADDR="198.51.100.7")
    client.post(reverse("wbs:message"), {"body": "Halo."}, REMOTE_ADDR="198.51.100.7")
    assert list(cache._cache) == []


def test_the_session_ends_after_idle_minutes(on_report, settings, monkeypatch):
    browser, case, code = on_report
    settings.SIGAP_WBS_SESSION_MINUTES = 30
    later = time.time() + 31 * 60
    monkeypatch.setattr(cookies.time, "time", lambda: later)
    assert browser.get(REPORT)["Location"] == LOGIN
    # A post sent then is not kept, and the reporter is told.
    response = browser.post(reverse("wbs:message"), {"body": "Masih ada?"}, follow=True)
    assert "kiriman terakhir belum tersimpan" in response.content.decode()
    assert not Message.objects.filter(case=case).exists()


def test_leaving_closes_the_report_in_this_browser(on_report):
    browser, case, code = on_report
    response = browser.post(reverse("wbs:logout"), follow=True)
    assert "Laporan Anda sudah ditutup di perangkat ini." in response.content.decode()
    assert browser.get(REPORT)["Location"] == LOGIN


# --- Messages ------------------------------------------------------------------------------------


def test_the_reporter_and_the_handler_write_to_each_other(on_report, wbs_handler):
    browser, case, code = on_report
    response = browser.post(reverse("wbs:message"), {"body": "Saya punya rekaman suaranya."})
    assert response["Location"] == REPORT
    message = Message.objects.get(case=case)
    assert message.sender == "reporter" and message.author is None
    services.wbs_message_reporter(case=case, actor=wbs_handler, body="Mohon kirim rekamannya.")
    body = browser.get(REPORT).content.decode()
    assert "Pesan Anda terkirim" in body and "Mohon kirim rekamannya." in body
    assert wbs_handler.full_name not in body  # the handler is "Petugas"


def test_an_empty_or_late_message_comes_back_with_the_reason(on_report, advance):
    browser, case, code = on_report
    assert browser.post(reverse("wbs:message"), {"body": ""}).status_code == 400
    advance(case, "hentikan")
    response = browser.post(reverse("wbs:message"), {"body": "Masih ada yang ingin saya sampaikan."})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Masih ada yang ingin saya sampaikan." in body and "ditutup" in body


def test_posts_are_throttled_with_the_text_kept(on_report, settings):
    browser, case, code = on_report
    settings.SIGAP_WBS_POST_RATE = "2/h"
    for n in range(2):
        browser.post(reverse("wbs:message"), {"body": f"Pesan {n}."})
    response = browser.post(reverse("wbs:message"), {"body": "Pesan ketiga."})
    assert response.status_code == 429 and "Pesan ketiga." in response.content.decode()
    assert Message.objects.filter(case=case).count() == 2


# --- Answering a request for information -----------------------------------------------------------


def test_the_reporter_answers_the_handlers_question(on_report, advance, wbs_handler):
    browser, case, code = on_report
    advance(case, "tunda")
    body = browser.get(REPORT).content.decode()
    assert "Kapan tepatnya kejadian terakhir?" in body and 'action="/wbs/laporan/jawaban/' in body
    response = browser.post(
        reverse("wbs:supply"),
        {
            "reply": "Terakhir Senin, 6 Juli 2026.",
            "tambah_kapan": "Terakhir 6 Juli 2026",
            "terlapor-TOTAL_FORMS": "3",
            "terlapor-INITIAL_FORMS": "0",
            "terlapor-0-nama": "Rudi Saksi",
            "terlapor-0-jabatan": "Satpam",
            "bukti": [samples.upload(samples.png_with_text(), "kuitansi.png", "image/png")],
        },
    )
    assert response["Location"] == REPORT
    case = LaporanWbs.objects.get(pk=case.pk)
    assert case.state == State.DITERIMA
    assert case.kapan.endswith("Terakhir 6 Juli 2026")
    assert Message.objects.get(case=case).body == "Terakhir Senin, 6 Juli 2026."
    assert "Rudi Saksi" in [person.nama for person in case.terlapor.all()]
    assert case.attachments.get().original_name == "kuitansi.png"
    assert "Jawaban Anda terkirim" in browser.get(REPORT).content.decode()


def test_an_answer_without_text_comes_back_with_what_was_typed(on_report, advance):
    browser, case, code = on_report
    advance(case, "tunda")
    response = browser.post(
        reverse("wbs:supply"),
        {"reply": "", "tambah_dimana": "Ruang arsip", "terlapor-TOTAL_FORMS": "3", "terlapor-INITIAL_FORMS": "0"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Tuliskan jawaban untuk petugas." in body and 'value="Ruang arsip"' in body
    assert LaporanWbs.objects.get(pk=case.pk).state == State.DITUNDA


def test_an_answer_after_the_handler_moved_on_is_refused_with_the_text(on_report, advance):
    browser, case, code = on_report
    advance(case, "tunda")
    browser.get(REPORT)
    advance(case, "hentikan")
    response = browser.post(
        reverse("wbs:supply"),
        {"reply": "Ini jawaban saya.", "terlapor-TOTAL_FORMS": "3", "terlapor-INITIAL_FORMS": "0"},
    )
    assert response.status_code == 400
    assert "Ini jawaban saya." in response.content.decode()


# --- Evidence and files ------------------------------------------------------------------------


def test_more_evidence_is_added_and_a_bad_file_is_named(on_report):
    browser, case, code = on_report
    response = browser.post(
        reverse("wbs:evidence"), {"files": [samples.upload(samples.jpeg_with_gps(), "foto.jpg", "image/jpeg")]}
    )
    assert response["Location"] == REPORT
    assert case.attachments.count() == 1
    response = browser.post(reverse("wbs:evidence"), {"files": [samples.upload(samples.WINDOWS_EXE, "alat.exe")]})
    assert response.status_code == 400 and "alat.exe" in response.content.decode()
    assert case.attachments.count() == 1


def test_the_reporter_reads_their_files_and_shared_ones_only(on_report, wbs_handler, file_wbs):
    browser, case, code = on_report
    own = services.wbs_reporter_add_evidence(
        case=case, uploads=[samples.upload(samples.png_with_text(), "punya-saya.png", "image/png")]
    )[0]
    internal = add_attachment(
        case=case, upload=samples.upload(samples.png_with_text(), "internal.png", "image/png"), uploaded_by=wbs_handler
    )
    shared = add_attachment(
        case=case,
        upload=samples.upload(samples.png_with_text(), "untuk-pelapor.png", "image/png"),
        uploaded_by=wbs_handler,
        visible_to_reporter=True,
    )
    other, _code = file_wbs(bukti=[samples.upload(samples.png_with_text(), "lain.png", "image/png")])
    body = browser.get(REPORT).content.decode()
    assert "punya-saya.png" in body and "untuk-pelapor.png" in body and "internal.png" not in body
    for attachment in (own, shared):
        response = browser.get(reverse("wbs:file", args=[attachment.pk]))
        assert response.status_code == 200 and response["Cache-Control"].startswith("no-store")
    for attachment in (internal, other.attachments.get()):
        assert browser.get(reverse("wbs:file", args=[attachment.pk])).status_code == 404


# --- The notification address ------------------------------------------------------------------


def test_the_address_is_set_replaced_and_forgotten_and_never_shown(on_report):
    browser, case, code = on_report
    response = browser.post(reverse("wbs:contact"), {"email": "bukan alamat"})
    assert response.status_code == 400 and 'value="bukan alamat"' in response.content.decode()
    browser.post(reverse("wbs:contact"), {"email": "rahasia.saya@example.test"})
    assert KontakPelapor.objects.get(laporan=case).email == "rahasia.saya@example.test"
    body = browser.get(REPORT).content.decode()
    # Whoever holds the code must not learn the reporter's mailbox from the page.
    assert "rahasia.saya" not in body and "Pemberitahuan aktif" in body
    browser.post(reverse("wbs:contact_forget"))
    assert not KontakPelapor.objects.filter(laporan=case).exists()
    assert "Alamat pemberitahuan sudah dihapus." in browser.get(REPORT).content.decode()


# --- Headers on every response -----------------------------------------------------------------

REPORTER_REQUESTS = [
    ("get", "wbs:create", {}),
    ("post", "wbs:create", {}),
    ("get", "wbs:receipt", {}),
    ("get", "wbs:receipt_file", {}),
    ("post", "wbs:receipt_done", {}),
    ("get", "wbs:login", {}),
    ("post", "wbs:login", {"code": "0000-0000-0000-0000"}),
    ("post", "wbs:logout", {}),
    ("get", "wbs:report", {}),
    ("post", "wbs:message", {"body": "Halo."}),
    ("post", "wbs:message", {"body": ""}),
    ("post", "wbs:supply", {}),
    ("post", "wbs:evidence", {}),
    ("post", "wbs:contact", {"email": "x@example.test"}),
    ("post", "wbs:contact_forget", {}),
    ("get", "wbs:report", {"method-not-allowed": True}),
]


@pytest.mark.parametrize("with_session", [True, False])
@pytest.mark.parametrize(("method", "name", "data"), REPORTER_REQUESTS)
def test_every_reporter_response_is_kept_out_of_caches(on_report, method, name, data, with_session):
    browser, case, code = on_report
    if not with_session:
        browser = Client()
    if data.pop("method-not-allowed", False):
        response = browser.put(reverse(name))
    else:
        response = getattr(browser, method)(reverse(name), data)
    assert "no-store" in response["Cache-Control"], (name, response.status_code)
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize("path", ["/wbs/laporan/bukti/999999/", "/wbs/tidak-ada/"])
def test_not_found_is_kept_out_of_caches_too(on_report, path):
    browser, case, code = on_report
    response = browser.get(path)
    assert response.status_code == 404 and "no-store" in response["Cache-Control"]


def test_reading_the_page_records_no_time_of_the_visit(on_report, wbs_handler):
    browser, case, code = on_report
    services.wbs_message_reporter(case=case, actor=wbs_handler, body="Ada pertanyaan.")
    before = LaporanWbs.objects.filter(pk=case.pk).values_list("updated_at", flat=True).get()
    assert "Ada pertanyaan." in browser.get(REPORT).content.decode()
    # Neither a read mark on the handler's message nor a change of the report's row.
    assert Message.objects.get(case=case).read_at is None
    assert LaporanWbs.objects.filter(pk=case.pk).values_list("updated_at", flat=True).get() == before


def test_switching_language_on_a_page_shown_after_a_refused_post_returns_to_the_form(reporter):
    """The address of such a page takes only posts: going back there would fail (405)."""
    client, _case, _code = reporter()
    page = reverse("wbs:report")
    refused = client.post(reverse("wbs:message"), {"body": ""}, HTTP_REFERER=f"http://testserver{page}")
    assert refused.status_code == 400
    assert switch_target(refused.content.decode()) == page
    switched = client.post(reverse("set_language"), {"language": "en", "next": page})
    assert switched["Location"] == page
    assert client.get(page).status_code == 200


def test_opening_an_address_that_only_takes_posts_gets_a_page_that_says_so(reporter):
    client, _case, _code = reporter()
    response = client.get(reverse("wbs:message"))
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    body = response.content.decode()
    assert "Halaman ini hanya untuk mengirim formulir" in body and '<html lang="id">' in body
    assert switch_target(body) == "/"  # not back to this address


def test_the_reporter_reads_the_persons_they_named_never_those_a_handler_added(on_report, wbs_handler, advance, person):
    from casework.services import case_assign
    from wbs.reported import TerlaporInput

    browser, case, code = on_report
    case_assign(case=case, actor=wbs_handler, assignee=wbs_handler)
    services.wbs_add_reported(
        case=case, actor=wbs_handler, person=TerlaporInput(nama="Hendra Kurniawan", jabatan="Bendahara")
    )
    matched = person("Dewi Lestari")
    from wbs.selectors import reported_persons

    own = next(p for p in reported_persons(case) if p.nama == "Petugas Loket Tiga")
    services.wbs_match_reported(case=case, actor=wbs_handler, terlapor=own, user=matched)
    body = browser.get(REPORT).content.decode()
    assert "Petugas Loket Tiga" in body  # what they gave
    assert "Hendra Kurniawan" not in body and "Bendahara" not in body  # what a handler added
    assert "Dewi Lestari" not in body  # nor the account a handler matched
    # Persons the reporter adds later, answering a request, are theirs too.
    advance(case, "tunda")
    browser.post(
        reverse("wbs:supply"),
        {
            "reply": "Ada satu orang lagi.",
            "terlapor-TOTAL_FORMS": "3",
            "terlapor-INITIAL_FORMS": "0",
            "terlapor-0-nama": "Rudi Saksi",
        },
    )
    body = browser.get(REPORT).content.decode()
    assert "Rudi Saksi" in body and "Hendra Kurniawan" not in body


def test_evidence_of_a_refused_answer_is_kept_for_the_next_try(on_report, advance):
    browser, case, code = on_report
    advance(case, "tunda")
    people = {"terlapor-TOTAL_FORMS": "3", "terlapor-INITIAL_FORMS": "0"}
    photo = samples.upload(samples.png_with_text(), "kuitansi.png", "image/png")
    response = browser.post(reverse("wbs:supply"), {"reply": "", "bukti": [photo], **people})
    assert response.status_code == 400
    body = response.content.decode()
    assert "kuitansi.png" in body and "Berkas Anda tersimpan." in body
    token = re.search(r'name="berkas_simpanan" value="([^"]+)"', body).group(1)
    # Kept for this report's answer only, with nothing about the reporter.
    held = HeldUpload.objects.get()
    assert held.form == f"wbs.supply.{case.pk}" and held.owner_id is None

    response = browser.post(reverse("wbs:supply"), {"reply": "Ini buktinya.", "berkas_simpanan": token, **people})
    assert response["Location"] == REPORT
    assert LaporanWbs.objects.get(pk=case.pk).attachments.get().original_name == "kuitansi.png"
    assert not HeldUpload.objects.exists()
