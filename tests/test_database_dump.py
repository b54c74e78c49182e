"""Someone who copies the whole database and the file store learns no sensitive content.

The threat model counts an administrator of the server among the adversaries (a reported
superior may have that access). This test fills every kind of sensitive field with a
unique canary, dumps every table and every stored file, and looks for the canaries.
It also reads them back through the models, so it cannot pass by storing nothing.
"""

from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.db import connection

from accounts import roles
from accounts.models import User
from casework.attachments import add_attachment, read_attachment
from casework.models import Attachment, Case, InternalNote, Message, SlaPolicy, TimelineEntry
from casework.services import case_open, message_post, note_add, run_transition
from casework.tests import samples

CANARIES = {
    "nik": "3174099912345678",
    "phone": "0813KANARITELEPON",
    "address": "Jl. KanariAlamat No. 7",
    "title": "KANARI-JUDUL pungli loket",
    "staff_message": "KANARI-PESAN-PETUGAS mohon bukti",
    "reporter_message": "KANARI-PESAN-PELAPOR saya saksinya",
    "internal_note": "KANARI-CATATAN-INTERNAL terlapor atasan",
    "timeline_note": "KANARI-RIWAYAT-INTERNAL",
    "timeline_public": "KANARI-RIWAYAT-PUBLIK",
    "file_name": "KANARI-NAMA-BERKAS",
    "file_content": "KANARI-ISI-BERKAS",
}


@pytest.fixture
def private_storage(settings, tmp_path):
    settings.SIGAP_PRIVATE_STORAGE = tmp_path / "private"
    return Path(settings.SIGAP_PRIVATE_STORAGE)


@pytest.fixture
def filled(db, private_storage):
    handler = User.objects.create_user(
        username="petugas",
        email="petugas@example.test",
        full_name="Petugas Uji",
        password="Sandi-yang-kuat-123",
        nik=CANARIES["nik"],
        phone=CANARIES["phone"],
        address=CANARIES["address"],
    )
    handler.groups.add(Group.objects.get_or_create(name=roles.PENGELOLA_PENGADUAN)[0])
    SlaPolicy.objects.create(
        kind="uji", clock="penyelesaian", label="Penyelesaian", working_days=60, effective_from=date(2020, 1, 1)
    )
    case, _code = case_open(kind="uji", title=CANARIES["title"], with_tracking_code=True)
    message_post(case=case, actor=handler, body=CANARIES["staff_message"])
    message_post(case=case, by_reporter=True, body=CANARIES["reporter_message"])
    note_add(case=case, actor=handler, body=CANARIES["internal_note"])
    run_transition(
        case=case,
        name="verifikasi",
        actor=handler,
        note=CANARIES["timeline_note"],
        public_note=CANARIES["timeline_public"],
    )
    attachment = add_attachment(
        case=case,
        upload=samples.upload(
            samples.pdf_with_metadata(text=CANARIES["file_content"].encode()), f"{CANARIES['file_name']}.pdf"
        ),
        from_reporter=True,
    )
    return {"user": handler, "case": case, "attachment": attachment}


def dump_database() -> str:
    """Every row of every table as text, the way a copied database would show it."""
    if connection.vendor == "sqlite":
        return "\n".join(connection.connection.iterdump())
    # Other vendors: every table with SELECT * through this connection, which also sees
    # the test's own uncommitted rows (a pg_dump from outside would not).
    lines = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - quoted name
            for row in cursor.fetchall():
                lines.append(" | ".join(_as_text(value) for value in row))
    return "\n".join(lines)


def _as_text(value) -> str:
    if isinstance(value, memoryview):
        value = value.tobytes()
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return str(value)


def dump_files(root: Path) -> bytes:
    return b"\n".join(path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file())


def test_the_canaries_are_really_stored(filled):
    """Guard: the models hold every canary, so finding none in the dump means something."""
    user = User.objects.get(pk=filled["user"].pk)
    assert (user.nik, user.phone, user.address) == (CANARIES["nik"], CANARIES["phone"], CANARIES["address"])
    case = Case.objects.get(pk=filled["case"].pk)
    assert case.title == CANARIES["title"]
    assert set(Message.objects.values_list("body", flat=True)) == {
        CANARIES["staff_message"],
        CANARIES["reporter_message"],
    }
    assert InternalNote.objects.get().body == CANARIES["internal_note"]
    entry = TimelineEntry.objects.get(transition="verifikasi")
    assert (entry.note, entry.public_note) == (CANARIES["timeline_note"], CANARIES["timeline_public"])
    attachment = Attachment.objects.get()
    assert attachment.original_name == f"{CANARIES['file_name']}.pdf"
    assert CANARIES["file_content"].encode() in read_attachment(attachment)


def test_a_dump_of_the_database_and_files_reveals_no_canary(filled, private_storage):
    database = dump_database()
    files = dump_files(private_storage)
    # The dump really holds the rows and their plain columns, and the store the file.
    assert filled["case"].reference in database and "Petugas Uji" in database
    assert files.startswith(b"SIGAPENC")

    leaks = [name for name, canary in CANARIES.items() if canary in database or canary.encode() in files]
    assert leaks == []
