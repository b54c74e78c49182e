"""Counting the working days of many spans at once (one row per case on a report page):
the same answer as counting each span alone, with the holidays read once."""

from datetime import date

import pytest

from casework.calendar import working_days_between, working_days_between_many

pytestmark = pytest.mark.django_db

SPANS = [
    (date(2026, 7, 6), date(2026, 7, 9)),  # Monday → Thursday, no holiday: 3
    (date(2026, 3, 17), date(2026, 3, 27)),  # across Nyepi and Idul Fitri 2026: 3
    (date(2026, 8, 10), date(2026, 8, 18)),  # Monday 17 August is Proklamasi: 5
    (date(2026, 12, 23), date(2027, 1, 4)),  # Natal and Tahun Baru: 5
    (date(2026, 7, 6), date(2026, 7, 6)),  # no span: 0
    (date(2026, 7, 9), date(2026, 7, 6)),  # end before start: 0
    (date(2026, 7, 6), date(2026, 7, 9)),  # the same span again
]


def test_each_span_counts_as_working_days_between_counts_it_alone():
    expected = [working_days_between(start, end) for start, end in SPANS]
    assert expected == [3, 3, 5, 5, 0, 0, 3]
    assert working_days_between_many(SPANS) == expected


def test_the_holidays_of_every_span_are_read_in_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        working_days_between_many(SPANS)


def test_nothing_to_count_asks_the_database_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert working_days_between_many([]) == []
        assert working_days_between_many([(date(2026, 7, 9), date(2026, 7, 6))]) == [0]


def test_any_iterable_of_pairs_is_accepted():
    assert working_days_between_many(iter(SPANS[:2])) == [3, 3]
