"""Files of a refused form, kept for its next try (casework.held_uploads, through the
AttachmentsField of any form that calls keep_files): encrypted at rest, bound to one
showing of one form (and to the employee whose form it is), counted in the limits,
removable, removed when the case is filed or when they expire."""

import os
from datetime import timedelta

import pytest
from django import forms
from django.core import signing
from django.core.management import call_command
from django.utils import timezone
from django.utils.datastructures import MultiValueDict

from casework import held_uploads, tasks
from casework.attachments import storage_path, sweep_orphan_files
from casework.held_uploads import DROP_FIELD, TOKEN_FIELD
from casework.models import HeldUpload
from casework.uploads import AttachmentsField, keep_files, release_kept, settle_refused
from security import crypto
from tests.test_database_dump import dump_database, dump_files

from . import samples

CANARY_NAME = "KANARI-SIMPAN-NAMA"
CANARY_TEXT = "KANARI-SIMPAN-ISI"


class SampleForm(forms.Form):
    """The smallest form that files a case with evidence: a required title and files."""

    title = forms.CharField()
    files = AttachmentsField()

    def __init__(self, *args, name="uji.formulir", owner=None, **kwargs):
        super().__init__(*args, **kwargs)
        keep_files(self, field="files", name=name, owner=owner)


def pdf(name=f"{CANARY_NAME}.pdf", text=CANARY_TEXT):
    return samples.upload(samples.pdf_with_metadata(text=text.encode()), name)


def png(name="foto.png"):
    return samples.upload(samples.png_with_text(), name)


def post(data=None, files=(), *, name="uji.formulir", owner=None) -> SampleForm:
    """A post of the form, checked; `data` may carry the token and the boxes ticked."""
    fields = MultiValueDict({key: value if isinstance(value, list) else [value] for key, value in (data or {}).items()})
    form = SampleForm(fields, MultiValueDict({"files": list(files)}), name=name, owner=owner)
    form.is_valid()
    return form


def refused(files=(), data=None, **options) -> SampleForm:
    """A post refused for its missing title, settled as a view does before showing it."""
    form = post({"title": "", **(data or {})}, files, **options)
    assert not form.is_valid()
    settle_refused(form)
    return form


def next_try(form: SampleForm, **data) -> dict:
    """What the page shown again sends back: its token, and what the person changed."""
    return {TOKEN_FIELD: form.held_files.signed_token(), **data}


@pytest.fixture
def private_storage(settings, tmp_path):
    settings.SIGAP_PRIVATE_STORAGE = tmp_path / "private"
    return settings.SIGAP_PRIVATE_STORAGE


# --- Kept, and sent with the next try ------------------------------------------------------


def test_a_refused_post_keeps_its_files_and_the_next_try_sends_them(db, private_storage):
    form = refused([pdf(), png()])
    assert [row.original_name for row in form.held_files.rows] == [f"{CANARY_NAME}.pdf", "foto.png"]
    assert form.held_files.not_kept == []

    again = post(next_try(form, title="Judul"))
    assert again.is_valid()
    names = [clean.name for clean in again.cleaned_data["files"]]
    assert names == [f"{CANARY_NAME}.pdf", "foto.png"]
    assert CANARY_TEXT.encode() in again.cleaned_data["files"][0].data


def test_kept_files_come_first_and_new_ones_join_them(db, private_storage):
    form = refused([pdf()])
    again = post(next_try(form, title="Judul"), [png("baru.png")])
    assert [clean.name for clean in again.cleaned_data["files"]] == [f"{CANARY_NAME}.pdf", "baru.png"]


def test_the_files_that_passed_are_kept_and_the_refused_one_is_named(db, private_storage):
    fake = samples.upload(b"#!/bin/sh\necho bukan gambar\n", "skrip.png")
    form = refused([png("baik.png"), fake])
    assert [row.original_name for row in form.held_files.rows] == ["baik.png"]
    assert form.held_files.not_kept == ["skrip.png"]


def test_a_ticked_file_is_not_sent_and_is_removed(db, private_storage, django_capture_on_commit_callbacks):
    form = refused([pdf(), png()])
    dropped = form.held_files.rows[0]
    with django_capture_on_commit_callbacks(execute=True):
        again = refused(data=next_try(form, **{DROP_FIELD: str(dropped.handle)}))
    assert [row.original_name for row in again.held_files.rows] == ["foto.png"]
    assert not HeldUpload.objects.filter(pk=dropped.pk).exists()
    assert not storage_path(dropped).exists()
    sent = post(next_try(again, title="Judul"))
    assert [clean.name for clean in sent.cleaned_data["files"]] == ["foto.png"]


def test_filing_the_case_removes_every_kept_row_and_file(db, private_storage, django_capture_on_commit_callbacks):
    form = refused([pdf(), png()])
    kept = form.held_files.rows
    sent = post(next_try(form, title="Judul", **{DROP_FIELD: str(kept[1].handle)}))
    assert sent.is_valid()
    with django_capture_on_commit_callbacks(execute=True):
        release_kept(sent)
    assert not HeldUpload.objects.exists()
    assert not any(storage_path(row).exists() for row in kept)


def test_kept_files_count_in_the_limit(db, private_storage, settings):
    settings.SIGAP_ATTACHMENT_MAX_COUNT = 3
    form = refused([png("1.png"), png("2.png")])
    # The page's script is told the room left beside the kept files.
    assert form.fields["files"].widget.attrs["data-max-files"] == "1"
    again = post(next_try(form, title="Judul"), [png("3.png"), png("4.png")])
    assert not again.is_valid()
    assert "sisa 1 berkas lagi" in again.errors["files"][0]
    assert post(next_try(form, title="Judul"), [png("3.png")]).is_valid()


def test_a_kept_file_fills_a_required_file_field(db, private_storage):
    class Required(SampleForm):
        files = AttachmentsField(required=True)

    first = Required(MultiValueDict({"title": [""]}), MultiValueDict({"files": [png()]}))
    assert not first.is_valid()
    settle_refused(first)
    again = Required(MultiValueDict({"title": ["Judul"], TOKEN_FIELD: [first.held_files.signed_token()]}))
    assert again.is_valid()


def test_a_post_the_robot_trap_caught_keeps_nothing(db, private_storage):
    form = post({"title": ""}, [png()])
    form.caught_by_trap = True
    settle_refused(form)
    assert form.held_files.rows == [] and form.held_files.not_kept == ["foto.png"]
    assert not HeldUpload.objects.exists()


def test_past_the_ceiling_files_are_not_kept_and_are_named(db, private_storage, settings):
    settings.SIGAP_HELD_UPLOADS_MAX_MB = 0
    form = refused([png()])
    assert form.held_files.rows == [] and form.held_files.not_kept == ["foto.png"]
    assert form.held_files.signed_token() == ""


def test_a_kept_file_that_cannot_be_read_is_refused_by_name(db, private_storage):
    form = refused([png("rusak.png")])
    path = storage_path(form.held_files.rows[0])
    path.write_bytes(crypto.encrypt_bytes(b"lain"))
    again = post(next_try(form, title="Judul"))
    assert not again.is_valid()
    assert "Berkas rusak.png yang tersimpan tidak dapat dibaca lagi." in again.errors["files"][0]


# --- Bound to one page of one form ----------------------------------------------------------


def test_a_token_signed_for_one_form_finds_nothing_on_another(db, private_storage):
    form = refused([pdf()], name="pengaduan.intake")
    elsewhere = post(next_try(form, title="Judul"), name="wbs.report")
    assert elsewhere.held_files.token is None and elsewhere.cleaned_data["files"] == []
    # Nor does a token put under the other form's signature by someone without the key.
    resigned = signing.TimestampSigner(salt="casework.held_uploads:wbs.report", key="bukan-kunci").sign(
        form.held_files.token
    )
    assert post({"title": "Judul", TOKEN_FIELD: resigned}, name="wbs.report").cleaned_data["files"] == []


@pytest.mark.parametrize(
    "forged",
    [
        "",
        "x" * 43,
        "abc:forged:signature",
        "1",  # a row id
    ],
)
def test_a_forged_or_guessed_token_gets_nothing(db, private_storage, forged):
    refused([pdf()])
    form = post({"title": "Judul", TOKEN_FIELD: forged})
    assert form.is_valid() and form.cleaned_data["files"] == []


def test_the_bare_token_without_its_signature_gets_nothing(db, private_storage):
    form = refused([pdf()])
    bare = post({"title": "Judul", TOKEN_FIELD: form.held_files.token})
    assert bare.cleaned_data["files"] == []


def test_a_handle_of_another_page_removes_nothing(db, private_storage):
    mine, theirs = refused([png("saya.png")]), refused([png("dia.png")])
    refused(data=next_try(mine, **{DROP_FIELD: str(theirs.held_files.rows[0].handle)}))
    assert HeldUpload.objects.count() == 2


def test_an_employees_kept_files_are_theirs_alone(db, private_storage, make_user):
    owner, colleague = make_user(), make_user()
    form = refused([pdf()], owner=owner)
    assert HeldUpload.objects.get().owner == owner
    assert post(next_try(form, title="Judul"), owner=colleague).cleaned_data["files"] == []
    # A public form's page never finds an employee's files either, nor the reverse.
    assert post(next_try(form, title="Judul")).cleaned_data["files"] == []
    public = refused([png()])
    assert post(next_try(public, title="Judul"), owner=owner).cleaned_data["files"] == []
    assert len(post(next_try(form, title="Judul"), owner=owner).cleaned_data["files"]) == 1


# --- At rest --------------------------------------------------------------------------------


def test_neither_the_database_nor_the_disk_holds_a_kept_file_in_clear(db, private_storage):
    form = refused([pdf()])
    row = form.held_files.rows[0]
    # Guard: the kept file really holds the canaries.
    assert row.original_name == f"{CANARY_NAME}.pdf"
    assert CANARY_TEXT.encode() in crypto.decrypt_bytes(storage_path(row).read_bytes())
    database, files = dump_database(), dump_files(private_storage)
    assert "held" in database.lower() and files
    for canary in (CANARY_NAME, CANARY_TEXT):
        assert canary not in database
        assert canary.encode() not in files
    # The token itself is not stored either: only its digest.
    assert form.held_files.token not in database


def test_a_kept_file_carries_no_time_finer_than_the_hour(db, private_storage):
    form = refused([png()])
    row = form.held_files.rows[0]
    assert (row.expires_at.minute, row.expires_at.second, row.expires_at.microsecond) == (0, 0, 0)
    hours = timedelta(hours=held_uploads.settings.SIGAP_HELD_UPLOAD_HOURS)
    assert hours < row.expires_at - timezone.now() <= hours + timedelta(hours=1)
    stat = os.stat(storage_path(row))
    assert stat.st_mtime % 3600 == 0 and stat.st_atime % 3600 == 0
    assert {f.name for f in HeldUpload._meta.concrete_fields}.isdisjoint({"created_at", "ip", "session", "user_agent"})


def test_the_orphan_sweep_leaves_kept_files_alone(db, private_storage):
    form = refused([png()])
    assert sweep_orphan_files(older_than=timedelta(0)) == []
    assert storage_path(form.held_files.rows[0]).exists()


def test_key_rotation_reencrypts_kept_files(db, private_storage, settings):
    from cryptography.fernet import Fernet

    form = refused([pdf()])
    settings.SIGAP_ENCRYPTION_KEYS = f"2:{Fernet.generate_key().decode()},{settings.SIGAP_ENCRYPTION_KEYS}"
    call_command("rotate_encryption_keys", stdout=open(os.devnull, "w"))  # noqa: SIM115
    row = HeldUpload.objects.get()
    assert row.key_version == 2 and crypto.bytes_key_version(storage_path(row).read_bytes()) == 2
    assert post(next_try(form, title="Judul")).cleaned_data["files"][0].name == f"{CANARY_NAME}.pdf"


# --- Expiry ---------------------------------------------------------------------------------


def test_an_expired_file_is_not_found_and_the_periodic_task_removes_it(
    db, private_storage, settings, django_capture_on_commit_callbacks
):
    assert "casework.tasks.remove_expired_held_uploads" in settings.SIGAP_PERIODIC_TASKS
    stale, fresh = refused([png("lama.png")]), refused([png("baru.png")])
    HeldUpload.objects.filter(original_name__isnull=False, pk=stale.held_files.rows[0].pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    assert post(next_try(stale, title="Judul")).cleaned_data["files"] == []
    path = storage_path(stale.held_files.rows[0])
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.remove_expired_held_uploads.call() == {"removed": 1}
    assert not path.exists()
    assert [row.original_name for row in HeldUpload.objects.all()] == ["baru.png"]
    assert len(post(next_try(fresh, title="Judul")).cleaned_data["files"]) == 1


def test_a_token_older_than_the_keeping_time_finds_nothing(db, private_storage, monkeypatch):
    form = refused([png()])
    token = next_try(form, title="Judul")
    later = timezone.now().timestamp() + (held_uploads.settings.SIGAP_HELD_UPLOAD_HOURS + 2) * 3600
    monkeypatch.setattr(signing.time, "time", lambda: later)
    assert post(token).cleaned_data["files"] == []


def test_each_refusal_renews_the_expiry_of_every_kept_file(db, private_storage):
    form = refused([png("1.png")])
    HeldUpload.objects.update(expires_at=timezone.now() + timedelta(minutes=5))
    again = refused([png("2.png")], data=next_try(form))
    assert len({row.expires_at for row in HeldUpload.objects.all()}) == 1
    assert HeldUpload.objects.first().expires_at == again.held_files.rows[1].expires_at
    assert HeldUpload.objects.first().expires_at > timezone.now() + timedelta(hours=1)
