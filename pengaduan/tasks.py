"""Background tasks of the complaints app (Django's tasks framework, django.tasks).

`auto_close_answered` closes the answered complaints whose complainant stayed silent
through the "konfirmasi" period. Enqueue it once a day or more often: it is idempotent,
so an extra run closes nothing twice. Until the engine's scheduler runs every app's
periodic tasks, `manage.py auto_close_pengaduan` enqueues it (from cron).

`send_receipt` and `send_status_update` tell the complainant, by e-mail and SMS/WhatsApp,
of a new complaint and of each status change; pengaduan.notify queues them after commit.
"""

from __future__ import annotations

import logging
from datetime import date

from django.tasks import task

from security.crypto import DecryptionError

from . import notify
from .models import Pengaduan
from .services import pengaduan_auto_close_due

logger = logging.getLogger(__name__)


@task
def auto_close_answered(today: str | None = None) -> dict[str, object]:
    """Run pengaduan_auto_close_due; `today` (ISO date) replays a missed day or serves a
    test. Returns what was closed, kept as the task's result."""
    closed = pengaduan_auto_close_due(today=date.fromisoformat(today) if today else None)
    if closed:
        logger.info("Closed %d answered complaint(s) without a reply", len(closed))
    return {"closed": len(closed), "references": [case.reference for case in closed]}


# --- Telling the complainant (see pengaduan.notify) ----------------------------------------


def _complaint(case_id: int) -> Pengaduan | None:
    case = Pengaduan.objects.filter(pk=case_id).first()
    if case is None:
        logger.warning("Complaint %s no longer exists; nothing sent", case_id)
    return case


@task
def send_receipt(
    case_id: int, sealed_code: str, channels: list[str] | None = None, attempt: int = 1
) -> dict[str, object]:
    """Send a new complaint's receipt (reference, tracking code, how to track) to the
    complainant's e-mail and phone. `sealed_code` is the code encrypted with
    notify.seal_code: task arguments are stored in the database. Failed channels are
    tried again by a later run of this task (`attempt`)."""
    case = _complaint(case_id)
    if case is None:
        return {"failed": []}
    try:
        code = notify.unseal_code(sealed_code)
    except DecryptionError:
        logger.error("The receipt code of %s cannot be decrypted; receipt not sent", case.reference)
        return {"failed": []}
    with notify.in_site_language():
        notice = notify.receipt_notice(case, code=code)
    failed = notify.deliver(case, notice, channels or notify.CHANNELS)
    notify.retry_later(
        send_receipt, failed=failed, attempt=attempt, reference=case.reference, case_id=case_id, sealed_code=sealed_code
    )
    return {"failed": failed, "attempt": attempt}


@task
def send_status_update(
    case_id: int, state: str, channels: list[str] | None = None, attempt: int = 1
) -> dict[str, object]:
    """Tell the complainant that their complaint moved to `state` (reference, status, how
    to track; nothing of its content). Failed channels are tried again later."""
    case = _complaint(case_id)
    if case is None:
        return {"failed": []}
    with notify.in_site_language():
        notice = notify.status_notice(case, state=state)
    failed = notify.deliver(case, notice, channels or notify.CHANNELS)
    notify.retry_later(
        send_status_update, failed=failed, attempt=attempt, reference=case.reference, case_id=case_id, state=state
    )
    return {"failed": failed, "attempt": attempt}
