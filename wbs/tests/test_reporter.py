"""The reporter coming back with the receipt code: messages, more evidence, and the
optional notification address — with nothing recorded about who they are."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from casework.models import Message
from casework.tests import samples
from security.models import AuditEntry
from wbs import services
from wbs.choices import State
from wbs.models import KontakPelapor


def test_the_reporter_writes_to_the_handler_without_a_trace_of_themselves(file_wbs):
    case, _code = file_wbs()
    message = services.wbs_reporter_message(case=case, body="Saya punya rekaman suaranya.")
    assert message.sender == Message.Sender.REPORTER and message.author is None
    entry = AuditEntry.objects.get(case_id=case.pk, event="case.message")
    assert entry.actor_id is None and "client" not in entry.data


def test_more_evidence_is_added_all_or_nothing(file_wbs):
    case, _code = file_wbs()
    added = services.wbs_reporter_add_evidence(
        case=case, uploads=[samples.upload(samples.jpeg_with_gps(), "foto.jpg", "image/jpeg")]
    )
    assert len(added) == 1 and added[0].from_reporter and added[0].uploaded_by is None
    with pytest.raises(ValidationError):
        services.wbs_reporter_add_evidence(
            case=case,
            uploads=[
                samples.upload(samples.png_with_text(), "ok.png", "image/png"),
                samples.upload(samples.HTML_PAGE, "halaman.html"),
            ],
        )
    assert case.attachments.count() == 1
    with pytest.raises(ValidationError):
        services.wbs_reporter_add_evidence(case=case, uploads=[])


def test_a_closed_report_takes_no_more_messages_or_evidence(case_in):
    case = case_in(State.SELESAI)
    with pytest.raises(ValidationError):
        services.wbs_reporter_message(case=case, body="Masih ada yang ingin saya sampaikan.")
    with pytest.raises(ValidationError, match="ditutup"):
        services.wbs_reporter_add_evidence(
            case=case, uploads=[samples.upload(samples.png_with_text(), "bukti.png", "image/png")]
        )


def test_no_mail_without_an_address(file_wbs, advance, django_capture_on_commit_callbacks):
    case, _code = file_wbs()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        advance(case, "verifikasi")
    assert mail.outbox == []


def test_a_reporter_who_asked_hears_there_is_news_and_nothing_more(
    file_wbs, advance, wbs_handler, django_capture_on_commit_callbacks
):
    case, _code = file_wbs(kontak_email="pelapor@example.test")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        case = advance(case, "verifikasi")
        services.wbs_message_reporter(case=case, actor=wbs_handler, body="Mohon kirim rekaman itu.")
    assert [m.to for m in mail.outbox] == [["pelapor@example.test"], ["pelapor@example.test"]]
    body = mail.outbox[0].subject + mail.outbox[0].body
    for secret in (case.reference, "WBS", "Pungutan", "loket", "rekaman", "ditelaah", "Ditelaah"):
        assert secret not in body
    assert "kode tanda terima" in body


def test_the_reporter_changes_or_removes_the_address(file_wbs, advance, django_capture_on_commit_callbacks):
    case, _code = file_wbs(kontak_email="lama@example.test")
    with pytest.raises(ValidationError) as refused:
        services.wbs_reporter_set_contact(case=case, email="bukan alamat")
    assert "email" in refused.value.message_dict
    assert KontakPelapor.objects.get(laporan=case).email == "lama@example.test"
    services.wbs_reporter_set_contact(case=case, email="baru@example.test")
    assert KontakPelapor.objects.get(laporan=case).email == "baru@example.test"
    services.wbs_reporter_forget_contact(case=case)
    assert not KontakPelapor.objects.filter(laporan=case).exists()
    entries = AuditEntry.objects.filter(case_id=case.pk, event="wbs.reporter_contact_changed")
    assert [e.data["contact"] for e in entries] == [True, False]
    assert all(e.actor_id is None and "client" not in e.data for e in entries)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        advance(case, "verifikasi")
    assert mail.outbox == []


def test_the_queued_mail_task_holds_the_report_id_only(file_wbs, advance, django_capture_on_commit_callbacks, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    case, _code = file_wbs(kontak_email="pelapor@example.test")
    with django_capture_on_commit_callbacks(execute=True):
        advance(case, "verifikasi")
    row = DBTaskResult.objects.get()
    assert row.args_kwargs == {"args": [case.pk], "kwargs": {}}
