"""Every change of a WBS report goes through one function here.

Each adds only what is a report's own and leaves the rest to casework.services: one
transaction, the row locked, permission checked under the lock, the transition and its
conditions, clocks, timeline, audit.

The reporter's side (wbs_create and the wbs_reporter_* functions) never receives a user
or a request: an employee filing while signed in is not linked to the report, and no
address, user agent or session is ever passed on, so the engine records none (case_open,
message_post, add_attachment and audit.record store no client without a staff actor).
These functions write nothing to the application log either.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework import attachments, named_persons
from casework.models import NamedPerson
from casework.services import (
    assignee_changed,
    case_open,
    message_post,
    named_person_add,
    named_person_match,
    named_persons_recuse,
    record_case_event,
    run_transition,
)
from security import audit

from . import identity, receipts, reported
from .choices import Clock, Penanganan, Unsur
from .models import KontakPelapor, LaporanWbs
from .notify import news_for_reporter
from .reported import TerlaporInput

KIND = "wbs"
MAX_TERLAPOR = 10
#: Elements the reporter may add to when asked (the reported persons come as TerlaporInput).
SUPPLEMENTABLE = (Unsur.APA, Unsur.DI_MANA, Unsur.KAPAN, Unsur.BAGAIMANA)


def _ensure_wbs(case) -> None:
    if case.kind != KIND:
        raise ValueError(f"Case {case.pk} is a {case.kind}, not a WBS report")


def _lock(case) -> LaporanWbs:
    _ensure_wbs(case)
    return LaporanWbs.objects.select_for_update().get(pk=case.pk)


def _required(value: str, message: str, field: str | None = None) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message} if field else message)
    return value


# --- Reported persons ---------------------------------------------------------------------

#: How a reported person is named in errors (casework.named_persons.build).
TERLAPOR_LABEL = gettext_lazy("Terlapor ke-%(n)d")


def _terlapor_rows(people: Sequence[TerlaporInput], *, existing: int = 0) -> tuple[list[NamedPerson], list]:
    """Unsaved, validated rows of persons the reporter names (matched where possible) and
    the matched accounts. Raises ValidationError keyed "terlapor" naming the person to
    correct."""
    return named_persons.build(
        people, existing=existing, limit=MAX_TERLAPOR, from_reporter=True, field="terlapor", label=str(TERLAPOR_LABEL)
    )


def _route(locked: LaporanWbs, users: list, *, actor=None, request=None) -> str:
    """What newly matched accounts decide beyond recusal: a report naming the leadership
    (or every Pengelola WBS) moves to the Inspektorat, unassigned (the Inspektorat assigns
    its own). Returns the note for the history when it moved."""
    locked = locked if isinstance(locked, LaporanWbs) else LaporanWbs.objects.get(pk=locked.pk)
    if not users or locked.penanganan == Penanganan.INSPEKTORAT:
        return ""
    routing = reported.routing_for(named_persons.matched_users(locked))
    if routing == locked.penanganan:
        return ""
    # Routing only ever moves up to the Inspektorat, never back: a later correction of a
    # match must not hand a report on the leadership to the leadership's staff.
    previous = locked.assignee_id
    LaporanWbs.objects.filter(pk=locked.pk).update(penanganan=routing, assignee=None)
    locked.penanganan, locked.assignee = routing, None
    assignee_changed(locked, previous_id=previous, actor=actor, request=request)
    return _("Laporan dialihkan ke Inspektorat.")


def _reporter_named(locked: LaporanWbs, rows: list[NamedPerson], users: list) -> str:
    """Store the persons the reporter named, with what their matches decide (in the same
    transaction: nobody ever sees the report with the wrong handlers)."""
    named_persons.save(locked, rows)
    named_persons_recuse(case=locked, users=users)
    return _route(locked, users)


# --- Filing (the reporter) ----------------------------------------------------------------


def wbs_create(
    *,
    title: str,
    kategori: str,
    apa: str,
    dimana: str = "",
    kapan: str = "",
    bagaimana: str = "",
    nilai_kerugian: Decimal | None = None,
    terlapor: Sequence[TerlaporInput] = (),
    identitas: identity.Identitas | None = None,
    kontak_email: str = "",
    bukti: Sequence = (),
    on_commit: Callable[[LaporanWbs], None] | None = None,
) -> tuple[LaporanWbs, str]:
    """File a WBS report; returns it with its receipt code, to show the reporter once.

    Takes no user and no request, whoever is signed in: nothing links the report to its
    reporter but what they choose to write, and an identity they give is sealed
    (wbs.identity). `kontak_email`, if given, is used only to say there is news. `bukti`
    are uploaded files (or already-cleaned CleanFiles), stripped of metadata and
    encrypted. Reported persons are matched to staff accounts where the reporter picked
    one or the name is unambiguous. Starts the first-response clock. Raises
    ValidationError naming the fields to correct; then nothing is stored.
    """
    errors: dict[str, Any] = {}
    try:
        rows, users = _terlapor_rows(terlapor)
    except ValidationError as exc:
        errors.update(exc.message_dict)
        rows, users = [], []
    try:
        identity_data = identity.clean_identity(identitas)
    except ValidationError as exc:
        errors.update(exc.message_dict)
        identity_data = {}
    kontak = KontakPelapor(email=(kontak_email or "").strip().lower()) if (kontak_email or "").strip() else None
    if kontak is not None:
        try:
            kontak.full_clean(exclude=["laporan"])
        except ValidationError as exc:
            errors["kontak_email"] = exc.message_dict.get("email", exc.messages)
    try:
        attachments.check_count(0, len(bukti))
    except ValidationError as exc:
        errors["bukti"] = exc.messages
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        code, digest = receipts.new_receipt()
        case, _code = case_open(
            kind=KIND,
            title=(title or "").strip(),
            fields={
                "kategori": kategori,
                "apa": (apa or "").strip(),
                "dimana": (dimana or "").strip(),
                "kapan": (kapan or "").strip(),
                "bagaimana": (bagaimana or "").strip(),
                "nilai_kerugian": nilai_kerugian,
                "receipt_digest": digest,
            },
            opening_clocks=[Clock.TANGGAPAN_AWAL],
            on_commit=on_commit,
        )
        _reporter_named(case, rows, users)
        if identity_data:
            identity.seal_identity(case, identity_data)
        if kontak is not None:
            kontak.laporan = case
            kontak.save(force_insert=True)
        for upload in bukti:
            attachments.add_attachment(case=case, upload=upload, from_reporter=True)
    return case, code


# --- The reporter, coming back with the receipt code --------------------------------------


def _append(existing: str, addition: str) -> str:
    return f"{existing.rstrip()}\n\n{addition}" if existing.strip() else addition


def wbs_reporter_supply(
    *,
    case,
    reply: str,
    tambahan: dict[str, str] | None = None,
    terlapor: Sequence[TerlaporInput] = (),
    bukti: Sequence = (),
) -> LaporanWbs:
    """The reporter's answer to a request for more information (lengkapi): `reply` goes
    to the handler as a message, `tambahan` adds to the 4W+1H elements (Unsur values; a
    text already there is kept and the addition follows it), `terlapor` names more people,
    `bukti` adds evidence files. All of it or nothing. Resumes the clocks."""
    reply = _required(reply, _("Tuliskan jawaban untuk petugas."), "reply")
    tambahan = {key: (value or "").strip() for key, value in (tambahan or {}).items() if (value or "").strip()}
    unknown = set(tambahan) - {str(element) for element in SUPPLEMENTABLE}
    if unknown:
        raise ValueError(f"Not elements a reporter adds to: {sorted(unknown)}")
    with transaction.atomic():
        locked = _lock(case)
        rows, users = _terlapor_rows(terlapor, existing=named_persons.persons_of(locked).count())
        changes = {key: _append(getattr(locked, key) or "", value) for key, value in tambahan.items()}
        # The transition first: in the wrong state it refuses before anything is kept.
        locked = run_transition(case=locked, name="lengkapi", by_reporter=True, changes=changes)
        routed = _reporter_named(locked, rows, users)
        if rows:
            record_case_event(
                locked,
                change="named_person",
                event=audit.Event.CASE_NAMED_PERSON,
                by_reporter=True,
                note=routed,
                # Never a name or an account: audit data is stored in clear.
                data={"persons": len(rows), "matched": len(users), "from_reporter": True, "routed": bool(routed)},
            )
        message_post(case=locked, body=reply, by_reporter=True)
        if bukti:
            attachments.check_count(locked.attachments.count(), len(bukti))
            for upload in bukti:
                attachments.add_attachment(case=locked, upload=upload, from_reporter=True)
    return locked


def wbs_reporter_message(*, case, body: str):
    """A message from the reporter to the handler."""
    _ensure_wbs(case)
    return message_post(case=case, body=body, by_reporter=True)


def wbs_reporter_add_evidence(*, case, uploads: Sequence) -> list:
    """Evidence the reporter adds later; refused once the report is closed. All files or
    none: a refused file leaves none of the others behind."""
    _ensure_wbs(case)
    if not uploads:
        raise ValidationError({"bukti": _("Pilih berkas yang akan dikirim.")})
    with transaction.atomic():
        locked = _lock(case)
        if not locked.is_open:
            raise ValidationError(_("Laporan sudah ditutup; bukti tidak dapat ditambahkan lagi."))
        attachments.check_count(locked.attachments.count(), len(uploads))
        return [attachments.add_attachment(case=locked, upload=upload, from_reporter=True) for upload in uploads]


def wbs_reporter_set_contact(*, case, email: str) -> KontakPelapor:
    """The reporter asks to hear of news at `email` (replacing an earlier address)."""
    with transaction.atomic():
        locked = _lock(case)
        kontak = KontakPelapor(laporan=locked, email=(email or "").strip().lower())
        try:
            kontak.full_clean(validate_unique=False)
        except ValidationError as exc:
            raise ValidationError({"email": exc.message_dict.get("email", exc.messages)}) from None
        KontakPelapor.objects.filter(laporan=locked).delete()
        kontak.save(force_insert=True)
        _record_contact_change(locked, given=True)
    return kontak


def wbs_reporter_forget_contact(*, case) -> None:
    """The reporter no longer wants notifications: the address is deleted."""
    with transaction.atomic():
        locked = _lock(case)
        if KontakPelapor.objects.filter(laporan=locked).delete()[0]:
            _record_contact_change(locked, given=False)


def _record_contact_change(locked: LaporanWbs, *, given: bool) -> None:
    # Whether an address is kept, never the address: history and audit are read by staff.
    record_case_event(
        locked,
        change="reporter_contact",
        event=audit.Event.WBS_CONTACT_CHANGED,
        by_reporter=True,
        data={"contact": given},
    )


# --- Handlers -----------------------------------------------------------------------------


def _staff_transition(*, case, name: str, **kwargs) -> LaporanWbs:
    """A handler's transition; the engine checks, validates and records it, and the
    reporter hears of it if they asked to."""
    _ensure_wbs(case)
    return run_transition(case=case, name=name, on_commit=news_for_reporter, **kwargs)


def wbs_verify(*, case, actor, alasan: str = "", note: str = "", public_note: str = "", request=None) -> LaporanWbs:
    """Accept the report for review (telaah): it answers 4W+1H, or `alasan` says why it
    may be reviewed although an element is missing."""
    changes = {"alasan_verifikasi": (alasan or "").strip()} if (alasan or "").strip() else None
    return _staff_transition(
        case=case, actor=actor, name="verifikasi", changes=changes, note=note, public_note=public_note, request=request
    )


def wbs_request_information(*, case, actor, question: str, note: str = "", request=None) -> LaporanWbs:
    """Ask the reporter for what is missing (tunda). `question` is what they read with
    their receipt code; the clocks pause until they answer."""
    question = _required(question, _("Tuliskan informasi apa yang perlu dilengkapi pelapor."), "question")
    return _staff_transition(case=case, actor=actor, name="tunda", note=note, public_note=question, request=request)


def wbs_resume(*, case, actor, note: str = "", public_note: str = "", request=None) -> LaporanWbs:
    """Take a waiting report back when the reporter answered by message instead."""
    return _staff_transition(
        case=case, actor=actor, name="lengkapi", note=note, public_note=public_note, request=request
    )


def wbs_examine(
    *, case, actor, hasil_telaah: str, pemeriksa: str, note: str = "", public_note: str = "", request=None
) -> LaporanWbs:
    """The review found the report merits examination (periksa), by the internal team or
    the Inspektorat."""
    return _staff_transition(
        case=case,
        actor=actor,
        name="periksa",
        changes={"hasil_telaah": (hasil_telaah or "").strip(), "pemeriksa": pemeriksa},
        note=note,
        public_note=public_note,
        request=request,
        audit_data={"pemeriksa": pemeriksa},
    )


def wbs_forward(
    *,
    case,
    actor,
    forwarded_to: str,
    forward_reference: str,
    forwarded_to_name: str = "",
    hasil_telaah: str | None = None,
    note: str = "",
    public_note: str = "",
    request=None,
) -> LaporanWbs:
    """Close the report by forwarding it to the body whose matter it is (KPK, police,
    prosecutor, Ombudsman, Inspektorat, other), with the letter or registration number.
    From review, `hasil_telaah` says why; from examination the earlier review stands."""
    changes = {
        "forwarded_to": forwarded_to,
        "forwarded_to_name": (forwarded_to_name or "").strip(),
        "forward_reference": (forward_reference or "").strip(),
    }
    if hasil_telaah is not None:
        changes["hasil_telaah"] = hasil_telaah.strip()
    return _staff_transition(
        case=case,
        actor=actor,
        name="teruskan",
        changes=changes,
        note=note,
        public_note=public_note,
        request=request,
        audit_data={"forwarded_to": forwarded_to},
    )


def wbs_conclude(
    *, case, actor, temuan: str, rekomendasi: str = "", note: str = "", public_note: str = "", request=None
) -> LaporanWbs:
    """Close an examined report with its finding (terbukti / tidak terbukti) and the
    recommendations (sanction, system fix; required when proven)."""
    return _staff_transition(
        case=case,
        actor=actor,
        name="selesaikan",
        changes={"temuan": temuan, "rekomendasi": (rekomendasi or "").strip()},
        note=note,
        public_note=public_note,
        request=request,
        audit_data={"temuan": temuan},
    )


def wbs_discontinue(*, case, actor, alasan: str, note: str = "", request=None) -> LaporanWbs:
    """End the report as tidak dapat ditindaklanjuti, from any open stage. The reporter
    reads `alasan`."""
    alasan = (alasan or "").strip()
    return _staff_transition(
        case=case,
        actor=actor,
        name="hentikan",
        changes={"alasan_tidak_ditindaklanjuti": alasan},
        note=note,
        public_note=alasan,
        request=request,
    )


def wbs_send_update(*, case, actor, update: str, note: str = "", request=None) -> LaporanWbs:
    """Tell the reporter how the handling goes without changing its stage; restarts the
    periodic-update clock (and counts as the first response)."""
    update = _required(update, _("Tuliskan kabar perkembangan untuk pelapor."), "update")
    return _staff_transition(
        case=case, actor=actor, name="kirim_pembaruan", note=note, public_note=update, request=request
    )


def wbs_message_reporter(*, case, actor, body: str, request=None):
    """A handler's message to the reporter; they hear of it if they asked to."""
    _ensure_wbs(case)
    with transaction.atomic():
        message = message_post(case=case, body=body, actor=actor, request=request)
        transaction.on_commit(lambda: news_for_reporter(case))
    return message


def wbs_add_reported(*, case, actor, person: TerlaporInput, request=None) -> NamedPerson:
    """Record a person the handling found to be involved (matched to their account when
    given or unambiguous by name), with the same effects as one the reporter named. The
    reporter never sees it (the reporter's page shows the persons they named)."""
    _ensure_wbs(case)
    return named_person_add(
        case=case,
        actor=actor,
        person=person,
        limit=MAX_TERLAPOR,
        field="terlapor",
        label=str(TERLAPOR_LABEL),
        request=request,
        on_matched=lambda locked, users: _route(locked, users, actor=actor, request=request),
    )


def wbs_match_reported(*, case, actor, terlapor: NamedPerson, user, reason: str = "", request=None) -> NamedPerson:
    """Match a named person to a staff account, or change the match (with `reason`; the
    earlier match and any recusal it created stay). A matched handler is recused (the
    actor too, if it is them); a match with the leadership moves the report to the
    Inspektorat, after which the actor no longer sees it."""
    _ensure_wbs(case)
    return named_person_match(
        case=case,
        actor=actor,
        person=terlapor,
        user=user,
        reason=reason,
        request=request,
        on_matched=lambda locked, users: _route(locked, users, actor=actor, request=request),
    )
