"""Working days: Monday to Friday, less national holidays and cuti bersama (Holiday rows).

Every deadline in SIGAP is counted in working days (hari kerja). The holidays are data
(seeded from the yearly SKB 3 Menteri and edited in the admin), never constants, so each
call reads them from the database: an edit made in the admin counts at once.

Conventions used by every deadline:
- add_working_days(start, n): the n-th working day after `start` (start itself not
  counted), so a 3-working-day deadline from Monday is Thursday; n=0 is `start` itself.
- working_days_between(start, end): working days in (start, end]; 0 when end <= start.
  working_days_between_many(pairs) counts the same for many spans at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from .models import Holiday

# A working day is always found within a few weeks (weekends and the longest holiday
# block are short); only a misconfigured calendar (every weekday a holiday) runs this far.
_MAX_SEARCH_DAYS = 366 * 5


def holidays_between(start: date, end: date) -> set[date]:
    """The holiday dates in [start, end] (both included), in one query."""
    return set(Holiday.objects.filter(date__gte=start, date__lte=end).values_list("date", flat=True))


def _is_working(day: date, holidays: set[date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def is_working_day(day: date) -> bool:
    """Whether `day` is a working day. Use it to label a single date; to count, use the
    functions below, which read the holidays once for the whole span."""
    return _is_working(day, holidays_between(day, day))


def add_working_days(start: date, n: int) -> date:
    """The n-th working day after `start`. Call it to turn a policy's working days into a
    due date (start_clock), or a count of paused days into a shift (resume_clocks)."""
    if n < 0:
        raise ValueError("n must not be negative")
    if n == 0:
        return start
    # Weekends alone stretch n working days to at most 7n/5 calendar days; holiday seasons
    # (Idul Fitri with cuti bersama) add about two weeks. Widen the window if it runs out.
    span = n * 2 + 21
    while True:
        holidays = holidays_between(start, start + timedelta(days=span))
        day, counted = start, 0
        while day < start + timedelta(days=span):
            day += timedelta(days=1)
            if _is_working(day, holidays):
                counted += 1
                if counted == n:
                    return day
        if span > _MAX_SEARCH_DAYS + n * 2:
            raise ValueError(f"No {n} working days found after {start}: check the holiday calendar")
        span *= 2


def _count_working_days(start: date, end: date, holidays: set[date]) -> int:
    """Working days in (start, end], with the holidays of that span already read."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        if _is_working(day, holidays):
            count += 1
    return count


def working_days_between(start: date, end: date) -> int:
    """How many working days lie in (start, end]. Call it to measure a span already lived,
    e.g. the working days a clock spent paused, or how late a case is."""
    if end <= start:
        return 0
    return _count_working_days(start, end, holidays_between(start, end))


def working_days_between_many(pairs: Iterable[tuple[date, date]]) -> list[int]:
    """working_days_between(start, end) for each (start, end) pair, in the same order,
    reading the holidays of all the spans in one query. Call it where a page or report
    measures one span per row (how long each answer took), so the holidays are not read
    once per row."""
    pairs = list(pairs)
    lived = [(start, end) for start, end in pairs if end > start]
    if not lived:
        return [0] * len(pairs)
    holidays = holidays_between(min(start for start, _ in lived), max(end for _, end in lived))
    return [_count_working_days(start, end, holidays) for start, end in pairs]


def next_working_day(day: date) -> date:
    """`day` itself when it is a working day, else the first working day after it. Call it
    to show when work can resume after a holiday block."""
    return day if is_working_day(day) else add_working_days(day, 1)
