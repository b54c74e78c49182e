"""Public tracking and receipt codes for people without an account.

A code is 16 symbols of Crockford's base32 (80 random bits), shown as four groups of four
(e.g. ``7KQM-4XRT-9HWB-2NCF``): no I, L, O or U, so nothing is confused when it is read
aloud or typed, and typing is forgiving (case, spaces, dashes, O for 0, I/L for 1).

Only a keyed hash of the code is stored (HMAC-SHA256 under settings.SIGAP_LOOKUP_KEY): a
database dump neither shows the code nor lets anyone test guesses without the key. With
80 random bits a slow hash would add no protection, only cost per request. The hash is
indexed for look-up and compared again in constant time.

A kind whose code guards more than a complaint (a WBS receipt code opens a whistle-
blower's conversation) stores a *slow* keyed hash instead (`slow_digest`, looked up with
`find_by_slow_digest`): scrypt, memory-hard, whose salt is itself an HMAC under the
lookup key. It is deterministic, so the digest is still an indexed column found in one
query, and:
- with the database alone (no key) nobody can compute a single candidate digest, so a
  dump cannot be used to test guesses at all;
- with the key as well, each guess costs one scrypt, so even an insider with the server
  cannot sweep the code space (80 bits) nor a shortened or mistyped-code neighbourhood.
Every look-up does the same work whatever is typed: one scrypt, one query, one
constant-time comparison, no early return before all three are done.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from security import crypto

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 16
GROUP = 4
ENTROPY_BITS = CODE_LENGTH * 5
_PURPOSE = "tracking-code"
_TYPO_MAP = str.maketrans({"O": "0", "I": "1", "L": "1"})


def generate_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return format_code(raw)


def format_code(raw: str) -> str:
    return "-".join(raw[i : i + GROUP] for i in range(0, len(raw), GROUP))


def normalize(code: str) -> str | None:
    """The canonical 16 symbols of a typed code, or None when it cannot be a code."""
    cleaned = "".join(ch for ch in (code or "").upper() if ch not in " -\t\r\n").translate(_TYPO_MAP)
    if len(cleaned) != CODE_LENGTH or any(ch not in ALPHABET for ch in cleaned):
        return None
    return cleaned


def digest(code: str) -> str:
    """The stored form of a code (call with a normalised or a formatted code)."""
    canonical = normalize(code)
    if canonical is None:
        raise ValueError("not a tracking code")
    return crypto.keyed_digest(canonical, purpose=_PURPOSE)


def find_case(code: str):
    """The case a code belongs to, or None. Same work whether or not the code is valid."""
    from .models import Case

    canonical = normalize(code)
    # A malformed code is hashed too (as a dummy), so its answer takes the same time.
    probe = crypto.keyed_digest(canonical or "0" * CODE_LENGTH, purpose=_PURPOSE)
    case = Case.objects.filter(tracking_digest=probe).first()
    if case is None or canonical is None:
        return None
    if not hmac.compare_digest(case.tracking_digest, probe):
        return None
    return case


# --- Slow keyed hash (receipt codes) --------------------------------------------------

#: scrypt cost: 2**14 × 8 × 128 bytes = 16 MiB and about 50 ms per hash on one core of
#: the development machine. A code is only ever hashed on a look-up (rate-limited per
#: client) or when it is made, so this is paid rarely by users and on every guess by an
#: attacker. These values are part of every stored digest: changing them makes existing
#: codes unfindable, so a future change needs a new purpose (and a look-up under both).
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
SCRYPT_MAXMEM = 64 * 1024 * 1024
SLOW_DIGEST_LENGTH = 64  # hex characters (32 bytes), the width of the digest columns
# What a malformed code is hashed as, and what a missing row is compared with, so every
# look-up does the same work on values of the same length.
_DUMMY = "0" * CODE_LENGTH
_DUMMY_DIGEST = "0" * SLOW_DIGEST_LENGTH


def _slow_salt(purpose: str) -> bytes:
    """The server key enters through the salt: without SIGAP_LOOKUP_KEY no digest can be
    computed, however much of the database is known."""
    return crypto.keyed_digest(f"slow-code:{purpose}", purpose="slow-code-salt").encode("ascii")


def _scrypt_hex(canonical: str, purpose: str) -> str:
    return hashlib.scrypt(
        canonical.encode("ascii"),
        salt=_slow_salt(purpose),
        n=SCRYPT_N,
        r=SCRYPT_R,
        p=SCRYPT_P,
        maxmem=SCRYPT_MAXMEM,
        dklen=SLOW_DIGEST_LENGTH // 2,
    ).hex()


def slow_digest(code: str, *, purpose: str) -> str:
    """The stored form of a code under the slow keyed hash of `purpose` (a kind's own
    name, e.g. "wbs-receipt", so digests of different kinds never coincide)."""
    canonical = normalize(code)
    if canonical is None:
        raise ValueError("not a tracking code")
    return _scrypt_hex(canonical, purpose)


def find_by_slow_digest(queryset, *, field: str, code: str, purpose: str):
    """The row of `queryset` whose `field` holds the slow digest of `code`, or None.

    Constant work: a malformed code is hashed as a dummy and the query runs all the same,
    so a right code, a wrong one and a malformed one each cost exactly one scrypt and one
    query, and the answer is decided only after both. Rate-limit the callers (public
    pages) with security.ratelimit: the hash makes each guess slow, the limit makes them
    few.
    """
    canonical = normalize(code)
    probe = _scrypt_hex(canonical or _DUMMY, purpose)
    row = queryset.filter(**{field: probe}).first()
    stored = getattr(row, field, None) or _DUMMY_DIGEST
    matches = hmac.compare_digest(stored.encode("ascii"), probe.encode("ascii"))
    if row is None or canonical is None or not matches:
        return None
    return row
