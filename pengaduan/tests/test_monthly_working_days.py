"""How long each published answer took, on the monthly page: counted by the calendar's
public function for many spans, with the holidays of the whole page read once."""

import datetime

import pytest
from django.utils import timezone

from casework.calendar import working_days_between
from pengaduan import monthly

pytestmark = pytest.mark.django_db


def at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


def row(received: datetime.date, answered: datetime.date | None) -> dict:
    """One value row as monthly.published() gives it."""
    return {
        "received_on": received,
        "answered_at": at(answered) if answered else None,
        "state": "dijawab" if answered else "diverifikasi",
        "jenis": "pengaduan",
        "kategori__name": "KTP-el",
        "unit__name": None,
        "late": False,
    }


SPANS = [
    (datetime.date(2026, 8, 10), datetime.date(2026, 8, 18)),  # across Proklamasi
    (datetime.date(2026, 3, 17), datetime.date(2026, 3, 27)),  # across Idul Fitri
    (datetime.date(2026, 10, 5), None),  # not answered yet
    (datetime.date(2026, 10, 5), datetime.date(2026, 10, 5)),  # answered the same day
]


def test_each_row_takes_the_working_days_the_calendar_counts():
    rows = monthly.public_rows([row(*span) for span in SPANS])
    assert [r.working_days for r in rows] == [5, 3, None, 0]
    for r, (opened, answered) in zip(rows, SPANS, strict=True):
        if answered:
            assert r.working_days == working_days_between(opened, answered)


def test_a_page_of_rows_reads_the_holidays_once(django_assert_num_queries):
    values = [row(*span) for span in SPANS] * 20
    with django_assert_num_queries(1):
        monthly.public_rows(values)


def test_a_page_without_answers_reads_no_holidays(django_assert_num_queries):
    with django_assert_num_queries(0):
        rows = monthly.public_rows([row(datetime.date(2026, 10, 5), None)])
    assert rows[0].working_days is None
