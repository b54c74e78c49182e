"""Nothing a reporter does leaves their address, device or account behind, and nothing
they write is in clear: after a whole reporter session, a dump of the database and the
file store and everything logged (every logger at DEBUG) hold no canary from the report
and no address the requests came from."""

import logging
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from casework.tests import samples
from tests.test_database_dump import dump_database, dump_files
from wbs import cookies, privacy, services
from wbs.models import LaporanWbs

from .conftest import form_data, receipt_code

ADDRESS = "203.0.113.77"
FORWARDED = "198.51.100.23"
PROXY = "192.0.2.250"
DEVICE = "KanariPonsel/9.1 (Android 14; SM-KANARI)"

CANARIES = {
    "title": "KANARI-PRIV-JUDUL",
    "apa": "KANARI-PRIV-APA",
    "dimana": "KANARI-PRIV-DIMANA",
    "kapan": "KANARI-PRIV-KAPAN",
    "bagaimana": "KANARI-PRIV-BAGAIMANA",
    "terlapor": "KANARI-PRIV-TERLAPOR",
    "identitas": "KANARI-PRIV-IDENTITAS",
    "kontak": "kanari-priv-kontak@example.test",
    "kontak_baru": "kanari-priv-kontak-baru@example.test",
    "file_name": "KANARI-PRIV-BERKAS",
    "file_content": "KANARI-PRIV-ISI",
    "message": "KANARI-PRIV-PESAN",
    "reply": "KANARI-PRIV-JAWABAN",
    "tambahan": "KANARI-PRIV-TAMBAHAN",
    "second_file": "KANARI-PRIV-BERKAS-DUA",
}


def _all_loggers_at_debug(caplog):
    caplog.set_level(logging.DEBUG)
    for name in list(logging.root.manager.loggerDict):
        caplog.set_level(logging.DEBUG, logger=name)


def _logged_text(caplog) -> str:
    """Everything the captured records carry: their text, every attribute, and the
    headers of any request attached to them (as a JSON or mail handler would print)."""
    parts = [caplog.text]
    for record in caplog.records:
        parts.append(repr(record.__dict__))
        request = getattr(record, "request", None)
        if request is not None:
            parts.append(repr(getattr(request, "META", request)))
    return "\n".join(parts)


@pytest.fixture
def session_done(db, caplog, settings, wbs_handler):
    """A reporter's whole session from a phone behind one proxy, with errors on the way."""
    _all_loggers_at_debug(caplog)
    settings.SIGAP_PROXY_COUNT = 1
    settings.SIGAP_PROXY_ADDRESSES = [PROXY]
    headers = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": FORWARDED, "HTTP_USER_AGENT": DEVICE}
    phone = Client(**headers)
    phone.get(reverse("wbs:create"))
    response = phone.post(
        reverse("wbs:create"),
        form_data(
            title=CANARIES["title"],
            apa=CANARIES["apa"],
            dimana=CANARIES["dimana"],
            kapan=CANARIES["kapan"],
            bagaimana=CANARIES["bagaimana"],
            kontak_email=CANARIES["kontak"],
            identitas_nama=CANARIES["identitas"],
            bukti=[
                samples.upload(
                    samples.pdf_with_metadata(text=CANARIES["file_content"].encode()), f"{CANARIES['file_name']}.pdf"
                )
            ],
            **{"terlapor-0-nama": CANARIES["terlapor"]},
        ),
    )
    assert response.status_code == 302
    code = receipt_code(phone.get(reverse("wbs:receipt")).content.decode())
    phone.get(reverse("wbs:receipt_file"))
    phone.post(reverse("wbs:receipt_done"), {"saved": "on"})
    case = LaporanWbs.objects.get()
    phone.get(reverse("wbs:report"))
    phone.post(reverse("wbs:message"), {"body": CANARIES["message"]})
    phone.get(reverse("wbs:file", args=[case.attachments.get().pk]))
    phone.post(reverse("wbs:contact"), {"email": CANARIES["kontak_baru"]})
    phone.post(reverse("wbs:contact_forget"))
    services.wbs_request_information(case=case, actor=wbs_handler, question="Kapan tepatnya?")
    phone.post(
        reverse("wbs:supply"),
        {
            "reply": CANARIES["reply"],
            "tambah_kapan": CANARIES["tambahan"],
            "terlapor-TOTAL_FORMS": "3",
            "terlapor-INITIAL_FORMS": "0",
            "bukti": [samples.upload(samples.png_with_text(), f"{CANARIES['second_file']}.png", "image/png")],
        },
    )
    phone.post(reverse("wbs:logout"))
    phone.post(reverse("wbs:login"), {"code": "0000-0000-0000-0000"})
    phone.post(reverse("wbs:login"), {"code": code})
    # Errors on the way: a missing file, a refused CSRF token, a forged host.
    phone.get("/wbs/laporan/bukti/999999/")
    Client(enforce_csrf_checks=True, **headers).post(reverse("wbs:message"), {"body": "x"})
    Client(**headers).get(reverse("wbs:create"), HTTP_HOST="penyerang.example")
    return {"case": LaporanWbs.objects.get(), "code": code, "logs": _logged_text(caplog)}


def test_the_session_really_happened(session_done):
    case = session_done["case"]
    assert case.title == CANARIES["title"] and CANARIES["tambahan"] in case.kapan
    assert {m.body for m in case.messages.all()} == {CANARIES["message"], CANARIES["reply"]}
    assert case.attachments.count() == 2
    logs = session_done["logs"]
    # The errors were logged (so the absence below means something).
    assert "CSRF" in logs and "penyerang.example" in logs and "/wbs/laporan/bukti/999999/" in logs


def test_no_canary_and_no_address_in_the_database_the_files_or_the_logs(session_done, settings):
    database = dump_database()
    files = dump_files(Path(settings.SIGAP_PRIVATE_STORAGE))
    logs = session_done["logs"]
    assert session_done["case"].reference in database
    secrets = {**CANARIES, "address": FORWARDED, "proxy": PROXY, "device": DEVICE, "code": session_done["code"]}
    found = {
        name: place
        for name, secret in secrets.items()
        for place, text in (("database", database), ("logs", logs))
        if secret in text
    }
    found.update({name: "files" for name, secret in secrets.items() if secret.encode() in files})
    assert found == {}


# --- The middleware ------------------------------------------------------------------------------


def _seen_by_django(path, **extra):
    seen = {}

    def view(request):
        seen["meta"] = dict(request.META)
        seen["cookies"] = dict(request.COOKIES)
        seen["client"] = getattr(request, "wbs_client", None)
        return HttpResponse("ok")

    request = RequestFactory().get(path, **extra)
    response = privacy.ReporterPrivacyMiddleware(view)(request)
    return seen, response


STAFF_COOKIES = "sessionid=abc123; csrftoken=tok; django_language=en; messages=m; sigap_wbs_sesi=enc"


def test_a_reporter_request_reaches_django_without_address_device_or_staff_session(db):
    seen, response = _seen_by_django(
        "/wbs/laporan/",
        REMOTE_ADDR=ADDRESS,
        HTTP_X_FORWARDED_FOR=FORWARDED,
        HTTP_X_REAL_IP=FORWARDED,
        HTTP_USER_AGENT=DEVICE,
        HTTP_COOKIE=STAFF_COOKIES,
    )
    assert seen["meta"]["REMOTE_ADDR"] == ""
    assert not {"HTTP_X_FORWARDED_FOR", "HTTP_X_REAL_IP", "HTTP_USER_AGENT"} & set(seen["meta"])
    assert ADDRESS not in repr(seen["meta"]) and DEVICE not in repr(seen["meta"])
    assert seen["cookies"] == {"csrftoken": "tok", "django_language": "en", cookies.SESSION.name: "enc"}
    assert seen["client"] and ADDRESS not in seen["client"]
    assert response["Cache-Control"] == "no-store, max-age=0" and response["Referrer-Policy"] == "same-origin"


def test_the_throttle_token_tells_clients_apart_without_being_their_address(db):
    first, _r = _seen_by_django("/wbs/masuk/", REMOTE_ADDR=ADDRESS)
    again, _r = _seen_by_django("/wbs/masuk/", REMOTE_ADDR=ADDRESS)
    other, _r = _seen_by_django("/wbs/masuk/", REMOTE_ADDR="203.0.113.78")
    assert first["client"] == again["client"] != other["client"]
    import hashlib

    assert first["client"] != hashlib.blake2b(ADDRESS.encode(), digest_size=16).hexdigest()


@pytest.mark.parametrize("path", ["/staf/wbs/", "/pengaduan/baru/", "/lacak/"])
def test_other_pages_are_left_alone(db, path):
    seen, response = _seen_by_django(path, REMOTE_ADDR=ADDRESS, HTTP_COOKIE=STAFF_COOKIES)
    assert seen["meta"]["REMOTE_ADDR"] == ADDRESS and "sessionid" in seen["cookies"]
    assert "Cache-Control" not in response


# --- The log filter -----------------------------------------------------------------------------


def _record(name, msg, args, **extra):
    record = logging.LogRecord(name, logging.INFO, __file__, 1, msg, args, None)
    record.__dict__.update(extra)
    return record


def test_the_development_server_logs_no_reporter_request_and_no_address():
    log_filter = privacy.ReporterLogFilter()
    socket_text = f"<socket raddr=('{ADDRESS}', 50123)>"
    assert not log_filter.filter(
        _record("django.server", '"%s" %s %s', ("POST /wbs/lapor/ HTTP/1.1", "302", "0"), request=socket_text)
    )
    kept = _record("django.server", '"%s" %s %s', ("GET /staf/ HTTP/1.1", "200", "10"), request=socket_text)
    assert log_filter.filter(kept) and not hasattr(kept, "request")
    broken = _record("django.server", "- Broken pipe from %s", ((ADDRESS, 50123),))
    assert log_filter.filter(broken) and ADDRESS not in broken.getMessage()


def test_a_record_about_a_reporter_page_loses_its_request():
    request = RequestFactory().get("/wbs/laporan/", REMOTE_ADDR=ADDRESS)
    record = _record("django.security.csrf", "Forbidden (%s): %s", ("CSRF", "/wbs/laporan/"), request=request)
    assert privacy.ReporterLogFilter().filter(record) and not hasattr(record, "request")
    staff = _record("django.request", "Not Found: %s", ("/staf/",), request=RequestFactory().get("/staf/"))
    assert privacy.ReporterLogFilter().filter(staff) and hasattr(staff, "request")


def test_the_settings_put_the_filter_on_every_logger_that_attaches_requests():
    from django.conf import settings

    for name in ("django.request", "django.server", "django.security.csrf", "django.security.DisallowedHost"):
        assert any(isinstance(f, privacy.ReporterLogFilter) for f in logging.getLogger(name).filters), name
    assert "wbs.privacy.ReporterPrivacyMiddleware" == settings.MIDDLEWARE[0]
    # Django's own handlers (its DEBUG console copy, mail to ADMINS) would bypass it.
    assert logging.getLogger("django").handlers == []
    for handler in logging.getLogger().handlers:
        if not type(handler).__module__.startswith("_pytest"):
            assert any(isinstance(f, privacy.ReporterLogFilter) for f in handler.filters), handler


class _FetchedByThePage(HTMLParser):
    """Every element whose address the browser fetches by itself as the page loads."""

    def __init__(self):
        super().__init__()
        self.fetched: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if (tag == "link" and attrs.get("href")) or (tag in {"script", "img"} and attrs.get("src")):
            self.fetched.append({"tag": tag, **attrs})


def test_what_a_reporter_page_loads_names_no_wbs_page_as_referrer(db):
    """A proxy's access log records the referrer of each style sheet, script and icon: a
    WBS page must not appear there ("this address had the WBS form open at 10:02")."""
    phone = Client()
    pages = {"form": phone.get(reverse("wbs:create")), "login": phone.get(reverse("wbs:login"))}
    assert phone.post(reverse("wbs:create"), form_data()).status_code == 302
    pages["receipt"] = phone.get(reverse("wbs:receipt"))
    phone.post(reverse("wbs:login"), {"code": receipt_code(pages["receipt"].content.decode())})
    pages["report"] = phone.get(reverse("wbs:report"))
    for name, response in pages.items():
        assert response.status_code == 200, name
        parser = _FetchedByThePage()
        parser.feed(response.content.decode())
        assert parser.fetched, name
        for element in parser.fetched:
            assert element.get("referrerpolicy") == "no-referrer", (name, element)
