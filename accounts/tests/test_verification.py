"""Later logins: a code from the authenticator app or a backup code, throttled."""

import time

import pytest
from django.test import override_settings
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken

from accounts import services
from accounts.testing import totp_token
from security.audit import Event

from .support import NIP, audit_events, login_password

pytestmark = pytest.mark.django_db

VERIFY = reverse("accounts:otp_verify")


@pytest.fixture
def backup_codes(enrolled):
    return services.backup_codes_issue(user=enrolled.user)


@pytest.fixture
def half_logged_in(client, enrolled):
    login_password(client, NIP)
    return client


def wrong_token(device):
    return f"{(int(totp_token(device)) + 500_000) % 1_000_000:06d}"


def test_verify_page_offers_both_kinds_of_code(half_logged_in):
    page = half_logged_in.get(VERIFY).content.decode()
    assert 'autocomplete="one-time-code"' in page and 'inputmode="numeric"' in page
    assert 'name="backup_code"' in page
    assert "kode cadangan" in page


def test_totp_code_verifies_the_session(half_logged_in, enrolled):
    response = half_logged_in.post(VERIFY + "?next=/staf/", {"token": totp_token(enrolled), "next": "/staf/"})
    assert response.status_code == 302
    assert response["Location"] == "/staf/"
    assert half_logged_in.get("/staf/").status_code == 200
    [verified] = audit_events(Event.OTP_VERIFIED, actor_id=enrolled.user_id)
    assert verified.data["method"] == "totp"


def test_the_session_key_changes_when_verified(half_logged_in, enrolled):
    before = half_logged_in.session.session_key
    half_logged_in.post(VERIFY, {"token": totp_token(enrolled)})
    assert half_logged_in.session.session_key != before


def test_a_totp_code_works_once(client, enrolled):
    token = totp_token(enrolled)
    login_password(client, NIP)
    assert client.post(VERIFY, {"token": token}).status_code == 302
    client.post(reverse("accounts:logout"))
    login_password(client, NIP)
    response = client.post(VERIFY, {"token": token})
    assert response.status_code == 200
    assert "Kode tidak cocok" in response.content.decode()


def test_wrong_code_is_refused_and_audited(half_logged_in, enrolled):
    response = half_logged_in.post(VERIFY, {"token": wrong_token(enrolled)})
    assert response.status_code == 200
    assert "Kode tidak cocok" in response.content.decode()
    assert half_logged_in.get("/staf/").status_code == 302
    [failed] = audit_events(Event.OTP_FAILED, actor_id=enrolled.user_id)
    assert failed.data == {"method": "totp", "client": "127.0.0.1"}


def test_backup_code_verifies_once_and_is_used_up(client, enrolled, backup_codes):
    code = backup_codes[0]
    login_password(client, NIP)
    response = client.post(VERIFY, {"backup_code": code.upper()})
    assert response.status_code == 302
    assert client.get("/staf/").status_code == 200
    assert not StaticToken.objects.filter(token=code).exists()
    [used] = audit_events(Event.OTP_BACKUP_USED, actor_id=enrolled.user_id)
    assert used.data["codes_left"] == services.BACKUP_CODE_COUNT - 1

    client.post(reverse("accounts:logout"))
    login_password(client, NIP)
    again = client.post(VERIFY, {"backup_code": code})
    assert again.status_code == 200
    assert "sudah pernah dipakai" in again.content.decode()
    assert client.get("/staf/").status_code == 302


def test_backup_code_login_reminds_how_many_are_left(client, enrolled, backup_codes):
    login_password(client, NIP)
    response = client.post(VERIFY, {"backup_code": backup_codes[0]}, follow=True)
    assert f"Tersisa {services.BACKUP_CODE_COUNT - 1} kode cadangan" in response.content.decode()


@override_settings(OTP_TOTP_THROTTLE_FACTOR=60)
def test_repeated_wrong_codes_are_throttled(half_logged_in, enrolled):
    half_logged_in.post(VERIFY, {"token": wrong_token(enrolled)})
    # While throttled even the right code is refused, with a clear message.
    response = half_logged_in.post(VERIFY, {"token": totp_token(enrolled)})
    page = response.content.decode()
    assert "Terlalu banyak kode yang salah" in page
    assert "coba lagi dalam" in page
    assert half_logged_in.get("/staf/").status_code == 302
    assert audit_events(Event.OTP_FAILED, actor_id=enrolled.user_id)[-1].data["throttled"] is True


@override_settings(OTP_STATIC_THROTTLE_FACTOR=60)
def test_backup_codes_are_throttled_too(half_logged_in, enrolled, backup_codes):
    half_logged_in.post(VERIFY, {"backup_code": "zzzzzzzz"})
    response = half_logged_in.post(VERIFY, {"backup_code": backup_codes[0]})
    assert "Terlalu banyak kode yang salah" in response.content.decode()
    assert StaticToken.objects.filter(token=backup_codes[0]).exists()


def test_throttle_lifts_after_the_wait(half_logged_in, enrolled):
    half_logged_in.post(VERIFY, {"token": wrong_token(enrolled)})
    enrolled.refresh_from_db()
    enrolled.throttling_failure_timestamp = enrolled.throttling_failure_timestamp.replace(year=2000)
    enrolled.save()
    assert half_logged_in.post(VERIFY, {"token": totp_token(enrolled, at=time.time())}).status_code == 302


def test_verification_needs_the_password_step(client, db):
    response = client.get(VERIFY)
    assert response["Location"].startswith(reverse("accounts:login"))


def test_verified_user_visiting_login_goes_on(client, enrolled):
    from accounts.testing import verified_login

    verified_login(client, enrolled.user)
    response = client.get(reverse("accounts:login") + "?next=/staf/")
    assert response.status_code == 302 and response["Location"] == "/staf/"
