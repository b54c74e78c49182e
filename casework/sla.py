"""Deadline clocks on cases, measured in working days (casework.calendar).

A clock starts with the SlaPolicy in force on its start date; it may pause (waiting for
the reporter) and resume, the due date moving by the working days spent paused; it stops
when its stage is done. Case.due_date mirrors the earliest running clock so inboxes and
sweeps can filter and sort on one indexed column.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Min
from django.utils import timezone

from .calendar import add_working_days, working_days_between
from .models import Case, Deadline, SlaPolicy


class MissingPolicy(LookupError):
    """No SlaPolicy is in force for a kind's clock on the given date."""


def policy_for(kind: str, clock: str, on: date) -> SlaPolicy:
    policy = (
        SlaPolicy.objects.filter(kind=kind, clock=clock, effective_from__lte=on).order_by("-effective_from").first()
    )
    if policy is None:
        raise MissingPolicy(f"No deadline policy for {kind}/{clock} on {on}")
    return policy


def start_clock(*, case: Case, clock: str, on: date | None = None) -> Deadline:
    """Start (or restart) the clock `clock` on the case from day `on` (default today)."""
    on = on or timezone.localdate()
    policy = policy_for(case.kind, clock, on)
    stop_clock(case=case, clock=clock)
    return Deadline.objects.create(
        case=case,
        clock=clock,
        policy=policy,
        working_days=policy.working_days,
        started_on=on,
        due_date=add_working_days(on, policy.working_days),
    )


def stop_clock(*, case: Case, clock: str) -> int:
    return Deadline.objects.filter(case=case, clock=clock, completed_at__isnull=True).update(
        completed_at=timezone.now(), paused_on=None
    )


def stop_all_clocks(*, case: Case) -> int:
    return Deadline.objects.filter(case=case, completed_at__isnull=True).update(
        completed_at=timezone.now(), paused_on=None
    )


def pause_clocks(*, case: Case, on: date | None = None) -> int:
    on = on or timezone.localdate()
    return Deadline.objects.filter(case=case, completed_at__isnull=True, paused_on__isnull=True).update(paused_on=on)


def resume_clocks(*, case: Case, on: date | None = None) -> int:
    """Resume paused clocks; each due date moves by the working days spent paused."""
    on = on or timezone.localdate()
    resumed = 0
    for deadline in Deadline.objects.filter(case=case, completed_at__isnull=True, paused_on__isnull=False):
        shift = working_days_between(deadline.paused_on, on)
        deadline.due_date = add_working_days(deadline.due_date, shift)
        deadline.paused_on = None
        deadline.save(update_fields=["due_date", "paused_on"])
        resumed += 1
    return resumed


def refresh_due_date(case: Case) -> None:
    """Mirror the earliest running (not paused) clock into Case.due_date."""
    due = Deadline.objects.filter(case=case, completed_at__isnull=True, paused_on__isnull=True).aggregate(
        due=Min("due_date")
    )["due"]
    if case.due_date != due:
        case.due_date = due
        Case.objects.filter(pk=case.pk).update(due_date=due)
