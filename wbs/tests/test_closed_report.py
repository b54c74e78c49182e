"""A closed WBS report does not change: no message, no note, no new assignee, no new or
rematched reported person, no identity request or approval. A WBS report is never
reopened, so it stays as it was closed; its privacy may still be tightened."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts import roles
from accounts.testing import verified_login
from casework.models import InternalNote, Message
from casework.services import case_assign, case_set_confidentiality, note_add
from wbs import identity, services
from wbs.choices import State
from wbs.reported import TerlaporInput
from wbs.selectors import reported_persons

from .conftest import IDENTITY_REASON

CLOSED = "Kasus sudah ditutup"


@pytest.fixture
def closed(case_in, wbs_handler):
    case = case_in(State.TIDAK_DAPAT_DITINDAKLANJUTI)
    assert not case.is_open
    return case


def test_a_closed_report_takes_no_message_or_note(closed, wbs_handler):
    with pytest.raises(ValidationError, match=CLOSED):
        services.wbs_message_reporter(case=closed, actor=wbs_handler, body="Satu pertanyaan lagi.")
    with pytest.raises(ValidationError, match=CLOSED):
        note_add(case=closed, actor=wbs_handler, body="Catatan sesudah ditutup.")
    assert not Message.objects.filter(case=closed).exists()
    assert not InternalNote.objects.filter(case=closed).exists()


def test_a_closed_report_takes_no_new_assignee(closed, wbs_handler, second_handler):
    with pytest.raises(ValidationError, match=CLOSED):
        case_assign(case=closed, actor=wbs_handler, assignee=second_handler)


def test_a_closed_report_takes_no_new_or_rematched_person(closed, wbs_handler, pegawai):
    with pytest.raises(ValidationError, match=CLOSED):
        services.wbs_add_reported(case=closed, actor=wbs_handler, person=TerlaporInput(nama="Orang Baru"))
    named = reported_persons(closed).get()
    with pytest.raises(ValidationError, match=CLOSED):
        services.wbs_match_reported(case=closed, actor=wbs_handler, terlapor=named, user=pegawai)
    assert reported_persons(closed).count() == 1
    named.refresh_from_db()
    assert named.matched_user_id is None


def test_a_closed_report_is_never_made_less_secret(closed, wbs_handler):
    with pytest.raises(ValidationError, match=CLOSED):
        case_set_confidentiality(
            case=closed, actor=wbs_handler, confidentiality="rahasia", is_anonymous=True, reason="Untuk rapat."
        )
    closed.refresh_from_db()
    assert closed.confidentiality == "sangat_rahasia"


def test_no_identity_is_asked_for_or_approved_on_a_closed_report(
    file_wbs, with_identity, wbs_handler, advance, make_user
):
    case, _code = file_wbs(identitas=with_identity)
    case = case_assign(case=case, actor=wbs_handler, assignee=wbs_handler)
    pending = identity.identity_request(case=case, actor=wbs_handler, reason=IDENTITY_REASON)
    advance(case, "hentikan")
    with pytest.raises(ValidationError, match=CLOSED):
        identity.identity_approve(access_request=pending, actor=make_user(roles.PIMPINAN))
    # Refusing it tightens, and stays possible.
    identity.identity_refuse(access_request=pending, actor=make_user(roles.PIMPINAN), note="Laporan sudah ditutup.")
    with pytest.raises(ValidationError, match=CLOSED):
        identity.identity_request(case=case, actor=wbs_handler, reason=IDENTITY_REASON)


def test_the_page_of_a_closed_report_offers_no_change(client, closed, wbs_handler):
    verified_login(client, wbs_handler)
    body = client.get(reverse("wbs_staff:detail", args=[closed.pk])).content.decode()
    for url in (
        reverse("wbs_staff:message", args=[closed.pk]),
        reverse("case:note", args=[closed.pk]),
        reverse("case:assign", args=[closed.pk]),
        reverse("wbs_staff:add_reported", args=[closed.pk]),
    ):
        assert url not in body, url
    response = client.post(reverse("wbs_staff:message", args=[closed.pk]), {"body": "Terlambat."})
    assert response.status_code == 400 and CLOSED in response.content.decode()
    response = client.post(reverse("wbs_staff:add_reported", args=[closed.pk]), {"terlapor-baru-nama": "Orang Baru"})
    assert response.status_code == 400 and CLOSED in response.content.decode()
