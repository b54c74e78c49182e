"""Cases received per kind and day, kept for the days that can no longer change.

A case is received on a day fixed when it is entered (Case.received_on), at most
SIGAP_RECEIVED_MAX_DAYS_BACK days before (casework.received), and no case is ever
deleted: so the number of cases received on a day older than that never changes. The
dashboard's twelve-month trend reads those days from here (a few hundred rows) and
counts only the later ones on the case table, instead of counting a year of cases on
every view.

`refresh` recounts every kept day from the case table, so a count is exact as of its
last run whatever happened (a public submission opened after a long stop of the task
worker keeps the day it was sent, which may be older: FREEZE_MARGIN_DAYS more are
counted live for that, and the next run puts any such case in). It runs with the
periodic tasks (tasks.count_received_days, SIGAP_PERIODIC_TASKS), and once more whenever
the case tables are filled in bulk (bench/). Without it the dashboard counts every day
live: correct, only slower.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, DateField, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from casework.models import Case
from casework.reporting import all_reporting

from .models import ReceivedDayCount, ReceivedDayCoverage

#: Days beyond SIGAP_RECEIVED_MAX_DAYS_BACK still counted live.
FREEZE_MARGIN_DAYS = 7
#: How far back counts are kept: the trend's twelve months and a month to spare.
KEPT_DAYS = 400


def frozen_until(today: date) -> date:
    """The last day whose count can no longer change."""
    back = int(getattr(settings, "SIGAP_RECEIVED_MAX_DAYS_BACK", 30))
    return today - timedelta(days=back + FREEZE_MARGIN_DAYS + 1)


def refresh(today: date | None = None) -> int:
    """Recount the kept days from the case table (one grouped query) and replace the kept
    counts with them in one transaction; returns how many counts are kept."""
    today = today or timezone.localdate()
    first, last = today - timedelta(days=KEPT_DAYS), frozen_until(today)
    kinds = [reporting.kind for reporting in all_reporting()]
    rows = (
        Case.objects.filter(kind__in=kinds, received_on__gte=first, received_on__lte=last)
        .order_by()
        .values_list("kind", "received_on")
        .annotate(n=Count("*"))
    )
    counts = [ReceivedDayCount(kind=kind, day=day, count=n) for kind, day, n in rows]
    with transaction.atomic():
        ReceivedDayCount.objects.all().delete()
        ReceivedDayCount.objects.bulk_create(counts, batch_size=1000)
        ReceivedDayCoverage.objects.update_or_create(
            pk=1, defaults={"first_day": first, "last_day": last, "counted_at": timezone.now()}
        )
    return len(counts)


def forget() -> None:
    """Drop the kept counts (after the case tables were replaced in bulk)."""
    with transaction.atomic():
        ReceivedDayCount.objects.all().delete()
        ReceivedDayCoverage.objects.all().delete()


def received_per_day(kinds: list[str], start: date, end: date) -> dict[tuple[str, date], int]:
    """Cases of `kinds` received per kind and day from `start` to `end`: the kept days from
    the counts, the others from the case table. One query whatever the span: the kept
    counts and the live ones side by side (UNION ALL), the day between them read from the
    coverage row within the query."""
    # The last kept day, when the kept days cover `start` (else none: every day is live).
    coverage = ReceivedDayCoverage.objects.filter(pk=1, first_day__lte=start, last_day__gte=start)
    kept_until = Subquery(coverage.values("last_day")[:1], output_field=DateField())
    kept = (
        ReceivedDayCount.objects.filter(kind__in=kinds, day__gte=start, day__lte=end)
        .filter(day__lte=kept_until)
        .order_by()
        .values_list("kind", "day", "count")
    )
    live = (
        Case.objects.filter(kind__in=kinds, received_on__gte=start, received_on__lte=end)
        .filter(received_on__gt=Coalesce(kept_until, Value(start - timedelta(days=1))))
        .order_by()
        .values_list("kind", "received_on")
        .annotate(n=Count("*"))
    )
    return {(kind, day): n for kind, day, n in kept.union(live, all=True)}
