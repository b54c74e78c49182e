"""First login: the authenticator app is set up with a QR code, then backup codes shown once."""

import re

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import services
from security.audit import Event

from .support import NIP, audit_events, login_password

pytestmark = pytest.mark.django_db

ENROL = reverse("accounts:otp_enrol")


def pending_device(user):
    return TOTPDevice.objects.get(user=user, confirmed=False)


def current_token(device):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def test_enrolment_page_shows_a_server_drawn_qr_code_and_the_secret(client, staff):
    login_password(client, NIP)
    response = client.get(ENROL)
    page = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]  # the secret must not stay in a cache
    assert '<svg width="240" height="240"' in page and 'role="img"' in page
    # The code is drawn by the server: no QR service, and no script but the site's own file.
    scripts = re.findall(r"<script[^>]*>", page)
    assert scripts and all("/static/js/sigap" in tag for tag in scripts)
    secret = re.search(r'<code class="secret"[^>]*>([A-Z2-7 ]+)</code>', page).group(1)
    device = pending_device(staff)
    from base64 import b32decode

    assert b32decode(secret.replace(" ", "")) == device.bin_key
    assert 'autocomplete="one-time-code"' in page and 'inputmode="numeric"' in page


def test_reloading_keeps_the_same_secret_but_a_new_session_gets_a_new_one(client, staff):
    login_password(client, NIP)
    client.get(ENROL)
    first = pending_device(staff)
    client.get(ENROL)
    assert pending_device(staff).pk == first.pk

    client.post(reverse("accounts:logout"))
    login_password(client, NIP)
    client.get(ENROL)
    second = pending_device(staff)
    assert second.key != first.key
    assert not TOTPDevice.objects.filter(pk=first.pk).exists()


def test_enrolment_end_to_end(client, staff):
    login_password(client, NIP, next="/staf/")
    client.get(ENROL + "?next=/staf/")
    device = pending_device(staff)

    response = client.post(ENROL + "?next=/staf/", {"token": current_token(device), "next": "/staf/"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:backup_codes") + "?next=%2Fstaf%2F"

    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/staf/").status_code == 200  # the session is verified now

    page = client.get(response["Location"])
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page.content.decode())
    assert len(codes) == services.BACKUP_CODE_COUNT
    assert set(codes) == set(StaticToken.objects.filter(device__user=staff).values_list("token", flat=True))
    assert "Cetak kode" in page.content.decode()
    assert 'href="/staf/"' in page.content.decode()

    # Shown once only.
    again = client.get(response["Location"])
    assert again.status_code == 302
    assert again["Location"] == "/staf/"

    assert audit_events(Event.OTP_ENROLLED, actor_id=staff.pk)
    [generated] = audit_events(Event.OTP_BACKUP_GENERATED, actor_id=staff.pk)
    assert generated.data["count"] == services.BACKUP_CODE_COUNT
    assert not any(code in str(generated.data) for code in codes)


def test_a_wrong_code_does_not_confirm(client, staff):
    login_password(client, NIP)
    client.get(ENROL)
    device = pending_device(staff)
    wrong = f"{(int(current_token(device)) + 500_000) % 1_000_000:06d}"
    response = client.post(ENROL, {"token": wrong})
    assert response.status_code == 200
    assert "Kode tidak cocok" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get("/staf/").status_code == 302
    assert audit_events(Event.OTP_FAILED, actor_id=staff.pk)


def test_code_must_be_six_digits(client, staff):
    login_password(client, NIP)
    client.get(ENROL)
    response = client.post(ENROL, {"token": "12ab"})
    assert "Kode terdiri atas 6 angka." in response.content.decode()


def test_enrolment_needs_the_password_step(client, db):
    response = client.get(ENROL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_user_with_an_authenticator_cannot_enrol_another(client, enrolled):
    # Otherwise a stolen password alone would be enough to replace the second factor.
    login_password(client, NIP)
    response = client.get(ENROL)
    assert response["Location"].startswith(reverse("accounts:otp_verify"))
    assert TOTPDevice.objects.filter(user=enrolled.user).count() == 1
