"""A small proof of work that keeps the WBS forms open when their ceiling is spent.

wbs.throttle bounds code look-ups and new reports across all clients with a ceiling per
process, so that guessing from many addresses is bounded too. Refusing everyone past
that ceiling would let an attacker with enough addresses spend it and lock every real
reporter out until the window ends. So past (and shortly before) the ceiling a form
carries a challenge instead, and a post goes on only with a nonce such that

    SHA-256(challenge + nonce) starts with `bits` zero bits

found by the reporter's browser (static/wbs/challenge.js; about 2^bits hashes, a few
seconds at the default). The server checks it with one hash before spending its slow
hash on the code, so guessing past the ceiling costs the guesser that work each time,
while nobody can be refused for good: whoever does the work gets in.

Nothing about the reporter is involved or kept. A challenge is

    "<bits>.<issued>.<token>.<mac>"       64 ASCII characters

`issued` a Unix time, `token` 16 random bytes, `mac` an HMAC of the rest under a key
derived from SECRET_KEY (never stored, the same in every process, so a challenge shown
by one gunicorn worker is checked by another). It is refused when the mac is wrong
(forged, or its bits lowered), when it is older than SIGAP_WBS_CHALLENGE_MINUTES, and when
its token was used before: the caller remembers used tokens in its process's memory
until their challenge expires (wbs.throttle; another process does not know them, so with
W workers a solution may be used at most W times).

Its length is one SHA-256 block, so the browser hashes the challenge once and then only
the nonce for each try.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass
from enum import Enum

from django.conf import settings
from django.utils.crypto import salted_hmac

#: The form fields: the challenge shown with the form, and the browser's nonce.
CHALLENGE_FIELD = "tantangan"
NONCE_FIELD = "jawaban"
#: A nonce is a decimal number; longer ones are never needed (2^53 tries).
NONCE_MAX_DIGITS = 16
#: The hardest challenge ever checked (a mac makes a higher one impossible anyway).
MAX_BITS = 40
#: A challenge from a few seconds "in the future" is fine: another worker's clock.
CLOCK_GRACE_SECONDS = 60
_KEY_SALT = "sigap.wbs.proof_of_work"
_TOKEN_BYTES = 16
_MAC_CHARACTERS = 27  # 160 bits, so that the challenge is 64 characters


class Outcome(Enum):
    SOLVED = "solved"
    MISSING = "missing"  # no challenge or no nonce posted (no JavaScript, or an old page)
    STALE = "stale"  # older than SIGAP_WBS_CHALLENGE_MINUTES
    FORGED = "forged"  # not made by this server, or changed
    USED = "used"  # solved and used before
    WRONG = "wrong"  # the nonce does not give the zero bits


@dataclass(frozen=True)
class Challenge:
    text: str
    bits: int


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _mac(body: str) -> str:
    digest = salted_hmac(_KEY_SALT, body, secret=settings.SECRET_KEY, algorithm="sha256").digest()
    return _b64(digest)[:_MAC_CHARACTERS]


def lifetime_seconds() -> int:
    return int(settings.SIGAP_WBS_CHALLENGE_MINUTES) * 60


def issue(bits: int, *, now: float | None = None) -> Challenge:
    """A new challenge of `bits` leading zero bits."""
    issued = int(time.time() if now is None else now)
    body = f"{bits:02d}.{issued:010d}.{_b64(secrets.token_bytes(_TOKEN_BYTES))}"
    return Challenge(text=f"{body}.{_mac(body)}", bits=bits)


def zero_bits(digest: bytes) -> int:
    """How many zero bits `digest` starts with."""
    value = int.from_bytes(digest, "big")
    return len(digest) * 8 - value.bit_length()


def _parse(text: str) -> tuple[int, int, str, str] | None:
    parts = text.split(".") if text.isascii() else []
    if len(parts) != 4 or not (parts[0].isdigit() and parts[1].isdigit()):
        return None
    return int(parts[0]), int(parts[1]), parts[2], parts[3]


def redeem(text: str | None, nonce: str | None, *, first_use, now: float | None = None) -> Outcome:
    """Check a posted solution and, when it holds, mark its challenge used:
    `first_use(token, seconds)` remembers the token for that long and says whether it
    was new.

    One HMAC and one SHA-256: cheap enough to run before anything else on the request."""
    if not text or not nonce:
        return Outcome.MISSING
    parsed = _parse(text)
    if parsed is None:
        return Outcome.FORGED
    bits, issued, token, mac = parsed
    body = text.rpartition(".")[0]
    if not hmac.compare_digest(mac, _mac(body)) or bits > MAX_BITS:
        return Outcome.FORGED
    now = time.time() if now is None else now
    expires = issued + lifetime_seconds()
    if not issued - CLOCK_GRACE_SECONDS <= now < expires:
        return Outcome.STALE
    if not (nonce.isascii() and nonce.isdigit() and len(nonce) <= NONCE_MAX_DIGITS):
        return Outcome.WRONG
    if zero_bits(hashlib.sha256((text + nonce).encode("ascii")).digest()) < bits:
        return Outcome.WRONG
    # Remembered for as long as the challenge could be valid, whenever it was first used.
    if not first_use(token, lifetime_seconds() + CLOCK_GRACE_SECONDS):
        return Outcome.USED
    return Outcome.SOLVED


def solve(challenge: Challenge) -> str:
    """A nonce for `challenge`, found the way the browser finds it (tests, measurements)."""
    prefix = hashlib.sha256(challenge.text.encode("ascii"))
    nonce = 0
    while True:
        attempt = prefix.copy()
        attempt.update(str(nonce).encode("ascii"))
        if zero_bits(attempt.digest()) >= challenge.bits:
            return str(nonce)
        nonce += 1
