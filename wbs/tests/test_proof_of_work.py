"""Past the ceiling across all clients, the WBS forms ask for a small proof of work
instead of refusing (wbs/proof_of_work.py, wbs.throttle.admit): an attacker who spends
the ceiling from many addresses no longer keeps a reporter with the right code out; a
wrong, stale, replayed or forged solution is refused; each client's own limit still
holds; the difficulty rises with how far over the ceiling this process is."""

import re
import time

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from wbs import proof_of_work, throttle
from wbs.models import LaporanWbs
from wbs.proof_of_work import Outcome

from .conftest import form_data

LOGIN = "/wbs/masuk/"
REPORT = "/wbs/laporan/"
WRONG_CODE = "0000-0000-0000-0000"


@pytest.fixture(autouse=True)
def _small_ceiling(settings):
    """A ceiling of four look-ups, and challenges a Python loop solves at once (the
    browser test solves one at the default difficulty)."""
    settings.SIGAP_WBS_LOOKUP_CEILING = "4/10m"
    settings.SIGAP_WBS_CHALLENGE_BITS = 8
    settings.SIGAP_WBS_CHALLENGE_MAX_BITS = 10


@pytest.fixture
def code(file_wbs):
    """The receipt code of a new report, once an attacker has spent the ceiling."""
    _case, receipt_code = file_wbs()
    spend_the_ceiling()
    return receipt_code


def spend_the_ceiling(times=4, path=LOGIN, data=None):
    """An attacker guessing from as many addresses as it takes."""
    for n in range(times):
        Client().post(path, data or {"code": WRONG_CODE}, REMOTE_ADDR=f"198.51.100.{n % 250 + 1}")


def challenge_on(response) -> proof_of_work.Challenge:
    body = response.content.decode()
    match = re.search(r'name="tantangan" value="([^"]+)" data-bits="(\d+)"', body)
    assert match, "the page carries no challenge"
    return proof_of_work.Challenge(text=match[1], bits=int(match[2]))


def solved(challenge, **data):
    return {**data, "tantangan": challenge.text, "jawaban": proof_of_work.solve(challenge)}


def message_of(response) -> str:
    return " ".join(str(error) for error in response.context["form"].non_field_errors())


# --- The reporter gets in -------------------------------------------------------------------


def test_a_reporter_with_the_right_code_gets_in_after_the_ceiling_is_spent(file_wbs):
    case, code = file_wbs()
    spend_the_ceiling(times=12)  # four look-ups, then eight refused for want of a solution
    reporter = Client(REMOTE_ADDR="203.0.113.9")
    page = reporter.get(LOGIN)
    challenge = challenge_on(page)
    assert challenge.bits == 8
    response = reporter.post(LOGIN, solved(challenge, code=code))
    assert response.status_code == 302 and response["Location"] == REPORT
    assert case.reference in reporter.get(REPORT).content.decode()


def test_without_a_solution_the_page_says_why_and_keeps_nothing_of_the_code(code):
    response = Client().post(LOGIN, {"code": code})
    assert response.status_code == 429
    body = response.content.decode()
    assert "perlu disiapkan dulu oleh peramban Anda dengan JavaScript" in message_of(response)
    assert "coba lagi sekitar 10 menit lagi" in message_of(response)
    assert code not in body and code.replace("-", "") not in body
    # A fresh challenge to solve, the script that solves it, and the words for a browser
    # without JavaScript.
    challenge_on(response)
    assert "wbs/challenge.js" in body and "<noscript>" in body and "10 menit lagi" in body


def test_a_refused_attempt_does_not_count_against_the_reporter(code, settings):
    settings.SIGAP_WBS_LOOKUP_RATE = "2/h"
    reporter = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(3):
        assert reporter.post(LOGIN, {"code": code}).status_code == 429  # no solution
    response = reporter.post(LOGIN, solved(challenge_on(reporter.get(LOGIN)), code=code))
    assert response.status_code == 302


# --- Wrong, stale, replayed, forged ---------------------------------------------------------


def test_a_wrong_solution_is_refused(code):
    reporter = Client()
    challenge = challenge_on(reporter.get(LOGIN))
    nonce = int(proof_of_work.solve(challenge))
    wrong = next(str(n) for n in range(nonce + 1, nonce + 10_000) if not _solves(challenge, str(n)))
    response = reporter.post(LOGIN, {"code": code, "tantangan": challenge.text, "jawaban": wrong})
    assert response.status_code == 429 and "tidak sah atau sudah pernah dipakai" in message_of(response)
    for nonsense in ("", "-1", "12a", "9" * 40, "١٢"):
        response = reporter.post(LOGIN, {"code": code, "tantangan": challenge.text, "jawaban": nonsense})
        assert response.status_code == 429


def _solves(challenge, nonce) -> bool:
    import hashlib

    return proof_of_work.zero_bits(hashlib.sha256((challenge.text + nonce).encode()).digest()) >= challenge.bits


def test_a_stale_solution_is_refused(code, settings):
    settings.SIGAP_WBS_CHALLENGE_MINUTES = 60
    old = proof_of_work.issue(8, now=time.time() - 61 * 60)
    response = Client().post(LOGIN, solved(old, code=code))
    assert response.status_code == 429 and "kedaluwarsa" in message_of(response)


def test_a_used_solution_is_refused_when_sent_again(code):
    answer = solved(challenge_on(Client().get(LOGIN)), code=code)
    assert Client().post(LOGIN, answer).status_code == 302
    replay = Client().post(LOGIN, answer)
    assert replay.status_code == 429 and "sudah pernah dipakai" in message_of(replay)


def test_a_forged_or_changed_challenge_is_refused(code):
    real = challenge_on(Client().get(LOGIN))
    bits, issued, token, mac = real.text.split(".")
    easier = proof_of_work.Challenge(text=f"01.{issued}.{token}.{mac}", bits=1)  # fewer bits, same mac
    later = proof_of_work.Challenge(text=f"{bits}.{int(issued) + 3600:010d}.{token}.{mac}", bits=real.bits)
    with override_settings(SECRET_KEY="kunci-server-lain-" + "x" * 50):
        other_server = proof_of_work.issue(8)
    nonsense = proof_of_work.Challenge(text="bukan tantangan", bits=1)
    for forged in (easier, later, other_server, nonsense):
        response = Client().post(LOGIN, solved(forged, code=code))
        assert response.status_code == 429, forged
        assert "tidak sah" in message_of(response)
        assert (
            proof_of_work.redeem(forged.text, proof_of_work.solve(forged), first_use=throttle.first_use)
            is Outcome.FORGED
        )


# --- The limits that still hold -------------------------------------------------------------


def test_each_clients_own_limit_still_holds_with_solutions(code, settings):
    settings.SIGAP_WBS_LOOKUP_RATE = "3/h"
    guesser = Client(REMOTE_ADDR="203.0.113.50")
    for _ in range(3):
        response = guesser.post(LOGIN, solved(challenge_on(guesser.get(LOGIN)), code=WRONG_CODE))
        assert response.status_code == 400  # looked up, and not found
    response = guesser.post(LOGIN, solved(challenge_on(guesser.get(LOGIN)), code=code))
    assert response.status_code == 429 and "Terlalu banyak percobaan" in message_of(response)


def test_under_the_ceiling_no_challenge_is_shown_or_needed(file_wbs):
    case, code = file_wbs()
    page = Client().get(LOGIN).content.decode()
    assert 'name="tantangan"' not in page and "challenge.js" not in page
    assert Client().post(LOGIN, {"code": code}).status_code == 302


def test_near_the_ceiling_the_form_already_carries_a_challenge(file_wbs):
    file_wbs()
    spend_the_ceiling(times=3)  # three of four: a form shown now is likely sent past it
    assert challenge_on(Client().get(LOGIN)).bits == 8


def test_the_difficulty_rises_with_how_far_over_the_ceiling_the_process_is(code):

    def bits_after_solved_lookups(count):
        for _ in range(count):
            browser = Client(REMOTE_ADDR=f"203.0.113.{len(seen) + 1}")
            seen.append(browser.post(LOGIN, solved(challenge_on(browser.get(LOGIN)), code=WRONG_CODE)).status_code)
        return throttle.challenge_bits(throttle.LOOKUP)

    seen = []
    assert throttle.challenge_bits(throttle.LOOKUP) == 8  # at the ceiling: 4 of 4
    assert bits_after_solved_lookups(4) == 9  # 8: twice the ceiling
    assert bits_after_solved_lookups(8) == 10  # 16: four times
    assert bits_after_solved_lookups(16) == 10  # the most ever asked
    assert set(seen) == {400}  # every solved look-up was made (and found nothing)


def test_unsolved_attempts_do_not_raise_the_difficulty(file_wbs):
    file_wbs()
    spend_the_ceiling(times=40)
    assert throttle.challenge_bits(throttle.LOOKUP) == 8


# --- The other forms with a ceiling ---------------------------------------------------------


def test_a_report_can_still_be_filed_when_the_filing_ceiling_is_spent(client, db, settings):
    settings.SIGAP_WBS_SUBMIT_CEILING = "2/h"
    url = reverse("wbs:create")
    for n in range(2):
        assert Client().post(url, form_data(), REMOTE_ADDR=f"192.0.2.{n + 1}").status_code == 302
    reporter = Client(REMOTE_ADDR="203.0.113.9")
    refused = reporter.post(url, form_data(title="Laporan yang tetap masuk"))
    assert refused.status_code == 429
    assert 'value="Laporan yang tetap masuk"' in refused.content.decode()  # the text is kept
    response = reporter.post(url, solved(challenge_on(refused), **form_data(title="Laporan yang tetap masuk")))
    assert response.status_code == 302
    assert LaporanWbs.objects.count() == 3


def test_the_consent_to_move_a_complaint_to_the_wbs_gets_past_a_spent_ceiling(db):
    url = reverse("pengaduan_wbs_consent")
    spend_the_ceiling(path=url, data={"code": WRONG_CODE, "setuju": "on"})
    browser = Client()
    typed = "4XRT-9HWB-2NCF-7KQM"
    refused = browser.post(url, {"code": typed, "setuju": "on"})
    assert refused.status_code == 429
    body = refused.content.decode()
    assert typed not in body and re.search(r'<input[^>]*name="setuju"[^>]*checked', body)  # the tick is kept
    response = browser.post(url, solved(challenge_on(refused), code=typed, setuju="on"))
    # Past the gate: the code was looked up (and, in this test, belongs to no complaint).
    assert response.status_code == 400 and "Kode tidak dikenal" in response.content.decode()


# --- Nothing is kept about anyone -----------------------------------------------------------


def test_a_used_challenge_is_remembered_in_memory_for_as_long_as_it_is_valid(settings, monkeypatch):
    settings.SIGAP_WBS_CHALLENGE_MINUTES = 60
    challenge = proof_of_work.issue(8)
    nonce = proof_of_work.solve(challenge)
    redeem = proof_of_work.redeem
    assert redeem(challenge.text, nonce, first_use=throttle.first_use) is Outcome.SOLVED
    # A minute before it expires, in the counters' clock and the challenge's: still used.
    later = time.monotonic() + 59 * 60
    monkeypatch.setattr(throttle._USED_CHALLENGES, "_clock", lambda: later)
    now = time.time() + 59 * 60
    assert redeem(challenge.text, nonce, first_use=throttle.first_use, now=now) is Outcome.USED
    assert redeem(challenge.text, nonce, first_use=throttle.first_use, now=now + 120) is Outcome.STALE


def test_a_challenge_names_nobody_and_is_one_hash_block():
    challenge = proof_of_work.issue(18)
    assert len(challenge.text) == 64 and challenge.text.isascii()
    assert challenge.text.startswith("18.")


@pytest.mark.parametrize(("bits", "most"), [(0, 10), (12, 11), (20, 41)])
def test_a_difficulty_no_browser_could_meet_is_refused_at_start(settings, bits, most):
    from wbs.checks import challenge_bits_in_range

    settings.SIGAP_WBS_CHALLENGE_BITS, settings.SIGAP_WBS_CHALLENGE_MAX_BITS = bits, most
    assert [error.id for error in challenge_bits_in_range()] == ["wbs.E003"]
