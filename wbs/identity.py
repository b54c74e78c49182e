"""The reporter's sealed identity: sealing it at filing, and the access-request flow that
is the only way to open it (GlobaLeaks' identity access request).

1. The Pengelola WBS assigned to the report asks, in writing, why they need the identity
   (identity_request). Handlers otherwise see only that an identity exists.
2. A second person decides: a Pimpinan or an Inspektorat member — only the Inspektorat
   when the report is handled there (the leadership is reported) — never the requester,
   nor anyone the report names (identity_approve / identity_refuse). They decide on the
   written reason and the report's number; they never see the report itself.
3. Only an approved request lets its own requester open the identity, while they still
   may act on the report and hold it: they are its assignee (identity_open). Every
   opening is audited.
4. An approval binds to the person and the report while they hold it: when the report
   is given to someone else (or to nobody, or its holder is recused, or it moves to the
   Inspektorat), the former holder's pending or approved requests end (berakhir), as the
   page shows (end_former_holders, the wbs kind's CaseKind.on_assignee_change). Taking
   the report back does not revive them: the holder asks again.

A closed report takes no new request and no approval (casework.closure); refusing a
pending one stays possible.

Each step is one transaction with the report row locked, and writes an internal history
line and an audit entry (casework.services.record_case_event).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import EmailValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import roles
from accounts.models import nip_validator
from casework import access, closure, named_persons
from casework.services import record_case_event
from casework.validators import validate_phone
from security import audit

from . import sealing
from .choices import Penanganan, StatusPermintaan
from .models import IdentityAccessRequest, LaporanWbs, SealedIdentity

#: A justification is a sentence or more, not a word: the decider judges it alone.
MIN_REASON_LENGTH = 30
#: Who may decide a request, by the role that handles the report.
DECIDER_ROLES = {
    Penanganan.PENGELOLA_WBS: (roles.PIMPINAN, roles.INSPEKTORAT),
    Penanganan.INSPEKTORAT: (roles.INSPEKTORAT,),
}
LIMITS = {"nama": 200, "nip": 18, "jabatan": 200, "unit_kerja": 200, "telepon": 30, "email": 254, "keterangan": 2000}


@dataclass(frozen=True)
class Identitas:
    """What a reporter may tell about themselves; every part optional."""

    nama: str = ""
    nip: str = ""
    jabatan: str = ""
    unit_kerja: str = ""
    telepon: str = ""
    email: str = ""
    keterangan: str = ""


def clean_identity(identitas: Identitas | None) -> dict[str, str]:
    """The parts given, trimmed and checked; {} when nothing was given. Errors are keyed
    "identitas_<part>" so a form can show each beside its input."""
    if identitas is None:
        return {}
    data = {
        key: " ".join(str(value or "").split()) if key != "keterangan" else str(value or "").strip()
        for key, value in asdict(identitas).items()
    }
    data = {key: value for key, value in data.items() if value}
    errors = {}
    for key, value in data.items():
        if len(value) > LIMITS[key]:
            errors[f"identitas_{key}"] = _("Paling banyak %(limit)d karakter.") % {"limit": LIMITS[key]}
    checks = {
        "nip": nip_validator,
        "telepon": validate_phone,
        "email": EmailValidator(_("Alamat e-mail tidak valid.")),
    }
    for key, check in checks.items():
        if key in data and f"identitas_{key}" not in errors:
            try:
                check(data[key])
            except ValidationError as exc:
                errors[f"identitas_{key}"] = exc.messages
    if errors:
        raise ValidationError(errors)
    return data


def seal_identity(laporan: LaporanWbs, data: dict[str, str]) -> SealedIdentity:
    """Store the cleaned identity sealed. Call inside the filing transaction, once."""
    envelope = sealing.seal(data, report_id=laporan.pk)
    return SealedIdentity.objects.create(laporan=laporan, envelope=envelope, key_version=sealing.key_version(envelope))


def _lock(case) -> LaporanWbs:
    if case.kind != "wbs":
        raise ValueError(f"Case {case.pk} is a {case.kind}, not a WBS report")
    return LaporanWbs.objects.select_for_update().get(pk=case.pk)


# --- Request ----------------------------------------------------------------------------


def identity_request(*, case, actor, reason: str, request=None) -> IdentityAccessRequest:
    """Ask to open the reporter's identity, with the written reason the decider will
    judge. Only the handler assigned to the report may ask."""
    reason = (reason or "").strip()
    with transaction.atomic():
        locked = _lock(case)
        access.ensure_can_act(actor, locked, "identity_request")
        if locked.assignee_id != actor.pk:
            raise PermissionDenied(
                _("Hanya petugas yang ditugasi menangani laporan ini yang dapat meminta pembukaan identitas.")
            )
        closure.ensure_open(locked)
        if not locked.has_identity:
            raise ValidationError(_("Pelapor tidak memberikan identitas; tidak ada yang dapat dibuka."))
        if len(reason) < MIN_REASON_LENGTH:
            raise ValidationError(
                {
                    "reason": _("Jelaskan alasan permintaan dengan jelas (paling sedikit %(min)d karakter).")
                    % {"min": MIN_REASON_LENGTH}
                }
            )
        mine = IdentityAccessRequest.objects.filter(laporan=locked, requested_by=actor)
        if mine.filter(status=StatusPermintaan.MENUNGGU).exists():
            raise ValidationError(_("Permintaan Anda sebelumnya masih menunggu keputusan."))
        if mine.filter(status=StatusPermintaan.DISETUJUI).exists():
            raise ValidationError(_("Permintaan Anda sudah disetujui; identitas pelapor dapat dibuka."))
        access_request = IdentityAccessRequest.objects.create(laporan=locked, requested_by=actor, reason=reason)
        record_case_event(
            locked,
            change="identity_request",
            event=audit.Event.WBS_IDENTITY_REQUESTED,
            actor=actor,
            note=reason,
            data={"request": access_request.pk},
            request=request,
        )
    return access_request


# --- Decision ---------------------------------------------------------------------------


def decide_refusals(user, access_request: IdentityAccessRequest, laporan: LaporanWbs) -> list[str]:
    """Why `user` may not decide the request (empty: they may)."""
    if not (user and user.is_authenticated and user.is_active):
        return [_("Anda harus masuk sebagai petugas.")]
    if user.pk == access_request.requested_by_id:
        return [_("Permintaan tidak dapat diputus oleh pemintanya sendiri.")]
    if not user.has_role(*DECIDER_ROLES[laporan.penanganan]):
        return [_("Peran Anda tidak berwenang memutus permintaan ini.")]
    if named_persons.is_named(user, laporan) or access.is_recused(user, laporan):
        return [_("Anda dikecualikan (recusal) dari laporan ini.")]
    return []


def _decide(
    *, access_request, actor, status: str, note: str, change: str, event: str, request
) -> IdentityAccessRequest:
    with transaction.atomic():
        locked = _lock(access_request.laporan)
        pending = IdentityAccessRequest.objects.select_for_update().get(pk=access_request.pk)
        refusals = decide_refusals(actor, pending, locked)
        if refusals:
            raise PermissionDenied(refusals[0])
        if status == StatusPermintaan.DISETUJUI:
            # Approving opens access: never on a closed report. Refusing stays possible.
            closure.ensure_open(locked)
        if pending.status == StatusPermintaan.BERAKHIR:
            raise ValidationError(_("Permintaan ini sudah berakhir: pemintanya tidak lagi menangani laporan ini."))
        if not pending.is_pending:
            raise ValidationError(_("Permintaan ini sudah diputus."))
        pending.status = status
        pending.decided_by = actor
        pending.decided_at = timezone.now()
        pending.decision_note = note
        pending.full_clean()
        pending.save()
        record_case_event(
            locked,
            change=change,
            event=event,
            actor=actor,
            note=note,
            data={"request": pending.pk},
            request=request,
        )
    return pending


def identity_approve(*, access_request, actor, note: str = "", request=None) -> IdentityAccessRequest:
    """Approve the request: its requester may then open the identity."""
    return _decide(
        access_request=access_request,
        actor=actor,
        status=StatusPermintaan.DISETUJUI,
        note=(note or "").strip(),
        change="identity_approved",
        event=audit.Event.WBS_IDENTITY_APPROVED,
        request=request,
    )


def identity_refuse(*, access_request, actor, note: str, request=None) -> IdentityAccessRequest:
    """Refuse the request, saying why (the requester reads it)."""
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Tuliskan alasan penolakan.")})
    return _decide(
        access_request=access_request,
        actor=actor,
        status=StatusPermintaan.DITOLAK,
        note=note,
        change="identity_refused",
        event=audit.Event.WBS_IDENTITY_REFUSED,
        request=request,
    )


# --- Opening ----------------------------------------------------------------------------


def identity_open(*, case, actor, request=None) -> dict[str, str]:
    """The reporter's identity, for the requester of an approved request who still holds
    the report (its assignee) and may act on it. Each call is audited; show the result,
    never store it."""
    with transaction.atomic():
        locked = _lock(case)
        access.ensure_can_act(actor, locked, "identity_open")
        # Checked now, whatever path changed the assignee since the approval.
        if locked.assignee_id != actor.pk:
            raise PermissionDenied(
                _("Identitas pelapor hanya dapat dibuka oleh petugas yang kini ditugasi menangani laporan ini.")
            )
        approved = (
            IdentityAccessRequest.objects.filter(laporan=locked, requested_by=actor, status=StatusPermintaan.DISETUJUI)
            .order_by("-decided_at")
            .first()
        )
        if approved is None:
            raise PermissionDenied(_("Identitas pelapor hanya dapat dibuka setelah permintaan Anda disetujui."))
        sealed = SealedIdentity.objects.get(laporan=locked)
        data = sealing.unseal(sealed.envelope, report_id=locked.pk)
        record_case_event(
            locked,
            change="identity_opened",
            event=audit.Event.WBS_IDENTITY_OPENED,
            actor=actor,
            data={"request": approved.pk},
            request=request,
        )
    return data


# --- Ending -----------------------------------------------------------------------------


def end_former_holders(case, *, previous_id: int | None, actor=None, request=None) -> list[int]:
    """End the pending and approved requests of anyone but the report's assignee now: an
    approval binds to the person and the report while they hold it. The wbs kind's
    CaseKind.on_assignee_change, called by the engine in the transaction of every change
    of the assignee (and by wbs.services when a report moves to the Inspektorat), with the
    row locked. Returns the ids of the requests it ended."""
    live = IdentityAccessRequest.objects.select_for_update().filter(
        laporan_id=case.pk, status__in=[StatusPermintaan.MENUNGGU, StatusPermintaan.DISETUJUI]
    )
    ended = list(live.exclude(requested_by_id=case.assignee_id).values_list("pk", flat=True))
    if not ended:
        return []
    IdentityAccessRequest.objects.filter(pk__in=ended).update(status=StatusPermintaan.BERAKHIR, ended_at=timezone.now())
    record_case_event(
        case,
        change="identity_ended",
        event=audit.Event.WBS_IDENTITY_ENDED,
        actor=actor,
        note=_("Permintaan membuka identitas berakhir: pemintanya tidak lagi ditugasi menangani laporan ini."),
        data={"requests": ended, "previous": previous_id},
        request=request,
    )
    return ended
