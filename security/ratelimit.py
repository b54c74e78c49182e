"""Per-client rate limits for public endpoints: so many requests per fixed window.

The client is keyed by an HMAC of its address (never the address itself), so even the
cache holds nothing that identifies a reporter; keys expire with their window.

Counting is one step of every public post, so it is kept to one round trip. With Redis
as the cache, the counter is raised and given its expiry in one pipelined exchange on a
client kept for the process (Django's Redis backend makes a new client object and does
two exchanges, add then incr, for the same). With any other cache (the database in a
zero-setup install, memory in tests) django-ratelimit counts, as before.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django_ratelimit.core import get_usage, is_ratelimited

from . import crypto
from .client import client_address

_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_EXPIRY_SLACK_SECONDS = 5


@dataclass(frozen=True)
class Rate:
    limit: int
    seconds: int


def parse_rate(text: str) -> Rate:
    """ "10/h", "100/10m", "5/30s": so many requests per window (as django-ratelimit writes)."""
    match = _RATE.match(text or "")
    if not match:
        raise ValueError(f"Not a rate: {text!r} (write e.g. 10/h or 100/10m)")
    count, multiple, unit = match.groups()
    return Rate(limit=int(count), seconds=int(multiple or 1) * _UNIT_SECONDS[unit])


def wait_minutes(rate: str) -> int:
    """The longest a refused client waits before it may try again: one window of `rate`,
    in whole minutes (a fixed window ends at the latest one window after the refusal)."""
    return max(1, -(-parse_rate(rate).seconds // 60))


def client_key(group: str, request) -> str:
    address = client_address(request)
    return crypto.keyed_digest(address, purpose=f"ratelimit:{group}")


def hit(request, *, group: str, rate: str | None = None) -> bool:
    """Count one attempt; True when the client is over its limit for `group`."""
    rate = rate or settings.SIGAP_CODE_LOOKUP_RATE
    backend = caches[_cache_alias()]
    if isinstance(backend, RedisCache):
        return _hit_redis(backend, group, client_key(group, request), parse_rate(rate))
    return is_ratelimited(request, group=group, key=client_key, rate=rate, increment=True)


def blocked(request, *, group: str, rate: str | None = None) -> bool:
    """Whether the client has used up its attempts for `group`, without counting one: for
    a limit that counts only failed attempts (call `hit` after a failure)."""
    rate = rate or settings.SIGAP_CODE_LOOKUP_RATE
    backend = caches[_cache_alias()]
    if isinstance(backend, RedisCache):
        parsed = parse_rate(rate)
        count = _redis_client(backend).get(_redis_key(backend, group, client_key(group, request), parsed))
        return int(count or 0) >= parsed.limit
    usage = get_usage(request, group=group, key=client_key, rate=rate, increment=False)
    return usage is not None and usage["count"] >= usage["limit"]


def _cache_alias() -> str:
    # The cache django-ratelimit would use, so both paths count in the same place.
    return getattr(settings, "RATELIMIT_USE_CACHE", "default")


def _hit_redis(backend: RedisCache, group: str, client: str, rate: Rate) -> bool:
    window = int(time.time()) // rate.seconds
    key = _redis_key(backend, group, client, rate, window)
    pipe = _redis_client(backend).pipeline(transaction=False)
    pipe.incr(key)
    # The key goes when its window ends (plus a little slack for clocks a second apart).
    # Setting the same moment on every count needs no "only if unset" option, which
    # older Redis servers lack.
    pipe.expireat(key, (window + 1) * rate.seconds + _EXPIRY_SLACK_SECONDS)
    count, _ = pipe.execute()
    return count > rate.limit


def _redis_key(backend: RedisCache, group: str, client: str, rate: Rate, window: int | None = None) -> str:
    window = int(time.time()) // rate.seconds if window is None else window
    return backend.make_and_validate_key(f"rl:{group}:{rate.limit}/{rate.seconds}:{window}:{client}")


def _redis_client(backend: RedisCache):
    """A Redis client on the backend's own connection pool, kept on the backend instance
    (Django makes one per thread), so it lives and goes with it. It is safe to share
    across threads: the pool lends each call a connection. Django's backend exposes its
    client only through `_cache`."""
    client = getattr(backend, "_sigap_ratelimit_client", None)
    if client is None:
        client = backend._cache.get_client(write=True)
        backend._sigap_ratelimit_client = client
    return client
