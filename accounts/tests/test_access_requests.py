"""An administrator administers and never reads: a case-reading role, or a second-factor
reset, takes effect only when a second person approves it (accounts.access_requests)."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import access_requests, roles, selectors, services
from accounts.models import AccessRequest, User
from accounts.testing import verified_login
from security.audit import Event

from .support import audit_events

pytestmark = pytest.mark.django_db

NON_READING_ROLES = [role for role in roles.ROLE_NAMES if role not in roles.CASE_READING_ROLES]


def person(username, *role_names, **extra):
    user = User.objects.create_user(
        username=username,
        email=f"{username}@dukcapil.example.go.id",
        full_name=username.title(),
        password="Sandi-yang-kuat-123",
        **extra,
    )
    for name in role_names:
        user.groups.add(Group.objects.get(name=name))
    return user


def signed_in(user):
    """`user` as a request carries them after both login steps (OTPMiddleware)."""
    user.is_verified = lambda: True
    return user


@pytest.fixture
def admin_sistem(db):
    return person("it", roles.ADMIN_SISTEM, is_staff=True)


@pytest.fixture
def pimpinan(db):
    return person("kadis", roles.PIMPINAN)


@pytest.fixture
def inspektorat(db):
    return person("irban", roles.INSPEKTORAT)


@pytest.fixture
def employee(db):
    return person("rina", roles.PEGAWAI)


def fresh(user) -> User:
    return User.objects.get(pk=user.pk)


def change_roles(client, target, role_names, reason=""):
    """Post the admin's user page as it is shown, with the roles ticked as given."""
    url = reverse("admin:accounts_user_change", args=[target.pk])
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data["groups"] = [Group.objects.get(name=name).pk for name in role_names]
    data["role_reason"] = reason
    for field in ("user_permissions",):
        data[field] = [p.pk for p in data.get(field, [])]
    data["unit"] = data.get("unit") or ""
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


# --- Asking ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", roles.CASE_READING_ROLES)
def test_an_administrator_adding_itself_to_a_reading_role_gets_nothing_until_approved(
    client, admin_sistem, pimpinan, inspektorat, role, django_capture_on_commit_callbacks
):
    verified_login(client, admin_sistem)
    with django_capture_on_commit_callbacks(execute=True):
        change_roles(client, admin_sistem, [roles.ADMIN_SISTEM, role], reason="Menggantikan petugas yang cuti.")
    assert not fresh(admin_sistem).has_role(role)
    [waiting] = AccessRequest.objects.all()
    assert (waiting.kind, waiting.role, waiting.user, waiting.requested_by) == (
        AccessRequest.Kind.ROLE_GRANT,
        role,
        admin_sistem,
        admin_sistem,
    )
    assert waiting.reason == "Menggantikan petugas yang cuti." and waiting.is_pending
    # Its own role is kept, and the request is audited.
    assert fresh(admin_sistem).has_role(roles.ADMIN_SISTEM)
    [asked] = audit_events(Event.ACCESS_REQUESTED)
    assert asked.actor_id == admin_sistem.pk and asked.data["role"] == role
    # Nobody may approve for themselves: the administrator sees no request to decide.
    assert selectors.pending_approvals_for(signed_in(admin_sistem)) == []


@pytest.mark.parametrize("role", roles.CASE_READING_ROLES)
def test_an_administrator_adding_another_user_to_a_reading_role_only_asks(client, admin_sistem, employee, role):
    verified_login(client, admin_sistem)
    change_roles(client, employee, [roles.PEGAWAI, role])
    assert not fresh(employee).has_role(role)
    assert AccessRequest.objects.filter(user=employee, role=role, state=AccessRequest.State.PENDING).exists()


@pytest.mark.parametrize("role", NON_READING_ROLES)
def test_a_role_that_reads_no_case_is_given_at_once_and_audited(client, admin_sistem, role):
    target = person("baru")
    verified_login(client, admin_sistem)
    change_roles(client, target, [role])
    assert fresh(target).has_role(role)
    assert not AccessRequest.objects.exists()
    [granted] = audit_events(Event.ROLE_GRANTED)
    assert granted.data["role"] == role and granted.actor_id == admin_sistem.pk


def test_asking_twice_keeps_one_request(admin_sistem, employee):
    first = access_requests.role_grant_request(user=employee, role=roles.PENGELOLA_WBS, actor=admin_sistem)
    again = access_requests.role_grant_request(user=employee, role=roles.PENGELOLA_WBS, actor=admin_sistem)
    assert first.pk == again.pk and AccessRequest.objects.count() == 1


def test_only_an_administrator_may_ask(employee, pimpinan):
    with pytest.raises(PermissionDenied):
        access_requests.role_grant_request(user=employee, role=roles.PENGELOLA_WBS, actor=pimpinan)
    with pytest.raises(PermissionDenied):
        access_requests.second_factor_reset_request(user=employee, actor=pimpinan)


def test_the_holders_the_user_and_the_approvers_are_told_of_a_request(
    admin_sistem, employee, pimpinan, inspektorat, django_capture_on_commit_callbacks
):
    holder = person("lina", roles.PENGELOLA_WBS)
    with django_capture_on_commit_callbacks(execute=True):
        access_requests.role_grant_request(
            user=employee, role=roles.PENGELOLA_WBS, actor=admin_sistem, reason="SK Tim WBS 2026."
        )
    told = {message.to[0]: message for message in mail.outbox}
    assert set(told) == {employee.email, holder.email, pimpinan.email, inspektorat.email}
    assert all(roles.PENGELOLA_WBS in message.subject for message in mail.outbox)
    assert reverse("accounts_staff:approvals") in told[pimpinan.email].body
    assert reverse("accounts_staff:approvals") not in told[employee.email].body
    assert "SK Tim WBS 2026." in told[holder.email].body


# --- Deciding -------------------------------------------------------------------------------


@pytest.fixture
def wbs_request(admin_sistem, employee):
    return access_requests.role_grant_request(
        user=employee, role=roles.PENGELOLA_WBS, actor=admin_sistem, reason="SK Tim WBS 2026."
    )


def refused(actor, access_request):
    with pytest.raises(PermissionDenied):
        access_requests.access_request_approve(access_request=access_request, actor=signed_in(actor))
    access_request.refresh_from_db()
    assert access_request.state == AccessRequest.State.PENDING
    assert not fresh(access_request.user).has_role(access_request.role or "-")


def test_the_user_concerned_cannot_approve_their_own_role(admin_sistem):
    # A Pimpinan for whom a further reading role is asked.
    kadis = person("kadis2", roles.PIMPINAN)
    access_request = access_requests.role_grant_request(user=kadis, role=roles.PENGELOLA_WBS, actor=admin_sistem)
    refused(kadis, access_request)


def test_the_requester_cannot_approve_even_holding_an_approving_role(employee):
    both = person("rangkap", roles.ADMIN_SISTEM, roles.PIMPINAN, is_staff=True)
    access_request = access_requests.role_grant_request(user=employee, role=roles.PENGELOLA_WBS, actor=both)
    refused(both, access_request)


def test_an_administrator_cannot_approve(wbs_request):
    refused(person("it2", roles.ADMIN_SISTEM, is_staff=True), wbs_request)


def test_a_superuser_cannot_approve(wbs_request):
    refused(
        User.objects.create_superuser(username="root", email="root@x.example", full_name="Root", password="x"),
        wbs_request,
    )


@pytest.mark.parametrize("role", [r for r in roles.ROLE_NAMES if r not in roles.APPROVER_ROLES])
def test_no_other_role_may_approve(wbs_request, role):
    refused(person("lain", role), wbs_request)


def test_a_decider_must_have_passed_the_second_factor(wbs_request, pimpinan):
    with pytest.raises(PermissionDenied):
        access_requests.access_request_approve(access_request=wbs_request, actor=pimpinan)
    assert not fresh(wbs_request.user).has_role(roles.PENGELOLA_WBS)


def test_only_the_inspektorat_approves_a_new_inspektorat(admin_sistem, employee, pimpinan, inspektorat):
    access_request = access_requests.role_grant_request(user=employee, role=roles.INSPEKTORAT, actor=admin_sistem)
    refused(pimpinan, access_request)
    assert access_request not in selectors.pending_approvals_for(signed_in(pimpinan))
    access_requests.access_request_approve(access_request=access_request, actor=signed_in(inspektorat))
    assert fresh(employee).has_role(roles.INSPEKTORAT)


def test_the_right_person_approves_and_the_holders_are_told(
    client, wbs_request, pimpinan, employee, admin_sistem, django_capture_on_commit_callbacks
):
    holder = person("lina", roles.PENGELOLA_WBS)
    verified_login(client, pimpinan)
    page = client.get(reverse("accounts_staff:approvals")).content.decode()
    assert employee.full_name in page and "SK Tim WBS 2026." in page
    mail.outbox.clear()
    url = reverse("accounts_staff:approval_decide", args=[wbs_request.pk, "setujui"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {f"p{wbs_request.pk}-note": "Sesuai SK."})
    assert response.status_code == 302
    assert fresh(employee).has_role(roles.PENGELOLA_WBS)
    wbs_request.refresh_from_db()
    assert (wbs_request.state, wbs_request.decided_by) == (AccessRequest.State.APPROVED, pimpinan)
    assert {message.to[0] for message in mail.outbox} == {employee.email, holder.email, admin_sistem.email}
    assert all(pimpinan.full_name in message.body for message in mail.outbox)
    [approved] = audit_events(Event.ACCESS_APPROVED)
    assert approved.actor_id == pimpinan.pk and approved.data["requested_by"] == admin_sistem.pk
    [granted] = audit_events(Event.ROLE_GRANTED)
    assert granted.actor_id == pimpinan.pk and granted.data["request"] == wbs_request.pk


def test_a_refusal_needs_a_note_and_changes_nothing(client, wbs_request, pimpinan, employee):
    verified_login(client, pimpinan)
    url = reverse("accounts_staff:approval_decide", args=[wbs_request.pk, "tolak"])
    assert client.post(url, {f"p{wbs_request.pk}-note": ""}).status_code == 400
    assert client.post(url, {f"p{wbs_request.pk}-note": "Tidak ada SK."}).status_code == 302
    wbs_request.refresh_from_db()
    assert wbs_request.state == AccessRequest.State.REFUSED and wbs_request.decision_note == "Tidak ada SK."
    assert not fresh(employee).has_role(roles.PENGELOLA_WBS)


def test_the_approvals_page_is_not_found_for_anyone_who_may_not_decide(client, wbs_request, admin_sistem, employee):
    for user in (admin_sistem, employee):
        verified_login(client, user)
        assert client.get(reverse("accounts_staff:approvals")).status_code == 404
        url = reverse("accounts_staff:approval_decide", args=[wbs_request.pk, "setujui"])
        assert client.post(url, {}).status_code == 404
    assert not fresh(employee).has_role(roles.PENGELOLA_WBS)


def test_the_menu_links_the_approvals_page_for_deciders_only(client, pimpinan, admin_sistem):
    verified_login(client, pimpinan)
    assert reverse("accounts_staff:approvals") in client.get(reverse("casework:inbox")).content.decode()
    verified_login(client, admin_sistem)
    assert reverse("accounts_staff:approvals") not in client.get(reverse("casework:inbox")).content.decode()


def test_a_request_lapses_after_its_days(wbs_request, pimpinan, settings):
    later = timezone.now() + datetime.timedelta(days=settings.SIGAP_ACCESS_REQUEST_DAYS, minutes=1)
    AccessRequest.objects.filter(pk=wbs_request.pk).update(
        created_at=later - datetime.timedelta(days=30), expires_at=timezone.now()
    )
    assert selectors.pending_approvals_for(signed_in(pimpinan)) == []
    with pytest.raises(ValidationError):
        access_requests.access_request_approve(access_request=wbs_request, actor=signed_in(pimpinan))
    assert not fresh(wbs_request.user).has_role(roles.PENGELOLA_WBS)


def test_pending_approvals_come_soonest_deadline_first(admin_sistem, employee, pimpinan):
    first = access_requests.role_grant_request(user=employee, role=roles.PENGELOLA_WBS, actor=admin_sistem)
    second = access_requests.role_grant_request(user=employee, role=roles.PETUGAS_UPG, actor=admin_sistem)
    AccessRequest.objects.filter(pk=second.pk).update(expires_at=first.expires_at - datetime.timedelta(hours=1))
    assert [item.pk for item in selectors.pending_approvals_for(signed_in(pimpinan))] == [second.pk, first.pk]


def test_the_administrator_may_withdraw_a_request(client, wbs_request, admin_sistem, employee):
    verified_login(client, admin_sistem)
    changelist = reverse("admin:accounts_accessrequest_changelist")
    assert employee.full_name in client.get(changelist).content.decode()
    client.post(changelist, {"action": "cancel", "_selected_action": [wbs_request.pk]})
    wbs_request.refresh_from_db()
    assert wbs_request.state == AccessRequest.State.CANCELLED
    assert audit_events(Event.ACCESS_CANCELLED)


def test_the_database_refuses_a_decision_by_the_requester_or_the_user(wbs_request, admin_sistem, employee):
    from django.db import IntegrityError, transaction

    for decider in (admin_sistem, employee):
        with pytest.raises(IntegrityError), transaction.atomic():
            AccessRequest.objects.filter(pk=wbs_request.pk).update(decided_by=decider, state="disetujui")


# --- Removing -------------------------------------------------------------------------------


def test_removing_a_reading_role_is_immediate_audited_and_told(
    client, admin_sistem, django_capture_on_commit_callbacks
):
    handler = person("lina", roles.PENGELOLA_WBS)
    colleague = person("sari", roles.PENGELOLA_WBS)
    verified_login(client, admin_sistem)
    with django_capture_on_commit_callbacks(execute=True):
        change_roles(client, handler, [])
    assert not fresh(handler).has_role(roles.PENGELOLA_WBS)
    [removed] = audit_events(Event.ROLE_REMOVED)
    assert removed.data["role"] == roles.PENGELOLA_WBS and removed.actor_id == admin_sistem.pk
    assert {message.to[0] for message in mail.outbox} == {handler.email, colleague.email}


# --- Second factor --------------------------------------------------------------------------


@pytest.fixture
def enrolled_handler(db):
    user = person("lina", roles.PENGELOLA_WBS)
    TOTPDevice.objects.create(user=user, name="Ponsel", confirmed=True)
    services.backup_codes_issue(user=user)
    return user


def test_a_second_factor_reset_is_only_asked_and_the_user_is_told(
    client, admin_sistem, enrolled_handler, django_capture_on_commit_callbacks
):
    verified_login(client, admin_sistem)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:accounts_user_changelist"),
            {"action": "request_second_factor_reset", "_selected_action": [enrolled_handler.pk]},
        )
    assert TOTPDevice.objects.filter(user=enrolled_handler).exists()
    assert StaticDevice.objects.filter(user=enrolled_handler).exists()
    [waiting] = AccessRequest.objects.all()
    assert waiting.kind == AccessRequest.Kind.SECOND_FACTOR_RESET and waiting.requested_by == admin_sistem
    assert enrolled_handler.email in [message.to[0] for message in mail.outbox]
    assert not audit_events(Event.OTP_RESET)


def test_a_second_factor_reset_needs_a_second_person_and_tells_the_user_when_done(
    admin_sistem, enrolled_handler, pimpinan, django_capture_on_commit_callbacks
):
    access_request = access_requests.second_factor_reset_request(user=enrolled_handler, actor=admin_sistem)
    refused(admin_sistem, access_request)
    refused(enrolled_handler, access_request)
    refused(person("it2", roles.ADMIN_SISTEM, is_staff=True), access_request)
    assert TOTPDevice.objects.filter(user=enrolled_handler).exists()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        access_requests.access_request_approve(access_request=access_request, actor=signed_in(pimpinan))
    assert not TOTPDevice.objects.filter(user=enrolled_handler).exists()
    assert not StaticDevice.objects.filter(user=enrolled_handler).exists()
    [reset] = audit_events(Event.OTP_RESET)
    assert reset.actor_id == pimpinan.pk and reset.object_id == str(enrolled_handler.pk)
    assert {message.to[0] for message in mail.outbox} == {enrolled_handler.email, admin_sistem.email}
    assert "direset" in mail.outbox[0].subject


def test_only_the_inspektorat_approves_resetting_an_inspektorat(admin_sistem, pimpinan, inspektorat):
    auditor = person("irban2", roles.INSPEKTORAT)
    access_request = access_requests.second_factor_reset_request(user=auditor, actor=admin_sistem)
    refused(pimpinan, access_request)
    access_requests.access_request_approve(access_request=access_request, actor=signed_in(inspektorat))
    access_request.refresh_from_db()
    assert access_request.state == AccessRequest.State.APPROVED


def test_the_admin_offers_no_immediate_second_factor_reset(client, admin_sistem):
    verified_login(client, admin_sistem)
    page = client.get(reverse("admin:accounts_user_changelist")).content.decode()
    assert 'value="reset_second_factor"' not in page
    assert 'value="request_second_factor_reset"' in page


def test_no_admin_page_adds_or_removes_a_device(client, admin_sistem):
    from django.contrib import admin

    assert not admin.site.is_registered(TOTPDevice) and not admin.site.is_registered(StaticDevice)
    root = User.objects.create_superuser(username="root", email="root@x.example", full_name="Root", password="x")
    verified_login(client, root)
    assert client.get("/admin/otp_totp/totpdevice/add/").status_code == 404
    assert client.get("/admin/otp_static/staticdevice/add/").status_code == 404


def test_no_one_renames_a_role_or_gives_it_permissions_in_the_admin(client):
    root = User.objects.create_superuser(username="root", email="root@x.example", full_name="Root", password="x")
    verified_login(client, root)
    group = Group.objects.get(name=roles.ADMIN_SISTEM)
    url = reverse("admin:auth_group_change", args=[group.pk])
    client.post(url, {"name": roles.PENGELOLA_WBS + " lama", "permissions": []})
    group.refresh_from_db()
    assert group.name == roles.ADMIN_SISTEM
    assert client.post(reverse("admin:auth_group_add"), {"name": "Baru"}).status_code == 403


def test_the_first_readers_are_named_on_the_server(employee, django_capture_on_commit_callbacks):
    import io

    from django.core.management import call_command

    holder = person("kadis", roles.PIMPINAN)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("grant_role", employee.email, roles.PIMPINAN, stdout=io.StringIO())
    assert fresh(employee).has_role(roles.PIMPINAN)
    [granted] = audit_events(Event.ROLE_GRANTED)
    assert granted.actor_id is None and granted.data["role"] == roles.PIMPINAN
    assert {message.to[0] for message in mail.outbox} == {employee.email, holder.email}
