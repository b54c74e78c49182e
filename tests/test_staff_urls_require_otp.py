"""Every URL under /staf/ and /admin/ needs a login verified with a second factor.

The URLs are not listed here: the project's resolver is walked (through every include),
each pattern gets dummy values for its parameters, and the result is requested three
times — anonymous, after the password only, and fully verified. A staff page added
later is covered without touching this file.
"""

import re
from re import _parser as regex_parser  # the stdlib's own regex parser (sre_parse)
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver, resolve, reverse

from accounts.testing import verified_login

STAFF_PREFIXES = ("staf/", "admin/")
# Django's admin alone has dozens; far fewer means the walk itself is broken.
MIN_STAFF_URLS = 20

# Characters tried, in order, for a character class: digits first, so an id is "1".
_CANDIDATES = "1xa0-_."


def _strip_anchors(regex: str) -> str:
    regex = regex.removeprefix("^")
    for end in (r"\Z", "$"):
        if regex.endswith(end) and not regex.endswith("\\" + end):
            return regex.removesuffix(end)
    return regex


def _class_accepts(items, char: str) -> bool:
    negate, hit = False, False
    for op, arg in items:
        name = str(op)
        if name == "NEGATE":
            negate = True
        elif name == "LITERAL":
            hit |= ord(char) == arg
        elif name == "RANGE":
            hit |= arg[0] <= ord(char) <= arg[1]
        elif name == "CATEGORY":
            hit |= bool(re.fullmatch(_CATEGORY_PATTERNS[str(arg)], char))
    return hit != negate


_CATEGORY_PATTERNS = {
    "CATEGORY_DIGIT": r"\d",
    "CATEGORY_NOT_DIGIT": r"\D",
    "CATEGORY_WORD": r"\w",
    "CATEGORY_NOT_WORD": r"\W",
    "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S",
}


def _sample(parsed) -> str:
    """One string the parsed regex matches, preferring short, plain values."""
    out = []
    for op, arg in parsed:
        name = str(op)
        if name == "LITERAL":
            out.append(chr(arg))
        elif name == "NOT_LITERAL":
            out.append(next(c for c in _CANDIDATES if ord(c) != arg))
        elif name == "ANY":
            out.append("x")
        elif name == "IN":
            out.append(next(c for c in _CANDIDATES + "bcdefghijklmnopqrstuvwyz" if _class_accepts(arg, c)))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, _high, sub = arg
            out.append(_sample(sub) * max(low, 1))
        elif name == "SUBPATTERN":
            out.append(_sample(arg[-1]))
        elif name == "BRANCH":
            out.append(_sample(arg[1][0]))
        elif name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue
        else:
            raise AssertionError(f"walker cannot fill regex element {name}; teach _sample about it")
    return "".join(out)


def _walk(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        regex = prefix + _strip_anchors(pattern.pattern.regex.pattern)
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern, regex)
        else:
            yield regex


def staff_urls() -> list[str]:
    """A concrete path for every project URL pattern under the staff prefixes."""
    paths = set()
    for regex in _walk(get_resolver()):
        sample = _sample(regex_parser.parse(regex))
        assert re.fullmatch(regex, sample), (regex, sample)
        if sample.startswith(STAFF_PREFIXES):
            paths.add("/" + sample)
    return sorted(paths)


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
