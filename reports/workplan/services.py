"""Every change of the work plan's Penguatan Pengawasan actions and of their evidence goes
through one function here: in one transaction, by the Tim ZI / TPI only, validated,
audited. Errors are ValidationErrors naming the forms' fields."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.sanitize import CleanFile
from security import audit

from ..record_fields import fill
from ..stored_files import store_files
from . import access, schedule
from .defaults import DEFAULT_ACTIONS
from .indicators import INDICATORS
from .models import BerkasBuktiAksi, BuktiAksi, JenisBukti, RencanaAksi, RencanaKerja
from .outputs import OUTPUT_TYPES

EVENT_PLAN_CREATED = "reports.workplan_created"
EVENT_PLAN_CHANGED = "reports.workplan_changed"
EVENT_ACTION_ADDED = "reports.workplan_action_added"
EVENT_ACTION_CHANGED = "reports.workplan_action_changed"
EVENT_ACTION_WITHDRAWN = "reports.workplan_action_withdrawn"
EVENT_ACTION_RESTORED = "reports.workplan_action_restored"
EVENT_EVIDENCE_ADDED = "reports.workplan_evidence_added"

ACTION_FIELDS = (
    "sub_area",
    "indikator_kode",
    "indikator",
    "rencana_aksi",
    "output",
    "jenis_output",
    "bulan_mulai",
    "bulan_selesai",
    "frekuensi",
    "unit",
    "pelaksana",
)
#: Copied from a row of the year before (or of the defaults) into a new year's plan.
_COPIED = tuple(name for name in ACTION_FIELDS if name != "unit")


def _keeper(actor) -> None:
    if not access.may_keep(actor):
        raise PermissionDenied(_("Hanya Tim ZI / TPI yang memelihara rencana kerja."))


def rencana_kerja_create(*, year: int, actor, request=None) -> RencanaKerja:
    """Start a year's plan: its actions copied from the newest earlier year's active
    rows, or from SIGAP's defaults (reports.workplan.defaults) when there is none."""
    _keeper(actor)
    if not 2000 <= year <= 2100:
        raise ValidationError({"tahun": [ValidationError(_("Tahun harus antara 2000 dan 2100."))]})
    with transaction.atomic():
        if RencanaKerja.objects.select_for_update().filter(tahun=year).exists():
            raise ValidationError({"tahun": [ValidationError(_("Rencana kerja tahun ini sudah ada."))]})
        earlier = RencanaKerja.objects.filter(tahun__lt=year).order_by("-tahun").first()
        plan = RencanaKerja.objects.create(
            tahun=year, dibuat_oleh=actor, pengingat_hari=earlier.pengingat_hari if earlier else 14
        )
        if earlier is not None:
            rows = [
                {**{name: getattr(aksi, name) for name in _COPIED}, "unit_id": aksi.unit_id}
                for aksi in earlier.aksi.filter(aktif=True).order_by("urutan", "pk")
            ]
        else:
            rows = [{name: getattr(default, name) for name in _COPIED} for default in DEFAULT_ACTIONS]
        RencanaAksi.objects.bulk_create(
            [RencanaAksi(rencana=plan, urutan=number, **row) for number, row in enumerate(rows, start=1)]
        )
        audit.record(
            EVENT_PLAN_CREATED,
            actor=actor,
            obj=plan,
            data={"year": year, "actions": len(rows), "copied_from": earlier.tahun if earlier else None},
            request=request,
        )
    return plan


def rencana_kerja_change(*, plan: RencanaKerja, actor, pengingat_hari: int, request=None) -> RencanaKerja:
    """Change how many days before a due date the inbox starts reminding."""
    _keeper(actor)
    with transaction.atomic():
        locked = RencanaKerja.objects.select_for_update().get(pk=plan.pk)
        locked.pengingat_hari = pengingat_hari
        locked.full_clean(exclude=["dibuat_oleh"])
        locked.save(update_fields=["pengingat_hari"])
        audit.record(
            EVENT_PLAN_CHANGED, actor=actor, obj=locked, data={"reminder_days": pengingat_hari}, request=request
        )
    return locked


def _validate(aksi: RencanaAksi) -> None:
    errors: dict[str, list] = {}
    try:
        aksi.full_clean(exclude=["rencana", "urutan"], validate_unique=False)
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    if aksi.jenis_output not in OUTPUT_TYPES and "jenis_output" not in errors:
        errors["jenis_output"] = [ValidationError(_("Pilih jenis bukti dari daftar."))]
    code = aksi.indikator_kode
    if code in INDICATORS and aksi.sub_area and INDICATORS[code][0] != aksi.sub_area and "indikator_kode" not in errors:
        errors["indikator_kode"] = [ValidationError(_("Indikator ini bukan bagian dari sub-area yang dipilih."))]
    first, last = aksi.bulan_mulai, aksi.bulan_selesai
    if isinstance(first, int) and isinstance(last, int) and first > last and "bulan_selesai" not in errors:
        errors["bulan_selesai"] = [ValidationError(_("Bulan selesai tidak boleh sebelum bulan mulai."))]
    if aksi.unit_id and not aksi.unit.is_active and "unit" not in errors:
        errors["unit"] = [ValidationError(_("Unit ini tidak aktif lagi. Pilih dari daftar."))]
    if errors:
        raise ValidationError(errors)


def aksi_create(*, plan: RencanaKerja, actor, data: dict[str, Any], request=None) -> RencanaAksi:
    """Add an action to a year's plan, after its last row."""
    _keeper(actor)
    with transaction.atomic():
        locked = RencanaKerja.objects.select_for_update().get(pk=plan.pk)
        aksi = RencanaAksi(rencana=locked)
        fill(aksi, data, ACTION_FIELDS)
        _validate(aksi)
        aksi.urutan = (locked.aksi.aggregate(last=Max("urutan"))["last"] or 0) + 1
        aksi.save(force_insert=True)
        audit.record(
            EVENT_ACTION_ADDED, actor=actor, obj=aksi, data={"indicator": aksi.indikator_kode}, request=request
        )
    return aksi


def aksi_change(*, aksi: RencanaAksi, actor, data: dict[str, Any], request=None) -> RencanaAksi:
    """Change an action. Evidence uploaded for a period the new schedule no longer has
    stays kept, and is listed apart on the action's page."""
    _keeper(actor)
    with transaction.atomic():
        locked = RencanaAksi.objects.select_for_update().select_related("rencana").get(pk=aksi.pk)
        changed = fill(locked, data, ACTION_FIELDS)
        if not changed:
            raise ValidationError(_("Tidak ada yang berubah."))
        _validate(locked)
        locked.diubah_pada = timezone.now()
        locked.save()
        audit.record(EVENT_ACTION_CHANGED, actor=actor, obj=locked, data={"fields": changed}, request=request)
    return locked


def aksi_set_active(*, aksi: RencanaAksi, actor, aktif: bool, request=None) -> RencanaAksi:
    """Withdraw an action from the plan (it no longer counts or reminds; its evidence is
    kept) or put it back."""
    _keeper(actor)
    with transaction.atomic():
        locked = RencanaAksi.objects.select_for_update().get(pk=aksi.pk)
        if locked.aktif == aktif:
            raise ValidationError(_("Rencana aksi ini sudah aktif.") if aktif else _("Rencana aksi ini sudah ditarik."))
        locked.aktif = aktif
        locked.diubah_pada = timezone.now()
        locked.save(update_fields=["aktif", "diubah_pada"])
        audit.record(
            EVENT_ACTION_RESTORED if aktif else EVENT_ACTION_WITHDRAWN, actor=actor, obj=locked, request=request
        )
    return locked


def bukti_add(
    *,
    aksi: RencanaAksi,
    actor,
    periode: str,
    jenis: str,
    keterangan: str = "",
    tautan: str = "",
    files: list[CleanFile] = (),
    request=None,
) -> BuktiAksi:
    """Attach evidence for one period of an action: files, a link to a publication, or
    both."""
    _keeper(actor)
    with transaction.atomic():
        locked = RencanaAksi.objects.select_for_update().select_related("rencana").get(pk=aksi.pk)
        errors: dict[str, list] = {}
        if schedule.slot_by_key(locked, periode) is None:
            errors["periode"] = [ValidationError(_("Pilih periode dari daftar."))]
        if jenis not in JenisBukti.values:
            errors["jenis"] = [ValidationError(_("Pilih jenis bukti dari daftar."))]
        if not files and not (tautan or "").strip():
            errors["berkas"] = [ValidationError(_("Unggah berkas atau isi tautan publikasinya."))]
        bukti = BuktiAksi(
            aksi=locked,
            periode=periode,
            jenis=jenis,
            keterangan=(keterangan or "").strip(),
            tautan=(tautan or "").strip(),
            dicatat_oleh=actor,
        )
        if not errors:
            try:
                bukti.full_clean(exclude=["aksi", "dicatat_oleh"])
            except ValidationError as exc:
                errors = exc.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)
        bukti.save(force_insert=True)
        store_files(BerkasBuktiAksi, list(files), actor=actor, request=request, bukti=bukti)
        audit.record(
            EVENT_EVIDENCE_ADDED,
            actor=actor,
            obj=bukti,
            data={"action": locked.pk, "period": periode, "files": len(files), "link": bool(bukti.tautan)},
            request=request,
        )
    return bukti
