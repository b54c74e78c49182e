"""The dashboard's numbers, for every kind that registered its reporting (casework.reporting).

Definitions are the reports' own: a case belongs to the month it was *received*;
*finished* is one of its kind's final states, which the engine keeps in step with
Case.closed_at (set on reaching one, cleared on reopening), so *in process* is an open
case; *overdue* and *due soon* are the open cases whose Case.due_date (the earliest
running staff clock) is before today, or from today up to SIGAP_DUE_SOON_WORKING_DAYS
working days ahead (casework.sla: the same rule as every list's deadline filter).

A fixed number of queries whatever the number of cases, none reading more than it must:
the cases received per kind and day over the trend's twelve months (the days that can no
longer change from received_days, the last weeks live), and the open cases grouped by kind
and unit, with the unit's name and what each figure needs counted alongside (an index
holds the open cases alone); and the holidays (for "due soon"), unless the page found
them already. No case row is read into Python, only the groups.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q
from django.utils import timezone

from casework import sla
from casework.models import Case
from casework.reporting import KindReporting, Period, all_reporting

from .received_days import received_per_day

#: How many months the trend shows, the current one included.
TREND_MONTHS = 12


@dataclass(frozen=True)
class Progress:
    """Cases received in a period: how many, and how many are still in process."""

    received: int = 0
    in_process: int = 0

    @property
    def finished(self) -> int:
        return self.received - self.in_process


@dataclass
class UnitCounts:
    """A unit's open cases of one kind now: all, and those overdue or due soon."""

    open: int = 0
    overdue: int = 0
    due_soon: int = 0


@dataclass
class KindCounts:
    reporting: KindReporting
    month: Progress = Progress()
    semester: Progress = Progress()
    open: int = 0
    overdue: int = 0
    due_soon: int = 0
    #: Received per month of the trend, oldest first.
    trend: list[int] = field(default_factory=list)
    #: By unit id (None: no unit yet), the open cases now.
    units: dict[int | None, UnitCounts] = field(default_factory=lambda: defaultdict(UnitCounts))

    @property
    def kind(self) -> str:
        return self.reporting.kind

    @property
    def label(self) -> str:
        return self.reporting.label

    @property
    def has_units(self) -> bool:
        """Whether any open case of the kind is in a unit (a kind whose cases carry none,
        such as a gift declaration, says nothing per unit)."""
        return any(unit_id is not None for unit_id in self.units)


@dataclass(frozen=True)
class DashboardCounts:
    today: date
    month: Period
    semester: Period
    #: The months of the trend, oldest first, the current one last.
    trend_months: tuple[Period, ...]
    kinds: tuple[KindCounts, ...]
    #: Names of the units met, by id.
    unit_names: dict[int, str]


def current_semester(today: date) -> Period:
    return Period.semester(today.year, 1 if today.month <= 6 else 2)


def trend_months(today: date, count: int = TREND_MONTHS) -> tuple[Period, ...]:
    months = [Period.month(today.year, today.month)]
    while len(months) < count:
        months.append(months[-1].previous())
    return tuple(reversed(months))


def dashboard_counts(today: date | None = None, *, soon_until: date | None = None) -> DashboardCounts:
    """Every number of the dashboard as of `today` (default: the local date); `soon_until`
    is casework.sla.due_soon_until(today), where the page has it already."""
    today = today or timezone.localdate()
    month = Period.month(today.year, today.month)
    semester = current_semester(today)
    months = trend_months(today)
    by_kind = {reporting.kind: KindCounts(reporting=reporting) for reporting in all_reporting()}
    codes = list(by_kind)

    # Received, per kind and month (the semester lies within the twelve months).
    received: dict[tuple[str, int, int], int] = defaultdict(int)
    for (kind, day), n in received_per_day(codes, months[0].start, months[-1].end).items():
        received[(kind, day.year, day.month)] += n

    # The open cases, by kind and unit.
    until = soon_until or sla.due_soon_until(today)
    in_process = {"in_month": 0, "in_semester": 0}
    opened: dict[str, dict[str, int]] = {code: dict(in_process) for code in codes}
    rows = (
        Case.objects.filter(kind__in=codes, closed_at__isnull=True)
        .order_by()
        .values_list("kind", "unit_id", "unit__name")
        .annotate(
            n=Count("*"),
            in_month=Count("received_on", filter=Q(received_on__gte=month.start)),
            in_semester=Count("received_on", filter=Q(received_on__gte=semester.start)),
            overdue=Count("received_on", filter=Q(due_date__lt=today)),
            soon=Count("received_on", filter=Q(due_date__gte=today, due_date__lte=until)),
        )
    )
    names: dict[int, str] = {}
    for kind, unit_id, unit_name, n, in_month, in_semester, overdue, soon in rows:
        if unit_id is not None:
            names[unit_id] = unit_name
        counts = by_kind[kind]
        counts.open += n
        counts.overdue += overdue
        counts.due_soon += soon
        unit = counts.units[unit_id]
        unit.open, unit.overdue, unit.due_soon = unit.open + n, unit.overdue + overdue, unit.due_soon + soon
        opened[kind]["in_month"] += in_month
        opened[kind]["in_semester"] += in_semester

    for code, counts in by_kind.items():
        counts.trend = [received[(code, m.start.year, m.start.month)] for m in months]
        counts.month = Progress(received[(code, month.start.year, month.start.month)], opened[code]["in_month"])
        counts.semester = Progress(
            sum(received[(code, m.start.year, m.start.month)] for m in semester.months()),
            opened[code]["in_semester"],
        )

    return DashboardCounts(
        today=today,
        month=month,
        semester=semester,
        trend_months=months,
        kinds=tuple(by_kind.values()),
        unit_names=names,
    )
