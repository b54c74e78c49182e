"""Background tasks of the accounts: the e-mails about account changes (accounts.notices).

Queued after the change commits (transaction.on_commit), run by `manage.py db_worker`.
Their arguments are ids and names only: a password link is made here, when the mail is
composed, so it never waits in the task table where an administrator could read it.
"""

from __future__ import annotations

from django.tasks import task

from . import notices


@task
def send_account_notice(
    notice: str,
    request_id: int | None = None,
    user_id: int | None = None,
    role: str = "",
    actor_id: int | None = None,
    new_account: bool = False,
    old_email: str = "",
) -> int:
    """Send one notice; returns how many messages went out."""
    return notices.send(
        notice,
        request_id=request_id,
        user_id=user_id,
        role=role,
        actor_id=actor_id,
        new_account=new_account,
        old_email=old_email,
    )
