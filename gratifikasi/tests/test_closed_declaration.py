"""A closed declaration changes no more: no message, note, new assignee, looser privacy or
new file from staff. Only the custody register still records that an object left the
UPG's custody (a held object is returned after the declaration closed)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.testing import verified_login
from casework import attachments
from casework.services import case_assign, message_post, note_add
from gratifikasi.choices import State

CLOSED = "Kasus sudah ditutup"


@pytest.mark.parametrize("state", [State.SELESAI, State.TIDAK_WAJIB])
def test_a_closed_declaration_takes_no_staff_change(declaration_in, upg_officer, other_officer, scan, state):
    case = declaration_in(state)
    count = case.attachments.count()
    with pytest.raises(ValidationError, match=CLOSED):
        message_post(case=case, body="Satu hal lagi.", actor=upg_officer)
    with pytest.raises(ValidationError, match=CLOSED):
        note_add(case=case, actor=upg_officer, body="Catatan sesudah selesai.")
    with pytest.raises(ValidationError, match=CLOSED):
        case_assign(case=case, actor=upg_officer, assignee=other_officer)
    with pytest.raises(ValidationError, match="ditutup"):
        attachments.add_attachment(case=case, upload=scan(), uploaded_by=upg_officer)
    assert case.attachments.count() == count


def test_the_follow_up_closes_with_its_receipt_scan(declaration_in, advance, scan):
    case = declaration_in(State.TINDAK_LANJUT)
    case = advance(case, "catat_tindak_lanjut", receipt=scan())
    assert not case.is_open and case.attachments.filter(purpose="tanda_terima_tindak_lanjut").exists()


def test_the_page_of_a_closed_declaration_offers_no_change(client, declaration_in, upg_officer):
    case = declaration_in(State.SELESAI)
    verified_login(client, upg_officer)
    body = client.get(reverse("gratifikasi_staff:detail", args=[case.pk])).content.decode()
    for name in ("message", "note", "assign"):
        assert reverse(f"case:{name}", args=[case.pk]) not in body, name
