"""Rate limits for the WBS reporter pages that leave nothing behind.

security.ratelimit keys its counters by a keyed hash of the client address in the shared
cache, which production keeps in the database. For complaints that is enough; for a
whistle-blower it is not: anyone holding the server's keys can hash every IPv4 address
(2^32 of them) in minutes and read, from the cache table, which address used the WBS at
what time. So the WBS pages count in this process's memory instead:

- each client is known only by a keyed hash of its address under a salt drawn at random
  when the process starts and never written anywhere (`client_token`); a restart forgets
  every counter, and nothing outside the process's memory could ever be tested against
  an address;
- besides the per-client limit, each kind of request has a ceiling across all clients,
  so that guessing spread over many addresses is bounded too.

The price: every web process counts on its own, so with W gunicorn workers a client may
make up to W times the per-client rate, and the ceiling is W times as high. The per-client
rates are set low enough for that (wbs/THREAT_MODEL.md, "Throttling").
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time

from django.conf import settings

from security.ratelimit import Rate, parse_rate

#: Drawn once per process and kept only in its memory.
_SALT = secrets.token_bytes(32)
#: Counters kept at most; past this the expired ones are dropped, then the oldest.
MAX_COUNTERS = 50_000
#: The key of the ceiling of a group (no client hash can take this value).
EVERYONE = "*"


def client_token(address: str) -> str:
    """What the limiter knows of a client: a hash of its address under this process's salt."""
    return hashlib.blake2b((address or "").encode(), key=_SALT, digest_size=16).hexdigest()


class Counters:
    """Fixed-window counters in memory, safe across threads."""

    def __init__(self, clock=time.monotonic):
        self._clock = clock
        self._lock = threading.Lock()
        self._windows: dict[tuple[str, str], tuple[float, int]] = {}

    def hit(self, group: str, key: str, rate: Rate) -> bool:
        """Count one request; True when it goes over `rate` in the current window."""
        now = self._clock()
        with self._lock:
            started, count = self._windows.get((group, key), (now, 0))
            if now - started >= rate.seconds:
                started, count = now, 0
            count += 1
            self._windows[(group, key)] = (started, count)
            if len(self._windows) > MAX_COUNTERS:
                self._prune(now, rate.seconds)
        return count > rate.limit

    def refund(self, group: str, key: str) -> None:
        """Take back one request counted in the current window (if it has not ended)."""
        with self._lock:
            entry = self._windows.get((group, key))
            if entry is not None and entry[1] > 0:
                self._windows[(group, key)] = (entry[0], entry[1] - 1)

    def _prune(self, now: float, window: int) -> None:
        for entry, (started, _count) in list(self._windows.items()):
            if now - started >= window:
                del self._windows[entry]
        if len(self._windows) > MAX_COUNTERS:
            oldest = sorted(self._windows, key=lambda entry: self._windows[entry][0])
            for entry in oldest[: len(oldest) // 2]:
                del self._windows[entry]

    def clear(self) -> None:
        with self._lock:
            self._windows.clear()

    def __len__(self) -> int:
        return len(self._windows)


_COUNTERS = Counters()

# The kinds of request counted, each with its per-client setting and, where guessing or
# flooding across many addresses matters, its ceiling across all clients.
LOOKUP = "lookup"  # entering a receipt code (a slow hash each)
SUBMIT = "submit"  # filing a new report
POST = "post"  # messages, answers, files and contact changes on one's own report
_SETTINGS = {
    LOOKUP: ("SIGAP_WBS_LOOKUP_RATE", "SIGAP_WBS_LOOKUP_CEILING"),
    SUBMIT: ("SIGAP_WBS_SUBMIT_RATE", "SIGAP_WBS_SUBMIT_CEILING"),
    POST: ("SIGAP_WBS_POST_RATE", None),
}


def hit(request, group: str) -> bool:
    """Count one request of `group` from this client; True when it must be refused (the
    client's own limit or everyone's ceiling is reached). Needs request.wbs_client, set by
    wbs.middleware before the address is removed from the request."""
    per_client, ceiling = _SETTINGS[group]
    token = getattr(request, "wbs_client", None) or client_token("")
    if _COUNTERS.hit(group, token, parse_rate(getattr(settings, per_client))):
        # Not counted against the ceiling: one client over its own limit must not use up
        # everyone's share.
        return True
    return ceiling is not None and _COUNTERS.hit(group, EVERYONE, parse_rate(getattr(settings, ceiling)))


def refund(request, group: str) -> None:
    """Take back a request that `hit` counted but that filed nothing, because what the
    reporter sent was refused (an invalid phone number, say): correcting a mistake must
    not use up the reporter's tries. Refunds the ceiling too; a request refused by its
    own client limit was never counted against it, and is not refunded (hit said True)."""
    _, ceiling = _SETTINGS[group]
    token = getattr(request, "wbs_client", None) or client_token("")
    _COUNTERS.refund(group, token)
    if ceiling is not None:
        _COUNTERS.refund(group, EVERYONE)


def reset() -> None:
    """Forget every counter (tests)."""
    _COUNTERS.clear()


def counter_count() -> int:
    return len(_COUNTERS)
