"""Public tracking and receipt codes for people without an account.

A code is 16 symbols of Crockford's base32 (80 random bits), shown as four groups of four
(e.g. ``7KQM-4XRT-9HWB-2NCF``): no I, L, O or U, so nothing is confused when it is read
aloud or typed, and typing is forgiving (case, spaces, dashes, O for 0, I/L for 1).

Only a keyed hash of the code is stored (HMAC-SHA256 under settings.SIGAP_LOOKUP_KEY): a
database dump neither shows the code nor lets anyone test guesses without the key. With
80 random bits a slow hash would add no protection, only cost per request. The hash is
indexed for look-up and compared again in constant time.
"""

from __future__ import annotations

import hmac
import secrets

from . import crypto

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
