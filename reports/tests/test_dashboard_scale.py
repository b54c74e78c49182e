"""The dashboard, the semester figures of every kind and the statistics document cost the
same number of queries whatever the number of cases (the benchmark measures the time:
bench/reports_semester.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from accounts.testing import verified_login
from bench.generate_cases import generate
from casework.reporting import all_reporting
from reports.dashboard import received_days
from reports.dashboard.counts import current_semester
from reports.dashboard.statistics import statistics_document


def queries(action) -> int:
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured)


def at_two_sizes(action, small=60, large=600, prepare=lambda: None) -> tuple[int, int]:
    generate(small, seed=3)
    prepare()
    action()  # what a process or a user looks up once (roles, translations)
    few = queries(action)
    generate(large, seed=4)
    prepare()
    many = queries(action)
    return few, many


@pytest.mark.django_db
def test_the_dashboard_costs_the_same_queries_at_ten_times_the_cases(client, make_user):
    verified_login(client, make_user(roles.PIMPINAN))
    url = reverse("reports:dashboard")
    client.get(url)  # the session and the process's first look-ups

    def page():
        assert client.get(url).status_code == 200

    few, many = at_two_sizes(page)
    assert few == many
    # The request's own (session, account with its roles, second factor, agency profile),
    # the dashboard's three (received per day, holidays, open cases by kind and unit), and
    # the reader's inbox beside it (casework.inbox): their cases, their count, and one
    # query asking every provider of waiting items whether it has any.
    assert many <= 10
    # The same with the days that can no longer change kept counted, as the scheduler does.
    assert at_two_sizes(page, prepare=received_days.refresh) == (few, many)


@pytest.mark.django_db
def test_the_semester_figures_cost_the_same_queries_at_ten_times_the_cases():
    semester = current_semester(timezone.localdate())

    def figures():
        for reporting in all_reporting():
            reporting.figures(semester)

    few, many = at_two_sizes(figures)
    assert few == many


@pytest.mark.django_db
def test_the_statistics_document_costs_the_same_queries_at_ten_times_the_cases(make_user):
    pimpinan = make_user(roles.PIMPINAN)
    semester = current_semester(timezone.localdate())
    few, many = at_two_sizes(lambda: statistics_document(period=semester, user=pimpinan))
    assert few == many
