"""Every change of the risk map goes through one function here: recording an entry,
changing it, reviewing it. Each runs in one transaction, checks that the actor keeps the
map (benturan.registers_access), validates the entry, saves it, adds the version row that
says who changed what and why (the page's history), and writes the audit entry.

`data` holds the entry's fields by their model names (ENTRY_FIELDS): `unit` a UnitKerja,
`pemilik` an account, the rest plain values. Errors name those fields.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from security import audit

from .models import PetaRisiko, PetaRisikoVersi
from .models.peta_risiko import AksiVersi
from .registers_access import may_keep_risk_map

ENTRY_FIELDS = (
    "unit",
    "objek",
    "nama",
    "uraian_risiko",
    "sumber",
    "kemungkinan",
    "dampak",
    "pengendalian_ada",
    "pemilik",
    "tinjau_berikutnya",
)
#: Kept by name in the history, as they were: a unit renamed or a person replaced later
#: does not rewrite what the map said then.
_BY_NAME = frozenset({"unit", "pemilik"})
_TEXTS = frozenset({"nama", "uraian_risiko", "pengendalian_ada"})

EVENT_CREATED = "benturan.risk_entry_created"
EVENT_CHANGED = "benturan.risk_entry_changed"
EVENT_REVIEWED = "benturan.risk_entry_reviewed"
_EVENTS = {AksiVersi.DIBUAT: EVENT_CREATED, AksiVersi.DIUBAH: EVENT_CHANGED, AksiVersi.DITINJAU: EVENT_REVIEWED}


def _check_keeper(actor) -> None:
    if not may_keep_risk_map(actor):
        raise PermissionDenied(_("Hanya Tim Benturan Kepentingan yang memelihara peta risiko."))


def _history_value(entry: PetaRisiko, field: str):
    """A field's value as the history keeps it (JSON)."""
    if field in _BY_NAME:
        related = getattr(entry, field, None) if getattr(entry, f"{field}_id") else None
        return str(related) if related is not None else ""
    value = getattr(entry, field)
    return value.isoformat() if isinstance(value, date) else value


def _snapshot(entry: PetaRisiko) -> dict[str, Any]:
    values = {field: _history_value(entry, field) for field in ENTRY_FIELDS}
    # The level follows the two figures; when it moves, the history says so too.
    values["level"] = str(entry.level) if entry.kemungkinan and entry.dampak else ""
    return values


def _fill(entry: PetaRisiko, data: dict[str, Any]) -> None:
    unknown = set(data) - set(ENTRY_FIELDS)
    if unknown:
        raise ValueError(f"A risk-map entry does not take {sorted(unknown)}")
    for field in ENTRY_FIELDS:
        if field not in data:
            continue
        value = data[field]
        if field in _TEXTS or field == "sumber":
            value = (value or "").strip()
        setattr(entry, field, value)


def _validate(entry: PetaRisiko, *, today: date, new_review_date: bool = True) -> None:
    """The entry as a whole; a review date is checked to lie ahead when it is set (an
    overdue entry may be corrected without being reviewed yet)."""
    errors: dict[str, list] = {}
    try:
        entry.full_clean(exclude=["versi", "dibuat_pada", "diubah_pada", "ditinjau_pada"], validate_unique=False)
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    if entry.pemilik_id and not entry.pemilik.is_active and "pemilik" not in errors:
        errors["pemilik"] = [ValidationError(_("Pemilik risiko harus pegawai aktif. Pilih dari daftar."))]
    if entry.unit_id and not entry.unit.is_active and "unit" not in errors:
        errors["unit"] = [ValidationError(_("Unit ini tidak aktif lagi. Pilih dari daftar."))]
    if new_review_date and isinstance(entry.tinjau_berikutnya, date) and entry.tinjau_berikutnya <= today:
        errors.setdefault("tinjau_berikutnya", []).append(
            ValidationError(_("Tanggal tinjauan berikutnya harus sesudah hari ini."))
        )
    if errors:
        raise ValidationError(errors)


def _record(entry: PetaRisiko, *, aksi: str, actor, catatan: str, before: dict, request) -> PetaRisikoVersi:
    after = _snapshot(entry)
    changes = [
        [field, before.get(field, ""), value] for field, value in after.items() if before.get(field, "") != value
    ]
    version = PetaRisikoVersi.objects.create(
        entri=entry,
        nomor=entry.versi,
        aksi=aksi,
        oleh=actor,
        pada=entry.diubah_pada,
        catatan=catatan,
        perubahan=changes,
    )
    audit.record(
        _EVENTS[aksi],
        actor=actor,
        obj=entry,
        # The fields only: what they say is in the history, shown to those who read the map.
        data={"version": entry.versi, "fields": [field for field, _before, _after in changes]},
        request=request,
    )
    return version


def peta_risiko_create(*, actor, data: dict[str, Any], catatan: str = "", request=None) -> PetaRisiko:
    """Record a new entry of the risk map (its first version). Call from the Tim's form."""
    _check_keeper(actor)
    with transaction.atomic():
        now = timezone.now()
        entry = PetaRisiko(versi=1, dibuat_pada=now, diubah_pada=now)
        _fill(entry, data)
        _validate(entry, today=timezone.localdate())
        entry.save(force_insert=True)
        _record(entry, aksi=AksiVersi.DIBUAT, actor=actor, catatan=(catatan or "").strip(), before={}, request=request)
    return entry


def _lock(entry) -> PetaRisiko:
    return PetaRisiko.objects.select_for_update().select_related("unit", "pemilik").get(pk=entry.pk)


def peta_risiko_change(*, entry, actor, data: dict[str, Any], alasan: str, request=None) -> PetaRisiko:
    """Change an entry between reviews, with the reason (a new position, a control added).
    Refused when nothing changes."""
    _check_keeper(actor)
    alasan = (alasan or "").strip()
    with transaction.atomic():
        locked = _lock(entry)
        before = _snapshot(locked)
        _fill(locked, data)
        errors = {}
        if not alasan:
            errors["alasan"] = [ValidationError(_("Tuliskan alasan perubahan."))]
        new_date = _history_value(locked, "tinjau_berikutnya") != before["tinjau_berikutnya"]
        try:
            _validate(locked, today=timezone.localdate(), new_review_date=new_date)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if not errors and _snapshot(locked) == before:
            errors["__all__"] = [
                ValidationError(_("Tidak ada yang berubah. Ubah isian yang perlu diperbarui, atau batalkan."))
            ]
        if errors:
            raise ValidationError(errors)
        return _save_version(locked, aksi=AksiVersi.DIUBAH, actor=actor, catatan=alasan, before=before, request=request)


def peta_risiko_review(*, entry, actor, data: dict[str, Any], hasil: str, request=None) -> PetaRisiko:
    """Record the yearly review of an entry: its result, whatever it changed (possibly
    nothing), and the date of the next review (in `data`, after today)."""
    _check_keeper(actor)
    hasil = (hasil or "").strip()
    with transaction.atomic():
        locked = _lock(entry)
        before = _snapshot(locked)
        _fill(locked, data)
        errors = {}
        if not hasil:
            errors["hasil"] = [ValidationError(_("Tuliskan hasil tinjauan."))]
        try:
            _validate(locked, today=timezone.localdate())
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)
        locked.ditinjau_pada = timezone.localdate()
        return _save_version(
            locked, aksi=AksiVersi.DITINJAU, actor=actor, catatan=hasil, before=before, request=request
        )


def _save_version(locked: PetaRisiko, *, aksi, actor, catatan, before, request) -> PetaRisiko:
    locked.versi += 1
    locked.diubah_pada = timezone.now()
    locked.save()
    _record(locked, aksi=aksi, actor=actor, catatan=catatan, before=before, request=request)
    return locked
