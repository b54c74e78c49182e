"""Passwords an administrator never knows: a one-time link to the account's owner.

An administrator who could type a user's password could sign in as that user. So the
admin has no password field: a new account starts without a usable password, and a reset
makes the current password unusable, which also ends every session of the account at
once (Django ties each session to the password's hash). Either way the owner gets an
e-mail with a link (accounts.notices.password_link) that sets a password once: it lapses
after SIGAP_PASSWORD_LINK_HOURS and stops working as soon as it is used.
"""

from __future__ import annotations

from django.db import transaction

from security import audit

from .access_requests import ensure_administrator, lock_user, notify_after_commit


def password_link_send(*, user, actor, request=None, new_account: bool = False) -> None:
    """Make `user`'s password unusable, end their sessions, and e-mail them a link to set
    a new one. Call for a new account (new_account=True) and for every reset."""
    ensure_administrator(actor)
    with transaction.atomic():
        locked = lock_user(user)
        locked.set_unusable_password()
        locked.save(update_fields=["password"])
        audit.record(
            audit.Event.PASSWORD_LINK_SENT,
            actor=actor,
            obj=locked,
            request=request,
            data={"user_id": locked.pk, "user": str(locked), "new_account": new_account},
        )
        notify_after_commit("password_link", user_id=locked.pk, new_account=new_account)
    user.password = locked.password


def password_set_recorded(*, user, request=None) -> None:
    """Audit that the owner set their password through the link (called by its view)."""
    audit.record(audit.Event.PASSWORD_SET, actor=user, obj=user, request=request, data={"user_id": user.pk})
