"""Encryption at rest: what the database and the disk hold is ciphertext under a named key
version, and reading through the models gives the plaintext back."""

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from casework.attachments import add_attachment, read_attachment, storage_path
from casework.models import Message
from casework.services import message_post
from security import crypto
from security.fields import Ciphertext

from . import samples

NEW_KEY = Fernet.generate_key().decode()


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    settings.SIGAP_PRIVATE_STORAGE = tmp_path / "private"
    return settings.SIGAP_PRIVATE_STORAGE


@pytest.fixture
def case(open_uji):
    return open_uji(title="Judul rahasia")[0]


def stored_value(model, field: str, pk) -> str:
    """The column as the database holds it, bypassing the model field."""
    table = connection.ops.quote_name(model._meta.db_table)
    column = connection.ops.quote_name(model._meta.get_field(field).column)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608 - names are quoted
        return cursor.fetchone()[0]


# Text fields --------------------------------------------------------------------------


def test_an_encrypted_field_stores_ciphertext_and_reads_plaintext(case, handler):
    message = message_post(case=case, actor=handler, body="Saksi bernama KANARI-PESAN")
    raw = stored_value(Message, "body", message.pk)
    assert raw.startswith("enc:v1:")
    assert "KANARI" not in raw
    assert Message.objects.get(pk=message.pk).body == "Saksi bernama KANARI-PESAN"


def test_the_same_text_encrypts_differently_each_time():
    assert crypto.encrypt_text("sama") != crypto.encrypt_text("sama")


def test_a_ciphertext_is_stored_unchanged(case, handler):
    message = message_post(case=case, actor=handler, body="awal")
    token = crypto.encrypt_text("sudah terenkripsi")
    Message.objects.filter(pk=message.pk).update(body=Ciphertext(token))
    assert stored_value(Message, "body", message.pk) == token
    assert Message.objects.get(pk=message.pk).body == "sudah terenkripsi"


def test_empty_values_stay_empty(case):
    entry = case.timeline.get()
    assert stored_value(type(entry), "note", entry.pk) == ""


def test_new_values_use_the_first_key_and_old_ones_still_read(settings):
    old = crypto.encrypt_text("lama")
    settings.SIGAP_ENCRYPTION_KEYS = f"2:{NEW_KEY},{settings.SIGAP_ENCRYPTION_KEYS}"
    new = crypto.encrypt_text("baru")
    assert crypto.text_key_version(old) == 1 and crypto.text_key_version(new) == 2
    assert crypto.decrypt_text(old) == "lama" and crypto.decrypt_text(new) == "baru"


def test_a_value_under_a_key_no_longer_configured_does_not_read(settings):
    settings.SIGAP_ENCRYPTION_KEYS = f"2:{NEW_KEY}"
    value = crypto.encrypt_text("x")
    settings.SIGAP_ENCRYPTION_KEYS = f"3:{Fernet.generate_key().decode()}"
    with pytest.raises(crypto.DecryptionError, match="version 2"):
        crypto.decrypt_text(value)


def test_an_altered_value_does_not_read():
    value = crypto.encrypt_text("asli")
    altered = value[:-6] + ("A" if value[-6] != "A" else "B") + value[-5:]
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt_text(altered)


@pytest.mark.parametrize("spec", ["", "kunci-tanpa-versi", "1:a,1:b", "x:abc"])
def test_a_malformed_keyring_is_refused(settings, spec):
    settings.SIGAP_ENCRYPTION_KEYS = spec
    with pytest.raises(ImproperlyConfigured):
        crypto.keyring()


def test_a_passphrase_key_is_stretched_to_a_fernet_key(settings):
    settings.SIGAP_ENCRYPTION_KEYS = "5:sebuah frasa sandi panjang"
    assert crypto.decrypt_text(crypto.encrypt_text("ok")) == "ok"


# Files --------------------------------------------------------------------------------


def test_bytes_round_trip_and_carry_their_key_version():
    blob = crypto.encrypt_bytes(b"isi berkas")
    assert blob.startswith(b"SIGAPENC1\n")
    assert crypto.bytes_key_version(blob) == 1
    assert crypto.decrypt_bytes(blob) == b"isi berkas"


def test_a_file_on_disk_is_not_the_plaintext_and_decrypts_back(case):
    canary = b"KANARI-ISI-BERKAS"
    attachment = add_attachment(
        case=case, upload=samples.upload(samples.pdf_with_metadata(text=canary), "surat KANARI-NAMA.pdf")
    )
    on_disk = storage_path(attachment).read_bytes()
    assert canary not in on_disk and b"%PDF" not in on_disk
    assert crypto.bytes_key_version(on_disk) == attachment.key_version == 1
    content = read_attachment(attachment)
    assert content.startswith(b"%PDF") and canary in content
    assert "KANARI-NAMA" not in stored_value(type(attachment), "original_name", attachment.pk)


def test_reencrypting_moves_a_value_to_the_current_key(settings):
    old_text, old_blob = crypto.encrypt_text("t"), crypto.encrypt_bytes(b"b")
    settings.SIGAP_ENCRYPTION_KEYS = f"2:{NEW_KEY},{settings.SIGAP_ENCRYPTION_KEYS}"
    assert crypto.text_key_version(crypto.reencrypt_text(old_text)) == 2
    assert crypto.bytes_key_version(crypto.reencrypt_bytes(old_blob)) == 2
