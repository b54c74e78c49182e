"""Reference numbers, tracking codes, privacy flags and messages of the case core."""

import math
import re
import statistics
import time

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from casework import tracking
from casework.models import Case, Message
from casework.references import format_reference
from casework.services import case_set_confidentiality, message_post


def test_reference_numbers_count_per_kind_and_year(open_uji):
    first, _ = open_uji()
    second, _ = open_uji()
    year = first.year
    assert first.reference == f"UJI/{year}/000001"
    assert second.reference == f"UJI/{year}/000002"
    assert format_reference("PGD", 2026, 123) == "PGD/2026/000123"


def test_code_has_at_least_64_bits_and_is_easy_to_read(open_uji):
    assert tracking.ENTROPY_BITS >= 64
    assert len(tracking.ALPHABET) ** tracking.CODE_LENGTH >= 2**64
    code = tracking.generate_code()
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}", code)
    # No symbols that are confused when read aloud or typed.
    assert not set("ILOU") & set(tracking.ALPHABET)


def test_codes_do_not_repeat_and_use_the_whole_alphabet():
    codes = [tracking.normalize(tracking.generate_code()) for _ in range(2000)]
    assert len(set(codes)) == len(codes)
    counts = {ch: 0 for ch in tracking.ALPHABET}
    for code in codes:
        for ch in code:
            counts[ch] += 1
    expected = len(codes) * tracking.CODE_LENGTH / len(tracking.ALPHABET)
    # Each symbol within ±15 % of uniform: no biased generator.
    assert all(abs(c - expected) < 0.15 * expected for c in counts.values())


def test_typing_is_forgiving():
    code = "7KQM-4XRT-9HWB-2NCF"
    assert tracking.normalize(" 7kqm 4xrt-9hwb2ncf ") == "7KQM4XRT9HWB2NCF"
    assert tracking.normalize("7KQM-4XRT-9HWB-2NCO") == tracking.normalize("7KQM-4XRT-9HWB-2NC0")
    assert tracking.normalize("1111-1111-1111-111L") == "1111111111111111"
    assert tracking.normalize(code + "A") is None
    assert tracking.normalize("<script>") is None


def test_only_a_keyed_hash_of_the_code_is_stored(open_uji):
    case, code = open_uji(with_tracking_code=True)
    stored = Case.objects.filter(pk=case.pk).values_list("tracking_digest", flat=True).get()
    assert tracking.normalize(code) not in stored and code not in stored
    assert len(stored) == 64
    # Another key gives another digest: a dump alone cannot test guesses.
    with override_settings(SIGAP_LOOKUP_KEY="another-key"):
        assert tracking.digest(code) != stored
    assert tracking.find_case(code).pk == case.pk
    assert tracking.find_case(code.lower().replace("-", " ")).pk == case.pk


def test_wrong_or_malformed_code_finds_nothing(open_uji):
    open_uji(with_tracking_code=True)
    assert tracking.find_case(tracking.generate_code()) is None
    assert tracking.find_case("") is None
    assert tracking.find_case("x" * 5000) is None


def test_lookup_time_does_not_depend_on_the_code(open_uji):
    case, code = open_uji(with_tracking_code=True)
    wrong = tracking.generate_code()

    def median_time(value):
        samples = []
        for _ in range(60):
            start = time.perf_counter()
            tracking.find_case(value)
            samples.append(time.perf_counter() - start)
        return statistics.median(samples)

    right_t, wrong_t, bad_t = median_time(code), median_time(wrong), median_time("bukan-kode")
    # Same work in each case (hash + one indexed query); allow generous noise.
    assert math.isclose(right_t, wrong_t, rel_tol=1.0)
    assert math.isclose(wrong_t, bad_t, rel_tol=1.0)


def test_privacy_flags_are_safe_by_default(open_uji):
    case, _ = open_uji()
    assert case.confidentiality == "rahasia" and case.is_anonymous


def test_tightening_needs_no_reason_but_loosening_does(open_uji, handler):
    case, _ = open_uji()
    case = case_set_confidentiality(case=case, actor=handler, confidentiality="sangat_rahasia", is_anonymous=True)
    assert case.confidentiality == "sangat_rahasia"
    with pytest.raises(ValidationError, match="alasan"):
        case_set_confidentiality(case=case, actor=handler, confidentiality="biasa", is_anonymous=True)
    with pytest.raises(ValidationError, match="alasan"):
        case_set_confidentiality(case=case, actor=handler, confidentiality="sangat_rahasia", is_anonymous=False)
    case = case_set_confidentiality(
        case=case, actor=handler, confidentiality="biasa", is_anonymous=False, reason="Pelapor meminta dipublikasikan"
    )
    assert case.confidentiality == "biasa" and not case.is_anonymous
    note = case.timeline.filter(transition="confidentiality").last()
    assert note.note == "Pelapor meminta dipublikasikan" and not note.is_public


def test_messages_both_ways_and_internal_notes_apart(open_uji, handler):
    from casework.services import note_add

    case, _ = open_uji()
    message_post(case=case, body="Mohon lampirkan foto KTP", actor=handler)
    message_post(case=case, body="Sudah saya lampirkan", by_reporter=True)
    note_add(case=case, actor=handler, body="Pelapor pernah melapor hal serupa")
    senders = list(Message.objects.filter(case=case).values_list("sender", flat=True))
    assert senders == ["staff", "reporter"]
    assert case.internal_notes.count() == 1
    with pytest.raises(ValidationError):
        message_post(case=case, body="   ", by_reporter=True)


def test_reporter_cannot_write_to_a_closed_case(open_uji, handler):
    from casework.services import run_transition

    case, _ = open_uji()
    case = run_transition(case=case, name="tolak", actor=handler)
    with pytest.raises(ValidationError, match="ditutup"):
        message_post(case=case, body="Halo?", by_reporter=True)
