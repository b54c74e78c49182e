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
  so that guessing spread over many addresses is bounded too;
- past that ceiling a request is not refused but must carry a solved proof of work
  (wbs.proof_of_work), whose difficulty rises with how far over the ceiling this process
  is: whoever can spend the ceiling from many addresses can make guessing slower for
  everyone, never impossible for the reporter who holds the right code (admit).

The price: every web process counts on its own, so with W gunicorn workers a client may
make up to W times the per-client rate, and the ceiling is W times as high. The per-client
rates are set low enough for that (wbs/THREAT_MODEL.md, "Throttling").
"""

from __future__ import annotations

import hashlib
import math
import secrets
import threading
import time
from dataclasses import dataclass
from enum import Enum

from django.conf import settings
from django.utils.translation import gettext as _

from security.ratelimit import Rate, parse_rate

from . import proof_of_work

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

    def count(self, group: str, key: str, rate: Rate) -> int:
        """Requests counted in the current window (0 once it has ended)."""
        with self._lock:
            started, count = self._windows.get((group, key), (0.0, 0))
            return count if self._clock() - started < rate.seconds else 0

    def seconds_left(self, group: str, key: str, rate: Rate) -> int:
        """Seconds until the current window ends (0 when none is running)."""
        with self._lock:
            started, _count = self._windows.get((group, key), (0.0, 0))
            return max(0, math.ceil(started + rate.seconds - self._clock()))

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
#: The tokens of proof-of-work challenges already used, each for as long as its challenge
#: stays valid (a window of one).
_USED_CHALLENGES = Counters()

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


def _client(request) -> str:
    # request.wbs_client is set by wbs.privacy before the address is removed.
    return getattr(request, "wbs_client", None) or client_token("")


def _ceiling(group: str) -> Rate | None:
    name = _SETTINGS[group][1]
    return parse_rate(getattr(settings, name)) if name else None


def hit(request, group: str) -> bool:
    """Count one request of `group` against this client's own limit; True when it is over
    it. A group with a ceiling goes through `admit`, which calls this first."""
    per_client, _ = _SETTINGS[group]
    return _COUNTERS.hit(group, _client(request), parse_rate(getattr(settings, per_client)))


# --- Past the ceiling: a proof of work instead of a refusal -----------------------------------

#: From this share of the ceiling on, forms carry a challenge already, so that a reporter
#: who sends the form after the ceiling is reached has it solved by then.
NEAR_CEILING = 0.75


class Refusal(Enum):
    CLIENT = "client"  # this client's own limit: only waiting helps
    CHALLENGE = "challenge"  # over the ceiling without a valid solution: solve, or wait


@dataclass(frozen=True)
class Admission:
    refused: Refusal | None = None
    #: Why a solution was refused (proof_of_work.Outcome), for the message.
    outcome: proof_of_work.Outcome | None = None


def first_use(token: str, seconds: int) -> bool:
    """Remember a used challenge's token for `seconds`; whether it was new."""
    return not _USED_CHALLENGES.hit("challenge", token, Rate(limit=1, seconds=max(1, seconds)))


def challenge_bits(group: str) -> int | None:
    """The leading zero bits a challenge for `group` asks now, or None while this process
    is well under its ceiling. SIGAP_WBS_CHALLENGE_BITS at the ceiling, one more bit (twice
    the work) each time the count doubles past it, at most SIGAP_WBS_CHALLENGE_MAX_BITS."""
    ceiling = _ceiling(group)
    if ceiling is None:
        return None
    count = _COUNTERS.count(group, EVERYONE, ceiling)
    if count < ceiling.limit * NEAR_CEILING:
        return None
    base = int(settings.SIGAP_WBS_CHALLENGE_BITS)
    over = int(math.log2(count / ceiling.limit)) if count > ceiling.limit else 0
    return min(base + over, int(settings.SIGAP_WBS_CHALLENGE_MAX_BITS))


def challenge_for(group: str) -> proof_of_work.Challenge | None:
    """A fresh challenge for a form of `group` when this process is near or over its
    ceiling, else None (the form goes without)."""
    bits = challenge_bits(group)
    return proof_of_work.issue(bits) if bits is not None else None


def challenge_context(group: str) -> dict:
    """What a form of `group` needs to carry its proof of work now, if any
    (templates/wbs/includes/challenge.html): every page that looks a code up or files a
    report puts this in its context."""
    return {"challenge": challenge_for(group), "challenge_wait": wait_minutes(group)}


def wait_minutes(group: str) -> int:
    """Minutes until this process's ceiling window for `group` ends (at least 1)."""
    ceiling = _ceiling(group)
    seconds = _COUNTERS.seconds_left(group, EVERYONE, ceiling) if ceiling else 0
    return max(1, math.ceil(seconds / 60))


def admit(request, group: str) -> Admission:
    """Count one request of `group` (a code look-up, a new report) and say whether it may
    go on to the slow work.

    Refused when this client is over its own limit. Past everyone's ceiling the request
    must carry a solved challenge (the form's hidden fields, checked with one hash);
    without one it is refused but not counted against the client, since nothing was
    tried. A solved request is counted against the ceiling too, which raises the
    difficulty for the requests after it."""
    if hit(request, group):
        # Not counted against the ceiling: one client over its own limit must not use up
        # everyone's share.
        return Admission(refused=Refusal.CLIENT)
    ceiling = _ceiling(group)
    if ceiling is None:
        return Admission()
    if _COUNTERS.count(group, EVERYONE, ceiling) >= ceiling.limit:
        outcome = proof_of_work.redeem(
            request.POST.get(proof_of_work.CHALLENGE_FIELD),
            request.POST.get(proof_of_work.NONCE_FIELD),
            first_use=first_use,
        )
        if outcome is not proof_of_work.Outcome.SOLVED:
            _COUNTERS.refund(group, _client(request))
            return Admission(refused=Refusal.CHALLENGE, outcome=outcome)
    _COUNTERS.hit(group, EVERYONE, ceiling)
    return Admission()


def refusal_message(admission: Admission, group: str, *, too_many: str) -> str:
    """What the page says of a refused request: `too_many` (the page's own words) for a
    client over its limit; for a missing or refused proof of work, why and what to do."""
    if admission.refused is Refusal.CLIENT:
        return str(too_many)
    if admission.outcome is proof_of_work.Outcome.MISSING:
        return _(
            "Saat ini halaman ini menerima sangat banyak percobaan. Agar tetap dapat dipakai, setiap kiriman "
            "perlu disiapkan dulu oleh peramban Anda dengan JavaScript, dan persiapan itu tidak ada. Aktifkan "
            "JavaScript lalu kirim lagi, atau coba lagi sekitar %(minutes)d menit lagi."
        ) % {"minutes": wait_minutes(group)}
    if admission.outcome is proof_of_work.Outcome.STALE:
        return _("Persiapan kiriman ini sudah kedaluwarsa. Peramban Anda menyiapkan yang baru; kirim lagi.")
    return _(
        "Persiapan kiriman ini tidak sah atau sudah pernah dipakai. Peramban Anda menyiapkan yang baru; kirim lagi."
    )


def refund(request, group: str) -> None:
    """Take back a request that `hit` or `admit` counted but that filed nothing, because
    what the reporter sent was refused (an invalid phone number, say): correcting a
    mistake must not use up the reporter's tries. Refunds the ceiling too; a refused
    request was never counted against it, and is not refunded."""
    _COUNTERS.refund(group, _client(request))
    if _ceiling(group) is not None:
        _COUNTERS.refund(group, EVERYONE)


def reset() -> None:
    """Forget every counter and used challenge (tests)."""
    _COUNTERS.clear()
    _USED_CHALLENGES.clear()


def counter_count() -> int:
    return len(_COUNTERS)
