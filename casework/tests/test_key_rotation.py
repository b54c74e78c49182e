"""Key rotation: after a new key is put first, one command moves every encrypted value and
file to it; it is safe to stop and rerun, and refuses data it could not read."""

from io import StringIO

import pytest
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command
from django.db import connection

from accounts.models import User
from casework.attachments import add_attachment, read_attachment, storage_path
from casework.management.commands import rotate_encryption_keys as rotation
from casework.models import Attachment, Case, Message
from casework.services import message_post, note_add
from security import audit, crypto
from security.fields import Ciphertext
from security.models import AuditEntry

from . import samples

NEW_KEY = Fernet.generate_key().decode()


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    settings.SIGAP_PRIVATE_STORAGE = tmp_path / "private"
    return settings.SIGAP_PRIVATE_STORAGE


@pytest.fixture
def old_keys(settings):
    return settings.SIGAP_ENCRYPTION_KEYS  # version 1


@pytest.fixture
def data_under_v1(open_uji, make_user, old_keys):
    """A user, a case, messages, a note and two files, all written under key version 1."""
    from accounts import roles

    staff = make_user(roles.PENGELOLA_PENGADUAN, nik="3174000000000001", phone="0812000001", address="Jl. Lama")
    case = open_uji(title="Judul lama", actor=staff)[0]
    for n in range(3):
        message_post(case=case, actor=staff, body=f"pesan {n}")
    note_add(case=case, actor=staff, body="catatan internal")
    files = [
        add_attachment(case=case, upload=samples.upload(samples.png_with_text(), "foto.png")),
        add_attachment(case=case, upload=samples.upload(samples.pdf_with_metadata(), "surat.pdf")),
    ]
    return {"user": staff, "case": case, "files": files}


def all_stored_text() -> list[str]:
    """Every non-empty stored value of every encrypted column, as the database holds it."""
    values = []
    with connection.cursor() as cursor:
        for model, field in rotation.encrypted_fields():
            table = connection.ops.quote_name(model._meta.db_table)
            column = connection.ops.quote_name(field.column)
            cursor.execute(f"SELECT {column} FROM {table}")  # noqa: S608 - names are quoted
            values.extend(v for (v,) in cursor.fetchall() if v)
    return values


def run(*args) -> str:
    out = StringIO()
    call_command("rotate_encryption_keys", *args, stdout=out)
    return out.getvalue()


def test_every_encrypted_column_is_found_once():
    labels = {f"{m._meta.label}.{f.name}" for m, f in rotation.encrypted_fields()}
    assert {
        "accounts.User.nik",
        "accounts.User.phone",
        "accounts.User.address",
        "casework.Case.title",
        "casework.Message.body",
        "casework.InternalNote.body",
        "casework.TimelineEntry.note",
        "casework.TimelineEntry.public_note",
        "casework.Attachment.original_name",
    } <= labels
    # The test kind inherits Case.title; the column lives in Case's table only.
    assert not any(label.startswith("casekind.") and label.endswith(".title") for label in labels)


def test_rotation_moves_values_and_files_to_the_new_key(settings, data_under_v1, old_keys):
    before = all_stored_text()
    assert before and all(v.startswith("enc:v1:") for v in before)

    settings.SIGAP_ENCRYPTION_KEYS = f"2:{NEW_KEY},{old_keys}"
    output = run()

    assert "casework.Message.body: re-encrypted 3 value(s)" in output
    assert "attachment files: re-encrypted 2 file(s)" in output
    after = all_stored_text()
    assert len(after) == len(before) and all(v.startswith("enc:v2:") for v in after)
    for attachment in Attachment.objects.all():
        assert attachment.key_version == 2
        assert crypto.bytes_key_version(storage_path(attachment).read_bytes()) == 2

    # The old key can now be retired: everything reads with the new key alone.
    settings.SIGAP_ENCRYPTION_KEYS = f"2:{NEW_KEY}"
    user = User.objects.get(pk=data_under_v1["user"].pk)
    assert (user.nik, user.phone, user.address) == ("3174000000000001", "0812000001", "Jl. Lama")
    assert Case.objects.get(pk=data_under_v1["case"].pk).title == "Judul lama"
    assert sorted(Message.objects.values_list("body", flat=True)) == ["pesan 0", "pesan 1", "pesan 2"]
    for attachment in Attachment.objects.all():
        assert read_attachment(attachment)
    assert {a.original_name for a in Attachment.objects.all()} == {"foto.png", "surat.pdf"}


def test_a_second_run_changes_nothing(settings, data_under_v1, old_keys):
    settings.SIGAP_ENCRYPTION_KEYS = f"2:{NEW_KEY},{old_keys}"
    run()
    stored = sorted(all_stored_text())
    files = {a.pk: storage_path(a).read_bytes() for a in Attachment.objects.all()}

    output = run()

    assert "re-encrypted 0 file(s)" in output and "Done: 0 item(s)" in output
    assert sorted(all_stored_text()) == stored
    assert {a.pk: storage_path(a).read_bytes() for a in Attachment.objects.all()} == files


def test_a_dry_run_counts_and_changes_nothing(settings, data_under_v1, old_keys):
    before = sorted(all_stored_text())
    settings.SIGAP_ENCRYPTION_KEYS = f"2:{NEW_KEY},{old_keys}"
    output = run("--dry-run")
    assert "casework.Message.body: would re-encrypt 3 value(s)" in output
    assert "attachment files: would re-encrypt 2 file(s)" in output
    assert sorted(all_stored_text()) == before
    assert set(Attachment.objects.values_list("key_version", flat=True)) == {1}
    assert not AuditEntry.objects.filter(event=audit.Event.KEYS_ROTATED).exists()


def test_rotation_is_audited_with_its_counts(settings, data_under_v1, old_keys):
    settings.SIGAP_ENCRYPTION_KEYS = f"2:{NEW_KEY},{old_keys}"
    run()
    entry = AuditEntry.objects.get(event=audit.Event.KEYS_ROTATED)
    assert entry.data["version"] == 2 and entry.data["files"] == 2
    assert entry.data["fields"]["casework.Message.body"] == 3


def test_an_interrupted_run_is_finished_by_running_again(settings, data_under_v1, old_keys, monkeypatch):
    settings.SIGAP_ENCRYPTION_KEYS = f"2:{NEW_KEY},{old_keys}"
    real = crypto.reencrypt_text
    calls = {"n": 0}

    def fails_on_the_fifth(stored):
        calls["n"] += 1
        if calls["n"] == 5:
            raise KeyboardInterrupt
        return real(stored)

    monkeypatch.setattr(crypto, "reencrypt_text", fails_on_the_fifth)
    with pytest.raises(KeyboardInterrupt):
        run("--batch-size", "1")
    versions = {crypto.text_key_version(v) for v in all_stored_text()}
    assert versions == {1, 2}  # part done, committed batch by batch

    monkeypatch.setattr(crypto, "reencrypt_text", real)
    run("--batch-size", "1")
    assert {crypto.text_key_version(v) for v in all_stored_text()} == {2}


def test_a_file_rewritten_before_its_row_was_updated_is_finished(settings, data_under_v1, old_keys):
    settings.SIGAP_ENCRYPTION_KEYS = f"2:{NEW_KEY},{old_keys}"
    first = data_under_v1["files"][0]
    path = storage_path(first)
    path.write_bytes(crypto.reencrypt_bytes(path.read_bytes()))  # as if a crash followed
    run()
    first.refresh_from_db()
    assert first.key_version == 2 and read_attachment(first)


def test_a_value_under_an_unknown_key_makes_the_command_refuse(settings, data_under_v1, old_keys):
    settings.SIGAP_ENCRYPTION_KEYS = f"7:{Fernet.generate_key().decode()}"
    stray = crypto.encrypt_text("dari kunci yang hilang")
    settings.SIGAP_ENCRYPTION_KEYS = f"2:{NEW_KEY},{old_keys}"
    message = Message.objects.first()
    Message.objects.filter(pk=message.pk).update(body=Ciphertext(stray))
    before = sorted(all_stored_text())

    with pytest.raises(CommandError) as exc:
        run()

    assert "casework.Message.body: version 7" in str(exc.value)
    assert sorted(all_stored_text()) == before  # nothing was changed
    assert set(Attachment.objects.values_list("key_version", flat=True)) == {1}


def test_an_unencrypted_value_makes_the_command_refuse(data_under_v1):
    message = Message.objects.first()
    Message.objects.filter(pk=message.pk).update(body=Ciphertext("teks polos"))
    with pytest.raises(CommandError, match="casework.Message.body: version unencrypted"):
        run()


def test_a_file_under_an_unknown_key_makes_the_command_refuse(settings, data_under_v1, old_keys):
    Attachment.objects.filter(pk=data_under_v1["files"][0].pk).update(key_version=9)
    settings.SIGAP_ENCRYPTION_KEYS = f"2:{NEW_KEY},{old_keys}"
    with pytest.raises(CommandError, match="attachment files: version 9"):
        run()


def test_an_unreadable_file_is_reported_and_the_rest_rotated(settings, data_under_v1, old_keys):
    missing, present = data_under_v1["files"]
    storage_path(missing).unlink()
    settings.SIGAP_ENCRYPTION_KEYS = f"2:{NEW_KEY},{old_keys}"
    with pytest.raises(CommandError, match=f"ids {missing.pk}"):
        run()
    present.refresh_from_db()
    missing.refresh_from_db()
    assert (present.key_version, missing.key_version) == (2, 1)
    assert all(v.startswith("enc:v2:") for v in all_stored_text())
