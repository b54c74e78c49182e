"""Every change of a complaint goes through one function here.

Each adds only what is a complaint's own (its fields, its rules across rows) and leaves
the rest to casework.services: one transaction, the row locked, permission checked under
the lock, the transition and its conditions, clocks, timeline, audit. A transition that
needs data (where a case was forwarded, why it was archived, the answer) sets it on the
locked row first and validates it, in the same transaction as the transition, so a refused
transition leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import nullcontext
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework import access, intake, named_persons, sla, tracking
from casework.history_notes import HistoryNote
from casework.kinds import get_kind
from casework.models import Deadline, NamedPerson, PendingCase
from casework.named_persons import PersonInput
from casework.services import (
    case_open,
    message_post,
    named_person_add,
    named_person_match,
    named_persons_recuse,
    record_case_event,
    run_transition,
)
from casework.validators import normalize_nik
from casework.workflow import TransitionBlocked, blocked_reasons
from security import audit

from . import conditions, history_notes, notify, selectors
from .choices import ArchiveReason, Channel, Clock, Jenis, State
from .models import KategoriLayanan, Pengaduan

KIND = "pengaduan"
#: The most staff one complaint may name (the complainant names one; handlers add more).
MAX_CONCERNED = 10
#: How a person concerned is named in errors (casework.named_persons.build).
CONCERNED_LABEL = gettext_lazy("Petugas ke-%(n)d")
# Fields the engine fills itself; validation of a complaint leaves them out (as case_open does).
_NOT_VALIDATED = ["state", "tracking_digest"]


def dissatisfied_max_rating() -> int:
    """The highest rating that counts as "tidak puas" and may reopen a case
    (SIGAP_PENGADUAN_DISSATISFIED_RATING, default 2 of 5)."""
    return int(getattr(settings, "SIGAP_PENGADUAN_DISSATISFIED_RATING", 2))


def _policy():
    return get_kind(KIND).policy


def _lock(case) -> Pengaduan:
    if case.kind != KIND:
        raise ValueError(f"Case {case.pk} is a {case.kind}, not a pengaduan")
    return Pengaduan.objects.select_for_update().get(pk=case.pk)


def _set_validated(locked: Pengaduan, changes: dict[str, Any]) -> None:
    """Set and save fields of the locked row after checking the whole row."""
    for field, value in changes.items():
        setattr(locked, field, value)
    locked.full_clean(exclude=_NOT_VALIDATED)
    locked.save(update_fields=[*changes, "updated_at"])


def _staff_transition(*, case, name: str, **kwargs) -> Pengaduan:
    """A handler's transition on a complaint; the engine checks, validates and records it."""
    if case.kind != KIND:
        raise ValueError(f"Case {case.pk} is a {case.kind}, not a pengaduan")
    return run_transition(case=case, name=name, **kwargs)


def _required(value: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(message)
    return value


# --- Intake (penerimaan) ------------------------------------------------------------------


def pengaduan_create(
    *,
    actor=None,
    channel: str = Channel.WEB,
    title: str,
    isi: str,
    kategori: KategoriLayanan,
    jenis: str = Jenis.PENGADUAN,
    tanggal_kejadian: date | None = None,
    lokasi: str = "",
    unit_tujuan=None,
    nama: str = "",
    nik: str = "",
    email: str = "",
    telepon: str = "",
    lapor_tracking_id: str = "",
    is_anonymous: bool | None = None,
    confidentiality: str | None = None,
    pihak_terkait: Sequence[PersonInput] = (),
    received_on: date | None = None,
    late_entry_reason: str = "",
    request=None,
    on_commit: Callable[[Pengaduan], None] | None = None,
) -> tuple[Pengaduan, str]:
    """File a complaint; returns it with its tracking code, to show the complainant once.

    Call from the public form (actor=None: always the web channel, received now, nothing
    about the request is kept) or when a Pengelola Pengaduan enters a complaint received
    through another channel (actor=the handler, channel recorded; from SP4N-LAPOR! with
    its ticket number; `received_on` the day it arrived, with `late_entry_reason` when
    that was not today: see casework.received). Privacy flags left as None take the safe
    defaults (rahasia, anonim). Starts the verification clock from the day received.
    Raises ValidationError naming the fields to correct.

    `pihak_terkait` are the staff the complainant says the complaint is about, matched to
    their accounts where the name is unambiguous; a matched account that could see the
    complaint is recused from it in the same transaction that opens it, so it never
    reaches them (casework.named_persons).
    """
    if actor is None and channel != Channel.WEB:
        raise ValueError("Only the web form files a complaint without a staff member")
    if actor is not None and not _policy().can_create(actor):
        raise PermissionDenied(_("Peran Anda tidak berwenang mencatat pengaduan."))
    errors = _inactive_choices(kategori=kategori, unit_tujuan=unit_tujuan)
    lapor_tracking_id = (lapor_tracking_id or "").strip()
    if lapor_tracking_id:
        # Across rows, so here; the database constraint stays as the last line.
        existing = _lapor_ticket_recorded_as(lapor_tracking_id)
        if existing:
            errors["lapor_tracking_id"] = _lapor_ticket_taken(existing)
    try:
        rows, users = named_persons.build(
            pihak_terkait,
            existing=0,
            limit=MAX_CONCERNED,
            from_reporter=True,
            field="pihak_terkait",
            label=str(CONCERNED_LABEL),
        )
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    # Persons named are stored with the case, in its transaction; without any, case_open's
    # own transaction (or the caller's) is enough, and costs no extra round trip.
    with transaction.atomic() if rows else nullcontext():
        case, code = _open_complaint(
            actor=actor,
            channel=channel,
            title=title,
            confidentiality=confidentiality,
            is_anonymous=is_anonymous,
            lapor_tracking_id=lapor_tracking_id,
            fields=_complaint_fields(
                jenis=jenis,
                isi=isi,
                tanggal_kejadian=tanggal_kejadian,
                lokasi=lokasi,
                kategori=kategori,
                unit_tujuan=unit_tujuan,
                nama=nama,
                nik=nik,
                email=email,
                telepon=telepon,
            ),
            received_on=received_on,
            late_entry_reason=late_entry_reason,
            request=request,
            on_commit=on_commit,
        )
        if rows:
            # Before the transaction ends: nobody ever sees it with a named handler in it.
            named_persons.save(case, rows)
            named_persons_recuse(case=case, users=users)
    # The receipt goes to the contact the complainant left, whichever channel the
    # complaint came through, once it is really stored.
    notify.send_receipt_after_commit(case, code)
    return case, code


def _open_complaint(
    *,
    actor,
    channel,
    title,
    confidentiality,
    is_anonymous,
    lapor_tracking_id,
    fields,
    received_on,
    late_entry_reason,
    request,
    on_commit,
) -> tuple[Pengaduan, str]:
    try:
        # With a ticket, a savepoint: when the same ticket is entered twice at once, the
        # second insert fails on the constraint, and the caller's transaction must stay
        # usable. (Without one, no constraint is expected to fail: no extra round trips.)
        with transaction.atomic() if lapor_tracking_id else nullcontext():
            return case_open(
                kind=KIND,
                actor=actor,
                title=(title or "").strip(),
                confidentiality=confidentiality,
                is_anonymous=is_anonymous,
                with_tracking_code=True,
                fields={**fields, "channel": channel, "lapor_tracking_id": lapor_tracking_id},
                opening_clocks=[Clock.VERIFIKASI],
                received_on=received_on,
                late_entry_reason=late_entry_reason,
                request=request,
                on_commit=on_commit,
            )
    except IntegrityError as exc:
        if not lapor_tracking_id or not _is_lapor_ticket_conflict(exc):
            raise
        taken = _lapor_ticket_taken(_lapor_ticket_recorded_as(lapor_tracking_id))
        raise ValidationError({"lapor_tracking_id": taken}) from None


def pengaduan_submit(
    *,
    title: str,
    isi: str,
    kategori: KategoriLayanan,
    jenis: str = Jenis.PENGADUAN,
    tanggal_kejadian: date | None = None,
    lokasi: str = "",
    unit_tujuan=None,
    nama: str = "",
    nik: str = "",
    email: str = "",
    telepon: str = "",
    is_anonymous: bool | None = None,
    confidentiality: str | None = None,
) -> tuple[PendingCase, str]:
    """File a complaint from the public form (web channel, no files); returns the
    accepted submission (its reference and time) and the tracking code, to show once.

    The complaint is validated completely and numbered now, and opened as a case by the
    task worker within moments (casework.intake), as of now: same reference, same
    opening time, its verification clock from today. Its receipt notice goes out once it
    is opened. A complaint with files goes through pengaduan_create instead. Raises
    ValidationError naming the fields to correct.
    """
    errors = _inactive_choices(kategori=kategori, unit_tujuan=unit_tujuan)
    if errors:
        raise ValidationError(errors)
    spec = get_kind(KIND)
    case = Pengaduan(
        kind=KIND,
        title=(title or "").strip(),
        confidentiality=confidentiality or spec.default_confidentiality,
        is_anonymous=spec.default_anonymous if is_anonymous is None else is_anonymous,
        channel=Channel.WEB,
        **_complaint_fields(
            jenis=jenis,
            isi=isi,
            tanggal_kejadian=tanggal_kejadian,
            lokasi=lokasi,
            kategori=kategori,
            unit_tujuan=unit_tujuan,
            nama=nama,
            nik=nik,
            email=email,
            telepon=telepon,
        ),
    )
    code = tracking.generate_code()
    # The receipt notice needs the code, which only the request has: sealed, like a task
    # argument, inside the encrypted submission.
    after_open = {"sealed_code": notify.seal_code(code)} if notify.has_contact(case) else {}
    pending = intake.accept(case, code=code, opening_clocks=[Clock.VERIFIKASI], after_open=after_open)
    return pending, code


def _inactive_choices(*, kategori, unit_tujuan) -> dict[str, str]:
    """Errors for a category or unit retired since the form was shown."""
    errors = {}
    if not kategori.is_active:
        errors["kategori"] = _("Kategori layanan ini sudah tidak dipakai; pilih kategori lain.")
    if unit_tujuan is not None and not unit_tujuan.is_active:
        errors["unit_tujuan"] = _("Unit kerja ini sudah tidak aktif; pilih unit lain.")
    return errors


def _complaint_fields(
    *, jenis, isi, tanggal_kejadian, lokasi, kategori, unit_tujuan, nama, nik, email, telepon
) -> dict[str, Any]:
    """A complaint's own fields as stored: trimmed, the NIK and e-mail normalised."""
    return {
        "jenis": jenis,
        "isi": (isi or "").strip(),
        "tanggal_kejadian": tanggal_kejadian,
        "lokasi": (lokasi or "").strip(),
        "kategori": kategori,
        "unit_tujuan": unit_tujuan,
        "nama": (nama or "").strip(),
        "nik": normalize_nik(nik),
        "email": (email or "").strip().lower(),
        "telepon": (telepon or "").strip(),
    }


def _lapor_ticket_recorded_as(lapor_tracking_id: str) -> str | None:
    """The reference of the complaint that already has this SP4N-LAPOR! ticket, if any."""
    return Pengaduan.objects.filter(lapor_tracking_id=lapor_tracking_id).values_list("reference", flat=True).first()


def _lapor_ticket_taken(reference: str | None) -> str:
    if reference:
        return _("Tiket SP4N-LAPOR! ini sudah tercatat sebagai %(reference)s.") % {"reference": reference}
    return _("Tiket SP4N-LAPOR! ini sudah tercatat.")


def _is_lapor_ticket_conflict(exc: IntegrityError) -> bool:
    """Whether the insert broke pengaduan_lapor_id_unique: PostgreSQL names the
    constraint, SQLite the column of its unique index."""
    text = str(exc)
    column = f"{Pengaduan._meta.db_table}.lapor_tracking_id"
    return "pengaduan_lapor_id_unique" in text or ("UNIQUE constraint failed" in text and column in text)


# --- Triage (pemilahan) -------------------------------------------------------------------


def pengaduan_verify(
    *,
    case,
    actor,
    kategori: KategoriLayanan | None = None,
    jenis: str | None = None,
    note: str = "",
    public_note: str = "",
    request=None,
) -> Pengaduan:
    """Accept a complaint as complete and within the unit's competence (verifikasi),
    correcting its category or type if the complainant chose wrongly. Starts the 60-day
    resolution clock."""
    changes: dict[str, Any] = {}
    if kategori is not None:
        changes["kategori"] = kategori
    if jenis is not None:
        changes["jenis"] = jenis
    return _staff_transition(
        case=case, actor=actor, name="verifikasi", changes=changes, note=note, public_note=public_note, request=request
    )


def pengaduan_request_information(*, case, actor, question: str, note: str = "", request=None) -> Pengaduan:
    """Ask the complainant for what is missing (tunda). `question` is shown to them on
    the tracking page; the deadlines pause until they answer."""
    question = _required(question, _("Tuliskan informasi apa yang perlu dilengkapi pelapor."))
    return _staff_transition(case=case, actor=actor, name="tunda", note=note, public_note=question, request=request)


def pengaduan_supply_information(*, case, reply: str) -> Pengaduan:
    """The complainant's answer to a request for information (lengkapi), from the
    tracking page: posts the reply to the handler and resumes the deadlines."""
    reply = _required(reply, _("Tuliskan informasi yang diminta petugas."))
    with transaction.atomic():
        # The transition first: in the wrong state it refuses before any message is kept.
        locked = run_transition(case=_lock(case), name="lengkapi", by_reporter=True)
        message_post(case=locked, body=reply, by_reporter=True)
        return locked


def pengaduan_forward(
    *, case, actor, forwarded_to: str, note: str = "", public_note: str = "", request=None
) -> Pengaduan:
    """Close a complaint that is not this unit's to handle (bukan wewenang), recording
    the body it was forwarded to (another OPD, Ombudsman, KPK, the police)."""
    return _staff_transition(
        case=case,
        actor=actor,
        name="bukan_wewenang",
        changes={"forwarded_to": (forwarded_to or "").strip()},
        note=note,
        public_note=public_note,
        request=request,
    )


def pengaduan_archive(
    *,
    case,
    actor,
    reason: str,
    duplicate_of: Pengaduan | None = None,
    note: str = "",
    public_note: str = "",
    request=None,
) -> Pengaduan:
    """Archive a complaint without handling it: spam, abusive, too vague, or a
    duplicate of another open complaint (then name it in `duplicate_of`)."""
    if duplicate_of is not None:
        if duplicate_of.pk == case.pk:
            raise ValidationError({"duplicate_of": _("Pengaduan tidak dapat menjadi duplikat dari dirinya sendiri.")})
        # Across rows, so here rather than in clean(): the original must be a case this
        # handler can see and one still being handled.
        if not access.can_view(actor, duplicate_of):
            raise ValidationError({"duplicate_of": _("Pengaduan asal tidak ditemukan.")})
        if not duplicate_of.is_open:
            message = _("Pengaduan asal sudah ditutup; hanya pengaduan yang masih berjalan yang dapat dirujuk.")
            raise ValidationError({"duplicate_of": message})
    return _staff_transition(
        case=case,
        actor=actor,
        name="arsipkan",
        changes={"archive_reason": reason, "duplicate_of": duplicate_of},
        note=note,
        public_note=public_note,
        request=request,
        audit_data={"reason": reason, "duplicate_of": getattr(duplicate_of, "pk", None)},
    )


def pengaduan_archive_incomplete(*, case, actor, note: str = "", public_note: str = "", request=None) -> Pengaduan:
    """Archive a complaint whose complainant did not answer the request for information
    (tunda) within the kelengkapan period. Refused, naming the day from which it may
    run, while the period lasts; until a handler archives it, a late answer still
    resumes the complaint. The complainant reads why, with the date their time ended."""
    with transaction.atomic():
        locked = _lock(case)
        waiting = sla.running_clock(locked, Clock.KELENGKAPAN)
        if not public_note.strip() and waiting is not None:
            public_note = HistoryNote.of(history_notes.ARCHIVED_INCOMPLETE, date=waiting.due_date)
        try:
            return _staff_transition(
                case=locked,
                actor=actor,
                name="arsipkan_tidak_lengkap",
                note=note,
                public_note=public_note,
                request=request,
                audit_data={"reason": ArchiveReason.TIDAK_DILENGKAPI},
            )
        except TransitionBlocked as exc:
            raise TransitionBlocked(_dated_refusal(exc.reasons, waiting)) from None


def archive_incomplete_blockers(case) -> list[str]:
    """Why the complaint cannot be archived as not completed now (empty: it can), naming
    the day from which it may: for the handler's page, before any form is offered."""
    reasons = blocked_reasons(case, "arsipkan_tidak_lengkap")
    return _dated_refusal(reasons, sla.running_clock(case, Clock.KELENGKAPAN)) if reasons else []


def _dated_refusal(reasons, waiting) -> list[str]:
    message = _(
        "Pelapor dapat melengkapi pengaduan sampai %(due)s; pengaduan dapat diarsipkan sebagai tidak dilengkapi "
        "mulai %(next)s."
    )
    return sla.dated_refusal(reasons, condition=conditions.completion_time_passed, deadline=waiting, message=message)


# --- Staff the complaint is about (pihak terkait) ------------------------------------------


def pengaduan_add_concerned(
    *, case, actor, nama: str = "", jabatan: str = "", unit_kerja: str = "", user=None, request=None
) -> NamedPerson:
    """A handler records a staff member the complaint is about (named in the text, found
    at triage), matched to `user` when picked or to the one account with that name. A
    matched account that could see the complaint is recused from it (the actor too, if
    it is them), and nobody matched sees it any more. The complainant's tracking page
    never shows it. Refused on a closed complaint."""
    if case.kind != KIND:
        raise ValueError(f"Case {case.pk} is a {case.kind}, not a pengaduan")
    return named_person_add(
        case=case,
        actor=actor,
        person=PersonInput(nama=nama or "", jabatan=jabatan or "", unit_kerja=unit_kerja or "", user=user),
        limit=MAX_CONCERNED,
        field="pihak_terkait",
        label=str(CONCERNED_LABEL),
        request=request,
    )


def pengaduan_match_concerned(*, case, actor, person: NamedPerson, user, reason: str = "", request=None) -> NamedPerson:
    """Match a staff member the complaint names to their account, or change the match
    (with `reason`; the earlier match and any recusal it created stay)."""
    if case.kind != KIND:
        raise ValueError(f"Case {case.pk} is a {case.kind}, not a pengaduan")
    return named_person_match(case=case, actor=actor, person=person, user=user, reason=reason, request=request)


# --- Distribution and resolution (distribusi, penyelesaian) -------------------------------


def pengaduan_route_to_unit(*, case, actor, unit, note: str = "", public_note: str = "", request=None) -> Pengaduan:
    """Disposition a verified complaint to the unit that must follow it up (disposisi).
    The unit's members then see it, and its 5-day follow-up clock starts."""
    if unit is None or not unit.is_active:
        raise ValidationError({"unit": _("Pilih unit kerja yang aktif.")})
    return _staff_transition(
        case=case,
        actor=actor,
        name="disposisi",
        changes={"unit": unit},
        note=note,
        public_note=public_note,
        request=request,
        audit_data={"unit": unit.pk},
    )


def pengaduan_record_follow_up(
    *, case, actor, summary: str, note: str = "", public_note: str = "", request=None
) -> Pengaduan:
    """The dispositioned unit records what it did (catat tindak lanjut); the handler
    then writes the answer from it. Evidence files go through casework.attachments."""
    return _staff_transition(
        case=case,
        actor=actor,
        name="catat_tindak_lanjut",
        changes={"tindak_lanjut": (summary or "").strip()},
        note=note,
        public_note=public_note,
        request=request,
    )


def pengaduan_answer(*, case, actor, answer: str, note: str = "", request=None) -> Pengaduan:
    """Send the answer to the complainant (jawab). It shows on the tracking page; the
    case then closes by itself after the "konfirmasi" period unless the complainant
    reopens it."""
    answer = (answer or "").strip()
    return _staff_transition(
        case=case,
        actor=actor,
        name="jawab",
        changes={"jawaban": answer},
        note=note,
        public_note=answer,
        request=request,
    )


def pengaduan_close(*, case, actor, note: str = "", public_note: str = "", request=None) -> Pengaduan:
    """Close an answered complaint before the automatic close, e.g. when the complainant
    said they are satisfied."""
    return _staff_transition(
        case=case, actor=actor, name="selesaikan", note=note, public_note=public_note, request=request
    )


# --- The complainant's rating --------------------------------------------------------------


def _rating_note(rating: int) -> str:
    # For staff, in the site's language: the complainant may be reading in English.
    with translation.override(settings.LANGUAGE_CODE):
        return _("Penilaian pelapor: %(rating)d dari 5.") % {"rating": rating}


def pengaduan_rate(*, case, rating: int, comment: str = "", reopen: bool = False) -> Pengaduan:
    """The complainant rates the answer (1–5, with a comment) from the tracking page.

    With `reopen`, a dissatisfied rating (at most dissatisfied_max_rating()) sends the
    case back to the handlers (buka kembali) — once per complaint; a second attempt is
    refused with the reason and the rating is not saved either, so the complainant can
    rate again without reopening.
    """
    with transaction.atomic():
        locked = _lock(case)
        if locked.state not in (State.DIJAWAB, State.SELESAI):
            raise ValidationError(_("Jawaban dapat dinilai setelah pengaduan dijawab."))
        if reopen and rating > dissatisfied_max_rating():
            raise ValidationError(
                _("Pengaduan hanya dapat dibuka kembali dengan penilaian tidak puas (%(max)d atau kurang).")
                % {"max": dissatisfied_max_rating()}
            )
        _set_validated(locked, {"rating": rating, "rating_comment": (comment or "").strip()})
        record_case_event(
            locked,
            change="rating",
            event=audit.Event.CASE_RATED,
            by_reporter=True,
            note=_rating_note(rating),
            data={"rating": rating, "reopen": reopen},
        )
        if reopen:
            locked = run_transition(
                case=locked, name="buka_kembali", by_reporter=True, public_note=locked.rating_comment
            )
    return locked


# --- Automatic close after the answer -----------------------------------------------------


def pengaduan_auto_close_due(*, today: date | None = None) -> list[Pengaduan]:
    """Close every answered complaint whose "konfirmasi" clock ran out before `today`
    (default: today), as the system, with a public timeline entry saying why.

    Call through the task pengaduan.tasks.auto_close_answered (daily is enough). Safe to
    run again and concurrently: each case is re-checked under its row lock, so one that
    a handler closed or the complainant reopened meanwhile is left alone. Returns the
    cases it closed.
    """
    today = today or timezone.localdate()
    closed = []
    for case_id in list(selectors.auto_close_due(today).values_list("pk", flat=True)):
        with transaction.atomic():
            locked = Pengaduan.objects.select_for_update().get(pk=case_id)
            if not selectors.auto_close_due(today).filter(pk=case_id).exists():
                continue
            days = (
                Deadline.objects.filter(case_id=case_id, clock=Clock.KONFIRMASI, completed_at__isnull=True)
                .values_list("working_days", flat=True)
                .first()
            )
            closed.append(
                run_transition(
                    case=locked,
                    name="selesaikan",
                    by_system=True,
                    public_note=HistoryNote.of(history_notes.AUTO_CLOSED, days=days),
                    audit_data={"reason": "auto_close"},
                )
            )
    return closed
