"""Every change of a gratifikasi declaration goes through one function here.

Each adds only what is a declaration's own and leaves the rest to casework.services: one
transaction, the row locked, permission checked under the lock, the transition and its
conditions, clocks, timeline, audit. A step that needs data (the registration number, the
KPK reference, the SK) sets it on the locked row and validates it in the same
transaction, so a refused step leaves nothing behind.

The declarant is a signed-in employee and the reporter of their declaration: their two
steps (declaration_submit, declaration_complete) name them in the history and the audit
log (casework's reporter_account) and check that the declaration is theirs. Every other
step is the UPG's: an officer never handles their own declaration (gratifikasi.policy).
Errors name the model field to correct, or the argument (`rule`, `sk_scan`, `receipt`,
`foto`) when it is not a field of the declaration.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from casework import access, attachments, references, sla
from casework.history_notes import HistoryNote
from casework.models import Attachment
from casework.money import as_amount, format_rupiah
from casework.sanitize import CleanFile
from casework.services import case_open, run_transition
from casework.validators import normalize_nik
from casework.workflow import TransitionBlocked, blocked_reasons, transition_meta

from . import clocks, conditions, history_notes
from .choices import (
    NEEDS_HANDOVER,
    PURPOSE_FOTO,
    PURPOSE_SK,
    PURPOSE_TANDA_TERIMA,
    Clock,
    JenisLaporan,
    JenisTindakLanjut,
)
from .exemptions import advise, advise_declaration
from .giver import giver_digest
from .models import BarangTitipan, ExemptionRule, Gratifikasi

__all__ = [
    "declaration_accept_complete",
    "declaration_close_incomplete",
    "declaration_close_refusal",
    "declaration_complete",
    "declaration_conclude_not_obligatory",
    "declaration_forward_to_kpk",
    "declaration_record_follow_up",
    "declaration_record_sk",
    "declaration_register",
    "declaration_request_completion",
    "declaration_submit",
    "giver_digest",
]

KIND = "gratifikasi"
IDENTITY_FIELDS = ("nama", "nik", "nip", "jabatan", "unit_kerja", "alamat", "telepon", "email")
GIVER_FIELDS = ("pemberi_nama", "pemberi_instansi", "pemberi_alamat", "hubungan")
GIFT_FIELDS = (
    "jenis_peristiwa",
    "jenis_penerimaan",
    "uraian",
    "nilai",
    "tanggal_terima",
    "tempat_terima",
    "kronologi",
    "dititipkan",
)
#: What declaration_submit takes in `data`.
SUBMIT_FIELDS = ("jenis_laporan", *IDENTITY_FIELDS, *GIVER_FIELDS, *GIFT_FIELDS)
#: What the declarant may correct when answering a request to complete the declaration.
CORRECTABLE_FIELDS = (*GIVER_FIELDS, *GIFT_FIELDS)
#: Types a scanned SK or receipt may have.
SCAN_TYPES = frozenset({"application/pdf", "image/jpeg", "image/png"})
#: The UPG's registration numbers: UPG/2026/0001, one sequence per year.
# A sequence name fits ReferenceSequence.kind (20 characters).
REGISTRATION_SEQUENCE = "upg_registrasi"
TITLE_LENGTH = 120


# --- Helpers --------------------------------------------------------------------------------


def _ensure_declaration(case) -> None:
    if case.kind != KIND:
        raise ValueError(f"Case {case.pk} is a {case.kind}, not a gratifikasi declaration")


def _lock(case) -> Gratifikasi:
    _ensure_declaration(case)
    return Gratifikasi.objects.select_for_update().get(pk=case.pk)


def _site_language():
    # Texts stored for the declarant are written in the site's language, whatever the
    # language of the officer's page.
    return translation.override(settings.LANGUAGE_CODE)


def _day(day: date) -> str:
    return formats.date_format(day, "j F Y")


def _clean(value) -> Any:
    return value.strip() if isinstance(value, str) else value


def _money(value, field: str) -> Decimal | None:
    """An optional amount: empty is None, otherwise a Decimal (casework.money.as_amount)."""
    return None if value is None or value == "" else as_amount(value, name=field)


def _normalized(data: dict[str, Any]) -> dict[str, Any]:
    """The declaration's fields as stored: text trimmed, NIK and NIP without separators,
    e-mail in lower case, money as Decimal. Raises ValidationError for a NIK or NIP in
    other than ASCII digits (str.isdigit would pass other scripts)."""
    values = {name: _clean(value) for name, value in data.items()}
    errors = {}
    for name in ("nik", "nip"):
        if name in values:
            values[name] = normalize_nik(values[name] or "")
            if values[name] and not (values[name].isascii() and values[name].isdigit()):
                errors[name] = _("%(field)s hanya boleh berisi angka 0–9.") % {"field": name.upper()}
    if "email" in values:
        values["email"] = (values["email"] or "").lower()
    if "nilai" in values:
        values["nilai"] = _money(values["nilai"], "nilai")
    if "dititipkan" in values:
        values["dititipkan"] = bool(values["dititipkan"])
    if errors:
        raise ValidationError(errors)
    return values


def _title(uraian: str) -> str:
    """The case title the UPG's lists show: the first line of the description."""
    first = (uraian or "").strip().splitlines()[0] if (uraian or "").strip() else ""
    return first if len(first) <= TITLE_LENGTH else first[: TITLE_LENGTH - 1].rstrip() + "…"


def _scan(upload, field: str) -> CleanFile:
    """A scanned document, sanitized, of an accepted type; ValidationError on `field`."""
    try:
        clean = upload if isinstance(upload, CleanFile) else attachments.clean_upload(upload)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from None
    if clean.content_type not in SCAN_TYPES:
        raise ValidationError({field: _("Pindaian harus berupa PDF, JPEG, atau PNG.")})
    return clean


def _check_room(case, adding: int, field: str) -> None:
    existing = Attachment.objects.filter(case_id=case.pk).count() if case is not None else 0
    try:
        attachments.check_count(existing, adding)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from None


def _staff(locked: Gratifikasi, actor, name: str) -> None:
    """The officer's right to run `name`, checked before any field is read, so someone
    who may not act learns nothing from a field error."""
    access.ensure_can_act(actor, locked, name)


def _in_state(locked: Gratifikasi, name: str) -> None:
    """Refuse a step the declaration's state does not allow, before its own checks."""
    if transition_meta(locked, name) is None:
        raise TransitionBlocked(blocked_reasons(locked, name))


def _own(locked: Gratifikasi, declarant) -> None:
    if declarant is None or not declarant.is_active or locked.declarant_id != declarant.pk:
        raise PermissionDenied(_("Laporan ini bukan laporan Anda."))


# --- The declarant ----------------------------------------------------------------------------


def declaration_submit(
    *,
    declarant,
    data: dict[str, Any],
    photos: Sequence = (),
    category: str | ExemptionRule | None = None,
    submission_key: UUID | None = None,
    request=None,
) -> Gratifikasi:
    """File a declaration of a gift received or refused. Call from the declarant's form.

    `submission_key` is the form's own key: a declaration already filed with it (a form
    sent twice) is returned instead of filing a second one.

    `data` holds SUBMIT_FIELDS (the identity as the declarant confirmed it, the giver,
    the gift); `photos` are uploads (or CleanFiles from casework.uploads.AttachmentsField),
    stored encrypted without their metadata; `category` is the not-obligatory rule the
    declarant picked for the advisory check, if any. Judges lateness against the clocks
    in force on the day received (a late declaration is accepted and flagged), records
    the rule the advice named, and starts the legal 30-working-day clock from the day
    received. Raises ValidationError naming the fields to correct; then nothing is stored.
    An officer of the UPG may declare: they simply never handle their own declaration.
    """
    if declarant is None or not declarant.is_authenticated or not declarant.is_active:
        raise PermissionDenied(_("Masuk dengan akun Anda untuk melaporkan gratifikasi."))
    if submission_key is not None:
        filed = _filed_with(declarant, submission_key)
        if filed is not None:
            return filed
    unknown = set(data) - set(SUBMIT_FIELDS)
    if unknown:
        raise ValueError(f"declaration_submit does not take {sorted(unknown)}")
    values = _normalized({name: data.get(name) for name in SUBMIT_FIELDS})
    for name in ("nip", "email", "pemberi_instansi", "pemberi_alamat"):
        values[name] = values[name] or ""
    values["dititipkan"] = bool(values["dititipkan"])
    received = values["tanggal_terima"]
    if not isinstance(received, date):
        raise ValidationError({"tanggal_terima": _("Isi tanggal gratifikasi diterima atau ditolak.")})
    if values["nilai"] is None:
        raise ValidationError({"nilai": _("Isi perkiraan nilai dalam rupiah, misalnya Rp1.500.000.")})
    today = timezone.localdate()
    try:
        late = clocks.lateness(received, today)
    except sla.MissingPolicy:
        raise ValidationError(
            {"tanggal_terima": _("Tanggal diterima terlalu lama: belum ada ketentuan pelaporan pada tanggal itu.")}
        ) from None
    _check_room(None, len(photos), "foto")
    values["pemberi_digest"] = giver_digest(values["pemberi_nama"] or "")
    if values["jenis_laporan"] in JenisLaporan.values and values["nilai"] >= 0:
        advice = advise(
            declarant=declarant,
            tanggal_terima=received,
            jenis_laporan=values["jenis_laporan"],
            jenis_peristiwa=values["jenis_peristiwa"],
            jenis_penerimaan=values["jenis_penerimaan"],
            hubungan=values["hubungan"],
            nilai=values["nilai"],
            pemberi_digest=values["pemberi_digest"],
            category=category,
        )
        values["saran_pengecualian"] = advice.suggested_rule
    values.update(
        terlambat_upg=late.terlambat_upg,
        terlambat_kpk=late.terlambat_kpk,
        declarant=declarant,
        submission_key=submission_key,
    )
    try:
        return _file(declarant=declarant, values=values, received=received, photos=photos, request=request)
    except IntegrityError:
        # The same form sent twice at the same moment: the other request filed it.
        filed = _filed_with(declarant, submission_key) if submission_key is not None else None
        if filed is None:
            raise
        return filed


def _filed_with(declarant, submission_key: UUID) -> Gratifikasi | None:
    return Gratifikasi.objects.filter(declarant=declarant, submission_key=submission_key).first()


def _file(*, declarant, values: dict[str, Any], received: date, photos: Sequence, request) -> Gratifikasi:
    """The declaration and its photos in one transaction (a savepoint when nested)."""
    with transaction.atomic():
        case, _code = case_open(
            kind=KIND,
            reporter_account=declarant,
            title=_title(values["uraian"] or ""),
            fields=values,
            # The legal limit from the day the gift was received; the UPG's own from the
            # day the declaration reaches it (the case's day received, today).
            opening_clocks=[(Clock.LAPOR_KPK, received), Clock.UPG_KPK],
            request=request,
        )
        for photo in photos:
            attachments.add_attachment(
                case=case,
                upload=photo,
                uploaded_by=declarant,
                from_reporter=True,
                visible_to_reporter=True,
                purpose=PURPOSE_FOTO,
            )
    return case


def declaration_complete(
    *,
    case,
    declarant,
    jawaban: str,
    data: dict[str, Any] | None = None,
    photos: Sequence = (),
    request=None,
) -> Gratifikasi:
    """The declarant's answer to a request to complete their declaration, from their page:
    the answer, any corrected giver and gift fields (CORRECTABLE_FIELDS; each change is
    written, old and new, in the staff history), and more photos. The UPG's clocks resume.
    Accepted while the declaration waits for it, even after the completion period ran out
    (the UPG decides then). Raises PermissionDenied for anyone but the declarant,
    TransitionBlocked in another state, ValidationError naming the fields to correct.
    """
    unknown = set(data or {}) - set(CORRECTABLE_FIELDS)
    if unknown:
        raise ValueError(f"declaration_complete does not take {sorted(unknown)}")
    jawaban = (jawaban or "").strip()
    with transaction.atomic():
        locked = _lock(case)
        _own(locked, declarant)
        _in_state(locked, "lengkapi")
        if not jawaban:
            raise ValidationError({"jawaban_kelengkapan": _("Tuliskan jawaban atas permintaan kelengkapan.")})
        corrections = _corrections(locked, _normalized(dict(data or {})))
        changes: dict[str, Any] = {"jawaban_kelengkapan": jawaban, **corrections}
        _recompute_for(locked, changes)
        _check_room(locked, len(photos), "foto")
        with _site_language():
            summary = _changes_summary(locked, corrections)
        locked = run_transition(
            case=locked,
            name="lengkapi",
            by_reporter=True,
            reporter_account=declarant,
            changes=changes,
            note=summary,
            public_note=jawaban,
            audit_data={"changed": sorted(corrections)},
            request=request,
        )
        if "tanggal_terima" in corrections:
            clocks.reporting_limit_moved(locked, corrections["tanggal_terima"])
        for photo in photos:
            attachments.add_attachment(
                case=locked,
                upload=photo,
                uploaded_by=declarant,
                from_reporter=True,
                visible_to_reporter=True,
                purpose=PURPOSE_FOTO,
            )
    return locked


def _corrections(locked: Gratifikasi, values: dict[str, Any]) -> dict[str, Any]:
    """The fields whose value really changes."""
    if "nilai" in values and values["nilai"] is None:
        raise ValidationError({"nilai": _("Isi perkiraan nilai dalam rupiah, misalnya Rp1.500.000.")})
    return {name: value for name, value in values.items() if getattr(locked, name) != value}


def _recompute_for(locked: Gratifikasi, changes: dict[str, Any]) -> None:
    """What a correction changes besides itself: the giver's digest, the lateness (judged
    on the day submitted, from the corrected date received) and the recorded advice."""
    if "pemberi_nama" in changes:
        changes["pemberi_digest"] = giver_digest(changes["pemberi_nama"] or "")
    received = changes.get("tanggal_terima", locked.tanggal_terima)
    if "tanggal_terima" in changes:
        if not isinstance(received, date):
            raise ValidationError({"tanggal_terima": _("Isi tanggal gratifikasi diterima atau ditolak.")})
        try:
            late = clocks.lateness(received, locked.received_on)
        except sla.MissingPolicy:
            raise ValidationError(
                {"tanggal_terima": _("Tanggal diterima terlalu lama: belum ada ketentuan pelaporan pada tanggal itu.")}
            ) from None
        changes.update(terlambat_upg=late.terlambat_upg, terlambat_kpk=late.terlambat_kpk)
    judged = {"jenis_peristiwa", "jenis_penerimaan", "hubungan", "nilai", "tanggal_terima", "pemberi_nama"}
    if judged & set(changes):
        gift = {
            "declarant": locked.declarant,
            "tanggal_terima": received,
            "jenis_laporan": locked.jenis_laporan,
            "jenis_peristiwa": changes.get("jenis_peristiwa", locked.jenis_peristiwa),
            "jenis_penerimaan": changes.get("jenis_penerimaan", locked.jenis_penerimaan),
            "hubungan": changes.get("hubungan", locked.hubungan),
            "nilai": changes.get("nilai", locked.nilai),
            "pemberi_digest": changes.get("pemberi_digest", locked.pemberi_digest),
            "exclude_pk": locked.pk,
        }
        # The rule suggested before (perhaps one the declarant picked, which no field can
        # show) is kept while the corrected gift still fits it; otherwise it is judged
        # afresh against every rule.
        previous = locked.saran_pengecualian
        suggested = advise(**gift, category=previous.category).suggested_rule if previous is not None else None
        changes["saran_pengecualian"] = suggested or advise(**gift).suggested_rule


def _shown(locked: Gratifikasi, name: str, value) -> str:
    if value is None or value == "":
        return "—"
    if name in ("nilai",):
        return format_rupiah(value)
    if isinstance(value, date):
        return _day(value)
    if isinstance(value, bool):
        return _("ya") if value else _("tidak")
    field = locked._meta.get_field(name)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


def _changes_summary(locked: Gratifikasi, corrections: dict[str, Any]) -> str:
    """The corrections as the staff history shows them (the note is encrypted)."""
    if not corrections:
        return ""
    lines = [_("Pelapor memperbaiki isian laporan:")]
    for name, value in corrections.items():
        label = str(locked._meta.get_field(name).verbose_name)
        lines.append(f"- {label}: {_shown(locked, name, getattr(locked, name))} → {_shown(locked, name, value)}")
    return "\n".join(lines)


# --- Administrasi and verifikasi kelengkapan (the UPG) -------------------------------------


def declaration_register(*, case, actor, note: str = "", request=None) -> Gratifikasi:
    """Take a new declaration in: give it the UPG's registration number (printed on the
    declarant's receipt) and start the UPG's 10-working-day forwarding clock."""
    with transaction.atomic():
        locked = _lock(case)
        _staff(locked, actor, "registrasi")
        _in_state(locked, "registrasi")
        year = timezone.localdate().year
        # Taken in this transaction: a refused registration gives its number back.
        number = references.next_number(REGISTRATION_SEQUENCE, year)
        return run_transition(
            case=locked,
            name="registrasi",
            actor=actor,
            changes={"nomor_registrasi_upg": f"UPG/{year}/{number:04d}"},
            note=note,
            request=request,
        )


def declaration_request_completion(*, case, actor, catatan: str, note: str = "", request=None) -> Gratifikasi:
    """Send the declaration back to its declarant with what is missing (`catatan`, shown
    on their page and in the e-mail's link). The UPG's clocks pause and the declarant's
    completion period starts: 20 working days (30 before 20 January 2026)."""
    catatan = (catatan or "").strip()
    return run_transition(
        case=_checked(case),
        name="minta_kelengkapan",
        actor=actor,
        changes={"catatan_kelengkapan": catatan, "jawaban_kelengkapan": ""},
        note=note,
        public_note=catatan,
        request=request,
    )


def declaration_close_incomplete(*, case, actor, note: str = "", request=None) -> Gratifikasi:
    """Close a declaration its declarant did not complete within the completion period
    (tidak diproses). Refused, with the date from which it may close, before then."""
    with transaction.atomic():
        locked = _lock(case)
        deadline = clocks.completion_deadline(locked)
        public = (
            HistoryNote.of(history_notes.CLOSED_INCOMPLETE, date=deadline.due_date)
            if deadline is not None
            else HistoryNote.of(history_notes.CLOSED_INCOMPLETE_UNDATED)
        )
        try:
            return run_transition(
                case=locked, name="tutup_tidak_lengkap", actor=actor, note=note, public_note=public, request=request
            )
        except TransitionBlocked as exc:
            raise _dated(exc, deadline) from None


def close_incomplete_blockers(case) -> list[str]:
    """Why the declaration cannot be closed as not processed now (empty: it can), saying
    from which day it may: for the UPG's page, before any form is offered."""
    reasons = blocked_reasons(case, "tutup_tidak_lengkap")
    if not reasons:
        return []
    return list(_dated(TransitionBlocked(reasons), clocks.completion_deadline(case)).reasons)


def _dated(exc: TransitionBlocked, deadline) -> TransitionBlocked:
    """The refusal to close early, saying from which day the declaration may close."""
    message = _(
        "Batas waktu melengkapi laporan adalah %(due)s; laporan dapat ditutup sebagai tidak diproses mulai %(next)s."
    )
    return TransitionBlocked(
        sla.dated_refusal(exc.reasons, condition=conditions.completion_time_passed, deadline=deadline, message=message)
    )


def declaration_accept_complete(*, case, actor, note: str = "", request=None) -> Gratifikasi:
    """The declaration holds what the analysis needs: move it to analisis."""
    return run_transition(case=_checked(case), name="terima_lengkap", actor=actor, note=note, request=request)


# --- Analisis -------------------------------------------------------------------------------


def declaration_conclude_not_obligatory(
    *,
    case,
    actor,
    rule: ExemptionRule | None,
    rekomendasi: str,
    despite_advice: bool = False,
    note: str = "",
    request=None,
) -> Gratifikasi:
    """Close a received gift as not obligatory to report, citing the rule (in force on
    the day it was received) that exempts it. Final; it still counts in the recap.

    A rule the advice finds unfitting (the gift is of another kind, from a giver with a
    conflict of interest, or over its cap) is refused with the advice's reasons unless
    the officer confirms it with `despite_advice`: they may know more than the report
    says, and the confirmation is audited."""
    with transaction.atomic():
        locked = _lock(case)
        _staff(locked, actor, "simpulkan_tidak_wajib")
        _in_state(locked, "simpulkan_tidak_wajib")
        if rule is None:
            raise ValidationError({"rule": _("Pilih ketentuan yang menjadi dasar kesimpulan.")})
        if not rule.in_force_on(locked.tanggal_terima):
            raise ValidationError(
                {
                    "rule": _("Ketentuan ini tidak berlaku pada tanggal gratifikasi diterima (%(date)s).")
                    % {"date": _day(locked.tanggal_terima)}
                }
            )
        verdict = _cited_rule_verdict(locked, rule)
        if verdict is not None and not verdict.may_apply and not despite_advice:
            raise ValidationError(
                {
                    "despite_advice": [
                        *verdict.reasons,
                        _(
                            "Menurut pemeriksaan, ketentuan ini tidak berlaku untuk laporan ini. Centang “Tetap "
                            "simpulkan dengan ketentuan ini” dan jelaskan alasannya di rekomendasi bila Anda tetap "
                            "berpendapat demikian."
                        ),
                    ]
                }
            )
        public = HistoryNote.of(history_notes.NOT_OBLIGATORY, source=rule.source, title=rule.title)
        return run_transition(
            case=locked,
            name="simpulkan_tidak_wajib",
            actor=actor,
            changes={"aturan_dikutip": rule, "rekomendasi": (rekomendasi or "").strip()},
            note=note,
            public_note=public,
            audit_data={"rule": rule.pk, "despite_advice": bool(verdict and not verdict.may_apply)},
            request=request,
        )


def _cited_rule_verdict(case: Gratifikasi, rule: ExemptionRule):
    """What the advice says of `rule` for this declaration (None: nothing to judge)."""
    advice = advise_declaration(case, category=rule)
    return advice.verdicts[0] if advice.verdicts else None


def declaration_forward_to_kpk(
    *, case, actor, rekomendasi: str, kpk_nomor: str, kpk_tanggal: date | None, note: str = "", request=None
) -> Gratifikasi:
    """Record that the UPG forwarded the declaration to KPK (the KPK/GOL reference and
    the day). Both reporting limits stop; for a received gift, KPK's 30 working days to
    decide are counted from that day."""
    with transaction.atomic():
        locked = _lock(case)
        _staff(locked, actor, "teruskan_kpk")
        _in_state(locked, "teruskan_kpk")
        kpk_nomor = (kpk_nomor or "").strip()
        starts = {}
        if locked.is_penerimaan and isinstance(kpk_tanggal, date):
            starts[Clock.KEPUTUSAN_KPK] = kpk_tanggal
        public = (
            HistoryNote.of(history_notes.FORWARDED, date=kpk_tanggal, nomor=kpk_nomor)
            if isinstance(kpk_tanggal, date)
            else ""
        )
        return run_transition(
            case=locked,
            name="teruskan_kpk",
            actor=actor,
            changes={"rekomendasi": (rekomendasi or "").strip(), "kpk_nomor": kpk_nomor, "kpk_tanggal": kpk_tanggal},
            start_clocks=starts,
            # Met or missed on the day it was forwarded, whenever it is recorded.
            stop_clocks=_on(kpk_tanggal, Clock.LAPOR_KPK, Clock.UPG_KPK),
            note=note,
            public_note=public,
            request=request,
        )


# --- KPK's decision and the follow-up --------------------------------------------------------


def _on(day, *clocks: str) -> dict[str, date]:
    """Clocks to stop as of a recorded date (none when the date is missing: the row's
    validation then refuses the change)."""
    return dict.fromkeys(clocks, day) if isinstance(day, date) else {}


def declaration_record_sk(
    *, case, actor, sk_status: str, sk_nomor: str, sk_tanggal: date | None, sk_scan, note: str = "", request=None
) -> Gratifikasi:
    """Record KPK's decision on a received gift (SK penetapan status) with its scan (PDF,
    JPEG or PNG, shown to the declarant). For state property, the 7-working-day handover
    clock starts on the SK's date."""
    with transaction.atomic():
        locked = _lock(case)
        _staff(locked, actor, "catat_sk")
        _in_state(locked, "catat_sk")
        if sk_scan is None:
            raise ValidationError({"sk_scan": _("Unggah pindaian SK KPK (PDF, JPEG, atau PNG).")})
        scan = _scan(sk_scan, "sk_scan")
        _check_room(locked, 1, "sk_scan")
        sk_nomor = (sk_nomor or "").strip()
        starts = {}
        if sk_status in NEEDS_HANDOVER and isinstance(sk_tanggal, date):
            starts[Clock.PENYERAHAN] = sk_tanggal
        public = ""
        if isinstance(sk_tanggal, date) and sk_status:
            public = HistoryNote.of(history_notes.SK_RECORDED, nomor=sk_nomor, date=sk_tanggal, status=sk_status)
        locked = run_transition(
            case=locked,
            name="catat_sk",
            actor=actor,
            changes={"sk_status": sk_status or "", "sk_nomor": sk_nomor, "sk_tanggal": sk_tanggal},
            start_clocks=starts,
            stop_clocks=_on(sk_tanggal, Clock.KEPUTUSAN_KPK),
            note=note,
            public_note=public,
            audit_data={"sk_status": sk_status},
            request=request,
        )
        attachments.add_attachment(
            case=locked, upload=scan, uploaded_by=actor, visible_to_reporter=True, purpose=PURPOSE_SK, request=request
        )
    return locked


def declaration_close_refusal(*, case, actor, note: str = "", request=None) -> Gratifikasi:
    """Close a declaration of a refused gift once it has been forwarded to KPK: there is
    no object for KPK to decide on."""
    return run_transition(case=_checked(case), name="tutup_penolakan", actor=actor, note=note, request=request)


def declaration_record_follow_up(
    *,
    case,
    actor,
    jenis: str,
    tanggal: date | None,
    nomor: str = "",
    kompensasi_nilai: Decimal | None = None,
    catatan: str = "",
    receipt=None,
    note: str = "",
    request=None,
) -> Gratifikasi:
    """Record what happened to the object after KPK's decision and close the declaration:
    handed to the state (with the receipt number), returned to the declarant (only an
    object in the UPG's custody), compensation paid (value and payment reference), or
    nothing to move. An object still in custody is released in the same transaction: to
    the state for a handover, to the declarant otherwise. `receipt` is an optional scan."""
    from .services_custody import release_held

    with transaction.atomic():
        locked = _lock(case)
        _staff(locked, actor, "catat_tindak_lanjut")
        _in_state(locked, "catat_tindak_lanjut")
        kompensasi_nilai = _money(kompensasi_nilai, "kompensasi_nilai")
        held = list(BarangTitipan.objects.select_for_update().filter(gratifikasi=locked, dikeluarkan_tanggal=None))
        if jenis == JenisTindakLanjut.PENGEMBALIAN and not held:
            raise ValidationError(
                {
                    "tindak_lanjut_jenis": _(
                        "Pengembalian hanya untuk barang yang dititipkan di UPG; tidak ada barang titipan."
                    )
                }
            )
        if jenis == JenisTindakLanjut.TIDAK_ADA and held:
            raise ValidationError(
                {
                    "tindak_lanjut_jenis": _(
                        "Masih ada barang yang dititipkan di UPG; pilih pengembalian kepada pelapor."
                    )
                }
            )
        scan = _scan(receipt, "receipt") if receipt is not None else None
        if scan is not None:
            _check_room(locked, 1, "receipt")
        public = (
            HistoryNote.of(history_notes.FOLLOWED_UP, jenis=jenis, date=tanggal) if isinstance(tanggal, date) else ""
        )
        if scan is not None:
            # Before the step that closes the declaration: a closed case takes no file
            # (casework.closure). A refused step below rolls the file back with it.
            attachments.add_attachment(
                case=locked,
                upload=scan,
                uploaded_by=actor,
                visible_to_reporter=True,
                purpose=PURPOSE_TANDA_TERIMA,
                request=request,
            )
        locked = run_transition(
            case=locked,
            name="catat_tindak_lanjut",
            actor=actor,
            changes={
                "tindak_lanjut_jenis": jenis or "",
                "tindak_lanjut_tanggal": tanggal,
                "tindak_lanjut_nomor": (nomor or "").strip(),
                "kompensasi_nilai": kompensasi_nilai,
                "tindak_lanjut_catatan": (catatan or "").strip(),
            },
            stop_clocks=_on(tanggal, Clock.PENYERAHAN),
            note=note,
            public_note=public,
            audit_data={"jenis": jenis},
            request=request,
        )
        if held:
            release_held(locked, held, actor=actor, tanggal=tanggal, jenis=jenis, request=request)
    return locked


def _checked(case):
    _ensure_declaration(case)
    return case
