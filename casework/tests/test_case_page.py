"""The generic staff case page: what a handler sees and may do, and what others may not."""

import pytest
from django.urls import reverse

from accounts import roles
from accounts.testing import verified_login as login_verified
from casework.models import InternalNote, Message
from casework.services import case_recuse


@pytest.fixture
def case(open_uji):
    return open_uji(title="Antrean KK tidak dilayani")[0]


@pytest.fixture
def staff_client(client, handler):
    login_verified(client, handler)
    return client


def test_handler_sees_the_case_with_its_actions(staff_client, case):
    body = staff_client.get(reverse("case:detail", args=[case.pk])).content.decode()
    assert case.reference in body and "Antrean KK tidak dilayani" in body
    for action in ("verifikasi", "tunda", "tolak"):
        assert reverse("case:transition", args=[case.pk, action]) in body
    # A reporter-only transition is never offered to staff.
    assert "lengkapi" not in body


def test_outsider_and_recused_get_not_found(client, case, make_user, handler):
    outsider = make_user(roles.PETUGAS_UPG)
    login_verified(client, outsider)
    assert client.get(reverse("case:detail", args=[case.pk])).status_code == 404
    assert client.post(reverse("case:transition", args=[case.pk, "verifikasi"])).status_code == 404
    case_recuse(case=case, user=handler, reason="terlapor")
    login_verified(client, handler)
    assert client.get(reverse("case:detail", args=[case.pk])).status_code == 404


def test_transition_through_the_page(staff_client, case):
    url = reverse("case:transition", args=[case.pk, "tunda"])
    response = staff_client.post(url, {"note": "cek dulu", "public_note": "Mohon kirim foto antrean."})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == "ditunda"
    assert case.timeline.last().public_note == "Mohon kirim foto antrean."


def test_blocked_transition_shows_why_and_keeps_input(staff_client, case):
    staff_client.post(reverse("case:transition", args=[case.pk, "verifikasi"]))
    response = staff_client.post(
        reverse("case:transition", args=[case.pk, "selesaikan"]), {"note": "catatan saya yang panjang"}
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Ringkasan tindak lanjut wajib diisi." in body
    assert "catatan saya yang panjang" in body


def test_unknown_or_wrong_state_transition_is_refused(staff_client, case):
    assert staff_client.post(reverse("case:transition", args=[case.pk, "selesaikan"])).status_code == 400
    assert staff_client.post(reverse("case:transition", args=[case.pk, "hapus"])).status_code == 400
    case.refresh_from_db()
    assert case.state == "baru"


def test_message_and_note_are_kept_apart(staff_client, case):
    staff_client.post(reverse("case:message", args=[case.pk]), {"body": "Kapan Anda datang?"})
    staff_client.post(reverse("case:note", args=[case.pk]), {"body": "Cek CCTV loket 3"})
    assert Message.objects.get(case=case).body == "Kapan Anda datang?"
    assert InternalNote.objects.get(case=case).body == "Cek CCTV loket 3"


def test_loosening_without_reason_is_refused_on_the_page(staff_client, case):
    response = staff_client.post(
        reverse("case:confidentiality", args=[case.pk]), {"confidentiality": "biasa", "is_anonymous": ""}
    )
    assert response.status_code == 400
    assert "wajib disertai alasan" in response.content.decode()
    case.refresh_from_db()
    assert case.confidentiality == "rahasia" and case.is_anonymous


def test_assign_to_a_handler(staff_client, case, handler, make_user):
    other = make_user(roles.PENGELOLA_PENGADUAN)
    staff_client.post(reverse("case:assign", args=[case.pk]), {"assignee": other.pk})
    case.refresh_from_db()
    assert case.assignee == other


def test_html_in_texts_is_inert(staff_client, case):
    staff_client.post(reverse("case:note", args=[case.pk]), {"body": "<img src=x onerror=alert(1)>"})
    body = staff_client.get(reverse("case:detail", args=[case.pk])).content.decode()
    assert "<img src=x" not in body and "&lt;img src=x" in body
