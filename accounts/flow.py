"""Where a staff member goes next on the way in: login, then the second factor.

Shared by the views and StaffSecondFactorMiddleware so both send people to the same
step with the same `next`.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp.plugins.otp_totp.models import TOTPDevice


def safe_next(request, default: str | None = None) -> str:
    """The `next` the request carries if it stays on this site, else `default`."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default if default is not None else resolve_url(settings.LOGIN_REDIRECT_URL)


def with_next(url: str, next_url: str | None) -> str:
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def has_confirmed_totp(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def login_url(next_url: str | None = None) -> str:
    return with_next(reverse("accounts:login"), next_url)


def second_factor_url(user, next_url: str | None = None) -> str:
    """Verification for a user with an authenticator app, enrolment for one without."""
    name = "accounts:otp_verify" if has_confirmed_totp(user) else "accounts:otp_enrol"
    return with_next(reverse(name), next_url)


def is_fully_signed_in(user) -> bool:
    """Password and second factor both done in this session."""
    return bool(user.is_authenticated and user.is_active and getattr(user, "is_verified", lambda: False)())
