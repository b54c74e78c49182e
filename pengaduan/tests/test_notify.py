"""What the complainant is told, by e-mail and SMS/WhatsApp, if they left a contact: the
receipt once, and every status change exactly once after its commit, with nothing of the
complaint's content or identity; never at the cost of the change when sending fails."""

import datetime
import json
import logging
import smtplib

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import transaction

from casework import sms
from casework.next_step import next_step
from casework.workflow import TransitionBlocked
from pengaduan import notify, services, tasks
from pengaduan.choices import Channel, State
from pengaduan.models import Pengaduan

SECRET_TITLE = "Pungutan liar di loket tiga"
SECRET_STORY = "Petugas bernama Joko meminta uang lima puluh ribu rupiah."
NAME = "Siti Rahmawati"
NIK = "3201014506900002"
EMAIL = "siti@contoh.id"
PHONE = "0812-3456-7890"
PRIVATE = [SECRET_TITLE, SECRET_STORY, NAME, NIK, EMAIL, "Joko"]


@pytest.fixture(autouse=True)
def _clean_sms_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


@pytest.fixture
def contact():
    return {"title": SECRET_TITLE, "isi": SECRET_STORY, "nama": NAME, "nik": NIK, "email": EMAIL, "telepon": PHONE}


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """Run the block like a request that commits: its after-commit work runs at the end."""

    def run(block):
        with django_capture_on_commit_callbacks(execute=True):
            return block()

    return run


class Recorder:
    """Stands in for a task: records what would be queued (and stored in the database)."""

    def __init__(self, queued):
        self.queued = queued

    def enqueue(self, **kwargs):
        self.queued.append(kwargs)


def texts():
    """Everything that left SIGAP: each e-mail's subject and body, each short message."""
    return [f"{m.subject}\n{m.body}" for m in mail.outbox] + [m.body for m in sms.outbox]


def assert_nothing_private(code=None):
    for text in texts():
        for secret in PRIVATE + ([code] if code else []):
            assert secret not in text


# --- The receipt --------------------------------------------------------------------------


def test_the_receipt_goes_to_the_e_mail_and_the_phone(file_pengaduan, contact, sent, settings):
    settings.SIGAP_BASE_URL = "https://sigap.example.go.id"
    case, code = sent(lambda: file_pengaduan(**contact))
    [message] = mail.outbox
    assert message.to == [EMAIL]
    assert message.subject == f"[SIGAP] Tanda terima pengaduan {case.reference}"
    for fact in (case.reference, code, "https://sigap.example.go.id/lacak/"):
        assert fact in message.body
    [short] = sms.outbox
    assert short.to == "6281234567890"
    assert case.reference in short.body and code in short.body and "https://sigap.example.go.id/lacak/" in short.body
    assert_nothing_private()


def test_no_contact_no_receipt_and_no_task(file_pengaduan, sent, monkeypatch):
    queued = []
    monkeypatch.setattr(tasks, "send_receipt", Recorder(queued))
    sent(lambda: file_pengaduan(nama=NAME))
    assert queued == [] and mail.outbox == [] and sms.outbox == []


def test_only_the_contact_given_is_used(file_pengaduan, sent):
    sent(lambda: file_pengaduan(telepon=PHONE))
    assert mail.outbox == [] and len(sms.outbox) == 1


def test_a_complaint_entered_by_staff_from_another_channel_gets_the_receipt_too(file_pengaduan, handler, sent):
    case, code = sent(lambda: file_pengaduan(actor=handler, channel=Channel.TELEPON, email=EMAIL))
    [message] = mail.outbox
    assert case.reference in message.body and code in message.body


def test_a_letter_entered_late_says_when_it_was_received_and_when_entered(file_pengaduan, handler, sent, travel):
    travel(datetime.date(2026, 3, 25))
    sent(
        lambda: file_pengaduan(
            actor=handler,
            channel=Channel.KOTAK_PENGADUAN,
            email=EMAIL,
            received_on=datetime.date(2026, 3, 17),
            late_entry_reason="Kotak pengaduan dibuka setelah libur.",
        )
    )
    [message] = mail.outbox
    assert "Diterima: Selasa, 17 Maret 2026 (dicatat Rabu, 25 Maret 2026, 10.00 WIB)" in message.body
    assert "Kotak pengaduan dibuka" not in message.body


def test_the_receipt_waits_for_the_commit(file_pengaduan, contact, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        file_pengaduan(**contact)
        assert mail.outbox == []
    assert len(callbacks) == 1


def test_a_complaint_rolled_back_sends_no_receipt(file_pengaduan, contact, sent):
    def filed_then_failed():
        with pytest.raises(RuntimeError), transaction.atomic():
            file_pengaduan(**contact)
            raise RuntimeError("the attachment could not be stored")

    sent(filed_then_failed)
    assert mail.outbox == [] and sms.outbox == [] and not Pengaduan.objects.exists()


def test_the_code_is_never_a_plaintext_task_argument(file_pengaduan, contact, sent, monkeypatch):
    queued = []
    monkeypatch.setattr(tasks, "send_receipt", Recorder(queued))
    case, code = sent(lambda: file_pengaduan(**contact))
    [arguments] = queued
    stored = json.dumps(arguments)
    assert code not in stored and code.replace("-", "") not in stored
    assert EMAIL not in stored and "0812" not in stored
    assert arguments["case_id"] == case.pk
    assert notify.unseal_code(arguments["sealed_code"]) == code


def test_a_receipt_whose_code_was_tampered_with_is_not_sent(file_pengaduan, contact, caplog):
    case, _code = file_pengaduan(**contact)
    with caplog.at_level(logging.ERROR, logger="pengaduan.tasks"):
        result = tasks.send_receipt.enqueue(case_id=case.pk, sealed_code="enc:v1:rusak")
    assert result.return_value == {"failed": []}
    assert mail.outbox == [] and "cannot be decrypted" in caplog.text


def test_messages_are_in_the_site_language_whatever_is_active(file_pengaduan, contact, sent):
    from django.utils import translation

    with translation.override("en"):
        sent(lambda: file_pengaduan(**contact))
    assert mail.outbox[0].subject.startswith("[SIGAP] Tanda terima pengaduan")


# --- Status changes -------------------------------------------------------------------------


def status_mails(case):
    return [m for m in mail.outbox if m.subject.startswith(f"[SIGAP] Status pengaduan {case.reference}")]


def test_each_staff_transition_tells_the_complainant_once(case_in, advance, contact, sent, settings):
    settings.SIGAP_BASE_URL = "https://sigap.example.go.id"
    case = case_in(State.DITERIMA, **contact)
    mail.outbox.clear()
    sms.outbox.clear()
    for name, state in [
        ("verifikasi", State.DIVERIFIKASI),
        ("disposisi", State.DIDISPOSISIKAN),
        ("catat_tindak_lanjut", State.DITINDAKLANJUTI),
        ("jawab", State.DIJAWAB),
        ("selesaikan", State.SELESAI),
    ]:
        before = len(mail.outbox)
        case = sent(lambda case=case, name=name: advance(case, name))
        [message] = mail.outbox[before:]
        assert message.to == [EMAIL]
        assert message.subject == f"[SIGAP] Status pengaduan {case.reference}: {state.label}"
        assert f"berubah menjadi: {state.label}." in message.body
        assert "https://sigap.example.go.id/lacak/" in message.body
        # The SMS says the same next step as the e-mail and the tracking page.
        step = next_step(case).text
        assert f"Langkah berikutnya: {step}" in message.body
        assert sms.outbox[-1].body == (
            f"SIGAP: status pengaduan {case.reference} kini {state.label}. {step} "
            "Lihat di https://sigap.example.go.id/lacak/ dengan kode pelacakan Anda."
        )
    assert len(status_mails(case)) == 5 and len(sms.outbox) == 5
    assert_nothing_private()


def test_the_complainants_own_transitions_are_told_too(case_in, advance, contact, sent):
    case = case_in(State.DITERIMA, **contact)
    case = sent(lambda: advance(case, "tunda"))
    sent(lambda: services.pengaduan_supply_information(case=case, reply="Nomor antrean saya 42."))
    labels = [m.subject.rsplit(": ", 1)[1] for m in status_mails(case)]
    assert labels == [State.DITUNDA.label, State.DITERIMA.label]
    assert_nothing_private()
    assert all("Nomor antrean saya 42" not in text for text in texts())


def test_a_reopening_by_rating_is_told(case_in, contact, sent):
    case = case_in(State.DIJAWAB, **contact)
    mail.outbox.clear()
    sent(lambda: services.pengaduan_rate(case=case, rating=1, comment="Belum selesai", reopen=True))
    [message] = status_mails(case)
    assert message.subject.endswith(str(State.DIVERIFIKASI.label))


def test_the_system_closing_a_silent_case_is_told(travel, case_in, contact, sent):
    travel(datetime.date(2026, 3, 13))
    case = case_in(State.DIJAWAB, **contact)
    mail.outbox.clear()
    sent(lambda: services.pengaduan_auto_close_due(today=datetime.date(2026, 4, 7)))
    [message] = status_mails(case)
    assert message.subject.endswith(str(State.SELESAI.label))


def test_a_refused_transition_tells_nothing(case_in, advance, contact, sent, make_user):
    case = case_in(State.DIVERIFIKASI, **contact)
    mail.outbox.clear()
    sms.outbox.clear()
    with pytest.raises(TransitionBlocked):
        sent(lambda: advance(case, "verifikasi"))  # already verified
    with pytest.raises(PermissionDenied):
        sent(lambda: advance(case, "disposisi", actor=make_user()))  # no role
    assert mail.outbox == [] and sms.outbox == []


def test_a_rolled_back_transition_tells_nothing(case_in, advance, contact, sent):
    case = case_in(State.DITERIMA, **contact)
    mail.outbox.clear()

    def verified_then_failed():
        with pytest.raises(RuntimeError), transaction.atomic():
            advance(case, "verifikasi")
            raise RuntimeError("something after the transition failed")

    sent(verified_then_failed)
    assert mail.outbox == [] and Pengaduan.objects.get(pk=case.pk).state == State.DITERIMA


def test_no_contact_no_status_task(case_in, advance, sent, monkeypatch):
    queued = []
    monkeypatch.setattr(tasks, "send_status_update", Recorder(queued))
    case = case_in(State.DITERIMA, nama=NAME)
    sent(lambda: advance(case, "verifikasi"))
    assert queued == []


def test_the_status_task_carries_no_personal_data(case_in, advance, contact, sent, monkeypatch):
    queued = []
    monkeypatch.setattr(tasks, "send_status_update", Recorder(queued))
    case = case_in(State.DITERIMA, **contact)
    sent(lambda: advance(case, "verifikasi"))
    assert queued == [{"case_id": case.pk, "state": "diverifikasi"}]


# --- When sending fails -------------------------------------------------------------------


def failing_mail(monkeypatch):
    calls = []

    def refuse(messages):
        calls.append(messages)
        raise smtplib.SMTPServerDisconnected("mail server down")

    from django.core.mail.backends import locmem

    monkeypatch.setattr(locmem.EmailBackend, "send_messages", lambda self, messages: refuse(messages))
    return calls


def test_a_failing_mail_server_does_not_stop_the_transition(case_in, advance, contact, sent, monkeypatch, caplog):
    case = case_in(State.DITERIMA, **contact)
    sms.outbox.clear()
    calls = failing_mail(monkeypatch)
    with caplog.at_level(logging.WARNING, logger="pengaduan"):
        case = sent(lambda: advance(case, "verifikasi"))
    assert Pengaduan.objects.get(pk=case.pk).state == State.DIVERIFIKASI
    # The tests' task backend runs retries at once; in production each waits longer.
    assert len(calls) == notify.MAX_ATTEMPTS
    assert f"Gave up telling the complainant of {case.reference} by email" in caplog.text
    assert EMAIL not in caplog.text
    # The SMS went out once: only the failed channel is tried again.
    assert len(sms.outbox) == 1


def test_a_failing_gateway_is_retried_without_sending_the_mail_again(case_in, advance, contact, sent, monkeypatch):
    case = case_in(State.DITERIMA, **contact)
    mail.outbox.clear()
    attempts = []

    def gateway_down(to, body, backend=None):
        attempts.append(to)
        raise sms.SmsError("Gateway answered HTTP 503")

    monkeypatch.setattr(sms, "send_sms", gateway_down)
    sent(lambda: advance(case, "verifikasi"))
    assert len(status_mails(case)) == 1
    assert len(attempts) == notify.MAX_ATTEMPTS


def test_a_gateway_that_recovers_gets_the_message_on_a_later_attempt(case_in, advance, contact, sent, monkeypatch):
    case = case_in(State.DITERIMA, **contact)
    sms.outbox.clear()
    real_send = sms.send_sms
    failures = iter([sms.SmsError("down"), sms.SmsError("down")])

    def flaky(to, body, backend=None):
        error = next(failures, None)
        if error is not None:
            raise error
        return real_send(to, body)

    monkeypatch.setattr(sms, "send_sms", flaky)
    sent(lambda: advance(case, "verifikasi"))
    assert len(sms.outbox) == 1


def test_a_retry_waits_when_the_queue_can_defer(monkeypatch):
    """With the database queue (which can defer), a failed channel is queued again later."""
    queued = []

    class Backend:
        supports_defer = True

    class FakeTask:
        def __init__(self, run_after=None):
            self.run_after = run_after

        def get_backend(self):
            return Backend()

        def using(self, run_after):
            return FakeTask(run_after)

        def enqueue(self, **kwargs):
            queued.append((self.run_after, kwargs))

    from django.utils import timezone

    now = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: now)
    assert notify.retry_later(FakeTask(), failed=["sms"], attempt=1, reference="PGD/2026/000001", case_id=7, state="x")
    [(run_after, kwargs)] = queued
    assert run_after == now + notify.RETRY_DELAYS[0]
    assert kwargs == {"channels": ["sms"], "attempt": 2, "case_id": 7, "state": "x"}
    assert not notify.retry_later(FakeTask(), failed=[], attempt=1, reference="PGD/2026/000001")
    assert not notify.retry_later(FakeTask(), failed=["email"], attempt=notify.MAX_ATTEMPTS, reference="PGD/1")
    assert len(queued) == 1


def test_a_number_that_cannot_take_sms_is_logged_not_retried(file_pengaduan, sent, monkeypatch, caplog):
    case, _code = file_pengaduan(telepon="(021) 345-67")
    # A number the model would refuse today (rules change; old rows stay).
    Pengaduan.objects.filter(pk=case.pk).update(telepon="12345")
    with caplog.at_level(logging.WARNING, logger="pengaduan"):
        result = tasks.send_status_update.enqueue(case_id=case.pk, state="diverifikasi")
    assert result.return_value == {"failed": [], "attempt": 1}
    assert "cannot receive SMS/WhatsApp" in caplog.text and sms.outbox == []


def test_a_complaint_deleted_before_its_task_runs_is_skipped(db, caplog):
    with caplog.at_level(logging.WARNING, logger="pengaduan.tasks"):
        result = tasks.send_status_update.enqueue(case_id=999_999, state="diverifikasi")
    assert result.return_value == {"failed": []} and mail.outbox == []


def test_a_transition_through_the_engine_alone_is_told_too(case_in, handler, contact, sent):
    """The generic staff case page runs transitions with casework.services directly."""
    from casework.services import run_transition

    case = case_in(State.DITERIMA, **contact)
    mail.outbox.clear()
    sent(lambda: run_transition(case=case, name="tunda", actor=handler, public_note="Mohon lengkapi."))
    [message] = status_mails(case)
    assert message.subject.endswith(str(State.DITUNDA.label))
    assert "Mohon lengkapi." not in message.body


def test_archiving_an_incomplete_complaint_is_told_without_its_content(
    case_in, advance, contact, sent, travel, handler
):
    travel(datetime.date(2026, 7, 6))
    case = sent(lambda: advance(case_in(State.DITERIMA, **contact), "tunda"))
    mail.outbox.clear()
    sms.outbox.clear()
    travel(datetime.date(2026, 7, 20))  # the complainant's last day (10 working days)
    with pytest.raises(TransitionBlocked):
        services.pengaduan_archive_incomplete(case=case, actor=handler)
    travel(datetime.date(2026, 7, 21))
    case = sent(lambda: services.pengaduan_archive_incomplete(case=case, actor=handler))
    assert [m.subject.rsplit(": ", 1)[1] for m in status_mails(case)] == [State.DIARSIPKAN.label]
    assert len(sms.outbox) == 1
    assert_nothing_private()
