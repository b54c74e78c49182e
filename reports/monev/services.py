"""Every change of the monev records and of the semester report goes through one function
here. Each runs in one transaction, checks the actor (reports.monev.access), validates,
saves and writes its audit entry. Errors are ValidationErrors naming the fields of the
forms (or PermissionDenied when the actor may not act at all).

The life of a semester's report: the Tim ZI writes it (draf), may submit it for signing
(diajukan: it waits in the Pimpinan's inbox), and it is signed (terbit) either by the
Pimpinan in SIGAP or, for a signature made on paper, recorded by the Tim ZI. Signing
freezes the whole document as a version. A signed report changes only by reopening it
(the Tim ZI, with a reason), which lets it be edited and signed again as the next
version; every earlier version stays as issued.

While a semester's report is signed, what it printed of its meetings (date, subject,
attendees, findings, recommendations) is locked; what lives on after the report (the
follow-up of each recommendation, its owner and due date) is not.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from casework.sanitize import CleanFile
from security import audit

from ..record_fields import fill
from ..stored_files import store_files
from . import access, documents, selectors, snapshot
from .models import (
    BerkasRapat,
    BerkasTindakLanjut,
    JenisBerkasRapat,
    JenisTindakLanjut,
    LaporanMonev,
    LaporanMonevVersi,
    RapatMonev,
    Rekomendasi,
    StatusLaporan,
    TindakLanjutRekomendasi,
)

EVENT_REPORT_EDITED = "reports.monev_report_edited"
EVENT_REPORT_SUBMITTED = "reports.monev_report_submitted"
EVENT_REPORT_SIGNED = "reports.monev_report_signed"
EVENT_REPORT_REOPENED = "reports.monev_report_reopened"
EVENT_MEETING_RECORDED = "reports.monev_meeting_recorded"
EVENT_MEETING_CHANGED = "reports.monev_meeting_changed"
EVENT_RECOMMENDATION_RECORDED = "reports.monev_recommendation_recorded"
EVENT_RECOMMENDATION_CHANGED = "reports.monev_recommendation_changed"
EVENT_FOLLOW_UP_RECORDED = "reports.monev_follow_up_recorded"
EVENT_RECOMMENDATION_REOPENED = "reports.monev_recommendation_reopened"

REPORT_FIELDS = ("pendahuluan", "dasar_hukum", "penutup", "tempat")
MEETING_FIELDS = ("tanggal", "perihal", "objek", "peserta", "tempat")
RECOMMENDATION_FIELDS = ("uraian", "masukan", "unit", "batas_waktu")
#: What a signed semester printed of a recommendation; the rest lives on.
PRINTED_RECOMMENDATION_FIELDS = ("uraian", "masukan")


def _check(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _keeper(actor) -> None:
    _check(access.may_keep(actor), _("Hanya Tim ZI / TPI yang mencatat monev."))


def _full_clean(obj, exclude=()) -> None:
    obj.full_clean(exclude=list(exclude), validate_unique=False)


def _signed_semesters() -> set[tuple[int, int]]:
    return set(LaporanMonev.objects.filter(status=StatusLaporan.TERBIT).values_list("tahun", "semester").order_by())


def _semester_key(day: date) -> tuple[int, int]:
    return (day.year, 1 if day.month <= 6 else 2)


def _refuse_signed(day: date, field: str, message: str) -> None:
    if _semester_key(day) in _signed_semesters():
        raise ValidationError({field: [ValidationError(message)]})


def _signed_message(day: date) -> str:
    return _(
        "Laporan monev %(period)s sudah ditandatangani. Buka kembali laporannya untuk mengubah rapat pada semester itu."
    ) % {"period": selectors.semester_of(day).label}


# The semester report ----------------------------------------------------------------------


def _report_locked(year: int, semester: int) -> LaporanMonev:
    """The semester's report row, locked; created with the starting texts when missing."""
    LaporanMonev.objects.get_or_create(
        tahun=year, semester=semester, defaults=_starting_fields(selectors.report_for(year, semester))
    )
    return LaporanMonev.objects.select_for_update().get(tahun=year, semester=semester)


def _starting_fields(report: LaporanMonev) -> dict[str, Any]:
    return {name: getattr(report, name) for name in REPORT_FIELDS}


def _check_period(year: int, semester: int) -> None:
    if semester not in (1, 2) or not 2000 <= year <= 2100:
        raise ValidationError(_("Semester ini tidak ada."))


def monev_report_edit(*, year: int, semester: int, actor, data: dict[str, Any], request=None) -> LaporanMonev:
    """Change the written parts of a semester's report (introduction, legal basis,
    closing, place). Refused while it is signed: reopen it first."""
    _keeper(actor)
    _check_period(year, semester)
    with transaction.atomic():
        report = _report_locked(year, semester)
        if report.is_signed:
            raise ValidationError(_("Laporan ini sudah ditandatangani. Buka kembali untuk mengubahnya."))
        changed = fill(report, data, REPORT_FIELDS)
        errors = {}
        for name in ("pendahuluan", "dasar_hukum", "penutup"):
            if name in data and not getattr(report, name):
                errors[name] = [ValidationError(_("Bagian ini tidak boleh kosong."))]
        try:
            _full_clean(report)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)
        report.diubah_pada = timezone.now()
        report.diubah_oleh = actor
        report.save()
        audit.record(EVENT_REPORT_EDITED, actor=actor, obj=report, data={"fields": changed}, request=request)
    return report


def monev_report_submit(*, year: int, semester: int, actor, request=None) -> LaporanMonev:
    """Send a draft to the Pimpinan for signing: it waits in their inbox. Needs at
    least one meeting in the semester."""
    _keeper(actor)
    _check_period(year, semester)
    with transaction.atomic():
        report = _report_locked(year, semester)
        if report.status != StatusLaporan.DRAF:
            raise ValidationError(_("Laporan ini sudah diajukan atau sudah ditandatangani."))
        period = report.period
        if not RapatMonev.objects.filter(tanggal__gte=period.start, tanggal__lte=period.end).exists():
            raise ValidationError(_("Catat paling sedikit satu rapat monev pada semester ini sebelum mengajukan."))
        report.status = StatusLaporan.DIAJUKAN
        report.diajukan_pada = timezone.now()
        report.diajukan_oleh = actor
        report.save()
        audit.record(EVENT_REPORT_SUBMITTED, actor=actor, obj=report, request=request)
    return report


def monev_report_sign(
    *, year: int, semester: int, actor, tempat: str, tanggal: date, request=None
) -> LaporanMonevVersi:
    """Sign the semester's report: its whole document, numbers and text, is kept as the
    next version and never recomputed.

    The Pimpinan signs as themselves. The Tim ZI records a signature the Kepala Dinas
    made on paper: the signer is then the head of the unit at the top of the tree.
    The document is issued in Bahasa Indonesia whatever the signer's language.
    """
    signs_in_person = access.may_sign(actor)
    _check(
        signs_in_person or access.may_keep(actor),
        _("Hanya Pimpinan yang menandatangani; Tim ZI / TPI dapat mencatat tanda tangan di atas kertas."),
    )
    _check_period(year, semester)
    tempat = (tempat or "").strip()
    today = timezone.localdate()
    with transaction.atomic():
        report = _report_locked(year, semester)
        if report.is_signed:
            raise ValidationError(_("Laporan ini sudah ditandatangani."))
        errors: dict[str, list] = {}
        if not tempat:
            errors["tempat"] = [ValidationError(_("Isi tempat penandatanganan."))]
        if not isinstance(tanggal, date):
            errors["tanggal"] = [ValidationError(_("Isi tanggal penandatanganan."))]
        elif tanggal > today:
            errors["tanggal"] = [ValidationError(_("Tanggal penandatanganan tidak boleh sesudah hari ini."))]
        elif tanggal < report.period.start:
            errors["tanggal"] = [ValidationError(_("Tanggal penandatanganan tidak boleh sebelum semester dimulai."))]
        if signs_in_person:
            signer = actor
        else:
            top = selectors.top_unit()
            signer = top.head if top is not None else None
            if signer is None:
                errors["__all__"] = [
                    ValidationError(_("Kepala unit tertinggi belum ditetapkan; minta admin menetapkannya."))
                ]
        if errors:
            raise ValidationError(errors)
        report.tempat = tempat
        number = report.versi_terakhir + 1
        with translation.override("id"):
            note = _("Versi %(number)d, ditandatangani %(day)s. Isi dan angka dibekukan saat penandatanganan.") % {
                "number": number,
                "day": documents.day_text(tanggal),
            }
            document = documents.build(
                report, signature=documents.signature_of(place=tempat, day=tanggal, signer=signer), status_note=note
            )
        version = LaporanMonevVersi.objects.create(
            laporan=report,
            nomor=number,
            dokumen=snapshot.to_json(document),
            tanggal=tanggal,
            tempat=tempat,
            ditandatangani_oleh=signer,
            dicatat_oleh=actor,
            alasan=report.alasan_dibuka,
        )
        report.status = StatusLaporan.TERBIT
        report.versi_terakhir = number
        report.alasan_dibuka = ""
        report.save()
        audit.record(
            EVENT_REPORT_SIGNED,
            actor=actor,
            obj=version,
            data={"version": number, "signer": signer.pk, "on_paper": not signs_in_person},
            request=request,
        )
    return version


def monev_report_reopen(*, year: int, semester: int, actor, alasan: str, request=None) -> LaporanMonev:
    """Reopen a signed report to correct and reissue it; the issued versions stay."""
    _keeper(actor)
    _check_period(year, semester)
    alasan = (alasan or "").strip()
    with transaction.atomic():
        report = _report_locked(year, semester)
        if not report.is_signed:
            raise ValidationError(_("Laporan ini belum ditandatangani; tidak perlu dibuka kembali."))
        if not alasan:
            raise ValidationError({"alasan": [ValidationError(_("Tuliskan alasan membuka kembali laporan."))]})
        report.alasan_dibuka = alasan
        report.status = StatusLaporan.DRAF
        report.diajukan_pada = None
        report.diajukan_oleh = None
        report.diubah_pada = timezone.now()
        report.diubah_oleh = actor
        _full_clean(report)
        report.save()
        audit.record(
            EVENT_REPORT_REOPENED, actor=actor, obj=report, data={"version": report.versi_terakhir}, request=request
        )
    return report


# Meetings -------------------------------------------------------------------------------


def _validate_meeting(rapat: RapatMonev, today: date) -> None:
    errors: dict[str, list] = {}
    try:
        _full_clean(rapat, exclude=["dicatat_oleh"])
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    if isinstance(rapat.tanggal, date) and rapat.tanggal > today and "tanggal" not in errors:
        errors["tanggal"] = [ValidationError(_("Tanggal rapat tidak boleh sesudah hari ini."))]
    if errors:
        raise ValidationError(errors)


def rapat_create(*, actor, data: dict[str, Any], files: list[tuple[str, CleanFile]] = (), request=None) -> RapatMonev:
    """Record a monev meeting that took place, with its files (`files`: pairs of a
    JenisBerkasRapat value and a sanitized file)."""
    _keeper(actor)
    with transaction.atomic():
        rapat = RapatMonev(dicatat_oleh=actor)
        fill(rapat, data, MEETING_FIELDS)
        _validate_meeting(rapat, timezone.localdate())
        _refuse_signed(rapat.tanggal, "tanggal", _signed_message(rapat.tanggal))
        rapat.save(force_insert=True)
        audit.record(EVENT_MEETING_RECORDED, actor=actor, obj=rapat, data={"date": rapat.tanggal}, request=request)
        _store_meeting_files(rapat, files, actor=actor, request=request)
    return rapat


def rapat_change(*, rapat: RapatMonev, actor, data: dict[str, Any], request=None) -> RapatMonev:
    """Correct a meeting's record. Refused when its semester (before or after the
    change) is signed."""
    _keeper(actor)
    with transaction.atomic():
        locked = RapatMonev.objects.select_for_update().get(pk=rapat.pk)
        _refuse_signed(locked.tanggal, "__all__", _signed_message(locked.tanggal))
        changed = fill(locked, data, MEETING_FIELDS)
        if not changed:
            raise ValidationError(_("Tidak ada yang berubah."))
        _validate_meeting(locked, timezone.localdate())
        _refuse_signed(locked.tanggal, "tanggal", _signed_message(locked.tanggal))
        first = locked.rekomendasi.order_by("batas_waktu").values_list("batas_waktu", flat=True).first()
        if first is not None and first < locked.tanggal:
            raise ValidationError(
                {"tanggal": [ValidationError(_("Tanggal rapat tidak boleh sesudah batas waktu masukan perbaikannya."))]}
            )
        locked.diubah_pada = timezone.now()
        locked.save()
        audit.record(EVENT_MEETING_CHANGED, actor=actor, obj=locked, data={"fields": changed}, request=request)
    return locked


def _store_meeting_files(rapat, files, *, actor, request) -> list[BerkasRapat]:
    stored = []
    for jenis, clean in files:
        if jenis not in JenisBerkasRapat.values:
            raise ValidationError({"jenis": [ValidationError(_("Pilih jenis berkas dari daftar."))]})
        stored += store_files(BerkasRapat, [clean], actor=actor, request=request, rapat=rapat, jenis=jenis)
    return stored


def rapat_add_files(*, rapat: RapatMonev, actor, jenis: str, files: list[CleanFile], request=None) -> list[BerkasRapat]:
    """Add files (minutes, attendance list, photos) to a meeting; allowed after signing,
    since the files were never part of the printed report."""
    _keeper(actor)
    if not files:
        raise ValidationError({"berkas": [ValidationError(_("Pilih berkas yang akan diunggah."))]})
    with transaction.atomic():
        locked = RapatMonev.objects.select_for_update().get(pk=rapat.pk)
        return _store_meeting_files(locked, [(jenis, clean) for clean in files], actor=actor, request=request)


# Recommendations ------------------------------------------------------------------------


def _validate_recommendation(rec: Rekomendasi, rapat: RapatMonev) -> None:
    errors: dict[str, list] = {}
    try:
        _full_clean(rec, exclude=["rapat", "nomor"])
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    if rec.unit_id and not rec.unit.is_active and "unit" not in errors:
        errors["unit"] = [ValidationError(_("Unit ini tidak aktif lagi. Pilih dari daftar."))]
    if isinstance(rec.batas_waktu, date) and rec.batas_waktu < rapat.tanggal and "batas_waktu" not in errors:
        errors["batas_waktu"] = [ValidationError(_("Batas waktu tidak boleh sebelum tanggal rapat."))]
    if errors:
        raise ValidationError(errors)


def rekomendasi_create(*, rapat: RapatMonev, actor, data: dict[str, Any], request=None) -> Rekomendasi:
    """Add a row to a meeting: the finding, the recommendation on it, the unit that
    answers for it and by when."""
    _keeper(actor)
    with transaction.atomic():
        locked = RapatMonev.objects.select_for_update().get(pk=rapat.pk)
        _refuse_signed(locked.tanggal, "__all__", _signed_message(locked.tanggal))
        rec = Rekomendasi(rapat=locked)
        fill(rec, data, RECOMMENDATION_FIELDS)
        _validate_recommendation(rec, locked)
        rec.nomor = (locked.rekomendasi.aggregate(last=Max("nomor"))["last"] or 0) + 1
        rec.save(force_insert=True)
        audit.record(
            EVENT_RECOMMENDATION_RECORDED,
            actor=actor,
            obj=rec,
            data={"meeting": locked.pk, "unit": rec.unit_id, "due": rec.batas_waktu},
            request=request,
        )
    return rec


def rekomendasi_change(*, rekomendasi: Rekomendasi, actor, data: dict[str, Any], request=None) -> Rekomendasi:
    """Change a recommendation: its text while its semester is unsigned; its unit and
    due date at any time (they live on after the report)."""
    _keeper(actor)
    with transaction.atomic():
        rec = Rekomendasi.objects.select_for_update().select_related("rapat", "unit").get(pk=rekomendasi.pk)
        changed = fill(rec, data, RECOMMENDATION_FIELDS)
        if not changed:
            raise ValidationError(_("Tidak ada yang berubah."))
        printed = [name for name in changed if name in PRINTED_RECOMMENDATION_FIELDS]
        if printed:
            _refuse_signed(rec.rapat.tanggal, printed[0], _signed_message(rec.rapat.tanggal))
        _validate_recommendation(rec, rec.rapat)
        rec.diubah_pada = timezone.now()
        rec.save()
        audit.record(EVENT_RECOMMENDATION_CHANGED, actor=actor, obj=rec, data={"fields": changed}, request=request)
    return rec


def tindak_lanjut_record(
    *,
    rekomendasi: Rekomendasi,
    actor,
    uraian: str,
    tanggal: date,
    selesai: bool,
    files: list[CleanFile] = (),
    request=None,
) -> TindakLanjutRekomendasi:
    """Record what was done on a recommendation, with its evidence; `selesai` says it
    is finished (the recommendation leaves the next semesters' tables and the inbox).
    By the head of its unit or the Tim ZI. Refused on a finished recommendation."""
    uraian = (uraian or "").strip()
    with transaction.atomic():
        rec = Rekomendasi.objects.select_for_update().select_related("rapat").get(pk=rekomendasi.pk)
        _check(access.may_follow_up(actor, rec), _("Anda tidak mencatat tindak lanjut masukan ini."))
        if not rec.is_open:
            raise ValidationError(_("Masukan ini sudah selesai. Tim ZI dapat membukanya kembali bila perlu."))
        errors: dict[str, list] = {}
        if not uraian:
            errors["uraian"] = [ValidationError(_("Uraikan tindak lanjut yang dilakukan."))]
        today = timezone.localdate()
        reopened = (
            rec.tindak_lanjut.filter(jenis=JenisTindakLanjut.DIBUKA)
            .order_by("-tanggal")
            .values_list("tanggal", flat=True)
        ).first()
        if not isinstance(tanggal, date):
            errors["tanggal"] = [ValidationError(_("Isi tanggal tindak lanjut dilaksanakan."))]
        elif tanggal > today:
            errors["tanggal"] = [ValidationError(_("Tanggal tidak boleh sesudah hari ini."))]
        elif tanggal < rec.rapat.tanggal:
            errors["tanggal"] = [ValidationError(_("Tanggal tidak boleh sebelum rapat yang memberi masukan ini."))]
        elif reopened is not None and tanggal < reopened:
            errors["tanggal"] = [ValidationError(_("Tanggal tidak boleh sebelum masukan ini dibuka kembali."))]
        entry = TindakLanjutRekomendasi(
            rekomendasi=rec,
            jenis=JenisTindakLanjut.SELESAI if selesai else JenisTindakLanjut.PROGRES,
            tanggal=tanggal if isinstance(tanggal, date) else None,
            uraian=uraian,
            dicatat_oleh=actor,
        )
        if not errors:
            try:
                _full_clean(entry, exclude=["rekomendasi", "dicatat_oleh"])
            except ValidationError as exc:
                errors = exc.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)
        entry.save(force_insert=True)
        if selesai:
            rec.selesai_pada = tanggal
            rec.diubah_pada = timezone.now()
            rec.save(update_fields=["selesai_pada", "diubah_pada"])
        store_files(BerkasTindakLanjut, list(files), actor=actor, request=request, tindak_lanjut=entry)
        audit.record(
            EVENT_FOLLOW_UP_RECORDED,
            actor=actor,
            obj=entry,
            data={"recommendation": rec.pk, "finished": bool(selesai), "files": len(files)},
            request=request,
        )
    return entry


def rekomendasi_reopen(*, rekomendasi: Rekomendasi, actor, alasan: str, request=None) -> Rekomendasi:
    """Open a finished recommendation again (the Tim ZI, with the reason): its follow-up
    did not answer it. It is carried again until finished."""
    _keeper(actor)
    alasan = (alasan or "").strip()
    with transaction.atomic():
        rec = Rekomendasi.objects.select_for_update().get(pk=rekomendasi.pk)
        if rec.is_open:
            raise ValidationError(_("Masukan ini belum selesai."))
        if not alasan:
            raise ValidationError({"alasan": [ValidationError(_("Tuliskan mengapa masukan ini dibuka kembali."))]})
        TindakLanjutRekomendasi.objects.create(
            rekomendasi=rec,
            jenis=JenisTindakLanjut.DIBUKA,
            tanggal=max(timezone.localdate(), rec.selesai_pada),
            uraian=alasan,
            dicatat_oleh=actor,
        )
        rec.selesai_pada = None
        rec.diubah_pada = timezone.now()
        rec.save(update_fields=["selesai_pada", "diubah_pada"])
        audit.record(EVENT_RECOMMENDATION_REOPENED, actor=actor, obj=rec, request=request)
    return rec
