"""The slow keyed hash of receipt codes (casework.tracking.slow_digest).

What it promises: the code is never stored; a copy of the database alone (without
SIGAP_LOOKUP_KEY) cannot test a single guess; each guess costs a memory-hard scrypt even
with the key; and a look-up does the same work for a right, a wrong and a malformed code.
"Same work" is asserted by counting, not by timing: exactly one scrypt, one query and one
constant-time comparison whatever is typed, so there is no branch to measure.
"""

import hashlib
import hmac

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from casework import tracking
from casework.models import Case
from security import crypto

PURPOSE = "uji-receipt"


@pytest.fixture
def stored(open_uji):
    """A case whose stored digest is the slow digest of its code: (case, code)."""
    case, _ = open_uji()
    code = tracking.generate_code()
    Case.objects.filter(pk=case.pk).update(tracking_digest=tracking.slow_digest(code, purpose=PURPOSE))
    return case, code


def find(code):
    return tracking.find_by_slow_digest(Case.objects.all(), field="tracking_digest", code=code, purpose=PURPOSE)


def test_only_the_digest_is_stored_and_it_finds_the_case(stored):
    case, code = stored
    digest = Case.objects.filter(pk=case.pk).values_list("tracking_digest", flat=True).get()
    assert len(digest) == tracking.SLOW_DIGEST_LENGTH
    assert tracking.normalize(code) not in digest and code not in digest
    assert find(code).pk == case.pk
    # Typing stays forgiving.
    assert find(code.lower().replace("-", " ")).pk == case.pk


def test_wrong_and_malformed_codes_find_nothing(stored):
    assert find(tracking.generate_code()) is None
    for typed in ["", "bukan-kode", "x" * 5000, "0000-0000-0000-0000", "<script>alert(1)</script>"]:
        assert find(typed) is None


def test_the_digest_is_memory_hard_and_slow_by_its_parameters():
    # 128 · r · N bytes of memory per hash: 16 MiB at the least.
    assert tracking.SCRYPT_N >= 2**14 and tracking.SCRYPT_R >= 8
    assert 128 * tracking.SCRYPT_R * tracking.SCRYPT_N >= 16 * 1024 * 1024


def test_a_database_alone_cannot_test_a_guess(stored):
    """Someone holding the stored digest and even the right code, but not the lookup key,
    finds no computation that links the two."""
    case, code = stored
    digest = Case.objects.filter(pk=case.pk).values_list("tracking_digest", flat=True).get()
    canonical = tracking.normalize(code).encode()
    keyless_guesses = [
        hashlib.sha256(canonical).hexdigest(),
        hashlib.scrypt(canonical, salt=b"", n=tracking.SCRYPT_N, r=8, p=1, dklen=32).hex(),
        hashlib.scrypt(canonical, salt=PURPOSE.encode(), n=tracking.SCRYPT_N, r=8, p=1, dklen=32).hex(),
        hmac.new(b"", canonical, hashlib.sha256).hexdigest(),
    ]
    assert digest not in keyless_guesses
    with override_settings(SIGAP_LOOKUP_KEY="a-key-that-is-not-the-server-key"):
        assert tracking.slow_digest(code, purpose=PURPOSE) != digest
        assert find(code) is None
    assert find(code) is not None


def test_purposes_and_the_fast_hash_never_coincide():
    code = tracking.generate_code()
    slow = tracking.slow_digest(code, purpose=PURPOSE)
    assert slow != tracking.slow_digest(code, purpose="another-kind")
    assert slow != tracking.digest(code)
    assert slow == tracking.slow_digest(code.lower(), purpose=PURPOSE)  # deterministic, so indexable


def test_the_fast_hash_of_complaints_is_unchanged(open_uji):
    case, code = open_uji(with_tracking_code=True)
    stored = Case.objects.filter(pk=case.pk).values_list("tracking_digest", flat=True).get()
    assert stored == crypto.keyed_digest(tracking.normalize(code), purpose="tracking-code")
    assert tracking.find_case(code).pk == case.pk


@pytest.fixture
def work(monkeypatch):
    """Counts the scrypt calls and constant-time comparisons of each look-up."""
    counts = {"scrypt": 0, "compare": 0}
    real_scrypt, real_compare = hashlib.scrypt, hmac.compare_digest

    def counting_scrypt(*args, **kwargs):
        counts["scrypt"] += 1
        return real_scrypt(*args, **kwargs)

    def counting_compare(a, b):
        counts["compare"] += 1
        return real_compare(a, b)

    monkeypatch.setattr(tracking.hashlib, "scrypt", counting_scrypt)
    monkeypatch.setattr(tracking.hmac, "compare_digest", counting_compare)

    def measure(code):
        counts.update(scrypt=0, compare=0)
        with CaptureQueriesContext(connection) as queries:
            found = find(code)
        return {"scrypt": counts["scrypt"], "compare": counts["compare"], "queries": len(queries)}, found

    return measure


def test_every_lookup_does_the_same_work(stored, work):
    case, code = stored
    right, found = work(code)
    assert found is not None and found.pk == case.pk
    samples = {
        "right": right,
        "right, typed loosely": work(code.lower())[0],
        "wrong": work(tracking.generate_code())[0],
        "one symbol off": work(code[:-1] + ("1" if code[-1] != "1" else "2"))[0],
        "malformed": work("bukan-kode")[0],
        "empty": work("")[0],
        "very long": work("A" * 10_000)[0],
    }
    assert right == {"scrypt": 1, "compare": 1, "queries": 1}
    assert all(sample == right for sample in samples.values()), samples
