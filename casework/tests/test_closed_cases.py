"""A closed case changes only by reopening, and its confidentiality may only be tightened.

Proven on the test-only kind "uji" (closed in "selesai" and "ditolak"; the reporter may
reopen "selesai"). Every change the engine offers staff is refused on a closed case with
a reason the user can read, and the shared panel no longer offers it.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts import roles
from accounts.testing import verified_login
from casework import attachments
from casework.models import Attachment, InternalNote, Message, TimelineEntry
from casework.services import case_assign, case_set_confidentiality, message_post, note_add, run_transition

from .samples import png_with_text, upload

CLOSED = "Kasus sudah ditutup"


@pytest.fixture
def closed(open_uji, handler):
    case, _code = open_uji()
    return run_transition(case=case, name="tolak", actor=handler)


@pytest.fixture
def colleague(make_user):
    return make_user(roles.PENGELOLA_PENGADUAN)


def test_a_closed_case_takes_no_staff_message(closed, handler):
    with pytest.raises(ValidationError, match=CLOSED):
        message_post(case=closed, body="Masih ada yang ingin kami tanyakan.", actor=handler)
    assert not Message.objects.filter(case=closed).exists()


def test_a_closed_case_takes_no_internal_note(closed, handler):
    with pytest.raises(ValidationError, match=CLOSED):
        note_add(case=closed, actor=handler, body="Catatan sesudah ditutup.")
    assert not InternalNote.objects.filter(case=closed).exists()


def test_a_closed_case_takes_no_new_assignee(closed, handler, colleague):
    with pytest.raises(ValidationError, match=CLOSED):
        case_assign(case=closed, actor=handler, assignee=colleague)
    closed.refresh_from_db()
    assert closed.assignee_id is None
    assert not TimelineEntry.objects.filter(case=closed, transition="assign").exists()


def test_a_closed_case_takes_no_staff_attachment(closed, handler):
    photo = upload(png_with_text(), "foto.png", "image/png")
    with pytest.raises(ValidationError, match="ditutup"):
        attachments.add_attachment(case=closed, upload=photo, uploaded_by=handler)
    assert not Attachment.objects.filter(case=closed).exists()


def test_the_privacy_of_a_closed_case_is_never_loosened(open_uji, handler):
    case, _code = open_uji(confidentiality="rahasia", is_anonymous=True)
    closed = run_transition(case=case, name="tolak", actor=handler)
    with pytest.raises(ValidationError, match=CLOSED):
        case_set_confidentiality(
            case=closed, actor=handler, confidentiality="biasa", is_anonymous=True, reason="Untuk publikasi."
        )
    with pytest.raises(ValidationError, match=CLOSED):
        case_set_confidentiality(
            case=closed, actor=handler, confidentiality="rahasia", is_anonymous=False, reason="Pelapor setuju."
        )
    closed.refresh_from_db()
    assert (closed.confidentiality, closed.is_anonymous) == ("rahasia", True)


def test_the_privacy_of_a_closed_case_may_be_tightened(open_uji, handler):
    case, _code = open_uji(confidentiality="biasa", is_anonymous=False)
    closed = run_transition(case=case, name="tolak", actor=handler)
    case_set_confidentiality(case=closed, actor=handler, confidentiality="sangat_rahasia", is_anonymous=True)
    closed.refresh_from_db()
    assert (closed.confidentiality, closed.is_anonymous) == ("sangat_rahasia", True)


def test_a_reopened_case_changes_again(open_uji, handler):
    case, _code = open_uji()
    case.summary = "Sudah ditindaklanjuti"
    case.save()
    case = run_transition(case=case, name="verifikasi", actor=handler)
    case = run_transition(case=case, name="selesaikan", actor=handler)
    with pytest.raises(ValidationError, match=CLOSED):
        note_add(case=case, actor=handler, body="Sesudah selesai.")
    case = run_transition(case=case, name="buka_kembali", by_reporter=True)
    assert note_add(case=case, actor=handler, body="Sesudah dibuka kembali.").body == "Sesudah dibuka kembali."


def test_the_page_of_a_closed_case_offers_only_tightening(client, open_uji, handler):
    case, _code = open_uji(confidentiality="rahasia", is_anonymous=True)
    closed = run_transition(case=case, name="tolak", actor=handler)
    verified_login(client, handler)
    response = client.get(reverse("case:detail", args=[closed.pk]))
    body = response.content.decode()
    for name in ("message", "note", "assign"):
        assert reverse(f"case:{name}", args=[closed.pk]) not in body
    form = response.context["confidentiality_form"]
    assert [value for value, _label in form.fields["confidentiality"].choices] == ["rahasia", "sangat_rahasia"]
    assert form.fields["is_anonymous"].disabled


def test_a_change_posted_to_a_closed_case_is_refused_with_the_reason(client, closed, handler, colleague):
    verified_login(client, handler)
    posts = {
        "message": {"body": "Pesan terlambat."},
        "note": {"body": "Catatan terlambat."},
        "assign": {"assignee": colleague.pk},
        "confidentiality": {"confidentiality": "biasa", "reason": "Publikasi."},
    }
    for name, data in posts.items():
        response = client.post(reverse(f"case:{name}", args=[closed.pk]), data)
        assert response.status_code == 400, name
        assert CLOSED in response.content.decode(), name
    assert not Message.objects.filter(case=closed).exists()
    assert not InternalNote.objects.filter(case=closed).exists()
