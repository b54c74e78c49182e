"""Audit entries for sign-in events and admin changes, from the signals that announce them.

Signals rather than calls in our views: logins, failures and logouts also happen through
paths we do not own (django.contrib.auth, django-axes, the admin), and each must be
recorded exactly once whichever path it took.
"""

import json

from axes.signals import user_locked_out
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver

from security import audit
from security.client import client_address

from . import lockout
from .backends import find_user

ADMIN_ACTIONS = {ADDITION: "add", CHANGE: "change", DELETION: "delete"}


def _client(request) -> dict:
    # audit.record adds the client address only when there is an actor; a failed or
    # locked-out login has none yet, but its address is exactly what matters.
    address = client_address(request) if getattr(request, "META", None) is not None else None
    return {"client": address} if address else {}


@receiver(user_logged_in, dispatch_uid="accounts.audit_login")
def audit_login(sender, request, user, **kwargs):
    # The password step. The second factor is recorded separately (otp.verified).
    audit.record(audit.Event.LOGIN, actor=user, request=request, data={"step": "password"})


@receiver(user_logged_out, dispatch_uid="accounts.audit_logout")
def audit_logout(sender, request, user, **kwargs):
    if user is not None:
        audit.record(audit.Event.LOGOUT, actor=user, request=request)


@receiver(user_login_failed, dispatch_uid="accounts.audit_login_failed")
def audit_login_failed(sender, credentials, request=None, **kwargs):
    """Which account was tried, never what was typed.

    The typed identifier is not stored: people do type their password into the wrong
    field. Django has already masked the password in `credentials`.
    """
    target = find_user(credentials.get("username") or "")
    data = {
        "known_account": target is not None,
        "locked_out": bool(getattr(request, "axes_locked_out", False)),
        **_client(request),
    }
    audit.record(audit.Event.LOGIN_FAILED, obj=target, data=data)


@receiver(user_locked_out, dispatch_uid="accounts.audit_locked_out")
def audit_locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
    target = lockout.account_for(username or "")
    data = {"known_account": target is not None}
    if ip_address:
        data["client"] = ip_address
    audit.record(audit.Event.LOCKED_OUT, obj=target, data=data)


def admin_change_data(*, model_label: str, object_id, object_repr: str, action: str, change_message) -> dict:
    return {
        "model": model_label,
        "object_id": str(object_id) if object_id is not None else "",
        "object_repr": object_repr,
        "action": action,
        "change_message": change_message,
    }


def _parsed_change_message(message: str):
    # The admin stores a JSON list (fields changed, objects added); keep it structured and
    # free of the language of whoever made the change.
    try:
        return json.loads(message) if message else []
    except ValueError:
        return message


@receiver(post_save, sender=LogEntry, dispatch_uid="accounts.audit_admin_change")
def audit_admin_change(sender, instance, created, **kwargs):
    if not created:
        return
    content_type = instance.content_type
    model_label = f"{content_type.app_label}.{content_type.model}" if content_type else ""
    audit.record(
        audit.Event.ADMIN_CHANGE,
        actor=instance.user,
        data=admin_change_data(
            model_label=model_label,
            object_id=instance.object_id,
            object_repr=instance.object_repr,
            action=ADMIN_ACTIONS.get(instance.action_flag, str(instance.action_flag)),
            change_message=_parsed_change_message(instance.change_message),
        ),
    )
