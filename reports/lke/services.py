"""The evaluator's decisions on the LKE: answering an item over SIGAP's proposal, and
withdrawing that answer so the proposal counts again. Each is a new LkeOverride row
(the history stays) written with its audit entry in one transaction."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from security import audit

from . import sources
from .access import may_override
from .models import REASON_MAX_LENGTH, LkeItem, LkeOption, LkeOverride
from .selectors import framework_for, overrides_of

#: Audit events of the LKE (security.audit records any event name).
LKE_OVERRIDE = "lke.override"
LKE_OVERRIDE_WITHDRAWN = "lke.override_withdrawn"


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Tuliskan alasan jawaban penilai.")})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError({"reason": _("Alasan paling panjang %(limit)d karakter.") % {"limit": REASON_MAX_LENGTH}})
    return reason


def _check(*, year: int, item: LkeItem, actor) -> None:
    if not may_override(actor):
        raise PermissionDenied
    framework = framework_for(year)
    if framework is None or item.subcomponent.component.framework_id != framework.pk:
        raise ValidationError(_("Butir ini bukan bagian dari LKE yang berlaku untuk tahun %(year)s.") % {"year": year})
    if item.is_computed:
        raise ValidationError(_("Persentase ini dihitung SIGAP dari catatannya dan tidak dapat diganti penilai."))


def _snapshot(item: LkeItem, year: int) -> tuple[LkeOption | None, str]:
    """SIGAP's proposal now: the option it names, and the sentence that justifies it."""
    proposal = sources.propose_all([item.code], year)[item.code]
    if proposal is None:
        return None, ""
    option = item.options.filter(letter=proposal.option).first() if proposal.option else None
    return option, proposal.note


def _record(*, event: str, year: int, item: LkeItem, option, reason: str, actor, request, data: dict) -> LkeOverride:
    """The decision's row, with SIGAP's proposal of the moment beside it, and its audit
    entry. Call inside the decision's transaction, with the item's row locked."""
    proposed, note = _snapshot(item, year)
    row = LkeOverride.objects.create(
        year=year,
        item=item,
        option=option,
        reason=reason,
        proposed_option=proposed,
        proposed_note=note,
        decided_by=actor,
    )
    audit.record(
        event,
        actor=actor,
        obj=row,
        request=request,
        data={"year": year, "item": item.code, "proposed": proposed.letter if proposed else None, "reason": reason}
        | data,
    )
    return row


def _lock(item: LkeItem) -> None:
    # One decision on an item at a time, so a withdrawal sees the answer it withdraws.
    LkeItem.objects.select_for_update().filter(pk=item.pk).exists()


def lke_answer_override(
    *, year: int, item: LkeItem, option: LkeOption, reason: str, actor, request=None
) -> LkeOverride:
    """Record the Tim ZI / TPI evaluator's answer to `item` for `year` in place of SIGAP's
    proposal, with the reason. Call when the evaluator decides an answer; the proposal
    of the moment is kept beside it."""
    _check(year=year, item=item, actor=actor)
    if option is None or option.item_id != item.pk:
        raise ValidationError({"option": _("Pilih salah satu jawaban butir ini.")})
    reason = _reason(reason)
    with transaction.atomic():
        _lock(item)
        return _record(
            event=LKE_OVERRIDE,
            year=year,
            item=item,
            option=option,
            reason=reason,
            actor=actor,
            request=request,
            data={"option": option.letter},
        )


def lke_answer_withdraw(*, year: int, item: LkeItem, reason: str, actor, request=None) -> LkeOverride:
    """Withdraw the evaluator's answer in force for `item` and `year`, so SIGAP's proposal
    counts again. Call when the override was a mistake or the records now answer."""
    _check(year=year, item=item, actor=actor)
    reason = _reason(reason)
    with transaction.atomic():
        _lock(item)
        history = overrides_of(year, [item.pk]).get(item.pk, [])
        if not history or history[0].withdraws:
            raise ValidationError(_("Tidak ada jawaban penilai yang berlaku untuk ditarik."))
        return _record(
            event=LKE_OVERRIDE_WITHDRAWN,
            year=year,
            item=item,
            option=None,
            reason=reason,
            actor=actor,
            request=request,
            data={"withdrawn": history[0].option.letter},
        )
