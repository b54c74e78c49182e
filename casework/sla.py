"""Deadline clocks on cases, measured in working days (casework.calendar).

A clock starts with the SlaPolicy in force on its start date; it may pause (waiting for
the reporter) and resume, the due date moving by the working days spent paused; it stops
when its stage is done. Case.due_date mirrors the earliest running clock so inboxes and
sweeps can filter and sort on one indexed column.

A clock whose policy is a waiting period (SlaPolicy.is_waiting_period) measures the
reporter's time, not the staff's: it runs and ends like any clock, but Case.due_date,
overdue badges, reminders and escalations leave it out.

casework.services calls the clock functions inside the transaction of each transition;
nothing else should start or stop clocks. Reads (due status of cases) are here too, so
every list shows "overdue" and "due soon" by the same rule, computed in the database.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import BooleanField, ExpressionWrapper, Min, Q, QuerySet
from django.utils import formats, timezone

from .calendar import add_working_days, working_days_between
from .models import Case, Deadline, SlaPolicy


class MissingPolicy(LookupError):
    """No SlaPolicy is in force for a kind's clock on the given date."""


def policy_for(kind: str, clock: str, on: date) -> SlaPolicy:
    """The policy governing a clock of `kind` started on `on`: the latest one whose
    effective date is not after `on`. Raises MissingPolicy when none is."""
    policy = (
        SlaPolicy.objects.filter(kind=kind, clock=clock, effective_from__lte=on).order_by("-effective_from").first()
    )
    if policy is None:
        raise MissingPolicy(f"No deadline policy for {kind}/{clock} on {on}")
    return policy


def plan_clock(*, kind: str, clock: str, on: date) -> Deadline:
    """The deadline `clock` of a case of `kind` would have if it started on `on`, unsaved.

    The working days (and the waiting-period flag) are copied from the policy in force on
    `on`, so a later change of the policy never moves this deadline.
    """
    policy = policy_for(kind, clock, on)
    return Deadline(
        clock=clock,
        policy=policy,
        working_days=policy.working_days,
        is_waiting_period=policy.is_waiting_period,
        started_on=on,
        due_date=add_working_days(on, policy.working_days),
    )


def earliest_staff_due(deadlines: Iterable[Deadline]) -> date | None:
    """What Case.due_date is for these running clocks (see refresh_due_date)."""
    dues = [d.due_date for d in deadlines if not d.is_waiting_period and d.paused_on is None]
    return min(dues, default=None)


def earliest_waiting_end(deadlines: Iterable[Deadline]) -> date | None:
    """What Case.waiting_until is for these running clocks (see refresh_due_date)."""
    ends = [d.due_date for d in deadlines if d.is_waiting_period and d.paused_on is None]
    return min(ends, default=None)


def start_clock(*, case: Case, clock: str, on: date | None = None) -> Deadline:
    """Start (or restart) the clock `clock` on the case from day `on` (default today)."""
    deadline = plan_clock(kind=case.kind, clock=clock, on=on or timezone.localdate())
    stop_clock(case=case, clock=clock)
    deadline.case = case
    deadline.save(force_insert=True)
    return deadline


def stop_clock(*, case: Case, clock: str, on: date | None = None) -> int:
    """Mark the clock `clock` done (its stage is finished), now or, with `on`, as of that
    day (a step recorded after it happened: it was met or missed on its own date).
    Returns how many stopped."""
    done = timezone.now() if on is None else timezone.make_aware(datetime.combine(on, time(12, 0)))
    return Deadline.objects.filter(case=case, clock=clock, completed_at__isnull=True).update(
        completed_at=done, paused_on=None
    )


#: On the case a staff page shows: every clock of it, as the page read them (page_clocks).
#: What the page then weighs to explain its actions (a condition on a clock, the date a
#: refusal names) reads them there rather than asking once each. Only the page's own
#: instance carries them, read after anything the request changed; a service checks the
#: row it locked, read afresh.
_PAGE_CLOCKS = "_page_clocks"


def page_clocks(case: Case) -> list[Deadline]:
    """Every clock of the case, in the order they started, read for its staff page and
    kept on the instance for running_clock and clock_ran_out."""
    deadlines = list(Deadline.objects.filter(case=case).select_related("policy").order_by("started_on", "id"))
    setattr(case, _PAGE_CLOCKS, deadlines)
    return deadlines


def _running_on_page(case: Case, clock: str) -> list[Deadline] | None:
    """The running deadlines of `clock` among the clocks the case's page read, soonest
    due first, as Deadline's ordering has them (None: no page read them)."""
    shown = getattr(case, _PAGE_CLOCKS, None)
    if shown is None:
        return None
    return sorted((d for d in shown if d.clock == clock and d.completed_at is None), key=lambda d: (d.due_date, d.pk))


def clock_escalated(case: Case, clock: str) -> bool:
    """Whether a deadline of `clock` on `case` was ever escalated (read from the clocks
    its page read, when it did)."""
    shown = getattr(case, _PAGE_CLOCKS, None)
    if shown is not None:
        return any(d.clock == clock and d.escalated_at is not None for d in shown)
    return Deadline.objects.filter(case_id=case.pk, clock=clock, escalated_at__isnull=False).exists()


def running_clock(case: Case, clock: str) -> Deadline | None:
    """The running (not yet stopped) deadline of `clock` on `case`, or None."""
    running = _running_on_page(case, clock)
    if running is not None:
        return running[0] if running else None
    return Deadline.objects.filter(case_id=case.pk, clock=clock, completed_at__isnull=True).first()


def clock_ran_out(case: Case, clock: str, today: date | None = None) -> bool:
    """Whether the running (not paused) `clock` of `case` is past its due date: the due
    date itself still belongs to whoever the clock waits on (a reporter completing a
    report, say)."""
    today = today or timezone.localdate()
    running = _running_on_page(case, clock)
    if running is not None:
        # _past_due's rule, on the rows the page read.
        return any(d.paused_on is None and d.due_date < today for d in running)
    return _past_due(today).filter(case_id=case.pk, clock=clock).exists()


def _past_due(today: date) -> QuerySet[Deadline]:
    """Running, unpaused clocks whose due date is before `today` (clock_ran_out applies
    the same rule to the clocks a page read)."""
    return Deadline.objects.filter(completed_at__isnull=True, paused_on__isnull=True, due_date__lt=today)


def first_day_after(deadline: Deadline) -> date:
    """The first day on which `deadline` counts as run out: the day after its due date,
    which still belongs to whoever the clock waits on (clock_ran_out). A waiting period
    that ends closes a case, or lets a handler close it, from this day on; every page,
    notice and refusal that names that day asks here."""
    return deadline.due_date + timedelta(days=1)


def dated_refusal(reasons: Iterable[str], *, condition, deadline: Deadline | None, message) -> list[str]:
    """`reasons` with the generic refusal of a time condition (`condition`: "the
    reporter's time has not run out yet") replaced by `message`, which names the due date
    of the clock the step waits for (%(due)s) and the first day it may run (%(next)s)."""
    reasons = [str(reason) for reason in reasons]
    generic = str(condition.blocked_message)
    if deadline is None or generic not in reasons:
        return reasons
    dated = message % {
        "due": formats.date_format(deadline.due_date, "j F Y"),
        "next": formats.date_format(first_day_after(deadline), "j F Y"),
    }
    return [dated if reason == generic else reason for reason in reasons]


def stop_all_clocks(*, case: Case) -> int:
    """Mark every clock of the case done; call when the case reaches a final state."""
    return Deadline.objects.filter(case=case, completed_at__isnull=True).update(
        completed_at=timezone.now(), paused_on=None
    )


def pause_clocks(*, case: Case, on: date | None = None, keep_running: Iterable[str] = ()) -> int:
    """Pause the running clocks from day `on` (default today), e.g. while the case waits
    for the reporter, except those in `keep_running` (a legal limit that waiting does not
    stop). A clock already paused keeps its first pause date."""
    on = on or timezone.localdate()
    running = Deadline.objects.filter(case=case, completed_at__isnull=True, paused_on__isnull=True)
    return running.exclude(clock__in=list(keep_running)).update(paused_on=on)


def resume_clocks(*, case: Case, on: date | None = None) -> int:
    """Resume paused clocks on day `on` (default today).

    Each due date moves by the working days in (paused_on, on]: the time left stays what
    it was at the pause, and a clock already late stays exactly as late. A clock whose due
    date moved may need a fresh reminder, so its reminder mark is cleared; its escalation
    mark is cleared only when it is no longer overdue.
    """
    on = on or timezone.localdate()
    resumed = 0
    for deadline in Deadline.objects.filter(case=case, completed_at__isnull=True, paused_on__isnull=False):
        shift = working_days_between(deadline.paused_on, on)
        deadline.due_date = add_working_days(deadline.due_date, shift)
        deadline.paused_on = None
        fields = ["due_date", "paused_on"]
        if shift:
            deadline.reminded_at = None
            fields.append("reminded_at")
            if deadline.escalated_at is not None and deadline.due_date >= on:
                deadline.escalated_at = None
                fields.append("escalated_at")
        deadline.save(update_fields=fields)
        resumed += 1
    return resumed


def refresh_due_date(case: Case) -> None:
    """Mirror the earliest running (not paused) staff clock into Case.due_date, and the
    earliest running waiting period's end into Case.waiting_until.

    Call after any change of the case's clocks (services does, after each transition);
    a case with no running staff clock (only a waiting period, or none) has no due date,
    and one waiting for nobody has no waiting_until. One statement reads both.
    """
    running = Deadline.objects.filter(case=case, completed_at__isnull=True, paused_on__isnull=True)
    ends = running.aggregate(
        staff=Min("due_date", filter=Q(is_waiting_period=False)),
        waiting=Min("due_date", filter=Q(is_waiting_period=True)),
    )
    mirrored = {"due_date": ends["staff"], "waiting_until": ends["waiting"]}
    changed = {field: value for field, value in mirrored.items() if getattr(case, field) != value}
    if changed:
        for field, value in changed.items():
            setattr(case, field, value)
        Case.objects.filter(pk=case.pk).update(**changed)


# --- Due status -------------------------------------------------------------------------


def due_soon_working_days() -> int:
    """How many working days ahead counts as "due soon" (SIGAP_DUE_SOON_WORKING_DAYS)."""
    return int(getattr(settings, "SIGAP_DUE_SOON_WORKING_DAYS", 2))


def due_soon_until(today: date | None = None) -> date:
    """The last due date that still counts as "due soon" on `today`."""
    return add_working_days(today or timezone.localdate(), due_soon_working_days())


def annotate_due_status(
    queryset: QuerySet[Case], today: date | None = None, *, until: date | None = None
) -> QuerySet[Case]:
    """Add `is_overdue`, `is_due_soon` (and `is_at_risk`, either of them) and
    `is_waiting_over` to each case, computed in the database (when the nearest waiting
    period ends is the column Case.waiting_until).

    Call it on any Case queryset that a list or report shows (inbox, dashboard). Only the
    threshold date is computed in Python (one holiday query); the comparison is SQL, so
    the query count does not grow with the number of cases. A closed case, or one whose
    clocks are all paused (no due date), is neither overdue nor due soon. A running
    waiting period that has ended (another party's time: a complainant's to complete
    their complaint or to respond to the answer, KPK's to decide on a gift) never makes
    the case late, but a handler's step may now be due: `is_waiting_over`
    (clock_ran_out asks the same of one clock of one case).

    `until` is due_soon_until(today), for a page that has it already (the holidays are
    then not read twice).
    """
    today = today or timezone.localdate()
    until = until or due_soon_until(today)
    has_open_due = Q(closed_at__isnull=True, due_date__isnull=False)
    return queryset.annotate(
        is_overdue=ExpressionWrapper(has_open_due & Q(due_date__lt=today), output_field=BooleanField()),
        is_due_soon=ExpressionWrapper(
            has_open_due & Q(due_date__gte=today, due_date__lte=until), output_field=BooleanField()
        ),
        # Overdue or due soon, said as one range of due dates (until is never before
        # today), so a list of either reads one range of an index, not two.
        is_at_risk=ExpressionWrapper(has_open_due & Q(due_date__lte=until), output_field=BooleanField()),
        # Case.waiting_until mirrors the nearest running waiting period's end (a closed
        # case has none): past it, _past_due's rule says the period has run out.
        # (The null test first: a case waiting for nobody is False, not unknown.)
        is_waiting_over=ExpressionWrapper(
            Q(waiting_until__isnull=False, waiting_until__lt=today), output_field=BooleanField()
        ),
    )


def overdue_cases(today: date | None = None, *, queryset: QuerySet[Case] | None = None) -> QuerySet[Case]:
    """Open cases past their due date, earliest first. Pass a queryset already scoped to
    the user (casework.access.visible_cases) for anything shown to a person."""
    today = today or timezone.localdate()
    qs = Case.objects.all() if queryset is None else queryset
    return qs.filter(closed_at__isnull=True, due_date__lt=today).order_by("due_date", "id")


def due_soon_cases(today: date | None = None, *, queryset: QuerySet[Case] | None = None) -> QuerySet[Case]:
    """Open cases due from today up to the "due soon" threshold, earliest first."""
    today = today or timezone.localdate()
    qs = Case.objects.all() if queryset is None else queryset
    return qs.filter(closed_at__isnull=True, due_date__gte=today, due_date__lte=due_soon_until(today)).order_by(
        "due_date", "id"
    )


def staff_deadlines() -> QuerySet[Deadline]:
    """Unfinished clocks that measure the staff's time (every clock but waiting periods)."""
    return Deadline.objects.filter(completed_at__isnull=True, is_waiting_period=False)


def running_deadlines() -> QuerySet[Deadline]:
    """Staff clocks that are counting now: not completed, not paused, on an open case.
    The deadline sweep reminds and escalates on these only."""
    return staff_deadlines().filter(paused_on__isnull=True, case__closed_at__isnull=True)


# --- Seeding policies from data migrations ------------------------------------------------


# (clock, label, working_days, effective_from, source) or the same with a note at the end.
PolicyRow = tuple[str, str, int, "date | str", str] | tuple[str, str, int, "date | str", str, str]


def seed_policies(apps, kind: str, rows: Iterable[PolicyRow], *, waiting_periods: Iterable[str] = ()) -> int:
    """Insert a kind's deadline policies unless they exist; returns how many were added.

    Call from a case kind's data migration (which depends on ("casework", "0001_initial")
    or later), with the migration's `apps` (or None outside a migration):

        def forwards(apps, schema_editor):
            seed_policies(apps, "pengaduan", [
                ("verifikasi", "Verifikasi", 3, "2020-01-01", "Perpres 76/2013"),
            ])

    Each row is (clock, label, working_days, effective_from, source), optionally with a
    note at the end (SlaPolicy.note: e.g. a figure kept until checked); effective_from may
    be a date or an ISO string. Every row names its source: staff see it beside the
    deadline. Clocks named in `waiting_periods` are the reporter's time
    (SlaPolicy.is_waiting_period); without `waiting_periods`, a clock that already has
    versions keeps their flag. A row with the same kind, clock and effective date is
    left as it is, so an administrator's later correction is never overwritten. A new rule
    is a new row with a later effective date: running clocks keep the old value.
    """
    model = SlaPolicy if apps is None else apps.get_model("casework", "SlaPolicy")
    waiting = set(waiting_periods)
    # A migration written before the flag existed runs against a historical SlaPolicy
    # without it.
    fields = {field.name for field in model._meta.concrete_fields}
    has_flag = "is_waiting_period" in fields
    added = 0
    for clock, label, working_days, effective_from, source, *rest in rows:
        if not clock or int(working_days) < 0 or not (source or "").strip():
            raise ValueError(f"Bad deadline policy row for {kind}: {clock!r}, {working_days!r}, {source!r}")
        note = {"note": rest[0]} if rest and "note" in fields else {}
        flag = {}
        if waiting:
            flag = {"is_waiting_period": clock in waiting}
        elif has_flag:
            # Not named: a new version keeps what the clock's existing versions are
            # (SlaPolicy.clean), so a later rule never turns the reporter's time into staff's.
            existing = model.objects.filter(kind=kind, clock=clock).values_list("is_waiting_period", flat=True).first()
            if existing is not None:
                flag = {"is_waiting_period": existing}
        _, created = model.objects.get_or_create(
            kind=kind,
            clock=clock,
            effective_from=_as_date(effective_from),
            defaults={"label": label, "working_days": int(working_days), "source": source, **note, **flag},
        )
        added += created
    return added


def unseed_policies(apps, kind: str, rows: Iterable[PolicyRow]) -> int:
    """Reverse of seed_policies for a migration's backwards step: remove the rows that no
    deadline refers to (a used policy is history and stays)."""
    model = SlaPolicy if apps is None else apps.get_model("casework", "SlaPolicy")
    removed = 0
    for clock, _label, _days, effective_from, *_rest in rows:
        removed += (
            model.objects.filter(kind=kind, clock=clock, effective_from=_as_date(effective_from))
            .filter(deadline__isnull=True)
            .delete()[0]
        )
    return removed


def _as_date(value) -> date:
    return date.fromisoformat(value) if isinstance(value, str) else value
