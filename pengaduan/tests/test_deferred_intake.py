"""A complaint from the public form is accepted at once and opened by the task worker
(casework.intake): the complainant's reference, code, filing time and deadlines are those
of the moment they pressed send; nothing they wrote is in clear in the waiting row, nothing
is ever dropped, and the worker opens many complaints with a fixed number of statements."""

import datetime
import json

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casework import intake, tracking
from casework import tasks as casework_tasks
from casework.models import Deadline, Holiday, IntakeQueue, PendingCase, TimelineEntry
from pengaduan import services
from pengaduan.choices import Clock, State
from pengaduan.models import Pengaduan
from security import audit, crypto
from security.models import AuditEntry

FRIDAY = datetime.date(2026, 8, 14)  # Monday 17 August 2026 is Independence Day
TUESDAY = datetime.date(2026, 8, 18)


@pytest.fixture
def submit(kategori):
    def make(**changes):
        arguments = {
            "title": "Antrean KTP-el terlalu lama",
            "isi": "Saya menunggu enam jam di loket tiga.",
            "kategori": kategori,
            "nama": "Siti Rahmawati",
            "email": "siti@contoh.id",
            **changes,
        }
        return services.pengaduan_submit(**arguments)

    return make


def test_the_waiting_row_holds_nothing_in_clear_and_not_the_code(submit):
    pending, code = submit()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {PendingCase._meta.db_table}")
        stored = json.dumps(cursor.fetchall(), default=str)
    for secret in ("Antrean KTP-el", "enam jam", "Siti Rahmawati", "siti@contoh.id", code, tracking.normalize(code)):
        assert secret not in stored
    assert crypto.TEXT_PREFIX in stored and tracking.digest(code) in stored
    assert pending.reference.startswith("PGD/") and not Pengaduan.objects.exists()


def test_the_worker_opens_it_as_of_the_moment_it_was_sent(submit, travel):
    assert Holiday.objects.filter(date=datetime.date(2026, 8, 17)).exists()
    travel(FRIDAY)
    pending, code = submit()
    travel(TUESDAY)
    assert intake.open_pending() == 1

    case = Pengaduan.objects.get()
    assert case.reference == pending.reference and case.opened_at == pending.submitted_at
    # Received the day it was sent, whenever the worker opened it.
    assert case.received_on == FRIDAY and not case.entered_late
    assert (case.state, case.title, case.nama, case.email) == (
        State.DITERIMA,
        "Antrean KTP-el terlalu lama",
        "Siti Rahmawati",
        "siti@contoh.id",
    )
    assert tracking.find_case(code).pk == case.pk
    # Three working days from Friday, the holiday skipped: Tue 18, Wed 19, Thu 20.
    clock = Deadline.objects.get(case=case)
    assert (clock.clock, clock.started_on, clock.due_date) == (Clock.VERIFIKASI, FRIDAY, datetime.date(2026, 8, 20))
    assert case.due_date == datetime.date(2026, 8, 20)
    entry = TimelineEntry.objects.get(case=case)
    assert (entry.transition, entry.to_state, entry.is_public, entry.by_reporter, entry.actor) == (
        "open",
        State.DITERIMA,
        True,
        True,
        None,
    )
    assert entry.created_at == pending.submitted_at
    assert not PendingCase.objects.exists()


def test_numbers_stay_gapless_with_complaints_entered_by_staff(submit, file_pengaduan):
    first, _ = submit()
    staff_case, _ = file_pengaduan()
    second, _ = submit()
    intake.open_pending()
    numbers = sorted(Pengaduan.objects.values_list("number", flat=True))
    assert numbers == [1, 2, 3]
    assert {first.number, second.number} == {1, 3} and staff_case.number == 2


def test_the_audit_chain_stays_whole_across_a_batch(submit, file_pengaduan):
    submit()
    file_pengaduan()
    submit(title="Kedua")
    submit(title="Ketiga")
    intake.open_pending()
    assert audit.verify_chain() == []
    opened = AuditEntry.objects.filter(event=audit.Event.CASE_OPENED).order_by("id")
    assert opened.count() == 4
    batch = list(opened)[1:]
    assert all(entry.actor_id is None and "client" not in entry.data for entry in batch)
    assert [e.data["reference"] for e in batch] == list(
        Pengaduan.objects.filter(pk__in=[e.case_id for e in batch]).order_by("id").values_list("reference", flat=True)
    )


def test_many_complaints_are_opened_with_a_fixed_number_of_statements(submit):
    submit()
    intake.open_pending()  # the first opening ever also creates the audit chain's head

    def statements_to_open(count):
        for n in range(count):
            submit(title=f"Pengaduan {n}")
        with CaptureQueriesContext(connection) as queries:
            assert intake.open_pending() == count
        return len(queries)

    assert statements_to_open(2) == statements_to_open(40)


def test_batches_follow_one_another_until_none_waits(submit):
    for n in range(7):
        submit(title=f"Pengaduan {n}")
    assert intake.open_pending(batch_size=3) == 7
    assert Pengaduan.objects.count() == 7 and not PendingCase.objects.exists()


def test_a_row_that_cannot_be_opened_holds_back_no_other_and_is_never_dropped(submit):
    good, _ = submit(title="Baik")
    bad, _ = submit(title="Rusak")
    PendingCase.objects.filter(pk=bad.pk).update(payload="bukan json")
    later, _ = submit(title="Juga baik")

    assert intake.open_pending() == 2
    assert set(Pengaduan.objects.values_list("reference", flat=True)) == {good.reference, later.reference}
    kept = PendingCase.objects.get()
    assert kept.pk == bad.pk and kept.attempts == 1 and "JSONDecodeError" in kept.last_error


def test_a_failed_row_is_tried_again_on_every_run(submit, monkeypatch):
    pending, _ = submit()
    real = intake._open_rows
    calls = {"n": 0}

    def flaky(rows):
        calls["n"] += 1
        if calls["n"] <= 2:
            raise RuntimeError("disk full")
        return real(rows)

    monkeypatch.setattr(intake, "_open_rows", flaky)
    # The batch fails, then the row alone: it stays, with its error.
    assert intake.open_pending() == 0
    row = PendingCase.objects.get()
    assert row.attempts == 1 and "disk full" in row.last_error
    assert intake.open_pending() == 1
    assert Pengaduan.objects.get().reference == pending.reference


def test_the_receipt_notice_goes_out_once_the_worker_opened_it(submit, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        pending, code = submit()
    # The test settings run tasks at once: the submission queued the opening, which
    # opened the complaint and queued its receipt.
    case = Pengaduan.objects.get()
    assert case.reference == pending.reference
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["siti@contoh.id"]
    assert pending.reference in mail.outbox[0].body and code in mail.outbox[0].body


def test_no_receipt_notice_without_a_contact(submit, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submit(nama="", email="")
    assert Pengaduan.objects.exists() and mail.outbox == []


def test_a_burst_queues_one_opening_not_one_per_submission(submit, monkeypatch, django_capture_on_commit_callbacks):
    queued = []

    class Task:
        @staticmethod
        def enqueue():
            queued.append(1)

    monkeypatch.setattr(casework_tasks, "open_pending_cases", Task)
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(5):
            submit(title=f"Pengaduan {n}")
    assert queued == [1] and IntakeQueue.objects.get().scheduled
    # The run clears the flag before it reads the rows, so the next submission queues again.
    intake.open_pending()
    assert not IntakeQueue.objects.get().scheduled
    with django_capture_on_commit_callbacks(execute=True):
        submit()
    assert queued == [1, 1]


def test_a_refused_complaint_takes_no_number_and_leaves_nothing(submit):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        submit(nik="123")
    assert "nik" in refused.value.message_dict
    assert not PendingCase.objects.exists()
    pending, _ = submit()
    assert pending.number == 1


def test_the_tracking_page_says_a_waiting_complaint_is_being_recorded(client, submit):
    pending, code = submit()
    response = client.post("/lacak/", {"code": code})
    assert response.status_code == 200
    body = response.content.decode()
    assert pending.reference in body and "sedang dicatat" in body
    assert "Kode tidak dikenal" not in body
    assert f'value="{code}"' in body  # kept for the next try

    intake.open_pending()
    response = client.post("/lacak/", {"code": code})
    assert response.status_code == 302


def test_a_wrong_code_is_still_unknown(client, submit):
    submit()
    body = client.post("/lacak/", {"code": tracking.generate_code()}).content.decode()
    assert "Kode tidak dikenal" in body and "sedang dicatat" not in body


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the one-statement path is PostgreSQL's")
def test_on_postgresql_a_submission_is_written_in_one_statement(submit):
    submit()  # the year's first number creates the kind's sequence row
    with CaptureQueriesContext(connection) as queries:
        pending, _ = submit(title="Kedua")
    writes = [q["sql"] for q in queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]
    assert len(writes) == 1 and writes[0].lstrip().startswith("WITH taken AS")
    assert pending.number == 2 and PendingCase.objects.get(pk=pending.pk).number == 2
