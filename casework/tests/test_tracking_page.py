"""The reporter's side: enter the code, read the public history, talk to the handler."""

import pytest
from django.urls import reverse

from casework.models import Message
from casework.services import message_post, run_transition
from security.models import AuditEntry


@pytest.fixture
def tracked(open_uji):
    return open_uji(with_tracking_code=True)


def enter(client, code, **extra):
    return client.post(reverse("track"), {"code": code}, **extra)


def test_right_code_opens_the_case(client, tracked, handler):
    case, code = tracked
    run_transition(
        case=case, name="tunda", actor=handler, public_note="Mohon lengkapi alamat kejadian.", note="rahasia internal"
    )
    response = enter(client, code.lower())
    assert response.status_code == 302 and response["Location"] == reverse("track_case")
    page = client.get(reverse("track_case"))
    body = page.content.decode()
    assert case.reference in body
    assert "Mohon lengkapi alamat kejadian." in body
    assert "rahasia internal" not in body
    assert page["Cache-Control"].startswith("no-store")


def test_wrong_code_is_refused_without_revealing_anything(client, tracked):
    response = enter(client, "7KQM-4XRT-9HWB-2NCF")
    assert response.status_code == 200
    assert "Kode tidak dikenal" in response.content.decode()
    assert client.get(reverse("track_case"))["Location"] == reverse("track")


def test_malformed_code_gets_a_clear_message_and_keeps_the_input(client, tracked):
    response = enter(client, "ABC<script>")
    body = response.content.decode()
    assert "16 huruf dan angka" in body
    assert "ABC&lt;script&gt;" in body and "<script>" not in body


def test_guessing_is_throttled_per_client(client, tracked, settings):
    settings.SIGAP_CODE_LOOKUP_RATE = "5/h"
    case, code = tracked
    for _ in range(5):
        assert enter(client, "0000-0000-0000-0000", REMOTE_ADDR="198.51.100.7").status_code == 200
    # Over the limit, even the right code is refused from that client...
    assert enter(client, code, REMOTE_ADDR="198.51.100.7").status_code == 429
    # ...while another client is unaffected.
    assert enter(client, code, REMOTE_ADDR="198.51.100.8").status_code == 302


def test_a_complainant_who_checks_often_is_never_locked_out(client, tracked, settings):
    """Only codes that open nothing count towards the limit."""
    settings.SIGAP_CODE_LOOKUP_RATE = "3/h"
    _case, code = tracked
    for _ in range(8):
        assert enter(client, code, REMOTE_ADDR="198.51.100.9").status_code == 302


def test_the_refusal_says_how_long_to_wait(client, tracked, settings):
    settings.SIGAP_CODE_LOOKUP_RATE = "2/h"
    for _ in range(2):
        enter(client, "0000-0000-0000-0000", REMOTE_ADDR="198.51.100.10")
    response = enter(client, "0000-0000-0000-0001", REMOTE_ADDR="198.51.100.10")
    assert response.status_code == 429 and "paling lama 60 menit lagi" in response.content.decode()


def test_reporter_replies_through_the_code_only(client, tracked, handler):
    case, code = tracked
    message_post(case=case, body="Kapan kejadiannya?", actor=handler)
    enter(client, code)
    response = client.post(reverse("track_case"), {"body": "Senin pagi, 9 Maret."}, REMOTE_ADDR="192.0.2.55")
    assert response.status_code == 302
    reply = Message.objects.get(case=case, sender="reporter")
    assert reply.body == "Senin pagi, 9 Maret." and reply.author is None
    # Nothing about the reporter's client reaches the audit log.
    assert not AuditEntry.objects.filter(data__icontains="192.0.2.55").exists()
    # Once the reporter has seen the page, the handler's message counts as read.
    client.get(reverse("track_case"))
    assert Message.objects.get(case=case, sender="staff").read_at is not None


def test_too_long_reply_is_refused_and_kept(client, tracked):
    case, code = tracked
    enter(client, code)
    text = "x" * 5001
    response = client.post(reverse("track_case"), {"body": text})
    assert response.status_code == 400
    assert "terlalu panjang" in response.content.decode()
    assert text in response.content.decode()
    assert not Message.objects.filter(case=case).exists()


def test_script_in_a_message_is_rendered_inert(client, tracked, handler):
    case, code = tracked
    message_post(case=case, body="<script>alert(1)</script>", actor=handler)
    enter(client, code)
    body = client.get(reverse("track_case")).content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body


def test_leaving_forgets_the_case(client, tracked):
    case, code = tracked
    enter(client, code)
    client.post(reverse("track_leave"))
    assert client.get(reverse("track_case"))["Location"] == reverse("track")


def test_clients_behind_one_proxy_each_have_their_own_allowance(tracked, settings):
    from django.test import Client

    settings.SIGAP_PROXY_COUNT = 1
    settings.SIGAP_CODE_LOOKUP_RATE = "3/h"
    _case, code = tracked
    guesser = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.20")
    for _ in range(3):
        assert enter(guesser, "0000-0000-0000-0000").status_code == 200
    assert enter(guesser, code).status_code == 429
    # A complainant behind the same proxy is not locked out by the guesser.
    complainant = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.21")
    assert enter(complainant, code).status_code == 302


def test_a_forged_forwarded_header_does_not_buy_more_guesses(tracked, settings):
    from django.test import Client

    settings.SIGAP_CODE_LOOKUP_RATE = "3/h"
    _case, code = tracked
    for n in range(3):
        enter(Client(REMOTE_ADDR="203.0.113.30", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}"), "0000-0000-0000-0000")
    forger = Client(REMOTE_ADDR="203.0.113.30", HTTP_X_FORWARDED_FOR="10.9.9.9")
    assert enter(forger, code).status_code == 429


def test_the_reporter_reads_the_day_received_and_entered_but_not_why_it_was_late(client, open_uji, handler, travel):
    import datetime

    travel(datetime.date(2026, 3, 25))
    case, code = open_uji(
        with_tracking_code=True,
        actor=handler,
        received_on=datetime.date(2026, 3, 17),
        late_entry_reason="Kotak surat dibuka setelah libur.",
    )
    enter(client, code)
    body = client.get(reverse("track_case")).content.decode()
    history = body.split('id="riwayat"', 1)[1].split("</section>", 1)[0]
    assert "Diterima 17 Mar 2026, dicatat 25 Mar 2026" in history
    # The reason is the staff's internal note.
    assert "Kotak surat dibuka" not in body
