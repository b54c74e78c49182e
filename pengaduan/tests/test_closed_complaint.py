"""A closed complaint changes only when the complainant reopens it: no staff message, no
internal note, no new assignee, no looser privacy, and its page offers none of them."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts import roles
from accounts.testing import verified_login
from casework.models import InternalNote, Message
from casework.services import case_assign, case_set_confidentiality, message_post, note_add
from pengaduan import services
from pengaduan.choices import State

CLOSED = "Kasus sudah ditutup"


@pytest.mark.parametrize("state", [State.SELESAI, State.DITERUSKAN, State.DIARSIPKAN])
def test_a_closed_complaint_takes_no_staff_change(case_in, handler, make_user, state):
    case = case_in(state, confidentiality="rahasia")
    colleague = make_user(roles.PENGELOLA_PENGADUAN)
    with pytest.raises(ValidationError, match=CLOSED):
        message_post(case=case, body="Satu hal lagi.", actor=handler)
    with pytest.raises(ValidationError, match=CLOSED):
        note_add(case=case, actor=handler, body="Catatan sesudah ditutup.")
    with pytest.raises(ValidationError, match=CLOSED):
        case_assign(case=case, actor=handler, assignee=colleague)
    with pytest.raises(ValidationError, match=CLOSED):
        case_set_confidentiality(
            case=case, actor=handler, confidentiality="biasa", is_anonymous=True, reason="Untuk daftar bulanan."
        )
    case.refresh_from_db()
    assert (case.confidentiality, case.assignee_id) == ("rahasia", None)
    assert not Message.objects.filter(case=case, sender="staff").exists()
    assert not InternalNote.objects.filter(case=case).exists()


def test_a_reopened_complaint_takes_changes_again(case_in, handler):
    case = case_in(State.SELESAI)
    case = services.pengaduan_rate(case=case, rating=1, comment="Belum selesai.", reopen=True)
    assert case.is_open
    assert message_post(case=case, body="Kami tangani kembali.", actor=handler).body == "Kami tangani kembali."


def test_the_page_of_a_closed_complaint_offers_no_change(client, case_in, handler):
    case = case_in(State.DIARSIPKAN)
    verified_login(client, handler)
    response = client.get(reverse("pengaduan_staff:detail", args=[case.pk]))
    body = response.content.decode()
    for name in ("message", "note", "assign"):
        assert reverse(f"case:{name}", args=[case.pk]) not in body, name
    assert reverse("pengaduan_staff:add_concerned", args=[case.pk]) not in body
    levels = [value for value, _label in response.context["confidentiality_form"].fields["confidentiality"].choices]
    assert levels == ["rahasia", "sangat_rahasia"]
    response = client.post(reverse("case:note", args=[case.pk]), {"body": "Terlambat."})
    assert response.status_code == 400 and CLOSED in response.content.decode()
