"""HTML and script typed anywhere — by the complainant, by staff, in a file name, in an
administrator's list — is shown as text on a complaint's staff page, never run."""

import pytest
from django.urls import reverse

from accounts import roles
from accounts.testing import verified_login
from casework.attachments import add_attachment
from casework.services import case_assign, case_set_confidentiality, message_post, note_add
from casework.tests.samples import png_with_text, upload
from pengaduan import services
from pengaduan.choices import Channel, State
from pengaduan.models import KategoriLayanan
from pengaduan.services_follow_up import pengaduan_record_follow_up_with_evidence

SCRIPT = '<script>alert("x")</script>'
IMAGE = "<img src=x onerror=alert(1)>"
PAYLOAD = f"{SCRIPT}{IMAGE}"


def assert_inert(body: str, at_least: int):
    assert SCRIPT not in body and "<img src=x" not in body
    escaped = body.count("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;")
    assert escaped >= at_least, escaped


@pytest.fixture
def hostile_names(units, kategori, handler, unit_member):
    """Names that administrators typed: a category, a unit, staff members."""
    KategoriLayanan.objects.filter(pk=kategori.pk).update(name=f"KTP {SCRIPT}")
    units["identitas"].name = f"Seksi {SCRIPT}"
    units["identitas"].save()
    for user in (handler, unit_member):
        user.full_name = f"Petugas {SCRIPT}"
        user.save()


def test_every_text_of_an_answered_complaint_is_inert(
    client, hostile_names, file_pengaduan, handler, unit_member, units
):
    case, _code = file_pengaduan(
        actor=handler,
        channel=Channel.SP4N_LAPOR,
        lapor_tracking_id=SCRIPT,
        title=PAYLOAD,
        isi=PAYLOAD,
        lokasi=PAYLOAD,
        nama=PAYLOAD,
        unit_tujuan=units["identitas"],
    )
    add_attachment(
        case=case, upload=upload(png_with_text(), f"{IMAGE}{SCRIPT.replace('/', '')}.png"), from_reporter=True
    )
    message_post(case=case, body=PAYLOAD, by_reporter=True)
    message_post(case=case, body=PAYLOAD, actor=handler)
    note_add(case=case, actor=handler, body=PAYLOAD)
    case_assign(case=case, actor=handler, assignee=handler, note=PAYLOAD)
    case_set_confidentiality(
        case=case, actor=handler, confidentiality="sangat_rahasia", is_anonymous=False, reason=PAYLOAD
    )
    case = services.pengaduan_verify(case=case, actor=handler, note=PAYLOAD, public_note=PAYLOAD)
    case = services.pengaduan_route_to_unit(case=case, actor=handler, unit=units["identitas"], note=PAYLOAD)
    case = pengaduan_record_follow_up_with_evidence(
        case=case,
        actor=unit_member,
        summary=PAYLOAD,
        files=[upload(png_with_text(), f"bukti {IMAGE}.png")],
        public_note=PAYLOAD,
    )
    case = services.pengaduan_answer(case=case, actor=handler, answer=PAYLOAD, note=PAYLOAD)
    case = services.pengaduan_rate(case=case, rating=4, comment=PAYLOAD)

    verified_login(client, handler)
    body = client.get(reverse("pengaduan_staff:detail", args=[case.pk])).content.decode()
    # title ×2, isi, lokasi, nama, ticket, kategori, units, names, messages, note, history
    # notes, follow-up, answer, rating comment, file names: far more than a dozen places.
    assert_inert(body, at_least=20)
    assert body.count("&lt;img src=x onerror=alert(1)&gt;") >= 2  # the two file names


def test_forwarded_and_archived_texts_are_inert(client, handler, case_in):
    forwarded = services.pengaduan_forward(case=case_in(State.DITERIMA), actor=handler, forwarded_to=PAYLOAD)
    original = case_in(State.DIVERIFIKASI, title=PAYLOAD)
    duplicate = services.pengaduan_archive(
        case=case_in(State.DITERIMA), actor=handler, reason="duplikat", duplicate_of=original, public_note=PAYLOAD
    )
    verified_login(client, handler)
    assert_inert(client.get(reverse("pengaduan_staff:detail", args=[forwarded.pk])).content.decode(), at_least=1)
    assert_inert(client.get(reverse("pengaduan_staff:detail", args=[duplicate.pk])).content.decode(), at_least=1)


def test_suggested_similar_titles_are_inert(client, handler, case_in):
    case_in(State.DIVERIFIKASI, title=f"Antrean perekaman KTP-el {PAYLOAD}")
    case = case_in(State.DITERIMA, title="Antrean perekaman KTP-el")
    verified_login(client, handler)
    body = client.get(reverse("pengaduan_staff:detail", args=[case.pk])).content.decode()
    assert "Pengaduan serupa yang masih berjalan" in body
    assert_inert(body, at_least=2)  # the list and the choice of the original


def test_refused_input_comes_back_inert(client, handler, case_in):
    case = case_in(State.DITERIMA)
    verified_login(client, handler)
    response = client.post(
        reverse("pengaduan_staff:request_information", args=[case.pk]), {"tunda-question": "", "tunda-note": PAYLOAD}
    )
    assert response.status_code == 400
    assert_inert(response.content.decode(), at_least=1)


def test_an_observer_sees_the_same_texts_inert(client, make_user, case_in):
    case = case_in(State.DITERIMA, title=PAYLOAD, isi=PAYLOAD)
    verified_login(client, make_user(roles.PIMPINAN))
    assert_inert(client.get(reverse("pengaduan_staff:detail", args=[case.pk])).content.decode(), at_least=2)
