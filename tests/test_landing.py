"""Where each person lands after signing in with password and authenticator code: their
Kotak Masuk (an employee without a staff role too, never an empty or forbidden page), and
the Pimpinan the dashboard with the inbox beside it (registered by the reports app with
casework.landing, so the engine does not know the reports). A `next` still wins."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import access_requests, roles
from accounts.testing import totp_token

PASSWORD = "Sandi-yang-kuat-123"
INBOX = reverse("casework:inbox")
DASHBOARD = reverse("reports:dashboard")


def sign_in(client, user, next_url: str = ""):
    """Both login steps through the real pages; the final response after the redirects."""
    device = TOTPDevice.objects.create(user=user, name="Ponsel", confirmed=True)
    extra = {"next": next_url} if next_url else {}
    client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD, **extra})
    return client.post(reverse("accounts:otp_verify"), {"token": totp_token(device), **extra}, follow=True)


@pytest.mark.parametrize("role", [role for role in roles.ROLE_NAMES if role != roles.PIMPINAN])
def test_everyone_but_the_pimpinan_lands_on_the_inbox(client, make_user, role):
    response = sign_in(client, make_user(role))
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == INBOX
    assert response.templates[0].name == "casework/inbox.html"


def test_an_employee_without_a_staff_role_is_told_plainly_that_nothing_waits(client, make_user):
    response = sign_in(client, make_user(roles.PEGAWAI))
    body = response.content.decode()
    assert "Tidak ada yang menunggu Anda. Kotak Masuk kosong." in body
    # No case filters over nothing, no case table.
    assert 'name="jenis"' not in body and "<table" not in body


def test_the_pimpinan_lands_on_the_dashboard_with_the_inbox_beside_it(client, make_user):
    pimpinan = make_user(roles.PIMPINAN, roles.PEGAWAI)
    employee = make_user(roles.PEGAWAI)
    admin = make_user(roles.ADMIN_SISTEM, is_staff=True, is_superuser=True)
    waiting = access_requests.role_grant_request(user=employee, role=roles.PETUGAS_UPG, actor=admin)
    response = sign_in(client, pimpinan)
    assert response.redirect_chain[-1][0] == DASHBOARD
    body = response.content.decode()
    assert "Dasbor Pimpinan" in body
    assert 'class="inbox-panel"' in body
    assert f"#permintaan-{waiting.pk}" in body
    assert f'href="{INBOX}"' in body
    # The Kotak Masuk itself stays one click away and opens as the inbox.
    assert client.get(INBOX).templates[0].name == "casework/inbox.html"


def test_an_empty_inbox_beside_the_dashboard_says_so(client, make_user):
    body = sign_in(client, make_user(roles.PIMPINAN)).content.decode()
    assert "Tidak ada yang menunggu Anda. Kotak Masuk kosong." in body


def test_a_page_asked_for_before_signing_in_wins(client, make_user):
    response = sign_in(client, make_user(roles.PIMPINAN), next_url=INBOX)
    assert response.redirect_chain[-1][0] == INBOX


def test_the_landing_address_sends_a_signed_in_person_on(client, make_user):
    sign_in(client, make_user(roles.PEGAWAI))
    response = client.get(reverse("casework:landing"))
    assert response.status_code == 302 and response["Location"] == INBOX
