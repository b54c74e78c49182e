"""Every URL under /staf/ and /admin/ needs a login verified with a second factor.

The URLs are not listed here: the project's resolver is walked (through every include),
each pattern gets dummy values for its parameters, and the result is requested three
times — anonymous, after the password only, and fully verified. A staff page added
later is covered without touching this file.
"""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import resolve, reverse

from accounts.testing import verified_login
from tests.urlwalk import sample_paths

STAFF_PREFIXES = ("staf/", "admin/")
# Django's admin alone has dozens; far fewer means the walk itself is broken.
MIN_STAFF_URLS = 20


def staff_urls() -> list[str]:
    """A concrete path for every project URL pattern under the staff prefixes."""
    return sorted({path for path in sample_paths() if path.startswith(tuple("/" + p for p in STAFF_PREFIXES))})


STAFF_URLS = staff_urls()


def test_the_walk_finds_the_staff_urls():
    assert len(STAFF_URLS) >= MIN_STAFF_URLS, STAFF_URLS
    assert any(p.startswith("/staf/") for p in STAFF_URLS)
    assert "/admin/" in STAFF_URLS and "/admin/login/" in STAFF_URLS
    for path in STAFF_URLS:
        resolve(path)  # every generated path is one the project really serves


@pytest.fixture
def password_only_client(db):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.models import User

    user = User.objects.create_user(
        username="pegawai", email="pegawai@example.go.id", full_name="Pegawai", password="Sandi-yang-kuat-123"
    )
    TOTPDevice.objects.create(user=user, name="Ponsel", confirmed=True)
    client = Client()
    client.force_login(user, backend="accounts.backends.NipOrEmailBackend")
    return client


@pytest.fixture
def verified_client(db):
    from accounts.models import User

    # A superuser, so the admin's own permission checks let every admin page through too.
    admin = User.objects.create_superuser(
        username="admin", email="admin@example.go.id", full_name="Admin", password="Sandi-yang-kuat-123"
    )
    # A dummy id may well make a staff view fail; only where it redirects matters here.
    client = Client(raise_request_exception=False)
    verified_login(client, admin)
    return client


def _redirect(response):
    assert response.status_code in (301, 302, 303, 307, 308), response.status_code
    location = urlsplit(response["Location"])
    return location.path, parse_qs(location.query).get("next", [None])[0]


@pytest.mark.django_db
@pytest.mark.parametrize("path", STAFF_URLS)
def test_anonymous_is_sent_to_login(client, path):
    target, next_url = _redirect(client.get(path))
    assert target == reverse("accounts:login")
    assert next_url is not None


@pytest.mark.parametrize("path", STAFF_URLS)
def test_password_alone_is_sent_to_the_second_factor(password_only_client, path):
    target, next_url = _redirect(password_only_client.get(path))
    assert target == reverse("accounts:otp_verify")
    assert next_url is not None


@pytest.mark.parametrize("path", STAFF_URLS)
def test_verified_session_is_let_through(verified_client, path):
    login_steps = {reverse(name) for name in ("accounts:login", "accounts:otp_verify", "accounts:otp_enrol")}
    response = verified_client.get(path)
    if response.status_code in (301, 302, 303, 307, 308):
        assert urlsplit(response["Location"]).path not in login_steps, response["Location"]
