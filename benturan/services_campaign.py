"""Every change of a yearly declaration campaign goes through one function here: opening
it, an employee's answer ("tidak ada" or "ada", the latter filing a conflict case through
benturan_declare), closing it, and each reminder sent. Each runs in one transaction with
its audit entry.

Who must declare is fixed when the campaign opens (benturan.models.kampanye): the active
accounts whose unit is one of the units chosen or below one of them, each with that unit
and position kept on their row. Closing refuses any later answer, so the figures stay as
they were at closing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any
from uuid import UUID

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import UnitKerja
from security import audit

from .models import Benturan, KampanyeDeklarasi, KewajibanDeklarasi
from .models.kampanye import Jawaban
from .registers_access import may_manage_campaigns
from .services import benturan_declare

EVENT_OPENED = "benturan.campaign_opened"
EVENT_DECLARED = "benturan.campaign_declared"
EVENT_CLOSED = "benturan.campaign_closed"
EVENT_REMINDED = "benturan.campaign_reminder"


def covered_unit_ids(units: Iterable[UnitKerja]) -> set[int]:
    """The units chosen and every unit below them."""
    ids: set[int] = set()
    for unit in units:
        if unit.pk not in ids:
            ids.update(unit.descendant_ids())
    return ids


def _check_manager(actor) -> None:
    if not may_manage_campaigns(actor):
        raise PermissionDenied(
            _("Hanya administrator atau Tim Benturan Kepentingan yang mengelola kampanye deklarasi.")
        )


def kampanye_open(*, actor, tahun: int | None, units: Sequence[UnitKerja], batas_waktu: date | None, request=None):
    """Open the declaration campaign of `tahun` for `units` (each with the units below it),
    answered until `batas_waktu`. Fixes who must declare (see the module). One campaign a
    year. Raises ValidationError naming `tahun`, `units` or `batas_waktu`."""
    _check_manager(actor)
    today = timezone.localdate()
    errors: dict[str, list] = {}
    if tahun is None:
        errors["tahun"] = [ValidationError(_("Isi tahun kampanye."))]
    elif KampanyeDeklarasi.objects.filter(tahun=tahun).exists():
        errors["tahun"] = [ValidationError(_("Kampanye tahun %(year)s sudah pernah dibuka.") % {"year": tahun})]
    units = [unit for unit in dict.fromkeys(units or ()) if unit is not None]
    if not units:
        errors["units"] = [ValidationError(_("Pilih setidaknya satu unit."))]
    elif any(not unit.is_active for unit in units):
        errors["units"] = [ValidationError(_("Unit yang dipilih tidak aktif lagi. Pilih dari daftar."))]
    if batas_waktu is None:
        errors["batas_waktu"] = [ValidationError(_("Isi batas waktu pernyataan."))]
    elif batas_waktu < today:
        errors["batas_waktu"] = [ValidationError(_("Batas waktu tidak boleh sebelum hari ini."))]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        campaign = KampanyeDeklarasi.objects.create(tahun=tahun, batas_waktu=batas_waktu, dibuka_oleh=actor)
        campaign.unit_cakupan.set(units)
        obliged = (
            get_user_model()
            .objects.filter(is_active=True, unit_id__in=covered_unit_ids(units))
            .order_by("pk")
            .values_list("pk", "unit_id", "jabatan")
        )
        rows = KewajibanDeklarasi.objects.bulk_create(
            [
                KewajibanDeklarasi(kampanye=campaign, pegawai_id=pk, unit_id=unit_id, jabatan=jabatan or "")
                for pk, unit_id, jabatan in obliged
            ],
            batch_size=1000,
        )
        audit.record(
            EVENT_OPENED,
            actor=actor,
            obj=campaign,
            data={
                "year": tahun,
                "units": [unit.pk for unit in units],
                "deadline": batas_waktu.isoformat(),
                "obliged": len(rows),
            },
            request=request,
        )
    return campaign


def _locked_obligation(campaign, pegawai) -> KewajibanDeklarasi:
    row = (
        KewajibanDeklarasi.objects.select_for_update()
        .filter(kampanye_id=campaign.pk, pegawai_id=getattr(pegawai, "pk", None))
        .first()
    )
    if row is None:
        raise PermissionDenied(_("Anda tidak termasuk pegawai yang wajib menyatakan dalam kampanye ini."))
    return row


def _check_answerable(row: KewajibanDeklarasi, campaign: KampanyeDeklarasi) -> None:
    if not campaign.is_open:
        raise ValidationError(_("Kampanye ini sudah ditutup; pernyataan tidak dapat lagi diterima."))
    if row.declared:
        raise ValidationError(_("Anda sudah menyatakan dalam kampanye ini."))


def _answered(row: KewajibanDeklarasi, *, jawaban: str, case: Benturan | None, actor, request) -> None:
    row.jawaban = jawaban
    row.dinyatakan_pada = timezone.now()
    row.benturan = case
    row.save(update_fields=["jawaban", "dinyatakan_pada", "benturan"])
    audit.record(
        EVENT_DECLARED,
        actor=actor,
        case=case,
        obj=row,
        data={"campaign": row.kampanye_id, "answer": jawaban},
        request=request,
    )


def _lock_campaign(campaign) -> KampanyeDeklarasi:
    # Shared with closing: an answer and the closing of its campaign never cross.
    return KampanyeDeklarasi.objects.select_for_update().get(pk=campaign.pk)


def kampanye_declare_none(*, kampanye, pegawai, request=None) -> KewajibanDeklarasi:
    """The employee states that they have no conflict of interest this year."""
    if pegawai is None or not pegawai.is_authenticated or not pegawai.is_active:
        raise PermissionDenied(_("Masuk dengan akun Anda untuk menyatakan."))
    with transaction.atomic():
        campaign = _lock_campaign(kampanye)
        row = _locked_obligation(campaign, pegawai)
        _check_answerable(row, campaign)
        _answered(row, jawaban=Jawaban.TIDAK_ADA, case=None, actor=pegawai, request=request)
    return row


def kampanye_declare_conflict(
    *,
    kampanye,
    pegawai,
    data: dict[str, Any],
    pihak_pegawai: Iterable = (),
    files: Sequence = (),
    jabatan: str = "",
    submission_key: UUID | None = None,
    request=None,
) -> Benturan:
    """The employee declares a conflict of interest in the campaign: the declaration is
    filed as a conflict case (benturan_declare, same arguments, routed to the superior)
    and the campaign's row links to it. A form sent twice returns the case filed the
    first time. Raises ValidationError as benturan_declare does; then nothing is stored."""
    if pegawai is None or not pegawai.is_authenticated or not pegawai.is_active:
        raise PermissionDenied(_("Masuk dengan akun Anda untuk menyatakan."))
    with transaction.atomic():
        campaign = _lock_campaign(kampanye)
        row = _locked_obligation(campaign, pegawai)
        if row.benturan_id is not None and submission_key is not None:
            filed = Benturan.objects.filter(pk=row.benturan_id, submission_key=submission_key).first()
            if filed is not None:
                return filed
        _check_answerable(row, campaign)
        case = benturan_declare(
            declarant=pegawai,
            data=data,
            pihak_pegawai=pihak_pegawai,
            files=files,
            jabatan=jabatan,
            submission_key=submission_key,
            request=request,
        )
        _answered(row, jawaban=Jawaban.ADA, case=case, actor=pegawai, request=request)
    return case


def kampanye_close(*, kampanye, actor, request=None) -> KampanyeDeklarasi:
    """Close the campaign: no answer is accepted afterwards, so its figures are final."""
    _check_manager(actor)
    with transaction.atomic():
        campaign = _lock_campaign(kampanye)
        if not campaign.is_open:
            raise ValidationError(_("Kampanye ini sudah ditutup."))
        campaign.ditutup_pada = timezone.now()
        campaign.ditutup_oleh = actor
        campaign.save(update_fields=["ditutup_pada", "ditutup_oleh"])
        rows = KewajibanDeklarasi.objects.filter(kampanye_id=campaign.pk)
        audit.record(
            EVENT_CLOSED,
            actor=actor,
            obj=campaign,
            data={"obliged": rows.count(), "declared": rows.filter(dinyatakan_pada__isnull=False).count()},
            request=request,
        )
    return campaign
