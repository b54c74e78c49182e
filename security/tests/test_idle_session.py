"""A signed-in page writes the session row only when its idle expiry is due to move (at
most once a minute), and the session still ends after SESSION_COOKIE_AGE idle seconds."""

import datetime

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from accounts.testing import verified_login
from security import idle_session

INBOX = reverse("casework:inbox")


def session_writes(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(INBOX).status_code == 200
    return sum(1 for query in captured if query["sql"].startswith("UPDATE") and "django_session" in query["sql"])


def row(client) -> Session:
    return Session.objects.get(session_key=client.session.session_key)


@pytest.fixture
def signed_in(client, make_user):
    verified_login(client, make_user(roles.PENGELOLA_PENGADUAN))
    client.get(INBOX)  # the first page stamps the renewal
    return client


def test_pages_within_a_minute_do_not_rewrite_the_session(signed_in):
    assert session_writes(signed_in) == 0
    assert session_writes(signed_in) == 0


def test_a_page_after_a_minute_moves_the_expiry(signed_in):
    # As if the row had been written a minute and a second ago.
    Session.objects.filter(session_key=signed_in.session.session_key).update(
        expire_date=row(signed_in).expire_date - datetime.timedelta(seconds=idle_session.RENEW_SECONDS + 1)
    )
    before = row(signed_in).expire_date
    assert session_writes(signed_in) == 1
    assert row(signed_in).expire_date > before
    assert session_writes(signed_in) == 0  # renewed: the next minute's pages write nothing


def test_the_session_data_holds_nothing_for_the_renewal(signed_in):
    assert set(signed_in.session.keys()) == {"_auth_user_id", "_auth_user_backend", "_auth_user_hash", "otp_device_id"}


def test_the_expiry_is_never_later_than_the_idle_time_after_the_last_page(signed_in):
    expected = timezone.now() + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    signed_in.get(INBOX)
    assert row(signed_in).expire_date <= expected + datetime.timedelta(seconds=1)
    assert row(signed_in).expire_date >= expected - datetime.timedelta(seconds=idle_session.RENEW_SECONDS + 30)


def test_an_expired_session_still_ends(signed_in):
    Session.objects.filter(session_key=signed_in.session.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = signed_in.get(INBOX)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_a_visit_without_a_session_creates_none(client, db):
    assert client.get(reverse("home")).status_code == 200
    assert not Session.objects.exists()
    assert settings.SESSION_COOKIE_NAME not in client.cookies


def test_a_stale_cookie_creates_no_session(client, db):
    client.cookies[settings.SESSION_COOKIE_NAME] = "x" * 32
    client.get(reverse("home"))
    assert not Session.objects.exists()
