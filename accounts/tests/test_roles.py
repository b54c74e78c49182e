"""Roles are auth groups created by migration; Admin Sistem's permissions come with it."""

import importlib

import pytest
from django.contrib.auth.models import Group

from accounts import roles
from accounts.role_permissions import ROLE_PERMISSIONS, grant_role_permissions

pytestmark = pytest.mark.django_db


def test_every_role_has_a_group():
    assert set(roles.ROLE_NAMES) <= set(Group.objects.values_list("name", flat=True))


def test_migration_list_matches_the_roles():
    # The migration freezes the names; a role added or renamed needs a new migration.
    migration = importlib.import_module("accounts.migrations.0002_role_groups")
    assert migration.ROLE_NAMES == roles.ROLE_NAMES


def test_creating_the_groups_again_changes_nothing():
    from django.apps import apps

    migration = importlib.import_module("accounts.migrations.0002_role_groups")
    before = Group.objects.count()
    migration.create_role_groups(apps, None)
    assert Group.objects.count() == before


def test_admin_sistem_may_manage_accounts_but_not_cases():
    group = Group.objects.get(name=roles.ADMIN_SISTEM)
    granted = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}
    assert set(ROLE_PERMISSIONS[roles.ADMIN_SISTEM]) <= granted
    case_apps = ("casework.", "pengaduan.", "wbs.", "gratifikasi.", "benturan.")
    assert not any(name.startswith(case_apps) for name in granted)


def test_granting_keeps_extra_permissions_and_is_repeatable():
    from django.contrib.auth.models import Permission

    group = Group.objects.get(name=roles.ADMIN_SISTEM)
    extra = Permission.objects.get(content_type__app_label="auth", codename="change_group")
    group.permissions.add(extra)
    grant_role_permissions()
    grant_role_permissions()
    assert group.permissions.filter(pk=extra.pk).exists()
