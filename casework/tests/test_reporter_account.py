"""A reporter signed in to their own account, and clocks started from a given date.

An employee who declares a gift is the reporter of their declaration, yet signed in: the
history and the audit log name them, while what they may do stays what a reporter may
do. A limit counted from an event before the case existed (the day a gift was received)
starts on that day, not on the day the case was opened.
"""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.utils import timezone

from casework.calendar import add_working_days
from casework.models import Deadline, SlaPolicy, TimelineEntry
from casework.services import case_open, run_transition
from security.models import AuditEntry


@pytest.fixture
def employee(make_user):
    return make_user("Pegawai")


@pytest.fixture
def request_from():
    def make(address):
        return RequestFactory().post("/", REMOTE_ADDR=address)

    return make


def test_a_signed_in_reporter_is_named_in_history_and_audit(open_uji, handler, employee, request_from):
    case, _ = open_uji()
    case = run_transition(case=case, name="tunda", actor=handler)
    case = run_transition(
        case=case, name="lengkapi", by_reporter=True, reporter_account=employee, request=request_from("10.1.2.3")
    )
    assert case.state == "baru"
    entry = TimelineEntry.objects.filter(case=case).last()
    assert entry.by_reporter and entry.actor == employee
    audit = AuditEntry.objects.filter(case_id=case.pk, event="case.transition").last()
    assert audit.actor_id == employee.pk
    assert audit.data["by"] == "reporter"
    assert audit.data["client"] == "10.1.2.3"


def test_a_signed_in_reporter_gets_no_staff_transition(open_uji, employee):
    case, _ = open_uji()
    with pytest.raises(PermissionDenied):
        run_transition(case=case, name="verifikasi", by_reporter=True, reporter_account=employee)
    case.refresh_from_db()
    assert case.state == "baru"


def test_reporter_account_only_with_a_reporter_transition(open_uji, handler, employee):
    case, _ = open_uji()
    with pytest.raises(ValueError):
        run_transition(case=case, name="verifikasi", actor=handler, reporter_account=employee)


def test_an_anonymous_reporter_is_still_nobody(open_uji, handler, request_from):
    case, _ = open_uji()
    case = run_transition(case=case, name="tunda", actor=handler)
    case = run_transition(case=case, name="lengkapi", by_reporter=True, request=request_from("10.1.2.3"))
    entry = TimelineEntry.objects.filter(case=case).last()
    assert entry.by_reporter and entry.actor is None
    audit = AuditEntry.objects.filter(case_id=case.pk, event="case.transition").last()
    assert audit.actor_id is None and "client" not in audit.data


def test_a_case_opened_by_a_signed_in_reporter(sla_uji, employee, request_from):
    case, _ = case_open(kind="uji", title="Laporan", reporter_account=employee, request=request_from("10.9.8.7"))
    entry = TimelineEntry.objects.get(case=case)
    assert entry.by_reporter and entry.actor == employee
    audit = AuditEntry.objects.get(case_id=case.pk, event="case.opened")
    assert audit.actor_id == employee.pk and audit.data["client"] == "10.9.8.7"


def test_a_case_is_opened_by_staff_or_by_a_reporter_account_not_both(sla_uji, handler, employee):
    with pytest.raises(ValueError):
        case_open(kind="uji", title="Laporan", actor=handler, reporter_account=employee)


def test_an_opening_clock_may_start_before_the_case(sla_uji):
    received = date(2026, 1, 12)  # a Monday
    case, _ = case_open(kind="uji", title="Laporan", opening_clocks=[("verifikasi", received), "penyelesaian"])
    early = Deadline.objects.get(case=case, clock="verifikasi")
    assert early.started_on == received
    assert early.due_date == add_working_days(received, 3)
    assert Deadline.objects.get(case=case, clock="penyelesaian").started_on == timezone.localdate(case.opened_at)
    case.refresh_from_db()
    assert case.due_date == early.due_date


def test_a_transition_starts_a_clock_from_a_given_date(open_uji, handler):
    SlaPolicy.objects.create(kind="uji", clock="serah", label="Serah", working_days=7, effective_from=date(2020, 1, 1))
    case, _ = open_uji()
    decided = date(2026, 3, 16)
    case = run_transition(case=case, name="verifikasi", actor=handler, start_clocks={"serah": decided})
    clock = Deadline.objects.get(case=case, clock="serah")
    assert clock.started_on == decided
    # Nyepi and Idul Fitri 2026 fall in the week after: seven working days reach 1 April.
    assert clock.due_date == date(2026, 4, 1)
