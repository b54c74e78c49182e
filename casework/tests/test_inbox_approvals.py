"""An account change waiting for a second person is in the Kotak Masuk of those who may
approve it (casework.waiting_approvals), due the day it lapses; never in the requester's
or the account owner's; gone once decided."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import access_requests, roles
from accounts.testing import verified_login
from casework.waiting import waiting_for

INBOX = reverse("casework:inbox")
LABEL = "Putuskan permintaan akses"


def signed_in(user):
    """`user` as a request carries them after both login steps: approvals need it."""
    user.is_verified = lambda: True
    return user


def approval_items(user):
    return [item for item in waiting_for(signed_in(user)) if item.label.startswith(LABEL)]


@pytest.fixture
def admin_sistem(make_user):
    return make_user(roles.ADMIN_SISTEM, is_staff=True, is_superuser=True)


@pytest.fixture
def employee(make_user):
    user = make_user(roles.PEGAWAI)
    user.full_name = "Rina Marlina"
    user.save(update_fields=["full_name"])
    return user


@pytest.fixture
def wbs_request(admin_sistem, employee):
    return access_requests.role_grant_request(
        user=employee, role=roles.PENGELOLA_WBS, actor=admin_sistem, reason="Anggota baru tim WBS."
    )


def test_the_pimpinan_finds_the_request_due_the_day_it_lapses(client, wbs_request, make_user):
    pimpinan = make_user(roles.PIMPINAN)
    [item] = approval_items(pimpinan)
    assert roles.PENGELOLA_WBS in item.label and "Rina Marlina" in item.label
    assert item.due == timezone.localdate(wbs_request.expires_at)
    assert item.url == reverse("accounts_staff:approvals") + f"#permintaan-{wbs_request.pk}"
    verified_login(client, pimpinan)
    body = client.get(INBOX).content.decode()
    assert item.label in body and item.due.isoformat() in body
    assert f'id="permintaan-{wbs_request.pk}"' in client.get(item.url).content.decode()


def test_the_requester_the_owner_and_other_roles_get_nothing(wbs_request, admin_sistem, employee, make_user):
    for person in (admin_sistem, employee, make_user(roles.PENGELOLA_WBS), make_user(roles.TIM_PENILAI)):
        assert approval_items(person) == []


def test_an_inspektorat_grant_waits_for_the_inspektorat_alone(admin_sistem, employee, make_user):
    access_requests.role_grant_request(user=employee, role=roles.INSPEKTORAT, actor=admin_sistem)
    assert approval_items(make_user(roles.PIMPINAN)) == []
    assert len(approval_items(make_user(roles.INSPEKTORAT))) == 1


def test_the_item_leaves_once_decided(wbs_request, make_user):
    pimpinan = signed_in(make_user(roles.PIMPINAN))
    access_requests.access_request_approve(access_request=wbs_request, actor=pimpinan)
    assert approval_items(pimpinan) == []
