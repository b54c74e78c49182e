"""Step one of the staff login: NIP or e-mail and password, lockout, logout, session age."""

import datetime

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from security.audit import Event

from .support import NIP, PASSWORD, audit_events, login_password

pytestmark = pytest.mark.django_db

STAFF_PAGE = "/staf/"


def session_user_id(client):
    return client.session.get("_auth_user_id")


def test_login_page_is_indonesian_and_fits_password_managers(client):
    page = client.get(reverse("accounts:login")).content.decode()
    assert "NIP atau alamat e-mail" in page
    assert 'autocomplete="username"' in page
    assert 'autocomplete="current-password"' in page
    assert '<label for="id_username"' in page and '<label for="id_password"' in page


def test_login_with_nip_goes_on_to_enrolment(client, staff):
    response = login_password(client, NIP)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp_enrol"))
    assert session_user_id(client) == str(staff.pk)


@pytest.mark.parametrize("typed", ["budi.santoso@dukcapil.example.go.id", "Budi.Santoso@DUKCAPIL.example.go.id"])
def test_login_with_email_ignores_case(client, staff, typed):
    response = login_password(client, f"  {typed} ")
    assert response.status_code == 302
    assert session_user_id(client) == str(staff.pk)


def test_enrolled_user_goes_on_to_verification(client, enrolled):
    response = login_password(client, NIP)
    assert response["Location"].startswith(reverse("accounts:otp_verify"))


def test_the_second_factor_page_shows_no_staff_menu_only_the_way_out(client, enrolled):
    login_password(client, NIP)
    page = client.get(reverse("accounts:otp_verify")).content.decode()
    assert "Kotak Masuk" not in page and "Gratifikasi saya" not in page
    assert f'action="{reverse("accounts:logout")}"' in page


def test_next_is_carried_to_the_second_factor(client, staff):
    response = login_password(client, NIP, next="/staf/kasus/1/")
    assert response["Location"] == reverse("accounts:otp_enrol") + "?next=%2Fstaf%2Fkasus%2F1%2F"


def test_next_to_another_site_is_ignored(client, staff):
    response = login_password(client, NIP, next="https://jahat.example.com/")
    assert response["Location"] == reverse("accounts:otp_enrol")


def test_wrong_password_is_refused_in_indonesian(client, staff):
    response = login_password(client, NIP, password="salah-sekali-123")
    assert response.status_code == 200
    assert "NIP/e-mail atau kata sandi salah" in response.content.decode()
    assert session_user_id(client) is None


def test_unknown_account_gets_the_same_message(client, staff):
    response = login_password(client, "999999999999999999")
    assert "NIP/e-mail atau kata sandi salah" in response.content.decode()


def test_inactive_account_cannot_log_in(client, staff):
    staff.is_active = False
    staff.save()
    response = login_password(client, NIP)
    assert response.status_code == 200
    assert session_user_id(client) is None


def test_password_alone_opens_no_staff_page(client, staff):
    login_password(client, NIP)
    response = client.get(STAFF_PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp_enrol"))


def test_login_and_failure_are_audited_without_the_password(client, staff):
    login_password(client, NIP, password="salah-sekali-123")
    login_password(client, NIP)

    [failed] = audit_events(Event.LOGIN_FAILED)
    assert failed.object_id == str(staff.pk)
    assert failed.data["known_account"] is True
    assert failed.data["client"] == "127.0.0.1"
    assert "salah-sekali-123" not in str(failed.data) and "password" not in failed.data

    [login] = audit_events(Event.LOGIN)
    assert login.actor_id == staff.pk
    assert login.data["step"] == "password"


def test_failure_for_unknown_account_does_not_store_what_was_typed(client, db):
    login_password(client, "kata-sandi-salah-kolom")
    [failed] = audit_events(Event.LOGIN_FAILED)
    assert failed.data["known_account"] is False
    assert "kata-sandi-salah-kolom" not in str(failed.data)


def lock_out(client, identifier=NIP):
    responses = [
        login_password(client, identifier, password=f"salah-{n}-abcdefg") for n in range(settings.AXES_FAILURE_LIMIT)
    ]
    return responses[-1]


def test_lockout_after_the_failure_limit(client, staff):
    response = lock_out(client)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Akun dikunci sementara" in page
    assert f"({settings.AXES_FAILURE_LIMIT} kali)" in page
    assert "coba lagi setelah 1\xa0jam" in page  # Django writes durations with a no-break space


def test_locked_account_cannot_log_in_even_with_the_right_password(client, staff):
    lock_out(client)
    response = login_password(client, NIP)
    assert response.status_code == 429
    assert session_user_id(client) is None


def test_lockout_is_audited(client, staff):
    lock_out(client)
    [locked] = audit_events(Event.LOCKED_OUT)
    assert locked.object_id == str(staff.pk)
    assert locked.data["client"] == "127.0.0.1"


def test_one_failure_short_of_the_limit_still_allows_login(client, staff):
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        login_password(client, NIP, password=f"salah-{n}-abcdefg")
    assert login_password(client, NIP).status_code == 302


@override_settings(AXES_USERNAME_CALLABLE="accounts.lockout.lockout_username")
def test_nip_and_email_share_one_allowance(client, staff):
    # With the recommended setting, switching identifier does not buy more attempts.
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        login_password(client, NIP, password=f"salah-{n}-abcdefg")
    response = login_password(client, staff.email.upper(), password="salah-lagi-abcdefg")
    assert response.status_code == 429


@override_settings(SIGAP_LOGIN_FAILURE_RATE="3/10m")
def test_failures_across_accounts_from_one_client_are_capped(client, staff):
    for n in range(3):
        login_password(client, f"orang{n}@example.go.id")
    response = login_password(client, NIP)
    assert response.status_code == 429
    assert "Terlalu banyak percobaan masuk yang gagal dari jaringan Anda" in response.content.decode()
    assert session_user_id(client) is None


def test_logout_is_post_only_and_audited(client, staff):
    login_password(client, NIP)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert session_user_id(client) is None
    [logout] = audit_events(Event.LOGOUT)
    assert logout.actor_id == staff.pk


def test_session_lasts_session_cookie_age(client, staff):
    login_password(client, NIP)
    session = Session.objects.get(session_key=client.session.session_key)
    expected = timezone.now() + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    assert abs((session.expire_date - expected).total_seconds()) < 30


@override_settings(SESSION_COOKIE_AGE=600)
def test_session_age_follows_the_setting(client, staff):
    login_password(client, NIP)
    assert client.session.get_expiry_age() == 600
    session = Session.objects.get(session_key=client.session.session_key)
    assert abs((session.expire_date - timezone.now()).total_seconds() - 600) < 30


def test_expired_session_is_sent_back_to_login(client, staff):
    from accounts.testing import verified_login

    verified_login(client, staff)
    assert client.get(STAFF_PAGE).status_code == 200
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = client.get(STAFF_PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_password_is_not_kept_on_the_form_after_failure(client, staff):
    response = login_password(client, NIP, password="salah-sekali-123")
    assert PASSWORD not in response.content.decode()
    assert "salah-sekali-123" not in response.content.decode()


# --- Behind a reverse proxy: every client is counted by its own address --------------------

PROXY = "127.0.0.1"


def behind_proxy(address):
    from django.test import Client

    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)


@override_settings(SIGAP_PROXY_COUNT=1)
def test_failures_from_different_clients_behind_one_proxy_do_not_lock_the_account(staff):
    for n in range(settings.AXES_FAILURE_LIMIT):
        assert login_password(behind_proxy(f"198.51.100.{n + 1}"), NIP, password="salah-abcdefg").status_code == 200
    assert login_password(behind_proxy("198.51.100.99"), NIP).status_code == 302


@override_settings(SIGAP_PROXY_COUNT=1)
def test_a_lockout_behind_a_proxy_names_and_locks_only_the_client(staff):
    from axes.models import AccessAttempt

    attacker = behind_proxy("203.0.113.66")
    for n in range(settings.AXES_FAILURE_LIMIT):
        login_password(attacker, NIP, password=f"salah-{n}-abcdefg")
    assert login_password(attacker, NIP).status_code == 429
    assert {entry.data["client"] for entry in audit_events(Event.LOCKED_OUT)} == {"203.0.113.66"}
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.66"}
    assert all(entry.data.get("client") == "203.0.113.66" for entry in audit_events(Event.LOGIN_FAILED))
    # The owner of the account, elsewhere, still signs in; the audit names their address.
    assert login_password(behind_proxy("198.51.100.5"), NIP).status_code == 302
    [login] = audit_events(Event.LOGIN)
    assert login.data["client"] == "198.51.100.5"


@override_settings(SIGAP_PROXY_COUNT=1, SIGAP_LOGIN_FAILURE_RATE="3/10m")
def test_the_ceiling_on_failures_across_accounts_is_per_client_behind_a_proxy(staff):
    sprayer = behind_proxy("203.0.113.67")
    for n in range(3):
        login_password(sprayer, f"orang{n}@example.go.id")
    assert login_password(sprayer, NIP).status_code == 429
    assert login_password(behind_proxy("198.51.100.6"), NIP).status_code == 302


@override_settings(SIGAP_PROXY_COUNT=0)
def test_a_forged_forwarded_header_without_a_proxy_buys_no_more_attempts(staff):
    from django.test import Client

    for n in range(settings.AXES_FAILURE_LIMIT):
        forger = Client(REMOTE_ADDR="203.0.113.68", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
        login_password(forger, NIP, password=f"salah-{n}-abcdefg")
    forger = Client(REMOTE_ADDR="203.0.113.68", HTTP_X_FORWARDED_FOR="10.9.9.9")
    assert login_password(forger, NIP).status_code == 429
    assert {entry.data["client"] for entry in audit_events(Event.LOCKED_OUT)} == {"203.0.113.68"}
