"""The audit log is append-only in effect: any edit, removal or reordering is detected."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import override_settings

from security import audit
from security.models import AuditEntry


def _write_entries(n=5, actor=None):
    return [audit.record("test.event", actor=actor, data={"n": i, "text": f"isi {i}"}) for i in range(n)]


def test_intact_chain_verifies(db, capsys):
    _write_entries()
    assert audit.verify_chain() == []
    call_command("verify_audit")
    assert "intact: 5 entries" in capsys.readouterr().out


def test_each_entry_links_to_the_previous(db):
    entries = _write_entries(3)
    assert entries[0].prev_hash == audit.GENESIS
    assert entries[1].prev_hash == entries[0].hash
    assert entries[2].prev_hash == entries[1].hash


def _raw(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_edited_entry_is_detected(db):
    entries = _write_entries()
    # Bypass the ORM as a database administrator would.
    _raw("UPDATE security_auditentry SET event = %s WHERE id = %s", ["tampered", entries[2].pk])
    breaks = audit.verify_chain()
    assert [b.entry_id for b in breaks] == [entries[2].pk]
    with pytest.raises(CommandError, match="tampered"):
        call_command("verify_audit")


def test_edited_data_is_detected(db):
    entries = _write_entries()
    _raw("UPDATE security_auditentry SET actor_label = %s WHERE id = %s", ["orang lain", entries[1].pk])
    assert [b.entry_id for b in audit.verify_chain()] == [entries[1].pk]


def test_deleted_entry_is_detected(db):
    entries = _write_entries()
    _raw("DELETE FROM security_auditentry WHERE id = %s", [entries[2].pk])
    breaks = audit.verify_chain()
    assert breaks and breaks[0].entry_id == entries[3].pk


def test_deleted_newest_entry_is_detected(db):
    entries = _write_entries()
    _raw("DELETE FROM security_auditentry WHERE id = %s", [entries[-1].pk])
    breaks = audit.verify_chain()
    assert [b.entry_id for b in breaks] == [None]


def test_recomputed_hash_without_the_key_is_detected(db):
    """An attacker who edits an entry and recomputes its hash without the key still fails."""
    entries = _write_entries()
    target = AuditEntry.objects.get(pk=entries[2].pk)
    target.event = "tampered"
    with override_settings(SIGAP_AUDIT_KEY="a-key-the-attacker-guessed"):
        forged = audit._digest(target.prev_hash, audit._payload(target))
    _raw("UPDATE security_auditentry SET event = %s, hash = %s WHERE id = %s", ["tampered", forged, target.pk])
    assert audit.verify_chain()


def test_staff_request_records_client_address_but_reporter_request_does_not(db, rf, make_user):
    staff = make_user()
    request = rf.get("/", REMOTE_ADDR="203.0.113.9")
    with_actor = audit.record("test.staff", actor=staff, request=request)
    without_actor = audit.record("test.reporter", actor=None, request=request)
    assert with_actor.data["client"] == "203.0.113.9"
    assert "client" not in without_actor.data
