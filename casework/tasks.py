"""Background tasks of the case engine (Django's tasks framework, django.tasks).

`sweep_deadlines` looks at every running clock once: a clock due soon reminds whoever
must act, a clock past due escalates to the head of the unit. It is safe to run as often
and from as many workers as you like: each reminder and escalation is claimed by one
conditional UPDATE before its mail goes out, so it is sent once.

Production runs tasks with django_tasks_db: the web process (or the scheduler) enqueues a
row, `manage.py db_worker` runs it. django.tasks has no scheduler of its own, so
`manage.py run_scheduler` enqueues the sweep every SIGAP_SWEEP_INTERVAL_MINUTES (see that
command), or cron runs `manage.py run_scheduler --once`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import QuerySet
from django.tasks import task
from django.utils import timezone

from security import audit

from . import notifications
from .models import Deadline
from .sla import due_soon_until, running_deadlines

logger = logging.getLogger(__name__)


@task
def sweep_deadlines(today: str | None = None) -> dict[str, int]:
    """Remind and escalate every running clock that needs it (see run_deadline_sweep).

    Enqueue it (`sweep_deadlines.enqueue()`) from the scheduler; `today` (ISO date) is for
    replaying a missed day and for tests. Returns the counts, kept as the task's result.
    """
    return run_deadline_sweep(today=date.fromisoformat(today) if today else None)


@dataclass(frozen=True)
class _Step:
    mark: str  # the Deadline field that records "done"
    event: str  # the audit event
    recipients: Callable
    send: Callable


REMINDER = _Step(
    "reminded_at", audit.Event.SLA_REMINDER, notifications.reminder_recipients, notifications.send_reminder
)
ESCALATION = _Step(
    "escalated_at", audit.Event.SLA_ESCALATED, notifications.escalation_recipients, notifications.send_escalation
)


@task
def open_pending_cases() -> dict[str, int]:
    """Open the public submissions accepted but not opened yet (casework.intake).

    Queued by the submissions themselves (one task per burst) and by the scheduler with
    the other periodic tasks, which opens whatever a lost task left behind.
    """
    from . import intake

    return {"opened": intake.open_pending()}


@task
def remove_expired_held_uploads() -> dict[str, int]:
    """Remove the files kept for refused forms that were never sent again
    (casework.held_uploads). Queued by the scheduler with the other periodic tasks."""
    from . import held_uploads

    return {"removed": held_uploads.remove_expired()}


def reminder_candidates(today: date) -> QuerySet[Deadline]:
    """Running clocks due between today and the "due soon" threshold, not yet reminded."""
    until = due_soon_until(today)
    return running_deadlines().filter(reminded_at__isnull=True, due_date__gte=today, due_date__lte=until)


def escalation_candidates(today: date) -> QuerySet[Deadline]:
    """Running clocks past their due date, not yet escalated."""
    return running_deadlines().filter(escalated_at__isnull=True, due_date__lt=today)


def run_deadline_sweep(*, today: date | None = None) -> dict[str, int]:
    """Send the reminders and escalations due on `today` (default: today). Call through the
    sweep_deadlines task; calling it directly is for a shell or a test.

    An overdue clock gets its escalation only (a "due soon" mail would come too late). A
    clock whose mail could not be sent is left unmarked, so the next sweep tries again.
    """
    today = today or timezone.localdate()
    counts = {"reminders": 0, "escalations": 0, "skipped": 0, "failed": 0, "no_recipient": 0}
    for step, key, candidates in (
        (ESCALATION, "escalations", escalation_candidates(today)),
        (REMINDER, "reminders", reminder_candidates(today)),
    ):
        for deadline in list(candidates.select_related("case", "case__unit", "case__assignee", "policy")):
            outcome = _notify(step, deadline)
            counts[outcome if outcome != "sent" else key] += 1
    if counts["reminders"] or counts["escalations"] or counts["failed"]:
        logger.info("Deadline sweep for %s: %s", today, counts)
    return counts


def claim(deadline_id: int, mark: str, now) -> bool:
    """Mark the clock as notified if nobody did yet; True for the one caller that did.

    One conditional UPDATE: under concurrent sweeps the database lets exactly one of them
    change the row (the others find the mark set and update nothing), and a clock that was
    paused or stopped meanwhile is not claimed.
    """
    with transaction.atomic():
        return bool(
            Deadline.objects.filter(
                pk=deadline_id, completed_at__isnull=True, paused_on__isnull=True, **{f"{mark}__isnull": True}
            ).update(**{mark: now})
        )


def _release(deadline_id: int, mark: str, now) -> None:
    # Only our own claim is undone (same timestamp), never a later one.
    Deadline.objects.filter(pk=deadline_id, **{mark: now}).update(**{mark: None})


def _notify(step: _Step, deadline: Deadline) -> str:
    case = deadline.case
    users = step.recipients(case)
    if not users:
        # Leave it unmarked: once a head or handler is configured, the next sweep sends.
        logger.warning("No one to notify for %s clock %s of case %s", step.event, deadline.clock, case.pk)
        return "no_recipient"
    now = timezone.now()
    if not claim(deadline.pk, step.mark, now):
        return "skipped"
    try:
        step.send(deadline, users)
    except Exception:
        logger.exception("Could not send %s for case %s; will retry", step.event, case.pk)
        _release(deadline.pk, step.mark, now)
        return "failed"
    audit.record(
        step.event,
        case=case,
        obj=deadline,
        data={
            "clock": deadline.clock,
            "due_date": deadline.due_date.isoformat(),
            "recipients": [user.pk for user in users],
        },
    )
    return "sent"
