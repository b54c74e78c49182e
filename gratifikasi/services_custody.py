"""The UPG's custody register: receiving an object from a declarant and releasing it.

Each step is one transaction, numbered (TTP/2026/0001, one sequence per year), written to
the declaration's history and to the audit log, and printed as a receipt (tanda terima).
An object is released once: a second release is refused, also when two officers try at
the same moment (the row is locked). The follow-up of KPK's decision releases a held
object itself (gratifikasi.services.declaration_record_follow_up, through release_held).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from casework import access, references
from casework.money import as_amount
from casework.services import record_case_event

from .choices import ALLOWED_FOLLOW_UP, JenisLaporan, JenisTindakLanjut, State
from .models import BarangTitipan, Gratifikasi

KIND = "gratifikasi"
SEQUENCE = "titipan"
#: The permission asked of casework.access for the register's steps.
ACTION = "custody"
EVENT_RECEIVED = "gratifikasi.custody_received"
EVENT_RELEASED = "gratifikasi.custody_released"


def _lock_case(case) -> Gratifikasi:
    if case.kind != KIND:
        raise ValueError(f"Case {case.pk} is a {case.kind}, not a gratifikasi declaration")
    return Gratifikasi.objects.select_for_update().get(pk=case.pk)


def _money(value) -> Decimal | None:
    return None if value is None or value == "" else as_amount(value, name="nilai")


def next_nomor(year: int) -> str:
    """The next custody number of `year`; call inside the transaction that saves it."""
    return f"TTP/{year}/{references.next_number(SEQUENCE, year):04d}"


def custody_receive(
    *,
    case,
    actor,
    uraian: str,
    nilai: Decimal | int | None,
    diterima_dari: str,
    diterima_tanggal: date | None,
    lokasi_simpan: str,
    request=None,
) -> BarangTitipan:
    """Record an object a declarant hands to the UPG while KPK decides; returns the
    register's row, whose number the printed receipt carries. Only for a received gift
    whose declaration is still being handled. Raises PermissionDenied for anyone but a
    UPG officer who may handle the declaration, ValidationError naming the fields."""
    with transaction.atomic():
        locked = _lock_case(case)
        access.ensure_can_act(actor, locked, ACTION)
        if locked.jenis_laporan != JenisLaporan.PENERIMAAN:
            raise ValidationError(
                _("Gratifikasi yang ditolak tidak ada pada pelapor, sehingga tidak dapat dititipkan.")
            )
        if not locked.is_open:
            raise ValidationError(_("Laporan ini sudah selesai; barang tidak dapat lagi diterima sebagai titipan."))
        item = BarangTitipan(
            gratifikasi=locked,
            uraian=(uraian or "").strip(),
            nilai=_money(nilai),
            diterima_dari=(diterima_dari or "").strip(),
            diterima_tanggal=diterima_tanggal,
            diterima_oleh=actor,
            lokasi_simpan=(lokasi_simpan or "").strip(),
        )
        errors: dict = {}
        try:
            item.full_clean(exclude=["nomor", "gratifikasi", "diterima_oleh"], validate_unique=False)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if isinstance(diterima_tanggal, date) and diterima_tanggal < locked.tanggal_terima:
            # A receipt to be signed and kept must not carry a typo such as year 0001.
            errors.setdefault("diterima_tanggal", []).append(
                ValidationError(
                    _("Barang tidak mungkin diterima UPG sebelum gratifikasi diterima pelapor (%(date)s).")
                    % {"date": formats.date_format(locked.tanggal_terima, "j F Y")}
                )
            )
        if errors:
            raise ValidationError(errors)
        item.nomor = next_nomor(timezone.localdate().year)
        item.save(force_insert=True)
        if not locked.dititipkan:
            # The object is in custody now, whatever the declaration said at first.
            Gratifikasi.objects.filter(pk=locked.pk).update(dititipkan=True)
            locked.dititipkan = True
        record_case_event(
            locked,
            change="titipan_diterima",
            event=EVENT_RECEIVED,
            actor=actor,
            note=item.nomor,
            data={"item": item.pk, "nomor": item.nomor},
            request=request,
        )
    return item


def custody_release(
    *,
    item: BarangTitipan,
    actor,
    tanggal: date | None,
    kepada: str,
    alasan: str,
    catatan: str = "",
    request=None,
) -> BarangTitipan:
    """Record that a held object left the UPG's custody: when, to whom and why (handed
    to the state, returned to the declarant, or kept by the declarant who paid its
    value). Refused for an object already released. Usually the follow-up of KPK's
    decision releases it; call this for a release outside it (an object returned after
    the declaration was found not obligatory)."""
    with transaction.atomic():
        # The declaration first, then the object: the order the follow-up locks them in,
        # so two officers acting at once wait for each other instead of deadlocking.
        declaration_id = BarangTitipan.objects.filter(pk=item.pk).values_list("gratifikasi_id", flat=True).get()
        case = _lock_case(Gratifikasi(pk=declaration_id, kind=KIND))
        locked = BarangTitipan.objects.select_for_update().get(pk=item.pk)
        access.ensure_can_act(actor, case, ACTION)
        allowed = release_reasons(case)
        _release(
            locked,
            case,
            actor=actor,
            tanggal=tanggal,
            kepada=kepada,
            alasan=alasan,
            catatan=catatan,
            request=request,
            refusal=None if alasan in allowed else _release_refusal(allowed),
        )
    return locked


def release_reasons(case: Gratifikasi) -> frozenset[str]:
    """Why a held object may leave the UPG now (domain.md §5: it stays until KPK decides):
    after the SK, what the SK allows; for a declaration found not obligatory or not
    processed, only a return to the declarant; before any of these, nothing."""
    if case.state in (State.TIDAK_WAJIB, State.TIDAK_DIPROSES):
        return frozenset({JenisTindakLanjut.PENGEMBALIAN})
    if case.sk_status:
        return ALLOWED_FOLLOW_UP[case.sk_status] - {JenisTindakLanjut.TIDAK_ADA}
    return frozenset()


def _release_refusal(allowed: frozenset[str]) -> str:
    if not allowed:
        return _("Barang titipan tetap disimpan UPG sampai KPK menetapkan statusnya.")
    labels = ", ".join(str(JenisTindakLanjut(value).label).lower() for value in sorted(allowed))
    return _("Menurut keputusan atas laporan ini, barang hanya dapat dikeluarkan untuk: %(reasons)s.") % {
        "reasons": labels
    }


def release_held(case: Gratifikasi, items, *, actor, tanggal: date, jenis: str, request=None) -> None:
    """Release every held object of the declaration as its follow-up says: to the state
    for a handover, to the declarant for a return or after compensation. Call inside
    the follow-up's transaction, with the items locked and the permission checked."""
    with translation.override(settings.LANGUAGE_CODE):
        kepada = _("Negara, melalui KPK") if jenis == JenisTindakLanjut.PENYERAHAN else case.nama
        catatan = _("Dikeluarkan bersama tindak lanjut SK KPK %(nomor)s.") % {"nomor": case.sk_nomor}
    for item in items:
        _release(
            item, case, actor=actor, tanggal=tanggal, kepada=kepada, alasan=jenis, catatan=catatan, request=request
        )


def _release(item: BarangTitipan, case, *, actor, tanggal, kepada, alasan, catatan, request, refusal=None) -> None:
    """Record the release; `refusal` is why its reason is not allowed now, reported with
    any other field errors so the officer corrects everything at once."""
    if not item.is_held:
        raise ValidationError(
            _("Barang %(nomor)s sudah dikeluarkan pada %(date)s.")
            % {"nomor": item.nomor, "date": formats.date_format(item.dikeluarkan_tanggal, "j F Y")}
        )
    item.dikeluarkan_tanggal = tanggal
    item.dikeluarkan_kepada = (kepada or "").strip()
    item.alasan_keluar = alasan or ""
    item.dikeluarkan_oleh = actor
    item.catatan = (catatan or "").strip()
    errors: dict = {}
    try:
        item.full_clean(exclude=["gratifikasi", "diterima_oleh", "dikeluarkan_oleh"], validate_unique=False)
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    if refusal:
        errors.setdefault("alasan_keluar", []).append(ValidationError(refusal))
    if errors:
        raise ValidationError(errors)
    item.save(
        update_fields=["dikeluarkan_tanggal", "dikeluarkan_kepada", "alasan_keluar", "dikeluarkan_oleh", "catatan"]
    )
    record_case_event(
        case,
        change="titipan_dikeluarkan",
        event=EVENT_RELEASED,
        actor=actor,
        note=item.nomor,
        data={"item": item.pk, "nomor": item.nomor, "alasan": item.alasan_keluar},
        request=request,
    )
