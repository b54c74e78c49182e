"""In a real browser (Chromium through Playwright, on the live server): when the look-up
ceiling is spent, the code-entry page's script solves its proof of work at the default
difficulty in a few seconds and the reporter gets in; the server accepts what the
browser finds; without JavaScript the page says why it cannot go on and when to try
again, and keeps no code.

The solving times printed here (bin/test -m browser -s) are the figures of
wbs/THREAT_MODEL.md, "Throttling"."""

import statistics
import time

import pytest
from django.conf import settings as django_settings
from django.test import Client

from wbs import proof_of_work, throttle

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LOGIN = "/wbs/masuk/"
SEND = "form.wbs-login button[type=submit]"
# A loaded test machine is slow; a reporter's phone at the default difficulty takes a few
# seconds (THREAT_MODEL.md). This bound only catches a solver that does not work.
PATIENCE_SECONDS = 60


@pytest.fixture
def spent_ceiling(settings, seeded_again):
    settings.SIGAP_WBS_LOOKUP_CEILING = "4/10m"
    for n in range(4):
        Client().post(LOGIN, {"code": "0000-0000-0000-0000"}, REMOTE_ADDR=f"198.51.100.{n + 1}")
    assert throttle.challenge_bits(throttle.LOOKUP) == django_settings.SIGAP_WBS_CHALLENGE_BITS


def test_a_browser_solves_the_default_challenge_and_the_reporter_gets_in(
    chromium, live_server, file_wbs, spent_ceiling
):
    case, code = file_wbs()
    page = chromium.new_page()
    page.goto(live_server.url + LOGIN)
    challenge = page.locator("input[name=tantangan]")
    assert int(challenge.get_attribute("data-bits")) == django_settings.SIGAP_WBS_CHALLENGE_BITS
    status = page.locator("[data-challenge-status]")
    assert status.get_attribute("data-working").startswith("Menyiapkan")
    started = time.monotonic()
    # Sent at once, before the script can have finished: it holds the form, says it is
    # preparing, and sends it by itself when the work is done.
    page.fill("#id_code", code)
    page.click(SEND)
    page.wait_for_url("**/wbs/laporan/", timeout=PATIENCE_SECONDS * 1000)
    print(f"\nfrom sending to the report page: {time.monotonic() - started:.1f} s")
    assert case.reference in page.content()


def test_what_the_browser_finds_the_server_accepts_and_how_long_it_takes(chromium, live_server, spent_ceiling):
    page = chromium.new_page()
    page.goto(live_server.url + LOGIN)
    bits = django_settings.SIGAP_WBS_CHALLENGE_BITS
    seconds = []
    for _ in range(12):
        challenge = proof_of_work.issue(bits)
        started = page.evaluate("performance.now()")
        nonce = page.evaluate("([text, bits]) => window.sigapSolveChallenge(text, bits)", [challenge.text, bits])
        seconds.append((page.evaluate("performance.now()") - started) / 1000)
        outcome = proof_of_work.redeem(challenge.text, nonce, first_use=throttle.first_use)
        assert outcome is proof_of_work.Outcome.SOLVED
    print(
        f"\n{bits} bits in Chromium: median {statistics.median(seconds):.2f} s, "
        f"slowest {max(seconds):.2f} s of {len(seconds)}"
    )
    assert statistics.median(seconds) < PATIENCE_SECONDS


def test_without_javascript_the_page_says_why_and_when(chromium, live_server, file_wbs, spent_ceiling):
    case, code = file_wbs()
    page = chromium.new_context(java_script_enabled=False).new_page()
    page.goto(live_server.url + LOGIN)
    assert "sekitar 10 menit lagi" in page.inner_text("main")
    page.fill("#id_code", code)
    with page.expect_navigation():
        page.click(SEND)
    text = page.inner_text("main")
    assert "Aktifkan JavaScript lalu kirim lagi, atau coba lagi sekitar 10 menit lagi" in text
    assert page.input_value("#id_code") == ""
