"""Per-client rate limits for public endpoints, on top of django-ratelimit.

The client is keyed by an HMAC of its address (never the address itself), so even the
cache holds nothing that identifies a reporter; keys expire with their window.
"""

from __future__ import annotations

from django.conf import settings
from django_ratelimit.core import is_ratelimited

from . import crypto


def client_key(group: str, request) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    return crypto.keyed_digest(address, purpose=f"ratelimit:{group}")


def hit(request, *, group: str, rate: str | None = None) -> bool:
    """Count one attempt; True when the client is over its limit for `group`."""
    return is_ratelimited(
        request,
        group=group,
        key=client_key,
        rate=rate or settings.SIGAP_CODE_LOOKUP_RATE,
        increment=True,
    )
