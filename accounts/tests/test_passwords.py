"""An administrator never learns a password: the owner sets it through a one-time link
(accounts.passwords), and a reset ends every session of the account."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.urls import reverse

from accounts import passwords, roles
from accounts.models import User
from accounts.testing import verified_login
from security.audit import Event

from .support import PASSWORD, audit_events, login_password

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Jembatan-Merah-7788"


@pytest.fixture
def admin_sistem(db):
    user = User.objects.create_user(
        username="it", email="it@dukcapil.example.go.id", full_name="Petugas TI", password=PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=roles.ADMIN_SISTEM))
    return user


@pytest.fixture(params=["admin_sistem", "superuser"])
def administrator(request):
    return request.getfixturevalue(request.param)


def link_in(message) -> str:
    [link] = re.findall(r"https?://\S+|/akun/sandi/\S+", message.body)
    return link[link.index("/akun/") :]


def set_password(client, link, password=NEW_PASSWORD):
    """Follow the link as the owner does and set the password; return the last response."""
    response = client.get(link)
    if response.status_code != 302:
        return response
    form_url = response["Location"]
    return client.post(form_url, {"new_password1": password, "new_password2": password})


# --- No password in the admin ---------------------------------------------------------------


def test_the_user_page_has_no_password_and_no_link_to_change_one(client, administrator, staff):
    verified_login(client, administrator)
    page = client.get(reverse("admin:accounts_user_change", args=[staff.pk])).content.decode()
    assert 'name="password' not in page
    assert "password/" not in page
    assert staff.password not in page


def test_the_change_password_page_of_the_admin_is_refused(client, administrator, staff):
    verified_login(client, administrator)
    url = reverse("admin:auth_user_password_change", args=[staff.pk])
    assert client.get(url).status_code == 403
    response = client.post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"})
    assert response.status_code == 403
    staff.refresh_from_db()
    assert staff.check_password(PASSWORD)


def test_no_admin_form_takes_a_password(client, administrator):
    verified_login(client, administrator)
    page = client.get(reverse("admin:accounts_user_add")).content.decode()
    assert 'name="password1"' not in page and 'name="usable_password"' not in page
    # A password posted anyway is ignored.
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "baru",
            "email": "baru@dukcapil.example.go.id",
            "full_name": "Pegawai Baru",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    created = User.objects.get(username="baru")
    assert not created.has_usable_password() and not created.check_password(NEW_PASSWORD)


# --- A new account --------------------------------------------------------------------------


def test_a_new_account_gets_a_link_to_set_its_own_password(client, admin_sistem, django_capture_on_commit_callbacks):
    verified_login(client, admin_sistem)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:accounts_user_add"),
            {"username": "baru", "email": "baru@dukcapil.example.go.id", "full_name": "Pegawai Baru", "unit": ""},
        )
    created = User.objects.get(username="baru")
    [message] = mail.outbox
    assert message.to == ["baru@dukcapil.example.go.id"] and "Buat kata sandi" in message.subject
    [sent] = audit_events(Event.PASSWORD_LINK_SENT)
    assert sent.actor_id == admin_sistem.pk and sent.data["new_account"] is True

    client.logout()
    assert set_password(client, link_in(message))["Location"] == reverse("accounts:password_set_done")
    created.refresh_from_db()
    assert created.check_password(NEW_PASSWORD)
    [done] = audit_events(Event.PASSWORD_SET)
    assert done.actor_id == created.pk


# --- A reset --------------------------------------------------------------------------------


@pytest.fixture
def reset(client, admin_sistem, staff, django_capture_on_commit_callbacks):
    """An administrator sends `staff` a reset link; returns the e-mail."""
    verified_login(client, admin_sistem)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:accounts_user_changelist"),
            {"action": "send_password_link", "_selected_action": [staff.pk]},
        )
    client.logout()
    [message] = mail.outbox
    return message


def test_a_reset_ends_every_session_of_the_user(client, admin_sistem, staff, django_capture_on_commit_callbacks):
    from django.test import Client

    theirs = Client()
    verified_login(theirs, staff)
    assert theirs.get(reverse("casework:inbox")).status_code == 200
    verified_login(client, admin_sistem)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:accounts_user_changelist"),
            {"action": "send_password_link", "_selected_action": [staff.pk]},
        )
    response = theirs.get(reverse("casework:inbox"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    # The old password no longer opens the account.
    staff.refresh_from_db()
    assert not staff.has_usable_password()
    assert login_password(Client(), staff.nip).status_code == 200
    [sent] = audit_events(Event.PASSWORD_LINK_SENT)
    assert sent.actor_id == admin_sistem.pk and sent.object_id == str(staff.pk)


def test_the_reset_mail_goes_to_the_user_with_a_link_and_no_password(reset, staff):
    assert reset.to == [staff.email]
    assert "/akun/sandi/" in reset.body and PASSWORD not in reset.body


def test_the_link_sets_a_password_once(client, reset, staff):
    link = link_in(reset)
    assert set_password(client, link).status_code == 302
    staff.refresh_from_db()
    assert staff.check_password(NEW_PASSWORD)
    again = set_password(client, link, "Lain-Sekali-Lagi-991")
    assert again.status_code == 200 and not again.context["validlink"]
    staff.refresh_from_db()
    assert staff.check_password(NEW_PASSWORD)


def test_the_link_expires(client, reset, staff, settings, monkeypatch):
    later = datetime.datetime.now() + datetime.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)
    monkeypatch.setattr(default_token_generator, "_now", lambda: later)
    response = set_password(client, link_in(reset))
    assert response.status_code == 200 and not response.context["validlink"]
    staff.refresh_from_db()
    assert not staff.has_usable_password()


def test_a_newer_link_voids_the_older(client, admin_sistem, reset, staff):
    passwords.password_link_send(user=staff, actor=admin_sistem)
    response = set_password(client, link_in(reset))
    assert not response.context["validlink"]


def test_the_link_of_a_deactivated_account_does_not_work(client, reset, staff):
    User.objects.filter(pk=staff.pk).update(is_active=False)
    assert not set_password(client, link_in(reset)).context["validlink"]


def test_an_administrator_cannot_reset_its_own_password_through_the_action(client, admin_sistem):
    verified_login(client, admin_sistem)
    client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "send_password_link", "_selected_action": [admin_sistem.pk]},
    )
    admin_sistem.refresh_from_db()
    assert admin_sistem.has_usable_password() and not audit_events(Event.PASSWORD_LINK_SENT)


def test_only_an_administrator_may_send_a_link(staff, other_staff):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        passwords.password_link_send(user=other_staff, actor=staff)


def test_a_changed_address_is_told_at_the_old_one_and_voids_a_sent_link(
    client, admin_sistem, reset, staff, django_capture_on_commit_callbacks
):
    old = staff.email
    verified_login(client, admin_sistem)
    url = reverse("admin:accounts_user_change", args=[staff.pk])
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(email="orang.lain@example.test", unit="", groups=[])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
    [told] = mail.outbox
    assert told.to == [old] and "orang.lain@example.test" in told.body
    client.logout()
    assert not set_password(client, link_in(reset)).context["validlink"]
