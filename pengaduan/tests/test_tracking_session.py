"""The complaint's own tracking endpoints obey the engine's session rules: they act only on
the case of this browser's tracking session, are never cached, are rate-limited per
client, and record nothing about the client."""

import pytest
from django.urls import reverse

from casework.models import Message, TimelineEntry
from pengaduan.choices import State
from pengaduan.models import Pengaduan
from security.models import AuditEntry

from .conftest import PATHS

REPLY = reverse("pengaduan:track_reply")
RATE = reverse("pengaduan:track_rate")
CLIENT = {"REMOTE_ADDR": "192.0.2.123", "HTTP_USER_AGENT": "PonselPelapor/2.0"}


@pytest.fixture
def complaint(file_pengaduan, advance):
    """A complaint brought to `state`; returns (case, tracking code)."""

    def make(state):
        case, code = file_pengaduan()
        for name in PATHS[state]:
            case = advance(case, name)
        return case, code

    return make


def enter(client, code):
    assert client.post(reverse("track"), {"code": code}).status_code == 302


def test_a_session_for_complaint_a_never_rates_or_answers_complaint_b(client, complaint):
    case_a, code_a = complaint(State.DIJAWAB)
    case_b, _code_b = complaint(State.DIJAWAB)
    waiting_b, _code = complaint(State.DITUNDA)
    enter(client, code_a)
    client.post(RATE, {"rating": "1", "comment": "Untuk A.", "reopen": "on", "case": case_b.pk, "pk": case_b.pk})
    client.post(f"{REPLY}?case={waiting_b.pk}", {"body": "Untuk A juga.", "case": waiting_b.pk})
    a, b, w = (Pengaduan.objects.get(pk=c.pk) for c in (case_a, case_b, waiting_b))
    assert (a.state, a.rating) == (State.DIVERIFIKASI, 1)
    assert (b.state, b.rating, w.state) == (State.DIJAWAB, None, State.DITUNDA)
    assert set(Message.objects.values_list("case_id", flat=True)) == {case_a.pk}


def test_a_case_of_another_kind_is_not_reached_through_the_complaint_endpoints(client, open_uji):
    case, code = open_uji(with_tracking_code=True)
    enter(client, code)
    for url, data in [(RATE, {"rating": "5"}), (REPLY, {"body": "Halo."})]:
        response = client.post(url, data)
        assert response.status_code == 404
        assert response["Cache-Control"].startswith("no-store")
    assert not Message.objects.filter(case=case).exists()


@pytest.mark.parametrize("url, data", [(REPLY, {"body": "Nomor 112."}), (RATE, {"rating": "9"}), (RATE, {})])
def test_every_response_is_no_store(client, complaint, url, data):
    _case, code = complaint(State.DITUNDA)
    enter(client, code)
    response = client.post(url, data)
    assert response["Cache-Control"].startswith("no-store") and response["Referrer-Policy"] == "same-origin"
    assert client.get(url)["Cache-Control"].startswith("no-store")  # 405, also not stored


def test_nothing_about_the_client_is_recorded(client, complaint):
    waiting, code = complaint(State.DITUNDA)
    enter(client, code)
    client.post(REPLY, {"body": "Nomor antrean 112."}, **CLIENT)
    answered, code = complaint(State.DIJAWAB)
    enter(client, code)
    client.post(RATE, {"rating": "1", "comment": "Belum.", "reopen": "on"}, **CLIENT)
    entries = AuditEntry.objects.filter(case_id__in=[waiting.pk, answered.pk], actor_id__isnull=True)
    assert {e.event for e in entries} >= {"case.transition", "case.message", "case.rated"}
    for text in ("192.0.2.123", "PonselPelapor"):
        assert not AuditEntry.objects.filter(data__icontains=text).exists()
    reporter_rows = TimelineEntry.objects.filter(by_reporter=True, case_id__in=[waiting.pk, answered.pk])
    assert {"lengkapi", "rating", "buka_kembali"} <= set(reporter_rows.values_list("transition", flat=True))
    assert not reporter_rows.filter(actor__isnull=False).exists()


def test_reporter_posts_are_rate_limited_and_keep_the_text(client, complaint, settings):
    settings.SIGAP_TRACKING_POST_RATE = "1/h"
    case, code = complaint(State.DIJAWAB)
    enter(client, code)
    assert client.post(RATE, {"rating": "5", "comment": "Bagus."}).status_code == 302
    response = client.post(RATE, {"rating": "4", "comment": "Ternyata cukup saja."})
    assert response.status_code == 429
    body = response.content.decode()
    assert "Terlalu banyak kiriman dari perangkat ini" in body and "Ternyata cukup saja." in body
    assert Pengaduan.objects.get(pk=case.pk).rating == 5


def test_the_reply_is_rate_limited_too(client, complaint, settings):
    settings.SIGAP_TRACKING_POST_RATE = "0/h"
    case, code = complaint(State.DITUNDA)
    enter(client, code)
    response = client.post(REPLY, {"body": "Nomor antrean 112."})
    assert response.status_code == 429 and "Nomor antrean 112." in response.content.decode()
    assert Pengaduan.objects.get(pk=case.pk).state == State.DITUNDA
