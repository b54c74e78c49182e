"""Short messages (SMS/WhatsApp) through a pluggable backend: the choice by setting, the
development and test backends, and the generic webhook gateway."""

import io
import json
import urllib.error

import pytest
from django.core.exceptions import ImproperlyConfigured

from casework import sms


@pytest.fixture(autouse=True)
def _empty_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


# --- Numbers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "sent"),
    [
        ("0812-3456-7890", "6281234567890"),
        ("0812 3456 789", "628123456789"),
        ("+62 812 3456 7890", "6281234567890"),
        ("62 812 3456 7890", "6281234567890"),
        ("812-3456-7890", "6281234567890"),
        ("(021) 345 6789", "62213456789"),
        ("0044 20 7946 0958", "442079460958"),
        ("+44 20 7946 0958", "442079460958"),
    ],
)
def test_numbers_are_sent_in_international_form(written, sent):
    assert sms.normalize_number(written) == sent


@pytest.mark.parametrize("written", ["", "12345", "0812", "+1234567890123456", "tidak ada"])
def test_what_cannot_be_a_number_is_refused(written):
    assert sms.normalize_number(written) is None
    with pytest.raises(ValueError):
        sms.send_sms(written, "Halo")


# --- Choosing a backend ------------------------------------------------------------------


def test_tests_use_the_memory_backend_by_default():
    assert isinstance(sms.get_backend(), sms.LocmemBackend)
    text = "Status pengaduan PGD/2026/000001 kini Diverifikasi."
    assert sms.send_sms("0812 3456 7890", text) == 1
    assert sms.outbox == [sms.SmsMessage(to="6281234567890", body=text)]


def test_the_disabled_backend_sends_nothing(settings):
    settings.SIGAP_SMS_BACKEND = sms.DISABLED
    assert not sms.is_enabled()
    assert sms.send_sms("081234567890", "Halo") == 0
    assert sms.outbox == []


def test_the_console_backend_prints_each_message():
    stream = io.StringIO()
    backend = sms.get_backend(sms.CONSOLE, stream=stream)
    assert sms.send_sms("081234567890", "Halo", backend=backend) == 1
    assert "6281234567890" in stream.getvalue() and "Halo" in stream.getvalue()


def test_a_backend_that_cannot_be_imported_is_a_configuration_error(settings):
    settings.SIGAP_SMS_BACKEND = "casework.sms.TidakAda"
    with pytest.raises(ImproperlyConfigured):
        sms.get_backend()


# --- The webhook gateway ------------------------------------------------------------------


class FakeResponse:
    def __init__(self, status):
        self.status = status

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def getcode(self):
        return self.status


class FakeOpener:
    """Records each request; answers with `status` or raises `error`."""

    def __init__(self, status=200, error=None):
        self.status, self.error, self.requests = status, error, []

    def open(self, request, timeout=None):
        self.requests.append((request, timeout))
        if self.error is not None:
            raise self.error
        return FakeResponse(self.status)


def webhook(opener, **kwargs):
    kwargs.setdefault("url", "https://gateway.example.test/kirim")
    kwargs.setdefault("token", "rahasia-gateway")
    kwargs.setdefault("timeout", 7)
    return sms.WebhookBackend(opener=opener, **kwargs)


def test_the_webhook_posts_json_with_a_bearer_token():
    opener = FakeOpener()
    assert sms.send_sms("0812-3456-7890", "Status: Diverifikasi", backend=webhook(opener)) == 1
    [(request, timeout)] = opener.requests
    assert request.full_url == "https://gateway.example.test/kirim"
    assert request.get_method() == "POST"
    assert request.get_header("Authorization") == "Bearer rahasia-gateway"
    assert request.get_header("Content-type") == "application/json"
    assert json.loads(request.data) == {"to": "6281234567890", "message": "Status: Diverifikasi"}
    assert timeout == 7


def test_the_webhook_reads_its_settings(settings):
    settings.SIGAP_SMS_WEBHOOK_URL = "https://gw.example.test/api"
    settings.SIGAP_SMS_WEBHOOK_TOKEN = ""
    settings.SIGAP_SMS_WEBHOOK_TIMEOUT = 3.5
    opener = FakeOpener(status=201)
    backend = sms.get_backend(sms.WEBHOOK, opener=opener)
    backend.send_messages([sms.SmsMessage(to="6281234567890", body="Halo")])
    [(request, timeout)] = opener.requests
    assert request.full_url == "https://gw.example.test/api" and timeout == 3.5
    assert request.get_header("Authorization") is None  # no token, no header


@pytest.mark.parametrize(
    "opener",
    [
        FakeOpener(status=500),
        FakeOpener(status=302),
        FakeOpener(error=urllib.error.HTTPError("https://gw", 401, "Unauthorized", {}, io.BytesIO(b"6281234567890"))),
        FakeOpener(error=urllib.error.URLError("connection refused")),
        FakeOpener(error=TimeoutError()),
    ],
)
def test_a_failing_gateway_raises_without_naming_the_number(opener):
    with pytest.raises(sms.SmsError) as excinfo:
        sms.send_sms("081234567890", "Halo", backend=webhook(opener))
    assert "6281234567890" not in str(excinfo.value) and "081234567890" not in str(excinfo.value)


@pytest.mark.parametrize("url", ["", "file:///etc/passwd", "ftp://gw.example.test/"])
def test_the_webhook_accepts_only_http_addresses(url):
    with pytest.raises(ImproperlyConfigured):
        webhook(FakeOpener(), url=url)
