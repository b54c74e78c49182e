"""The deadline sweep: remind once before a clock runs out, escalate once after.

Cases are opened today with the "uji" verifikasi clock (3 working days); each test runs
the sweep "on" a day relative to that clock's due date, so it holds whatever day the
suite runs.
"""

import dataclasses
import signal
import threading
from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, connections
from django.tasks import TaskResultStatus
from django.test import override_settings
from django.utils import translation

from accounts import roles
from accounts.models import UnitKerja
from casework import tasks
from casework.calendar import add_working_days
from casework.models import Deadline, Recusal
from casework.notifications import notice_for, staff_case_link
from casework.services import case_assign, case_recuse, run_transition
from casework.tasks import claim, run_deadline_sweep, sweep_deadlines
from security.models import AuditEntry

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def head(make_user):
    return make_user(jabatan="Kepala Bidang Pelayanan")


@pytest.fixture
def unit(head):
    return UnitKerja.objects.create(name="Bidang Pelayanan", code="pelayanan", level=UnitKerja.Level.BIDANG, head=head)


@pytest.fixture
def assignee(make_user):
    return make_user(roles.PENGELOLA_PENGADUAN, jabatan="Petugas Pengaduan")


@pytest.fixture
def case(open_uji, unit, handler, assignee):
    case, _ = open_uji(title="Pungli di loket KTP oleh Budi", unit=unit)
    return case_assign(case=case, actor=handler, assignee=assignee)


def verification(case):
    return Deadline.objects.get(case=case, clock="verifikasi")


def due(case):
    return verification(case).due_date


def day_after(day):
    return add_working_days(day, 1)


def sent_to():
    return sorted(address for message in mail.outbox for address in message.to)


# --- Reminders --------------------------------------------------------------------------------


def test_nothing_is_sent_while_the_deadline_is_far(case):
    start = verification(case).started_on
    assert run_deadline_sweep(today=start)["reminders"] == 0  # three working days left
    assert mail.outbox == []


def test_a_clock_due_soon_reminds_the_assignee_once(case, assignee):
    counts = run_deadline_sweep(today=due(case))
    assert counts["reminders"] == 1 and counts["escalations"] == 0
    assert sent_to() == [assignee.email]
    assert verification(case).reminded_at is not None

    assert run_deadline_sweep(today=due(case))["reminders"] == 0
    assert len(mail.outbox) == 1


def test_the_reminder_names_the_case_but_never_its_content(case):
    run_deadline_sweep(today=due(case))
    message = mail.outbox[0]
    assert case.reference in message.subject
    assert case.reference in message.body
    assert "Kasus uji" in message.body  # kind
    assert "Verifikasi" in message.body  # stage
    assert staff_case_link(case) in message.body and staff_case_link(case).startswith("/staf/")
    assert "Pungli" not in message.subject + message.body
    assert "Budi" not in message.subject + message.body


def test_the_due_date_is_written_out_in_indonesian(case):
    Deadline.objects.filter(case=case).update(due_date=date(2026, 3, 25))
    with translation.override("id"):
        assert notice_for(verification(case)).due_date_text == "Rabu, 25 Maret 2026"


@override_settings(SIGAP_BASE_URL="https://sigap.example.go.id/")
def test_the_link_is_absolute_when_the_base_url_is_set(case):
    run_deadline_sweep(today=due(case))
    assert "https://sigap.example.go.id/staf/" in mail.outbox[0].body


def test_the_reminder_is_audited(case, assignee):
    run_deadline_sweep(today=due(case))
    entry = AuditEntry.objects.get(event="sla.reminder")
    assert entry.case_id == case.pk and entry.actor_id is None
    assert entry.data == {"clock": "verifikasi", "due_date": due(case).isoformat(), "recipients": [assignee.pk]}


def test_an_unassigned_case_reminds_every_handler_but_the_recused(open_uji, handler, make_user):
    other = make_user(roles.PENGELOLA_PENGADUAN)
    recused = make_user(roles.PENGELOLA_PENGADUAN)
    make_user(roles.PENGELOLA_WBS)  # not a handler of this kind
    case, _ = open_uji()
    case_recuse(case=case, user=recused, reason=Recusal.Reason.TERLAPOR)
    run_deadline_sweep(today=due(case))
    assert sent_to() == sorted([handler.email, other.email])


# --- Escalations ----------------------------------------------------------------------------------


def test_an_overdue_clock_escalates_once_to_the_unit_head_and_the_assignee(case, head, assignee):
    late = day_after(due(case))
    counts = run_deadline_sweep(today=late)
    assert counts["escalations"] == 1 and counts["reminders"] == 0  # no "due soon" mail after the fact
    assert sent_to() == sorted([head.email, assignee.email])
    assert all("terlampaui" in message.subject for message in mail.outbox)
    entry = AuditEntry.objects.get(event="sla.escalated")
    assert entry.case_id == case.pk and sorted(entry.data["recipients"]) == sorted([head.pk, assignee.pk])

    assert run_deadline_sweep(today=late)["escalations"] == 0
    assert run_deadline_sweep(today=day_after(late))["escalations"] == 0
    assert len(mail.outbox) == 2


def test_a_reminded_clock_still_escalates_when_it_runs_out(case, head, assignee):
    run_deadline_sweep(today=due(case))
    run_deadline_sweep(today=day_after(due(case)))
    assert [m.to for m in mail.outbox] == [[assignee.email], [head.email], [assignee.email]]


def test_the_head_of_a_parent_unit_answers_for_a_unit_without_one(open_uji, unit, head):
    seksi = UnitKerja.objects.create(name="Seksi KTP", code="seksi-ktp", level=UnitKerja.Level.SEKSI, parent=unit)
    case, _ = open_uji(unit=seksi)
    run_deadline_sweep(today=day_after(due(case)))
    assert sent_to() == [head.email]  # unassigned: the head alone


def test_without_a_unit_head_the_pimpinan_are_told(open_uji, make_user):
    pimpinan = make_user(roles.PIMPINAN)
    case, _ = open_uji(unit=None)
    run_deadline_sweep(today=day_after(due(case)))
    assert sent_to() == [pimpinan.email]


def test_a_recused_head_is_never_told_and_the_pimpinan_are_instead(case, head, assignee, make_user):
    pimpinan = make_user(roles.PIMPINAN)
    case_recuse(case=case, user=head, reason=Recusal.Reason.TERLAPOR)
    run_deadline_sweep(today=day_after(due(case)))
    assert sent_to() == sorted([pimpinan.email, assignee.email])


def test_with_nobody_to_tell_the_clock_stays_unmarked_for_the_next_sweep(open_uji, make_user):
    case, _ = open_uji(unit=None)
    late = day_after(due(case))
    assert run_deadline_sweep(today=late)["no_recipient"] == 1
    assert verification(case).escalated_at is None
    pimpinan = make_user(roles.PIMPINAN)
    assert run_deadline_sweep(today=late)["escalations"] == 1
    assert sent_to() == [pimpinan.email]


# --- Clocks that are not running -----------------------------------------------------------------


def test_paused_clocks_are_ignored(case, handler):
    late = day_after(due(case))
    run_transition(case=case, name="tunda", actor=handler)
    assert run_deadline_sweep(today=late) == {
        "reminders": 0,
        "escalations": 0,
        "skipped": 0,
        "failed": 0,
        "no_recipient": 0,
    }
    assert mail.outbox == []


def test_completed_clocks_are_ignored(case, handler):
    late = day_after(due(case))
    run_transition(case=case, name="verifikasi", actor=handler)  # stops verifikasi, starts penyelesaian
    counts = run_deadline_sweep(today=late)
    assert counts["reminders"] == counts["escalations"] == 0
    assert mail.outbox == []


def test_closed_cases_are_ignored(case, handler):
    late = day_after(due(case))
    run_transition(case=case, name="tolak", actor=handler)
    assert run_deadline_sweep(today=late)["escalations"] == 0
    assert mail.outbox == []


# --- Exactly once --------------------------------------------------------------------------------


def test_a_clock_is_claimed_by_one_caller_only(case):
    from django.utils import timezone

    deadline = verification(case)
    assert claim(deadline.pk, "reminded_at", timezone.now()) is True
    assert claim(deadline.pk, "reminded_at", timezone.now()) is False


def test_two_sweeps_that_read_the_same_clock_send_one_reminder(case, monkeypatch):
    # Sweep A reads its candidates; sweep B runs entirely before A sends anything.
    # A's claim then finds the clock already reminded and sends nothing.
    read_candidates = tasks.reminder_candidates
    state = {"interleaved": False}

    def candidates_then_other_sweep(today):
        found = list(read_candidates(today).select_related("case", "case__unit", "case__assignee", "policy"))
        if not state["interleaved"]:
            state["interleaved"] = True
            assert run_deadline_sweep(today=today)["reminders"] == 1  # sweep B
        return Deadline.objects.filter(pk__in=[d.pk for d in found])

    monkeypatch.setattr(tasks, "reminder_candidates", candidates_then_other_sweep)
    counts = run_deadline_sweep(today=due(case))  # sweep A
    assert counts["reminders"] == 0 and counts["skipped"] == 1
    assert len(mail.outbox) == 1
    assert AuditEntry.objects.filter(event="sla.reminder").count() == 1


def test_a_mail_failure_leaves_the_clock_for_the_next_sweep(case, assignee, monkeypatch):
    def refuse(deadline, users):
        raise ConnectionRefusedError("SMTP down")

    monkeypatch.setattr(tasks, "REMINDER", dataclasses.replace(tasks.REMINDER, send=refuse))
    assert run_deadline_sweep(today=due(case))["failed"] == 1
    assert verification(case).reminded_at is None
    assert not AuditEntry.objects.filter(event="sla.reminder").exists()

    monkeypatch.undo()
    assert run_deadline_sweep(today=due(case))["reminders"] == 1
    assert sent_to() == [assignee.email]


# --- As a task -----------------------------------------------------------------------------------


def test_the_task_runs_the_sweep_and_keeps_the_counts(case):
    result = sweep_deadlines.enqueue(today=due(case).isoformat())
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value["reminders"] == 1
    assert len(mail.outbox) == 1


@pytest.fixture
def in_process_db_worker(monkeypatch):
    """Run `manage.py db_worker --batch` inside the test.

    The worker recycles database connections between tasks, which would end the test's
    transaction, so that step is switched off; its SIGINT/SIGTERM handlers are undone.
    """
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}

    def run():
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--worker-id", "uji", verbosity=0)

    yield run
    for sig, handler in saved.items():
        signal.signal(sig, handler)


@override_settings(TASKS=DB_TASKS)
def test_the_sweep_runs_through_the_database_queue_and_worker(case, assignee, in_process_db_worker):
    from django_tasks_db.models import DBTaskResult

    result = sweep_deadlines.enqueue(today=due(case).isoformat())
    row = DBTaskResult.objects.get(id=result.id)
    assert row.status == TaskResultStatus.READY and row.task_path == "casework.tasks.sweep_deadlines"
    assert mail.outbox == []  # queued, not run

    in_process_db_worker()

    row.refresh_from_db()
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert row.return_value["reminders"] == 1
    assert sent_to() == [assignee.email]


# --- The scheduler --------------------------------------------------------------------------------


@override_settings(TASKS=DB_TASKS, SIGAP_PERIODIC_TASKS=["casework.tasks.sweep_deadlines"])
def test_run_scheduler_once_enqueues_one_sweep_for_the_worker(in_process_db_worker):
    from django_tasks_db.models import DBTaskResult

    call_command("run_scheduler", "--once")
    row = DBTaskResult.objects.get()
    assert row.task_path == "casework.tasks.sweep_deadlines"
    in_process_db_worker()
    row.refresh_from_db()
    assert row.status == TaskResultStatus.SUCCESSFUL


@override_settings(
    TASKS=DB_TASKS, SIGAP_SWEEP_INTERVAL_MINUTES=60, SIGAP_PERIODIC_TASKS=["casework.tasks.sweep_deadlines"]
)
def test_run_scheduler_enqueues_each_interval_and_stops_on_sigterm(monkeypatch):
    from django_tasks_db.models import DBTaskResult

    from casework.management.commands.run_scheduler import Command

    waits = []

    def fake_sleep(self, seconds):
        waits.append(seconds)
        if len(waits) == 2:
            signal.raise_signal(signal.SIGTERM)  # as systemd would; the command's handler runs

    monkeypatch.setattr(Command, "sleep", fake_sleep)
    before = signal.getsignal(signal.SIGTERM)
    call_command("run_scheduler")
    assert waits == [3600, 3600]
    assert DBTaskResult.objects.count() == 2
    assert signal.getsignal(signal.SIGTERM) is before  # handler restored


@override_settings(TASKS=DB_TASKS)
def test_run_scheduler_queues_every_periodic_task_of_every_app(in_process_db_worker, settings):
    from django_tasks_db.models import DBTaskResult

    call_command("run_scheduler", "--once")
    assert sorted(DBTaskResult.objects.values_list("task_path", flat=True)) == sorted(settings.SIGAP_PERIODIC_TASKS)
    in_process_db_worker()
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {TaskResultStatus.SUCCESSFUL}


def test_run_scheduler_refuses_a_zero_interval():
    from django.core.management import CommandError

    with pytest.raises(CommandError):
        call_command("run_scheduler", "--interval", "0")


def test_the_sleep_between_sweeps_ends_early_on_a_stop_request():
    from casework.management.commands.run_scheduler import Command

    command = Command()
    command.tick_seconds = 0.01
    command._stopping = False
    command.request_stop(signal.SIGTERM, None)
    command.sleep(3600)  # returns at once


# --- Real concurrency (PostgreSQL) ----------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")
def test_two_workers_sweeping_at_the_same_moment_send_each_reminder_once(open_uji, handler, assignee):
    cases = [case_assign(case=open_uji()[0], actor=handler, assignee=assignee) for _ in range(4)]
    today = due(cases[0])
    barrier = threading.Barrier(2)
    results, errors = [], []

    def worker():
        try:
            barrier.wait()
            results.append(run_deadline_sweep(today=today))
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert not errors
    assert sum(r["reminders"] for r in results) == 4
    assert len(mail.outbox) == 4
    assert AuditEntry.objects.filter(event="sla.reminder").count() == 4


def test_a_kind_may_route_escalations_away_from_the_unit_head(case, head, assignee, make_user, monkeypatch):
    """WBS-like kinds must not tell the reported unit's line management about a report."""
    inspector = make_user(roles.INSPEKTORAT)
    policy = case.kind_spec.policy
    monkeypatch.setattr(type(policy), "escalation_targets", lambda self, c: [inspector])
    run_deadline_sweep(today=day_after(due(case)))
    assert head.email not in sent_to()
    assert sent_to() == sorted([inspector.email, assignee.email])
