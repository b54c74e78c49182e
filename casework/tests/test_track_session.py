"""The tracking session: the only key to a case for a reporter. It holds the case id and
nothing else; every reporter page and action works on that case alone, is never cached,
is rate-limited per client, and leaves nothing about the client behind."""

import pytest
from django.urls import reverse

from casework.attachments import add_attachment
from casework.models import Attachment, Message
from casework.views_public import SESSION_KEY
from security.models import AuditEntry

from . import samples

PAGE = reverse("track_case")
ATTACH = reverse("track_attach")


@pytest.fixture
def two_cases(open_uji):
    """Case A (whose code this browser enters) and case B, each with its code."""
    return open_uji(with_tracking_code=True), open_uji(with_tracking_code=True, title="Kasus orang lain")


def enter(client, code):
    assert client.post(reverse("track"), {"code": code}).status_code == 302


def test_the_session_holds_the_case_id_only(client, two_cases):
    (case_a, code_a), _b = two_cases
    enter(client, code_a)
    client.post(PAGE, {"body": "Halo."}, REMOTE_ADDR="192.0.2.31", HTTP_USER_AGENT="PonselSaya/1.0")
    session = client.session
    assert session[SESSION_KEY] == case_a.pk
    assert set(session.keys()) <= {SESSION_KEY, "_messages"}
    assert "192.0.2.31" not in str(dict(session)) and "PonselSaya" not in str(dict(session))


def test_a_session_for_case_a_never_acts_on_case_b(client, two_cases, handler):
    (case_a, code_a), (case_b, _code_b) = two_cases
    file_b = add_attachment(
        case=case_b,
        upload=samples.upload(samples.png_with_text(), "b.png"),
        uploaded_by=handler,
        visible_to_reporter=True,
    )
    enter(client, code_a)
    # Whatever the request names, the session's case is the one acted on.
    client.post(PAGE, {"body": "Untuk A.", "case": case_b.pk, "pk": case_b.pk})
    client.post(f"{ATTACH}?case={case_b.pk}", {"files": [samples.upload(samples.png_with_text(), "a.png")]})
    assert list(Message.objects.values_list("case_id", flat=True)) == [case_a.pk]
    assert Attachment.objects.get(from_reporter=True).case_id == case_a.pk
    assert client.get(reverse("track_file", args=[file_b.pk])).status_code == 404
    body = client.get(PAGE).content.decode()
    assert case_a.reference in body and case_b.reference not in body and "b.png" not in body


def test_no_session_no_case(client, two_cases):
    assert client.get(PAGE)["Location"] == reverse("track")
    response = client.post(PAGE, {"body": "Halo."})
    assert response.status_code == 302 and response["Location"] == reverse("track")
    assert not Message.objects.exists()
    # The reporter is told the text was not kept, rather than losing it silently.
    assert "Sesi pelacakan Anda sudah berakhir" in client.get(reverse("track")).content.decode()


@pytest.mark.parametrize(
    "method, url, data",
    [
        ("get", PAGE, None),
        ("post", PAGE, {"body": "Halo."}),
        ("post", PAGE, {"body": ""}),
        ("post", ATTACH, {}),
        ("get", ATTACH, None),
        ("get", "/lacak/lampiran/999999/", None),
    ],
)
def test_every_reporter_response_is_no_store(client, two_cases, method, url, data):
    (_case_a, code_a), _b = two_cases
    enter(client, code_a)
    response = getattr(client, method)(url, data)
    assert response["Cache-Control"].startswith("no-store")
    assert response["Referrer-Policy"] == "same-origin"


def test_without_a_session_the_redirect_is_no_store_too(client, db):
    assert client.post(ATTACH)["Cache-Control"].startswith("no-store")


def test_reporter_posts_are_rate_limited_per_client(client, two_cases, settings):
    settings.SIGAP_TRACKING_POST_RATE = "2/h"
    (case_a, code_a), _b = two_cases
    enter(client, code_a)
    for n in range(2):
        assert client.post(PAGE, {"body": f"Pesan {n}."}, REMOTE_ADDR="198.51.100.7").status_code == 302
    response = client.post(PAGE, {"body": "Pesan ketiga."}, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 429
    body = response.content.decode()
    assert "Terlalu banyak kiriman dari perangkat ini" in body and "Pesan ketiga." in body
    assert client.post(ATTACH, {}, REMOTE_ADDR="198.51.100.7").status_code == 429
    # Another client is not affected.
    assert client.post(PAGE, {"body": "Pesan ketiga."}, REMOTE_ADDR="198.51.100.8").status_code == 302
    assert Message.objects.filter(case=case_a).count() == 3


def test_a_message_leaves_no_trace_of_the_client(client, two_cases):
    (case_a, code_a), _b = two_cases
    enter(client, code_a)
    client.post(PAGE, {"body": "Halo."}, REMOTE_ADDR="192.0.2.55", HTTP_USER_AGENT="PonselSaya/1.0")
    entry = AuditEntry.objects.get(event="case.message", case_id=case_a.pk)
    assert entry.actor_id is None and entry.data == {"sender": "reporter"}
    assert not AuditEntry.objects.filter(data__icontains="192.0.2.55").exists()


def test_a_kind_without_its_own_panel_gets_the_plain_page(client, two_cases):
    (case_a, code_a), _b = two_cases
    enter(client, code_a)
    body = client.get(PAGE).content.decode()
    for section in ('id="percakapan"', 'id="lampiran"', 'id="riwayat"'):
        assert section in body
    assert f'action="{PAGE}#percakapan"' in body and f'action="{ATTACH}#lampiran"' in body
