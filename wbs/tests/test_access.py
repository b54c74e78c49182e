"""Who may see and act on WBS reports.

Only the Pengelola WBS see the reports routed to them; the Inspektorat sees the reports
on the unit's leadership instead; a handler a report names sees nothing of it. Every
other role — the Pimpinan and Admin Sistem included — sees no report and no file.
"""

import pytest
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse

from accounts import roles
from accounts.testing import verified_login
from casework import access
from casework.models import Attachment, Recusal
from casework.notifications import escalation_recipients, reminder_recipients
from casework.selectors import assignable_users
from casework.services import case_assign, case_set_confidentiality, message_post, note_add
from casework.tests import samples
from wbs import selectors, services
from wbs.choices import Penanganan, State
from wbs.policy import WbsPolicy
from wbs.reported import TerlaporInput

from .test_workflow import STAFF_ALLOWED

HANDLING_ROLES = {roles.PENGELOLA_WBS, roles.INSPEKTORAT}
OTHER_ROLES = [role for role in roles.ROLE_NAMES if role not in HANDLING_ROLES]


@pytest.fixture
def report(file_wbs, wbs_handler):
    """A report under review, with a file from the reporter."""
    case, _code = file_wbs(bukti=[samples.upload(samples.png_with_text(), "bukti.png", "image/png")])
    return services.wbs_verify(case=case, actor=wbs_handler)


def assert_cannot_see(user, case):
    assert not access.can_view(user, case)
    assert not access.visible_cases(user).filter(pk=case.pk).exists()
    assert not selectors.laporan_visible_to(user).filter(pk=case.pk).exists()
    assert not access.inbox_cases(user).filter(pk=case.pk).exists()
    with pytest.raises(Http404):
        access.get_case_for_user(user, case.pk)


def assert_cannot_change_anything(user, case, advance):
    for name in {name for state, name, _t in STAFF_ALLOWED if state == case.state}:
        with pytest.raises(PermissionDenied):
            advance(case, name, actor=user)
    with pytest.raises(PermissionDenied):
        message_post(case=case, body="Halo", actor=user)
    with pytest.raises(PermissionDenied):
        note_add(case=case, actor=user, body="Catatan")
    with pytest.raises(PermissionDenied):
        case_assign(case=case, actor=user, assignee=user)
    with pytest.raises(PermissionDenied):
        case_set_confidentiality(case=case, actor=user, confidentiality="sangat_rahasia", is_anonymous=True)
    with pytest.raises(PermissionDenied):
        services.wbs_add_reported(case=case, actor=user, person=TerlaporInput(nama="Siapa Saja"))


def assert_no_page_and_no_file(client, user, case):
    verified_login(client, user)
    assert client.get(reverse("case:detail", args=[case.pk])).status_code == 404
    for attachment in Attachment.objects.filter(case=case):
        assert client.get(reverse("files:download", args=[attachment.pk])).status_code == 404
    response = client.post(reverse("case:message", args=[case.pk]), {"body": "Halo"})
    assert response.status_code == 404


def test_the_roles_under_test_are_every_role():
    assert set(OTHER_ROLES) | HANDLING_ROLES == set(roles.ROLE_NAMES)
    assert roles.PIMPINAN in OTHER_ROLES and roles.ADMIN_SISTEM in OTHER_ROLES


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_no_other_role_sees_or_touches_a_report(client, report, make_user, units, advance, role):
    # Even in the same unit as the handler, and as head of it.
    outsider = make_user(role, unit=units["dinas"])
    assert_cannot_see(outsider, report)
    assert_cannot_change_anything(outsider, report, advance)
    assert_no_page_and_no_file(client, outsider, report)


def test_a_superuser_sees_no_report_either(client, report, make_user):
    root = make_user(roles.ADMIN_SISTEM, is_superuser=True, is_staff=True)
    assert_cannot_see(root, report)
    assert_no_page_and_no_file(client, root, report)


def test_no_wbs_model_is_in_the_admin():
    assert not [model for model in admin.site._registry if model._meta.app_label == "wbs"]


def test_the_handler_sees_handles_and_opens_the_files(client, report, wbs_handler, second_handler):
    assert access.can_view(wbs_handler, report)
    assert access.inbox_cases(wbs_handler).filter(pk=report.pk).exists()
    case_assign(case=report, actor=wbs_handler, assignee=second_handler)
    message_post(case=report, body="Terima kasih, laporan Anda kami telaah.", actor=second_handler)
    note_add(case=report, actor=second_handler, body="Cek jadwal piket loket 3.")
    verified_login(client, second_handler)
    assert client.get(reverse("case:detail", args=[report.pk]))["Location"] == f"/staf/wbs/{report.pk}/"
    assert client.get(reverse("wbs_staff:detail", args=[report.pk])).status_code == 200
    attachment = Attachment.objects.get(case=report)
    assert client.get(reverse("files:download", args=[attachment.pk])).status_code == 200


def test_the_inspektorat_does_not_see_a_report_the_pengelola_handle(client, report, inspektorat, advance):
    assert_cannot_see(inspektorat, report)
    assert_cannot_change_anything(inspektorat, report, advance)
    assert_no_page_and_no_file(client, inspektorat, report)


def test_script_in_a_report_is_shown_as_text(client, file_wbs, wbs_handler):
    case, _code = file_wbs(title="<script>alert('judul')</script>")
    message_post(case=case, body="<img src=x onerror=alert(1)>", by_reporter=True)
    verified_login(client, wbs_handler)
    page = client.get(reverse("wbs_staff:detail", args=[case.pk])).content.decode()
    assert "<script>alert('judul')</script>" not in page and "&lt;script&gt;" in page
    assert "<img src=x onerror" not in page


# --- A reported handler ------------------------------------------------------------------------


def test_a_reported_handler_is_excluded_and_recused(client, file_wbs, wbs_handler, second_handler, advance):
    case, _code = file_wbs(terlapor=[TerlaporInput(nama="Lina Marlina", jabatan="Pengelola WBS")])
    assert case.penanganan == Penanganan.PENGELOLA_WBS  # another handler is left
    assert Recusal.objects.filter(case=case, user=second_handler, reason="terlapor").exists()
    assert_cannot_see(second_handler, case)
    assert_cannot_change_anything(second_handler, case, advance)
    assert_no_page_and_no_file(client, second_handler, case)
    assert access.can_view(wbs_handler, case)
    # Not a candidate for the case, and no deadline mail about it.
    assert second_handler not in assignable_users(case)
    with pytest.raises(ValidationError):
        case_assign(case=case, actor=wbs_handler, assignee=second_handler)
    assert second_handler not in reminder_recipients(case)
    assert second_handler not in escalation_recipients(case)


def test_the_policy_excludes_a_reported_handler_even_without_a_recusal(file_wbs, second_handler):
    """The digest is the rule; the Recusal row only serves the engine's lists and mail."""
    case, _code = file_wbs(terlapor=[TerlaporInput(nama="Lina Marlina")])
    Recusal.objects.filter(case=case).delete()
    assert not access.can_view(second_handler, case)


def test_a_handler_who_matches_themselves_loses_the_report(file_wbs, wbs_handler, second_handler):
    case, _code = file_wbs(terlapor=[TerlaporInput(nama="Petugas Lain")])
    case_assign(case=case, actor=wbs_handler, assignee=wbs_handler)
    terlapor = selectors.reported_persons(case).get()
    services.wbs_match_reported(case=case, actor=wbs_handler, terlapor=terlapor, user=wbs_handler)
    case.refresh_from_db()
    assert case.assignee is None
    assert not access.can_view(wbs_handler, case) and access.can_view(second_handler, case)


def test_a_report_on_every_pengelola_goes_to_the_inspektorat(file_wbs, wbs_handler, inspektorat):
    case, _code = file_wbs(terlapor=[TerlaporInput(nama="Agus Salim")])
    assert case.penanganan == Penanganan.INSPEKTORAT
    assert not access.can_view(wbs_handler, case) and access.can_view(inspektorat, case)


# --- Reports on the leadership go to the Inspektorat -------------------------------------------


def test_a_report_on_the_kepala_dinas_goes_to_the_inspektorat(
    client, file_wbs, kepala_dinas, wbs_handler, inspektorat, advance
):
    case, _code = file_wbs(terlapor=[TerlaporInput(nama="Kepala Dinas", user=kepala_dinas)])
    assert case.penanganan == Penanganan.INSPEKTORAT
    assert access.can_view(inspektorat, case) and access.inbox_cases(inspektorat).filter(pk=case.pk).exists()
    for outsider in (wbs_handler, kepala_dinas):
        assert_cannot_see(outsider, case)
        assert_cannot_change_anything(outsider, case, advance)
        assert_no_page_and_no_file(client, outsider, case)
    assert services.wbs_verify(case=case, actor=inspektorat).state == State.DITELAAH
    # Overdue news goes to the Inspektorat, never to the line management reported.
    policy = WbsPolicy()
    assert policy.handler_roles_for(case) == (roles.INSPEKTORAT,)
    assert list(policy.escalation_targets(case)) == [inspektorat]
    assert kepala_dinas not in escalation_recipients(case)


def test_the_head_of_the_top_unit_counts_as_leadership_without_the_role(file_wbs, person, units):
    head = person("Kepala Tanpa Peran", roles.PEGAWAI, unit=units["dinas"])
    units["dinas"].head = head
    units["dinas"].save(update_fields=["head"])
    case, _code = file_wbs(terlapor=[TerlaporInput(nama="Kepala Tanpa Peran")])
    assert case.penanganan == Penanganan.INSPEKTORAT


def test_the_head_of_a_bidang_stays_with_the_pengelola(file_wbs, person, units):
    kabid = person("Bambang Hartono", roles.PEGAWAI, unit=units["bidang"])
    units["bidang"].head = kabid
    units["bidang"].save(update_fields=["head"])
    case, _code = file_wbs(terlapor=[TerlaporInput(nama="Bambang Hartono")])
    assert case.penanganan == Penanganan.PENGELOLA_WBS


def test_a_handler_who_finds_the_kepala_dinas_involved_hands_the_report_over(
    file_wbs, wbs_handler, kepala_dinas, inspektorat
):
    case, _code = file_wbs()
    case_assign(case=case, actor=wbs_handler, assignee=wbs_handler)
    services.wbs_add_reported(case=case, actor=wbs_handler, person=TerlaporInput(nama="Suharto Wibowo"))
    case.refresh_from_db()
    assert case.penanganan == Penanganan.INSPEKTORAT and case.assignee is None
    assert not access.can_view(wbs_handler, case) and access.can_view(inspektorat, case)
    entry = case.timeline.filter(transition="named_person").get()
    assert entry.actor == wbs_handler and entry.note == "Laporan dialihkan ke Inspektorat."


def test_the_reporter_naming_the_kepala_dinas_later_also_hands_it_over(file_wbs, wbs_handler, kepala_dinas):
    case, _code = file_wbs(terlapor=[])
    services.wbs_request_information(case=case, actor=wbs_handler, question="Siapa yang terlibat?")
    services.wbs_reporter_supply(case=case, reply="Kepala dinas ikut.", terlapor=[TerlaporInput(nama="Suharto Wibowo")])
    case.refresh_from_db()
    assert case.penanganan == Penanganan.INSPEKTORAT
    assert not access.can_view(wbs_handler, case)


def test_an_overdue_report_on_the_kepala_dinas_never_falls_back_to_the_pimpinan(
    file_wbs, kepala_dinas, inspektorat, caplog
):
    inspektorat.email = ""
    inspektorat.save(update_fields=["email"])
    case, _code = file_wbs(terlapor=[TerlaporInput(nama="Kepala Dinas", user=kepala_dinas)])
    assert case.penanganan == Penanganan.INSPEKTORAT
    with caplog.at_level("ERROR", logger="casework.notifications"):
        assert escalation_recipients(case) == []
    assert any(record.levelname == "ERROR" for record in caplog.records)
    assert case.title not in caplog.text


def test_a_person_a_report_names_who_later_becomes_a_handler_is_neither_reminded_nor_assignable(
    file_wbs, wbs_handler, pegawai, django_assert_max_num_queries
):
    from django.contrib.auth.models import Group

    case, _code = file_wbs(terlapor=[TerlaporInput(nama="Budi Santoso", user=pegawai)])
    assert not Recusal.objects.filter(case=case, user=pegawai).exists()  # not a handler then
    pegawai.groups.add(Group.objects.get(name=roles.PENGELOLA_WBS))
    assert not access.can_view(pegawai, case)
    with django_assert_max_num_queries(6):
        assert reminder_recipients(case) == [wbs_handler]
    assert list(assignable_users(case)) == [wbs_handler]
    with pytest.raises(ValidationError):
        case_assign(case=case, actor=wbs_handler, assignee=pegawai)
