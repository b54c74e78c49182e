"""Working days: Monday to Friday, less national holidays and cuti bersama (Holiday rows).

Conventions used by every deadline:
- add_working_days(start, n): the n-th working day after `start` (start itself not
  counted), so a 3-working-day deadline from Monday is Thursday.
- working_days_between(start, end): working days in (start, end]; 0 when end <= start.
"""

from __future__ import annotations

from datetime import date, timedelta

from .models import Holiday


def holidays_between(start: date, end: date) -> set[date]:
    return set(Holiday.objects.filter(date__gte=start, date__lte=end).values_list("date", flat=True))


def _is_working(day: date, holidays: set[date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def is_working_day(day: date) -> bool:
    return _is_working(day, holidays_between(day, day))


def add_working_days(start: date, n: int) -> date:
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
        span *= 2


def working_days_between(start: date, end: date) -> int:
    if end <= start:
        return 0
    holidays = holidays_between(start, end)
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        if _is_working(day, holidays):
            count += 1
    return count
