"""The append-only, hash-chained audit log.

Each entry's hash is an HMAC (key: settings.SIGAP_AUDIT_KEY) over its own content and the
previous entry's hash. Editing, deleting or reordering any entry breaks every later link,
and someone with write access to the database but not the key cannot forge a new chain.
`manage.py verify_audit` walks the chain and reports each break.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .client import client_address
from .models import AuditChainHead, AuditEntry

GENESIS = "0" * 64


class Event:
    """Audit event names; one constant per kind of event."""

    LOGIN = "auth.login"
    LOGIN_FAILED = "auth.login_failed"
    LOGOUT = "auth.logout"
    LOCKED_OUT = "auth.locked_out"
    OTP_ENROLLED = "otp.enrolled"
    OTP_VERIFIED = "otp.verified"
    OTP_FAILED = "otp.failed"
    OTP_BACKUP_USED = "otp.backup_code_used"
    OTP_BACKUP_GENERATED = "otp.backup_codes_generated"
    OTP_RESET = "otp.reset_by_admin"
    ACCESS_REQUESTED = "access.requested"
    ACCESS_APPROVED = "access.approved"
    ACCESS_REFUSED = "access.refused"
    ACCESS_CANCELLED = "access.cancelled"
    ROLE_GRANTED = "role.granted"
    ROLE_REMOVED = "role.removed"
    PASSWORD_LINK_SENT = "password.link_sent"
    PASSWORD_SET = "password.set_by_link"
    CASE_OPENED = "case.opened"
    CASE_VIEWED = "case.viewed"
    CASE_TRANSITION = "case.transition"
    CASE_ASSIGNED = "case.assigned"
    CASE_RECUSAL = "case.recusal"
    CASE_RECUSAL_LIFTED = "case.recusal_lifted"
    CASE_NAMED_PERSON = "case.named_person"
    CASE_NAMED_MATCH_CHANGED = "case.named_match_changed"
    CASE_CONFIDENTIALITY = "case.confidentiality_changed"
    CASE_RATED = "case.rated"
    CASE_MOVED_TO_WBS = "case.moved_to_wbs"
    CASE_CONFLICT_REPORTED = "case.conflict_reported"
    CASE_CONTROL_ENDED = "case.conflict_control_ended"
    MESSAGE_POSTED = "case.message"
    NOTE_ADDED = "case.internal_note"
    ATTACHMENT_ADDED = "attachment.added"
    ATTACHMENT_DOWNLOADED = "attachment.downloaded"
    EXPORT = "export"
    ADMIN_CHANGE = "admin.change"
    KEYS_ROTATED = "crypto.keys_rotated"
    SLA_REMINDER = "sla.reminder"
    SLA_ESCALATED = "sla.escalated"
    WBS_REPORTED_MATCHED = "wbs.reported_matched"
    WBS_CONTACT_CHANGED = "wbs.reporter_contact_changed"
    WBS_IDENTITY_REQUESTED = "wbs.identity_requested"
    WBS_IDENTITY_APPROVED = "wbs.identity_approved"
    WBS_IDENTITY_REFUSED = "wbs.identity_refused"
    WBS_IDENTITY_OPENED = "wbs.identity_opened"
    WBS_IDENTITY_ENDED = "wbs.identity_access_ended"
    WBS_IDENTITY_KEYS_ROTATED = "wbs.identity_keys_rotated"


def _digest(prev_hash: str, payload: dict) -> str:
    message = prev_hash.encode() + json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str).encode()
    return hmac.new(settings.SIGAP_AUDIT_KEY.encode(), message, hashlib.sha256).hexdigest()


def _payload(entry: AuditEntry) -> dict:
    return {
        "id": entry.pk,
        "created_at": entry.created_at.isoformat(),
        "event": entry.event,
        "actor_id": entry.actor_id,
        "actor_label": entry.actor_label,
        "case_id": entry.case_id,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "data": entry.data,
    }


def _client_address(request) -> str | None:
    if request is None:
        return None
    return client_address(request) or None


def record(
    event: str,
    *,
    actor=None,
    case=None,
    obj=None,
    data: dict | None = None,
    request=None,
    include_client: bool = True,
) -> AuditEntry:
    """Append one entry. Call inside the transaction of the change it records.

    The client address is recorded for staff requests; public reporter requests pass
    `request=None` or `include_client=False` so that nothing identifies the reporter.
    """
    data = dict(data or {})
    if include_client and request is not None and actor is not None:
        address = _client_address(request)
        if address:
            data["client"] = address
    # No savepoint of its own: an entry belongs to the change it records and fails with it.
    with transaction.atomic(savepoint=False):
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        entry = AuditEntry(
            # The id is part of the hashed content. The head row, locked here, counts the
            # entries, so the next id is known before the insert and the entry is written
            # once, already sealed. (Every entry is written here; see AuditEntry.save.)
            id=head.last_id + 1,
            created_at=timezone.now(),
            event=event,
            actor_id=getattr(actor, "pk", None),
            actor_label=str(actor)[:200] if actor is not None else "",
            case_id=getattr(case, "pk", None),
            object_type=obj._meta.label if obj is not None else "",
            object_id=str(obj.pk) if obj is not None else "",
            # JSON round-trip so the hashed data equals what the database gives back later.
            data=json.loads(json.dumps(data, default=str)),
            prev_hash=head.last_hash,
        )
        entry.hash = _digest(entry.prev_hash, _payload(entry))
        entry.save(force_insert=True)
        head.last_id = entry.pk
        head.last_hash = entry.hash
        head.save(update_fields=["last_id", "last_hash"])
    return entry


def record_opened_many(cases, *, created_at=None) -> list[AuditEntry]:
    """Append one CASE_OPENED entry per case, in order, with one lock of the chain head.

    For cases opened together in one transaction by the task worker (casework.intake):
    the same entries record() would write one by one, chained the same way, written with
    one insert. Public submissions only: no actor and no client address.
    """
    if not cases:
        return []
    with transaction.atomic(savepoint=False):
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        now = created_at or timezone.now()
        entries = []
        prev_hash, next_id = head.last_hash, head.last_id + 1
        for case in cases:
            entry = AuditEntry(
                id=next_id,
                created_at=now,
                event=Event.CASE_OPENED,
                actor_id=None,
                actor_label="",
                case_id=case.pk,
                object_type="",
                object_id="",
                data={"kind": case.kind, "reference": case.reference},
                prev_hash=prev_hash,
            )
            entry.hash = _digest(prev_hash, _payload(entry))
            entries.append(entry)
            prev_hash, next_id = entry.hash, next_id + 1
        # bulk_create, not save(): every entry here is numbered and sealed like record()'s.
        AuditEntry.objects.bulk_create(entries)
        head.last_id = entries[-1].pk
        head.last_hash = entries[-1].hash
        head.save(update_fields=["last_id", "last_hash"])
    return entries


@dataclass(frozen=True)
class Break:
    entry_id: int | None
    problem: str


def verify_chain(*, batch_size: int = 2000) -> list[Break]:
    """Walk the whole chain; return every break found (empty when intact)."""
    breaks: list[Break] = []
    prev_hash = GENESIS
    last_id = 0
    qs = AuditEntry.objects.order_by("id")
    for entry in qs.iterator(chunk_size=batch_size):
        if entry.prev_hash != prev_hash:
            breaks.append(
                Break(entry.pk, "link to the previous entry does not match (an entry before it was removed or changed)")
            )
        if not hmac.compare_digest(entry.hash, _digest(entry.prev_hash, _payload(entry))):
            breaks.append(Break(entry.pk, "content does not match its hash (the entry was edited)"))
        prev_hash = entry.hash
        last_id = entry.pk
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and (head.last_id != last_id or head.last_hash != prev_hash):
        breaks.append(Break(None, "the newest entries are missing (the chain ends before its recorded head)"))
    return breaks
