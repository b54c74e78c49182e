"""Who may see and act on complaints.

Pengelola Pengaduan: everything staff can do. Unit Tindak Lanjut: only complaints
dispositioned to their own unit, and there only the follow-up, messages and notes.
Pimpinan and Tim ZI / TPI: see, never act. Every other role: nothing. Recusal beats roles.
"""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from accounts import roles
from accounts.testing import verified_login
from casework import access
from casework.selectors import assignable_users
from casework.services import case_assign, case_recuse, case_set_confidentiality, message_post, note_add
from pengaduan import selectors, services
from pengaduan.choices import State

from .test_workflow import STAFF_TRANSITIONS

ALLOWED_ROLES = {roles.PENGELOLA_PENGADUAN, roles.UNIT_TINDAK_LANJUT, roles.PIMPINAN, roles.TIM_PENILAI}
OUTSIDER_ROLES = [role for role in roles.ROLE_NAMES if role not in ALLOWED_ROLES]
OBSERVER_ROLES = [roles.PIMPINAN, roles.TIM_PENILAI]


@pytest.fixture
def routed(case_in):
    """A complaint dispositioned to the unit "identitas"."""
    return case_in(State.DIDISPOSISIKAN)


def assert_cannot_see(user, case):
    assert not access.can_view(user, case)
    assert not access.visible_cases(user).filter(pk=case.pk).exists()
    assert not selectors.pengaduan_visible_to(user).filter(pk=case.pk).exists()
    assert not access.inbox_cases(user).filter(pk=case.pk).exists()
    with pytest.raises(Http404):
        access.get_case_for_user(user, case.pk)


def assert_cannot_change_anything(user, case, advance, handler):
    for name in STAFF_TRANSITIONS:
        with pytest.raises(PermissionDenied):
            advance(case, name, actor=user)
    with pytest.raises(PermissionDenied):
        message_post(case=case, body="Halo", actor=user)
    with pytest.raises(PermissionDenied):
        note_add(case=case, actor=user, body="Catatan")
    with pytest.raises(PermissionDenied):
        case_assign(case=case, actor=user, assignee=handler)
    with pytest.raises(PermissionDenied):
        case_set_confidentiality(case=case, actor=user, confidentiality="sangat_rahasia", is_anonymous=True)


def test_the_roles_under_test_are_every_role():
    assert set(OUTSIDER_ROLES) | ALLOWED_ROLES == set(roles.ROLE_NAMES)


@pytest.mark.parametrize("role", OUTSIDER_ROLES)
def test_role_without_pengaduan_may_neither_see_nor_act(routed, make_user, units, advance, handler, kategori, role):
    # Even as a member of the unit the complaint went to: the unit alone grants nothing.
    outsider = make_user(role, unit=units["identitas"])
    assert_cannot_see(outsider, routed)
    assert_cannot_change_anything(outsider, routed, advance, handler)
    with pytest.raises(PermissionDenied):
        services.pengaduan_create(actor=outsider, channel="telepon", title="Uji", isi="Uji", kategori=kategori)


@pytest.mark.parametrize("role", OBSERVER_ROLES)
def test_observers_see_every_complaint_and_change_nothing(case_in, routed, make_user, advance, handler, role):
    observer = make_user(role)
    fresh = case_in(State.DITERIMA)
    assert access.can_view(observer, fresh) and access.can_view(observer, routed)
    assert access.get_case_for_user(observer, routed.pk).pk == routed.pk
    assert not access.inbox_cases(observer).exists()  # nothing waits for them
    assert_cannot_change_anything(observer, routed, advance, handler)


def test_the_handler_sees_and_does_everything_staff_may(case_in, handler, kategori):
    case = case_in(State.DITERIMA)
    assert access.can_view(handler, case)
    assert access.inbox_cases(handler).filter(pk=case.pk).exists()
    case_assign(case=case, actor=handler, assignee=handler)
    message_post(case=case, body="Terima kasih, sedang kami periksa.", actor=handler)
    note_add(case=case, actor=handler, body="Cek jadwal petugas perekaman.")
    entered, code = services.pengaduan_create(
        actor=handler, channel="datang_langsung", title="Loket tutup", isi="Loket tutup jam 11.", kategori=kategori
    )
    assert entered.channel == "datang_langsung" and code


# --- Unit tindak lanjut -------------------------------------------------------------------------


def test_the_unit_sees_a_complaint_only_once_it_is_dispositioned_to_it(case_in, unit_member, advance):
    case = case_in(State.DIVERIFIKASI)
    assert_cannot_see(unit_member, case)
    case = advance(case, "disposisi")
    assert access.can_view(unit_member, case)
    assert access.inbox_cases(unit_member).filter(pk=case.pk).exists()
    case = advance(case, "catat_tindak_lanjut")
    # Still visible (it was theirs), but no longer waiting for them.
    assert access.can_view(unit_member, case)
    assert not access.inbox_cases(unit_member).filter(pk=case.pk).exists()


def test_the_unit_records_the_follow_up_and_talks(routed, unit_member):
    message_post(case=routed, body="Mohon datang ke loket 3 hari Senin.", actor=unit_member)
    note_add(case=routed, actor=unit_member, body="Printer sudah diganti.")
    case = services.pengaduan_record_follow_up(case=routed, actor=unit_member, summary="Printer diganti.")
    assert case.state == State.DITINDAKLANJUTI and case.tindak_lanjut == "Printer diganti."


def test_the_unit_may_run_no_other_transition(routed, case_in, unit_member, advance, handler):
    for case in (routed, case_in(State.DITINDAKLANJUTI), case_in(State.DIJAWAB)):
        for name in STAFF_TRANSITIONS:
            if name == "catat_tindak_lanjut":
                continue
            with pytest.raises(PermissionDenied):
                advance(case, name, actor=unit_member)
    with pytest.raises(PermissionDenied):
        case_assign(case=routed, actor=unit_member, assignee=handler)
    with pytest.raises(PermissionDenied):
        case_set_confidentiality(case=routed, actor=unit_member, confidentiality="biasa", is_anonymous=False)


def test_another_unit_sees_nothing_and_cannot_record_the_follow_up(routed, make_user, units, advance, handler):
    other = make_user(roles.UNIT_TINDAK_LANJUT, unit=units["kelahiran"])
    assert_cannot_see(other, routed)
    assert_cannot_change_anything(other, routed, advance, handler)


def test_a_parent_unit_does_not_see_its_sections_complaints(routed, make_user, units):
    head_of_dinas = make_user(roles.UNIT_TINDAK_LANJUT, unit=units["dinas"])
    assert_cannot_see(head_of_dinas, routed)


def test_the_unit_role_without_a_unit_sees_nothing(routed, make_user):
    assert_cannot_see(make_user(roles.UNIT_TINDAK_LANJUT), routed)


def test_only_handlers_are_offered_for_assignment(routed, handler, unit_member, make_user):
    observer = make_user(roles.PIMPINAN)
    assert list(assignable_users(routed)) == [handler]
    assert unit_member != handler and observer != handler


# --- Recusal ------------------------------------------------------------------------------------


def test_a_recused_handler_may_neither_see_nor_act(case_in, make_user, advance, handler):
    case = case_in(State.DITERIMA)
    reported = make_user(roles.PENGELOLA_PENGADUAN)
    case_recuse(case=case, user=reported, reason="terlapor")
    assert_cannot_see(reported, case)
    with pytest.raises(PermissionDenied, match="dikecualikan"):
        advance(case, "verifikasi", actor=reported)


def test_a_recused_unit_member_may_neither_see_nor_act(routed, unit_member, advance):
    case_recuse(case=routed, user=unit_member, reason="konflik")
    assert_cannot_see(unit_member, routed)
    with pytest.raises(PermissionDenied, match="dikecualikan"):
        advance(routed, "catat_tindak_lanjut", actor=unit_member)


# --- Through the engine's generic staff page ----------------------------------------------------


def test_the_generic_case_page_sends_staff_to_the_complaint_page(client, routed, handler):
    verified_login(client, handler)
    response = client.get(reverse("case:detail", args=[routed.pk]), follow=True)
    assert response.redirect_chain == [(reverse("pengaduan_staff:detail", args=[routed.pk]), 302)]
    assert "Catat tindak lanjut" in response.content.decode()
    assert "Buka kembali" not in response.content.decode()  # the complainant's, not staff's


def test_the_generic_case_page_hides_a_complaint_from_another_unit(client, routed, make_user, units):
    other = make_user(roles.UNIT_TINDAK_LANJUT, unit=units["kelahiran"])
    verified_login(client, other)
    assert client.get(reverse("case:detail", args=[routed.pk])).status_code == 404


def test_the_generic_transition_endpoint_refuses_a_complaints_own_actions(client, routed, unit_member):
    # A follow-up without its summary and evidence must not slip in through the engine's
    # generic endpoint; the complaint page has the form that asks for them.
    verified_login(client, unit_member)
    response = client.post(reverse("case:transition", args=[routed.pk, "catat_tindak_lanjut"]), {"note": "x"})
    assert response.status_code == 400
    assert "melalui formulirnya sendiri" in response.content.decode()
    routed.refresh_from_db()
    assert routed.state == State.DIDISPOSISIKAN


@pytest.mark.parametrize("role", OBSERVER_ROLES)
def test_an_observer_cannot_be_made_the_handler(case_in, make_user, handler, role):
    from django.core.exceptions import ValidationError

    case = case_in(State.DITERIMA)
    observer = make_user(role)
    assert access.can_view(observer, case)
    assert observer not in assignable_users(case)
    with pytest.raises(ValidationError, match="tidak berwenang menangani"):
        case_assign(case=case, actor=handler, assignee=observer)
    case.refresh_from_db()
    assert case.assignee is None
