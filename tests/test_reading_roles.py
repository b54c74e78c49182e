"""Which roles read cases, checked against every kind's access policy on the demo's cases;
and the superuser flag, which reads none.

accounts.roles.CASE_READING_ROLES decides which roles an administrator can only ask for
(accounts.access_requests). A role missing from it would be given at once, so every role
outside it must see no case of anyone else, whatever the kinds registered.
"""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from accounts import roles
from accounts.models import UnitKerja, User
from accounts.testing import verified_login
from casework import access
from casework.kinds import all_kinds
from casework.models import Case

pytestmark = pytest.mark.django_db

NON_READING_ROLES = [role for role in roles.ROLE_NAMES if role not in roles.CASE_READING_ROLES]


@pytest.fixture
def demo(db):
    call_command("seed_demo", "--no-qr", stdout=io.StringIO())
    kinds = set(Case.objects.values_list("kind", flat=True))
    assert {"pengaduan", "wbs", "gratifikasi"} <= kinds
    return kinds


def newcomer(*role_names, **extra):
    user = User.objects.create_user(
        username="baru", email="baru@example.test", full_name="Pegawai Baru", password="x", **extra
    )
    for name in role_names:
        user.groups.add(Group.objects.get(name=name))
    return user


def test_the_lists_cover_every_role():
    assert set(roles.CASE_READING_ROLES) <= set(roles.ROLE_NAMES)
    assert NON_READING_ROLES == [roles.PEGAWAI, roles.ADMIN_SISTEM]
    assert roles.ADMIN_SISTEM not in roles.APPROVER_ROLES


@pytest.mark.parametrize("role", NON_READING_ROLES)
def test_a_role_given_at_once_reads_no_case(demo, role):
    # In every unit that has cases, heading it: still nothing.
    for unit in UnitKerja.objects.filter(pk__in=Case.objects.values("unit")):
        user = newcomer(role, unit=unit)
        assert not access.visible_cases(user).exists(), (role, unit)
        assert not access.inbox_cases(user).exists()
        user.delete()


@pytest.mark.parametrize("role", [r for r in roles.CASE_READING_ROLES if r != roles.TIM_BENTURAN])
def test_each_reading_role_reads_some_demo_case(demo, role):
    # The converse, so the list does not rot into "everything": each role it names does
    # read cases (the Tim Benturan's kind has no demo cases yet).
    holder = User.objects.filter(groups__name=role).exclude(groups__name=roles.ADMIN_SISTEM).first()
    assert access.visible_cases(holder).exists(), role


def test_the_superuser_flag_reads_no_case(client, demo):
    root = User.objects.create_superuser(username="root", email="root@example.test", full_name="Root", password="x")
    assert not access.visible_cases(root).exists()
    assert not access.inbox_cases(root).exists()
    verified_login(client, root)
    for case in Case.objects.all():
        assert client.get(reverse("case:detail", args=[case.pk])).status_code == 404, case.kind
    assert client.get(reverse("casework:inbox")).status_code == 200


def test_the_demo_superuser_reads_no_case(demo):
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and not access.visible_cases(admin).exists()


def test_every_kind_is_judged(demo):
    # A new kind with demo cases is covered by the tests above without a change here.
    assert {spec.code for spec in all_kinds()} >= demo


def test_the_admin_registers_no_case_content():
    from django.contrib import admin

    case_apps = {"casework", *(spec.model._meta.app_label for spec in all_kinds())}
    allowed = {"casework.holiday", "casework.slapolicy", "pengaduan.kategorilayanan", "gratifikasi.exemptionrule"}
    registered = {model._meta.label_lower for model in admin.site._registry}
    assert {label for label in registered if label.split(".")[0] in case_apps} <= allowed
