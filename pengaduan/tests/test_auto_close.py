"""An answered complaint closes by itself when the complainant stays silent for 10 working
days (SP4N-LAPOR!): the day after its "konfirmasi" clock runs out, as the system.

The answer below is sent on Friday 13 March 2026. Ten working days later is Monday
6 April, not Friday 27 March: 18–24 March (Nyepi, Idul Fitri, cuti bersama) and 3 April
(Wafat Yesus Kristus) are not working days.
"""

import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from casework.models import Deadline, TimelineEntry
from casework.services import run_transition
from pengaduan import services
from pengaduan.choices import State
from pengaduan.models import Pengaduan
from pengaduan.tasks import auto_close_answered
from security.models import AuditEntry

ANSWERED_ON = datetime.date(2026, 3, 13)
DUE = datetime.date(2026, 4, 6)
AFTER_DUE = datetime.date(2026, 4, 7)


@pytest.fixture
def answered(travel, case_in):
    travel(ANSWERED_ON)
    case = case_in(State.DIJAWAB)
    assert Deadline.objects.get(case=case, clock="konfirmasi").due_date == DUE
    return case


def state_of(case):
    return Pengaduan.objects.get(pk=case.pk).state


def test_not_closed_while_the_period_runs_holidays_included(answered):
    assert services.pengaduan_auto_close_due(today=datetime.date(2026, 3, 30)) == []
    assert services.pengaduan_auto_close_due(today=DUE) == []  # the last day is the complainant's
    assert state_of(answered) == State.DIJAWAB


def test_closed_the_day_after_the_period_as_the_system(answered):
    closed = services.pengaduan_auto_close_due(today=AFTER_DUE)
    assert [case.pk for case in closed] == [answered.pk]
    case = Pengaduan.objects.get(pk=answered.pk)
    assert case.state == State.SELESAI and case.closed_at is not None
    assert not Deadline.objects.filter(case=case, completed_at__isnull=True).exists()
    entry = TimelineEntry.objects.filter(case=case).last()
    assert (entry.transition, entry.from_state, entry.to_state) == ("selesaikan", "dijawab", "selesai")
    assert entry.actor is None and not entry.by_reporter  # "oleh sistem"
    assert entry.is_public
    assert entry.public_note == (
        "Pengaduan ditutup otomatis karena tidak ada tanggapan dari pelapor dalam 10 hari kerja "
        "setelah jawaban dikirim."
    )
    audit = AuditEntry.objects.get(case_id=case.pk, event="case.transition", data__transition="selesaikan")
    assert audit.actor_id is None
    assert audit.data["by"] == "system" and audit.data["reason"] == "auto_close"


def test_running_again_closes_nothing_twice(answered):
    assert len(services.pengaduan_auto_close_due(today=AFTER_DUE)) == 1
    assert services.pengaduan_auto_close_due(today=AFTER_DUE) == []
    assert services.pengaduan_auto_close_due(today=AFTER_DUE + datetime.timedelta(days=30)) == []
    assert TimelineEntry.objects.filter(case=answered, transition="selesaikan").count() == 1


def test_a_reopened_case_is_left_alone(answered):
    run_transition(case=answered, name="buka_kembali", by_reporter=True)
    assert services.pengaduan_auto_close_due(today=AFTER_DUE) == []
    assert state_of(answered) == State.DIVERIFIKASI


def test_a_case_closed_by_a_handler_is_left_alone(answered, handler):
    services.pengaduan_close(case=answered, actor=handler)
    assert services.pengaduan_auto_close_due(today=AFTER_DUE) == []


def test_only_answered_cases_past_their_period_close(answered, travel, case_in):
    travel(datetime.date(2026, 4, 1))
    later = case_in(State.DIJAWAB)  # answered Wed 1 April: due 15 April
    other_states = [case_in(state) for state in (State.DITERIMA, State.DIVERIFIKASI, State.DITINDAKLANJUTI)]
    closed = services.pengaduan_auto_close_due(today=AFTER_DUE)
    assert [case.pk for case in closed] == [answered.pk]
    assert state_of(later) == State.DIJAWAB
    assert [state_of(case) for case in other_states] == [State.DITERIMA, State.DIVERIFIKASI, State.DITINDAKLANJUTI]


def test_the_task_closes_and_reports(answered):
    result = auto_close_answered.enqueue(today=AFTER_DUE.isoformat())
    assert result.return_value == {"closed": 1, "references": [answered.reference]}
    assert state_of(answered) == State.SELESAI


def test_the_command_enqueues_the_task_for_cron(answered):
    out = io.StringIO()
    call_command("auto_close_pengaduan", "--today", AFTER_DUE.isoformat(), stdout=out)
    assert "Enqueued auto-close" in out.getvalue()
    assert state_of(answered) == State.SELESAI  # the test backend runs tasks at once


def test_the_command_can_run_in_process(answered):
    out = io.StringIO()
    call_command("auto_close_pengaduan", "--today", AFTER_DUE.isoformat(), "--now", stdout=out)
    assert "Closed 1 answered complaint(s)" in out.getvalue()


def test_the_command_rejects_a_bad_date(db):
    with pytest.raises(CommandError, match="ISO date"):
        call_command("auto_close_pengaduan", "--today", "7 April", stdout=io.StringIO())


def test_the_waiting_period_is_the_complainants_so_staff_are_neither_late_nor_reminded(answered, mailoutbox):
    from casework import sla
    from casework.tasks import run_deadline_sweep

    case = Pengaduan.objects.get(pk=answered.pk)
    assert Deadline.objects.get(case=case, clock="konfirmasi").is_waiting_period
    # Nothing is left for staff to do by a date: the case is not due, nor overdue after it.
    assert case.due_date is None
    assert not sla.overdue_cases(AFTER_DUE).filter(pk=case.pk).exists()
    assert run_deadline_sweep(today=DUE - datetime.timedelta(days=3))["reminders"] == 0
    assert run_deadline_sweep(today=AFTER_DUE)["escalations"] == 0
    assert mailoutbox == []


def test_a_reopened_case_is_due_again_by_its_resolution_clock(answered):
    services.pengaduan_rate(case=answered, rating=1, comment="Belum selesai", reopen=True)
    case = Pengaduan.objects.get(pk=answered.pk)
    resolution = Deadline.objects.get(case=case, clock="penyelesaian", completed_at__isnull=True)
    assert case.due_date == resolution.due_date
