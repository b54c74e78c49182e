"""Every change of a conflict-of-interest case goes through one function here.

Each adds only what is a conflict case's own and leaves the rest to casework.services:
one transaction, the row locked, permission checked under the lock, the transition and
its conditions, the clock, timeline, audit. A step that needs data (the controls, the
reasons, the evidence) sets it on the locked row and validates it in the same
transaction, so a refused step leaves nothing behind.

The one who files a case is a signed-in employee and its reporter: benturan_declare
(their own conflict) and benturan_report (someone else's) name them in the history and
the audit log (casework's reporter_account). Every other step belongs to whoever decides
the case (benturan.policy). Errors name the model field to correct, or the argument
(`controls`, `pengganti`, `files`) when it is not a field of the case.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casework import access, attachments, controls
from casework.models import Attachment, Case
from casework.parties import Parties
from casework.services import case_open, record_case_event, run_transition
from casework.workflow import TransitionBlocked, blocked_reasons, transition_meta
from security import audit

from . import binding
from .choices import ACTIVE_CONTROL_STATES, PURPOSE_BUKTI_PELAKSANAAN, PURPOSE_PENDUKUNG, Asal, Clock, JenisPengendalian
from .models import Benturan, Pengendalian
from .models.benturan import HAL_MAX_LENGTH
from .policy import POLICY
from .routing import Routing, route

__all__ = [
    "benturan_close_monitoring",
    "benturan_declare",
    "benturan_decide_control",
    "benturan_decide_no_conflict",
    "benturan_end_control",
    "benturan_record_implementation",
    "benturan_report",
    "benturan_start_analysis",
]

KIND = "benturan"
#: What the one who files a case writes (`data` of benturan_declare and benturan_report).
FILED_FIELDS = ("jenis", "sumber", "hal_jenis", "hal", "rujukan_kasus", "kepentingan", "pihak_lain")
TITLE_LENGTH = 120


# --- Helpers --------------------------------------------------------------------------------


def _checked(case):
    if case.kind != KIND:
        raise ValueError(f"Case {case.pk} is a {case.kind}, not a conflict-of-interest case")
    return case


def _lock(case) -> Benturan:
    return Benturan.objects.select_for_update().get(pk=_checked(case).pk)


def _staff(locked: Benturan, actor, name: str) -> None:
    """The actor's right to run `name`, checked before any field is read, so someone who
    may not act learns nothing from a field error."""
    access.ensure_can_act(actor, locked, name)


def _in_state(locked: Benturan, name: str) -> None:
    """Refuse a step the case's state does not allow, before its own checks."""
    if transition_meta(locked, name) is None:
        raise TransitionBlocked(blocked_reasons(locked, name))


def _text(value) -> str:
    return (value or "").strip()


def _title(hal: str) -> str:
    """The case title staff lists show: the first line of the matter it touches."""
    first = hal.splitlines()[0].strip() if hal else ""
    return first if len(first) <= TITLE_LENGTH else first[: TITLE_LENGTH - 1].rstrip() + "…"


def normalize_reference(value: str) -> str:
    """A SIGAP reference as stored: capitals, no spaces ("pgd/2026/000123 " → "PGD/2026/000123")."""
    return "".join((value or "").split()).upper()


def _check_room(case, adding: int, field: str) -> None:
    existing = Attachment.objects.filter(case_id=case.pk).count() if case is not None else 0
    try:
        attachments.check_count(existing, adding)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from None


# --- Filing a case ---------------------------------------------------------------------------


def benturan_declare(
    *,
    declarant,
    data: dict[str, Any],
    pihak_pegawai: Iterable = (),
    files: Sequence = (),
    jabatan: str = "",
    submission_key: UUID | None = None,
    request=None,
) -> Benturan:
    """File the signed-in employee's own conflict of interest. Call from the declaration form.

    `data` holds FILED_FIELDS; `pihak_pegawai` are accounts named among the other parties;
    `files` are supporting documents (uploads, or CleanFiles from AttachmentsField);
    `jabatan` is the declarant's position where their account lacks one. The case goes to
    the declarant's superior (benturan.routing) with the 7-working-day decision clock.
    Raises ValidationError naming the fields to correct; then nothing is stored. A form
    sent twice with the same `submission_key` returns the case it filed the first time.
    """
    return file_case(
        declarant=declarant,
        pejabat=declarant,
        asal=Asal.DEKLARASI,
        data=data,
        pihak_pegawai=pihak_pegawai,
        files=files,
        jabatan=jabatan,
        submission_key=submission_key,
        request=request,
    )


def benturan_report(
    *,
    reporter,
    pejabat,
    data: dict[str, Any],
    pihak_pegawai: Iterable = (),
    files: Sequence = (),
    submission_key: UUID | None = None,
    request=None,
    sumber_kasus: Case | None = None,
) -> Benturan:
    """Report another employee's conflict of interest (`pejabat`, an active account).
    Call from the report form. The case goes to the official's superior; the reporter
    follows it on their own pages, and the official is never told who reported
    (the case is anonymous towards them; benturan.selectors shows them only the control
    decided about them). `sumber_kasus` is the complaint or WBS report it was made from
    (benturan.services_from_cases). Same contract as benturan_declare otherwise.
    """
    if pejabat is None or not getattr(pejabat, "is_active", False):
        raise ValidationError({"pejabat": _("Pilih pegawai yang benturan kepentingannya Anda laporkan.")})
    if reporter is not None and pejabat.pk == reporter.pk:
        raise ValidationError(
            {"pejabat": _("Untuk benturan kepentingan Anda sendiri, gunakan formulir pernyataan benturan kepentingan.")}
        )
    return file_case(
        declarant=reporter,
        pejabat=pejabat,
        asal=Asal.LAPORAN,
        data=data,
        pihak_pegawai=pihak_pegawai,
        files=files,
        jabatan="",
        submission_key=submission_key,
        request=request,
        sumber_kasus=sumber_kasus,
    )


def filed_with(declarant, submission_key: UUID) -> Benturan | None:
    return Benturan.objects.filter(declarant=declarant, submission_key=submission_key).first()


def file_case(
    *,
    declarant,
    pejabat,
    asal: str,
    data: dict[str, Any],
    pihak_pegawai: Iterable,
    files: Sequence,
    jabatan: str,
    submission_key: UUID | None,
    request,
    kasus_terkait: Case | None = None,
    sumber_kasus: Case | None = None,
) -> Benturan:
    """The one path by which a conflict case is filed (a declaration, a report, either
    from a case's page: benturan.services_from_cases). `kasus_terkait` is the SIGAP case a
    conflict declared from its page touches (else the case a typed number names);
    `sumber_kasus` the case a report was made from, kept encrypted. Neither writes the
    case's number anywhere."""
    if declarant is None or not declarant.is_authenticated or not declarant.is_active:
        raise PermissionDenied(_("Masuk dengan akun Anda untuk menyatakan atau melaporkan benturan kepentingan."))
    if submission_key is not None:
        filed = filed_with(declarant, submission_key)
        if filed is not None:
            return filed
    unknown = set(data) - set(FILED_FIELDS)
    if unknown:
        raise ValueError(f"A conflict case does not take {sorted(unknown)}")
    values = {name: _text(data.get(name)) for name in FILED_FIELDS}
    values["rujukan_kasus"] = normalize_reference(values["rujukan_kasus"])
    values["pejabat_jabatan"] = _text(pejabat.jabatan) or _text(jabatan)
    if asal == Asal.DEKLARASI and not values["pejabat_jabatan"]:
        raise ValidationError({"jabatan": _("Jabatan wajib diisi.")})
    # The one who filed and the official are parties already; naming them again adds nothing.
    named = [
        person
        for person in dict.fromkeys(pihak_pegawai)
        if person is not None and person.pk not in {declarant.pk, pejabat.pk}
    ]
    if any(not person.is_active for person in named):
        raise ValidationError({"pihak_pegawai": _("Pegawai yang dipilih tidak aktif lagi. Pilih dari daftar.")})
    _check_room(None, len(files), "files")
    # A superior a control keeps from cases about these people never decides this one.
    recused = controls.recused_users(Parties(accounts=(pejabat.pk, *(person.pk for person in named))))
    routing = route(official=pejabat, parties=[declarant, *named], recused=recused)
    fields = {
        **values,
        "declarant": declarant,
        "asal": asal,
        "pejabat": pejabat,
        "kasus_terkait": kasus_terkait
        or (Case.objects.filter(reference=values["rujukan_kasus"]).first() if values["rujukan_kasus"] else None),
        "sumber_kasus": str(sumber_kasus.pk) if sumber_kasus is not None else "",
        "atasan": routing.atasan,
        "eskalasi_ke": routing.eskalasi_ke,
        # The one who decides is the case's handler: the engine's reminders and inbox follow it.
        "assignee": routing.atasan,
        "submission_key": submission_key,
    }
    try:
        with transaction.atomic():
            case, _code = case_open(
                kind=KIND,
                reporter_account=declarant,
                title=_title(values["hal"]),
                unit=pejabat.unit,
                # A report keeps its reporter from the official it names.
                is_anonymous=asal == Asal.LAPORAN,
                fields=fields,
                opening_clocks=[Clock.KEPUTUSAN],
                request=request,
            )
            if named:
                case.pihak_pegawai.set(named)
                # The employees named are among what the case is about (casework.parties).
                controls.note_parties(
                    [(case, Parties(accounts=tuple(person.pk for person in named)))], actor=declarant, request=request
                )
            _record_routing(case, routing, request=request)
            for upload in files:
                attachments.add_attachment(
                    case=case,
                    upload=upload,
                    uploaded_by=declarant,
                    from_reporter=True,
                    visible_to_reporter=True,
                    purpose=PURPOSE_PENDUKUNG,
                )
    except IntegrityError:
        # The same form sent twice at the same moment: the other request filed it.
        filed = filed_with(declarant, submission_key) if submission_key is not None else None
        if filed is None:
            raise
        return filed
    return case


def _record_routing(case: Benturan, routing: Routing, *, request) -> None:
    """Say in the staff history who decides and why (a superior passed over is a party)."""
    if routing.atasan is not None:
        note = _("Diputuskan oleh %(name)s.") % {"name": routing.atasan}
    else:
        note = _("Tidak ada atasan yang bukan pihak dalam benturan ini: diputuskan oleh Tim Benturan Kepentingan.")
    if routing.recused_over:
        names = ", ".join(str(person) for person in routing.recused_over)
        note = (
            _("Dilewati karena dikecualikan oleh pengendalian benturan kepentingan: %(names)s.") % {"names": names}
            + " "
            + note
        )
    if routing.passed_over:
        names = ", ".join(str(person) for person in routing.passed_over)
        note = _("Dilewati karena merupakan pihak dalam benturan ini: %(names)s.") % {"names": names} + " " + note
    record_case_event(
        case,
        change="routing",
        event=audit.Event.CASE_ASSIGNED,
        note=note,
        data={
            "from": None,
            "to": getattr(routing.atasan, "pk", None),
            "escalation": getattr(routing.eskalasi_ke, "pk", None),
            "passed_over": [person.pk for person in routing.passed_over],
            "recused_over": [person.pk for person in routing.recused_over],
        },
        request=request,
    )


# --- The superior's analysis and decision --------------------------------------------------


def benturan_start_analysis(*, case, actor, note: str = "", request=None) -> Benturan:
    """The superior takes the case up for analysis; the one who filed it sees it is being read."""
    return run_transition(case=_checked(case), name="mulai_analisis", actor=actor, note=note, request=request)


def benturan_decide_control(
    *,
    case,
    actor,
    controls: Iterable[str],
    hal: str,
    alasan: str,
    pengganti=None,
    pihak_pegawai=None,
    pihak_nama: str = "",
    uraian: str = "",
    tidak_dideklarasikan: bool = False,
    rekomendasi_sanksi: str = "",
    note: str = "",
    request=None,
) -> Benturan:
    """Decide that there is a conflict and how it is controlled, with the reasons.

    Each control in `controls` (JenisPengendalian values) is recorded as its own
    Pengendalian: the official steps back from the matter `hal` (the SIGAP case the
    declaration named, if any), a pengalihan tugas hands it to `pengganti` (an active
    employee who is not a party), and `pihak_pegawai` / `pihak_nama` name a person or
    party the control is about. For a conflict someone else reported, the superior may
    find it was not declared (`tidak_dideklarasikan`) and must then recommend a sanction.
    The decision clock stops; the case waits for the control to be applied.
    """
    name = "putuskan_pengendalian"
    with transaction.atomic():
        locked = _lock(case)
        _staff(locked, actor, name)
        _in_state(locked, name)
        chosen = list(dict.fromkeys(str(value) for value in controls or ()))
        hal = _text(hal)
        errors: dict[str, Any] = {}
        if not chosen:
            errors["controls"] = _("Pilih setidaknya satu bentuk pengendalian.")
        elif any(value not in JenisPengendalian.values for value in chosen):
            errors["controls"] = _("Bentuk pengendalian yang dipilih tidak dikenal. Pilih dari daftar.")
        if not hal:
            errors["hal"] = _("Tuliskan keputusan, kegiatan, atau tugas yang dikendalikan.")
        elif len(hal) > HAL_MAX_LENGTH:
            errors["hal"] = _("Terlalu panjang: paling banyak %(limit)d karakter.") % {"limit": HAL_MAX_LENGTH}
        handover = JenisPengendalian.PENGALIHAN_TUGAS in chosen
        parties = POLICY.party_ids(locked)
        if handover:
            if pengganti is None:
                errors["pengganti"] = _("Pilih pegawai yang mengambil alih tugas.")
            elif not pengganti.is_active or pengganti.pk in parties:
                errors["pengganti"] = _("Pegawai pengganti harus pegawai aktif yang bukan pihak dalam benturan ini.")
        if errors:
            raise ValidationError(errors)
        Pengendalian.objects.bulk_create(
            [
                Pengendalian(
                    benturan=locked,
                    jenis=value,
                    pejabat_id=locked.pejabat_id,
                    hal=hal,
                    kasus_id=locked.kasus_terkait_id,
                    # Only a handover names who takes the task over.
                    pengganti=pengganti if value == JenisPengendalian.PENGALIHAN_TUGAS else None,
                    pihak_pegawai=pihak_pegawai,
                    pihak_nama=_text(pihak_nama),
                    uraian=_text(uraian),
                    diputuskan_oleh=actor,
                )
                for value in chosen
            ]
        )
        locked = run_transition(
            case=locked,
            name=name,
            actor=actor,
            changes={
                "alasan_keputusan": _text(alasan),
                "diputuskan_oleh": actor,
                "tidak_dideklarasikan": bool(tidak_dideklarasikan),
                "rekomendasi_sanksi": _text(rekomendasi_sanksi),
            },
            note=note,
            audit_data={
                "controls": chosen,
                "pengganti": getattr(pengganti, "pk", None) if handover else None,
                "undeclared": bool(tidak_dideklarasikan),
            },
            request=request,
        )
        # Controls bind every kind of case (benturan.binding): in the decision's transaction.
        decided = Pengendalian.objects.filter(benturan=locked).select_related("pejabat", "pengganti", "pihak_pegawai")
        binding.bind_decided(locked, list(decided), actor=actor, request=request)
    return locked


def benturan_decide_no_conflict(*, case, actor, alasan: str, note: str = "", request=None) -> Benturan:
    """Decide, with the reasons, that there is no conflict of interest. Final."""
    name = "putuskan_tidak_ada_konflik"
    with transaction.atomic():
        locked = _lock(case)
        _staff(locked, actor, name)
        locked = run_transition(
            case=locked,
            name=name,
            actor=actor,
            changes={"alasan_keputusan": _text(alasan), "diputuskan_oleh": actor},
            note=note,
            request=request,
        )
        # A declarant who stepped back from a case while this was decided may handle it again.
        binding.lift_provisional(locked, actor=actor, reason=_text(alasan), request=request)
    return locked


# --- The control applied and monitored -------------------------------------------------------


def benturan_record_implementation(
    *, case, actor, bukti: str, tanggal: date | None, files: Sequence = (), note: str = "", request=None
) -> Benturan:
    """Record that the decided control was applied (what shows it, from which day, with
    documents such as the letter of assignment); monitoring starts."""
    name = "catat_pelaksanaan"
    with transaction.atomic():
        locked = _lock(case)
        _staff(locked, actor, name)
        _in_state(locked, name)
        if not isinstance(tanggal, date):
            raise ValidationError({"tanggal_pelaksanaan": _("Isi tanggal pengendalian mulai dilaksanakan.")})
        _check_room(locked, len(files), "files")
        locked = run_transition(
            case=locked,
            name=name,
            actor=actor,
            changes={"bukti_pelaksanaan": _text(bukti), "tanggal_pelaksanaan": tanggal},
            note=note,
            request=request,
        )
        for upload in files:
            attachments.add_attachment(
                case=locked, upload=upload, uploaded_by=actor, purpose=PURPOSE_BUKTI_PELAKSANAAN, request=request
            )
    return locked


def benturan_close_monitoring(*, case, actor, hasil: str, note: str = "", request=None) -> Benturan:
    """End the monitoring of the control with its result; the case is finished, and its
    controls end with it: the recusals they made are lifted (benturan.binding)."""
    name = "selesaikan"
    with transaction.atomic():
        locked = _lock(case)
        _staff(locked, actor, name)
        locked = run_transition(
            case=locked, name=name, actor=actor, changes={"hasil_pemantauan": _text(hasil)}, note=note, request=request
        )
        _end_controls(locked, Pengendalian.objects.filter(benturan=locked), actor=actor, alasan=locked.hasil_pemantauan)
        binding.lift_all(locked, actor=actor, reason=locked.hasil_pemantauan, request=request)
    return locked


def benturan_end_control(*, case, actor, control: Pengendalian, alasan: str, request=None) -> Benturan:
    """End one decided control before the case's monitoring ends, with the reason (the
    matter is over, the interest was given up): the recusals it made are lifted, and only
    those (a person also recused for another reason stays recused). Whoever decides the
    case or the Tim may; the official reads that the control ended on their page."""
    name = "akhiri_pengendalian"
    with transaction.atomic():
        locked = _lock(case)
        _staff(locked, actor, name)
        if locked.state not in ACTIVE_CONTROL_STATES:
            raise TransitionBlocked([_("Pengendalian hanya dapat diakhiri selama pelaksanaan atau pemantauan.")])
        row = Pengendalian.objects.select_for_update().filter(pk=getattr(control, "pk", None), benturan=locked).first()
        if row is None or not row.is_active:
            raise ValidationError({"pengendalian": _("Pilih pengendalian yang masih berlaku.")})
        alasan = _text(alasan)
        if not alasan:
            raise ValidationError({"alasan": _("Tuliskan alasan pengendalian ini diakhiri.")})
        _end_controls(locked, [row], actor=actor, alasan=alasan)
        binding.lift_control(locked, row, actor=actor, reason=alasan, request=request)
        record_case_event(
            locked,
            change="control_ended",
            event=audit.Event.CASE_CONTROL_ENDED,
            actor=actor,
            note=_("%(control)s diakhiri: %(reason)s") % {"control": row.get_jenis_display(), "reason": alasan},
            data={"control": row.pk, "jenis": row.jenis},
            request=request,
        )
    return locked


def _end_controls(locked: Benturan, rows, *, actor, alasan: str) -> None:
    now = timezone.now()
    for row in rows:
        if row.is_active:
            row.berakhir_pada, row.alasan_berakhir, row.diakhiri_oleh = now, alasan, actor
            row.save(update_fields=["berakhir_pada", "alasan_berakhir", "diakhiri_oleh"])
