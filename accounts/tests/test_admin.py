"""The admin: only through our login, every change audited. (Roles and second-factor resets
that need approval: test_access_requests; passwords: test_passwords.)"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts import roles, services
from accounts.models import UnitKerja, User
from accounts.testing import verified_login
from security.audit import Event

from .support import audit_events

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:accounts_user_changelist")


@pytest.fixture
def admin_client(client, superuser):
    verified_login(client, superuser)
    return client


@pytest.fixture
def admin_sistem(db):
    user = User.objects.create_user(
        username="it", email="it@dukcapil.example.go.id", full_name="Petugas TI", password="x" * 12, is_staff=True
    )
    user.groups.add(Group.objects.get(name=roles.ADMIN_SISTEM))
    return user


def test_admin_login_page_redirects_to_our_login(client, db):
    response = client.get(reverse("admin:login") + "?next=/admin/accounts/user/")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login") + "?next=%2Fadmin%2Faccounts%2Fuser%2F"


def test_admin_login_cannot_be_posted_to(client, staff):
    from .support import PASSWORD

    response = client.post(reverse("admin:login"), {"username": "budi", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session.get("_auth_user_id") is None


def test_admin_login_for_a_verified_admin_goes_to_the_admin(admin_client):
    response = admin_client.get(reverse("admin:login"))
    assert response["Location"] == reverse("admin:index")


def test_admin_login_for_a_verified_non_admin_is_refused_not_looped(client, staff):
    verified_login(client, staff)
    assert client.get(reverse("admin:login")).status_code == 403


def test_user_list_shows_the_staff_columns(admin_client, staff):
    staff.groups.add(Group.objects.get(name=roles.PENGELOLA_PENGADUAN))
    page = admin_client.get(CHANGELIST).content.decode()
    for text in (staff.nip, staff.full_name, staff.email, roles.PENGELOLA_PENGADUAN):
        assert text in page


def test_unit_admin_lists_parent_level_and_head(admin_client, staff):
    dinas = UnitKerja.objects.create(name="Dinas Dukcapil", code="dukcapil", level="dinas", head=staff)
    UnitKerja.objects.create(name="Bidang Pelayanan", code="pelayanan", level="bidang", parent=dinas)
    page = admin_client.get(reverse("admin:accounts_unitkerja_changelist")).content.decode()
    assert "Bidang Pelayanan" in page and "Dinas Dukcapil" in page and staff.full_name in page


def test_after_a_reset_the_user_enrols_again(client, enrolled):
    user = enrolled.user
    verified_login(client, user)
    services.second_factor_reset(user=user, actor=None)
    # The open session no longer counts as verified, and the next step is enrolment.
    response = client.get("/staf/")
    assert response["Location"].startswith(reverse("accounts:otp_enrol"))


def test_admin_change_is_audited(admin_client, superuser, staff):
    url = reverse("admin:accounts_user_change", args=[staff.pk])
    form = admin_client.get(url).context["adminform"].form
    # Resubmit the form as the admin shows it, with two fields changed.
    data = {name: value for name, value in form.initial.items() if value is not None and name != "password"}
    data.update({"jabatan": "Kepala Seksi", "groups": [Group.objects.get(name=roles.PEGAWAI).pk]})
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    staff.refresh_from_db()
    assert staff.jabatan == "Kepala Seksi"
    [change] = audit_events(Event.ADMIN_CHANGE)
    assert change.actor_id == superuser.pk
    assert change.data["model"] == "accounts.user"
    assert change.data["object_id"] == str(staff.pk)
    assert change.data["action"] == "change"
    assert change.data["change_message"] == [{"changed": {"fields": ["Jabatan", "Groups"]}}]


def test_admin_add_and_delete_are_audited(admin_client):
    new_unit = {"name": "Seksi KTP", "code": "ktp", "level": "seksi", "is_active": "on"}
    # The unit's profile is an inline on the same page; this unit gets none.
    new_unit |= {"profile-TOTAL_FORMS": "0", "profile-INITIAL_FORMS": "0"}
    admin_client.post(reverse("admin:accounts_unitkerja_add"), new_unit)
    unit = UnitKerja.objects.get(code="ktp")
    admin_client.post(reverse("admin:accounts_unitkerja_delete", args=[unit.pk]), {"post": "yes"})
    actions = [(e.data["action"], e.data["object_id"]) for e in audit_events(Event.ADMIN_CHANGE)]
    assert actions == [("add", str(unit.pk)), ("delete", str(unit.pk))]


def test_bulk_delete_audits_every_object_once(admin_client):
    units = [UnitKerja.objects.create(name=f"Seksi {n}", code=f"s{n}", level="seksi") for n in range(3)]
    admin_client.post(
        reverse("admin:accounts_unitkerja_changelist"),
        {"action": "delete_selected", "_selected_action": [u.pk for u in units], "post": "yes"},
    )
    assert not UnitKerja.objects.exists()
    deleted = sorted(e.data["object_id"] for e in audit_events(Event.ADMIN_CHANGE) if e.data["action"] == "delete")
    assert deleted == sorted(str(u.pk) for u in units)


def test_bulk_delete_of_one_object_is_audited_once(admin_client):
    unit = UnitKerja.objects.create(name="Seksi", code="s", level="seksi")
    admin_client.post(
        reverse("admin:accounts_unitkerja_changelist"),
        {"action": "delete_selected", "_selected_action": [unit.pk], "post": "yes"},
    )
    assert len(audit_events(Event.ADMIN_CHANGE)) == 1


def test_admin_sistem_cannot_grant_superuser_or_edit_a_superuser(client, admin_sistem, superuser, staff):
    verified_login(client, admin_sistem)
    page = client.get(reverse("admin:accounts_user_change", args=[staff.pk])).content.decode()
    assert 'name="jabatan"' in page
    assert 'name="is_superuser"' not in page and 'name="user_permissions"' not in page
    response = client.get(reverse("admin:accounts_user_change", args=[superuser.pk]))
    assert 'name="email"' not in response.content.decode()


def test_admin_sistem_sees_no_case_models(client, admin_sistem):
    verified_login(client, admin_sistem)
    page = client.get(reverse("admin:index")).content.decode()
    assert "/admin/accounts/user/" in page
    assert "/admin/casework/" not in page


def test_an_administrator_does_not_move_itself_into_a_unit(client, admin_sistem, staff):
    verified_login(client, admin_sistem)
    own = client.get(reverse("admin:accounts_user_change", args=[admin_sistem.pk])).content.decode()
    assert 'name="unit"' not in own and 'name="jabatan"' in own
    other = client.get(reverse("admin:accounts_user_change", args=[staff.pk])).content.decode()
    assert 'name="unit"' in other


def test_an_administrator_does_not_make_itself_head_of_a_unit(client, admin_sistem, staff):
    unit = UnitKerja.objects.create(code="seksi-x", name="Seksi X", level=UnitKerja.Level.SEKSI)
    verified_login(client, admin_sistem)
    url = reverse("admin:accounts_unitkerja_change", args=[unit.pk])
    form = {"name": unit.name, "code": unit.code, "level": unit.level, "parent": "", "is_active": "on"}
    response = client.post(url, {**form, "head": admin_sistem.pk})
    assert response.status_code == 200
    assert "menetapkan diri sendiri sebagai kepala unit" in response.content.decode()
    unit.refresh_from_db()
    assert unit.head_id is None
    # Another person may be named head.
    assert client.post(url, {**form, "head": staff.pk}).status_code == 302
    unit.refresh_from_db()
    assert unit.head_id == staff.pk
