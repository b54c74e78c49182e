"""Cases for the dashboard's and the report jobs' tests, written straight to the tables:
a handful placed by hand (`put`), or a realistic mix of all four kinds from the bench's
generator (bench.generate_cases.generate)."""

from __future__ import annotations

import itertools
from datetime import date, datetime, time

from django.utils import timezone

from casework.models import Case

_numbers = itertools.count(1)


def put(kind: str, *, received: date, state: str, closed: bool = False, due: date | None = None, unit=None) -> Case:
    """A bare case row (the dashboard counts the shared case table only)."""
    number = next(_numbers)
    opened = timezone.make_aware(datetime.combine(received, time(10, 0)))
    return Case.objects.create(
        kind=kind,
        reference=f"T{kind[:3].upper()}/{received.year}/{number:06d}",
        year=received.year,
        number=number,
        state=state,
        received_on=received,
        opened_at=opened,
        closed_at=opened if closed else None,
        due_date=due,
        unit=unit,
    )


def raw_cases() -> list[dict]:
    """Every case as plain values, for recomputing a figure by hand."""
    return list(Case.objects.values("kind", "state", "received_on", "closed_at", "due_date", "unit_id"))
