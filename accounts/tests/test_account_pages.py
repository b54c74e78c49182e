"""The staff member's own page under /staf/akun/: new backup codes."""

import re

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken

from accounts import services
from accounts.testing import verified_login
from security.audit import Event

from .support import NIP, audit_events, login_password

pytestmark = [pytest.mark.django_db, pytest.mark.urls("accounts.tests.urls")]


def test_account_page_shows_second_factor_status(client, enrolled):
    services.backup_codes_issue(user=enrolled.user)
    verified_login(client, enrolled.user)
    page = client.get(reverse("accounts_staff:account")).content.decode()
    assert "Aktif dengan aplikasi autentikator" in page
    assert f"Sisa {services.BACKUP_CODE_COUNT} kode cadangan" in page


def test_regenerating_replaces_every_code_and_shows_the_new_ones_once(client, enrolled):
    old = services.backup_codes_issue(user=enrolled.user)
    verified_login(client, enrolled.user)

    response = client.post(reverse("accounts_staff:backup_codes_regenerate"), follow=True)
    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    assert len(new) == services.BACKUP_CODE_COUNT
    stored = set(StaticToken.objects.filter(device__user=enrolled.user).values_list("token", flat=True))
    assert stored == set(new)
    assert not stored & set(old)
    assert len(audit_events(Event.OTP_BACKUP_GENERATED, actor_id=enrolled.user_id)) == 2


def test_regenerating_keeps_a_session_verified_by_backup_code(client, enrolled):
    codes = services.backup_codes_issue(user=enrolled.user)
    login_password(client, NIP)
    client.post(reverse("accounts:otp_verify"), {"backup_code": codes[0]})
    client.post(reverse("accounts_staff:backup_codes_regenerate"))
    assert client.get(reverse("accounts_staff:account")).status_code == 200


def test_regenerating_is_post_only(client, enrolled):
    verified_login(client, enrolled.user)
    assert client.get(reverse("accounts_staff:backup_codes_regenerate")).status_code == 405


def test_account_pages_need_the_second_factor(client, enrolled):
    login_password(client, NIP)
    for url in (reverse("accounts_staff:account"), reverse("accounts:backup_codes")):
        response = client.get(url)
        assert response["Location"].startswith(reverse("accounts:otp_verify")), url
    response = client.post(reverse("accounts_staff:backup_codes_regenerate"))
    assert response["Location"].startswith(reverse("accounts:otp_verify"))
    assert not StaticToken.objects.exists()
