"""A per-client ceiling on failed staff logins, on top of django-axes.

Axes locks one account from one client (AXES_LOCKOUT_PARAMETERS). That does not stop
one client trying a few passwords against many accounts, so failures from one client
are also counted here across all accounts. Only failures count: an office behind one
address where everyone signs in at eight o'clock is never slowed down.
"""

from django.conf import settings
from django_ratelimit.core import get_usage

from security.ratelimit import client_key

GROUP = "accounts.login_failures"
DEFAULT_RATE = "30/10m"


def _usage(request, *, increment: bool):
    rate = getattr(settings, "SIGAP_LOGIN_FAILURE_RATE", DEFAULT_RATE)
    return get_usage(request, group=GROUP, key=client_key, rate=rate, increment=increment)


def login_blocked(request) -> bool:
    """True when this client has used up its failed-login allowance."""
    usage = _usage(request, increment=False)
    return usage is not None and usage["count"] >= usage["limit"]


def count_login_failure(request) -> None:
    _usage(request, increment=True)
