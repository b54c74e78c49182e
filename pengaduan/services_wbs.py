"""Moving a complaint that is really a report of staff wrongdoing to the WBS
(domain.md §3: "A report of wrongdoing by staff belongs in WBS; the system offers to
move it"), with the complainant's consent.

1. A handler proposes the move at triage (usulkan_wbs), explaining why; the complaint's
   clocks pause while the complainant decides on the tracking page.
2. The complainant consents (setujui_wbs) or declines (tolak_wbs, back to triage; a
   handler may also withdraw the proposal the same way).
3. On consent, one transaction files a WBS report with the complaint's content and files
   through the engine's handover (casework.handover), which the WBS takes as any report
   — the complainant's identity, if they gave one, is *sealed* there, which protects it
   more than a complaint's "anonim" flag — and then
   empties the complaint of that content and identity and removes its files.

Nothing links the two: the complaint keeps no reference to the report and the report none
to the complaint, and the audit entry names neither. The complainant receives a new WBS
receipt code, shown once, to follow the report; the complaint's tracking code then shows
only that it was moved. The staff the complainant named become the report's reported
persons. (What stays: the complaint's conversation with the handlers, who read it
already, the staff it named with their recusals, so that a named handler still cannot
read that conversation, and the time of the move, which the WBS threat model notes.)
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from casework import attachments, handover, parties
from casework.models import Attachment, Case
from casework.named_persons import PersonInput, persons_of
from casework.sanitize import CleanFile
from casework.services import record_case_event, run_transition
from security import audit

from .models import Pengaduan
from .parties import of as party_of

KIND = "pengaduan"
MOVED_TITLE = "Dipindahkan ke WBS"
# The complaint's own content and identity: what the WBS report takes over.
_MOVED_FIELDS = ["title", "isi", "lokasi", "tanggal_kejadian", "nama", "nik", "email", "telepon", "updated_at"]


def _lock(case) -> Pengaduan:
    if case.kind != KIND:
        raise ValueError(f"Case {case.pk} is a {case.kind}, not a pengaduan")
    return Pengaduan.objects.select_for_update().get(pk=case.pk)


def pengaduan_propose_wbs(*, case, actor, explanation: str, note: str = "", request=None) -> Pengaduan:
    """Ask the complainant whether their complaint may move to the WBS. `explanation` is
    shown to them on the tracking page: why, and what changes (a new receipt code, the
    WBS handlers instead of the complaints team)."""
    explanation = (explanation or "").strip()
    if not explanation:
        raise ValidationError(
            {"explanation": _("Jelaskan kepada pelapor mengapa pengaduannya sebaiknya ditangani melalui WBS.")}
        )
    return run_transition(
        case=case, name="usulkan_wbs", actor=actor, note=note, public_note=explanation, request=request
    )


def pengaduan_keep_as_complaint(*, case, actor=None, note: str = "", request=None) -> Pengaduan:
    """The complainant declines the move (actor=None, from the tracking page), or a
    handler withdraws the proposal: the complaint returns to triage, clocks resumed."""
    if actor is None:
        return run_transition(
            case=case,
            name="tolak_wbs",
            by_reporter=True,
            public_note=_("Pelapor memilih tetap sebagai pengaduan."),
        )
    return run_transition(case=case, name="tolak_wbs", actor=actor, note=note, request=request)


def _identity(locked: Pengaduan) -> handover.ReporterIdentity | None:
    if not any((locked.nama, locked.nik, locked.email, locked.telepon)):
        return None
    return handover.ReporterIdentity(
        nama=locked.nama,
        email=locked.email,
        telepon=locked.telepon,
        keterangan=f"NIK {locked.nik}" if locked.nik else "",
    )


def _named_staff(locked: Pengaduan) -> list[PersonInput]:
    """The staff the complainant named, as the report's reported persons, with the
    accounts they are matched to now. (The complaint keeps its own rows and recusals: its
    conversation stays, and a named handler must still not read it.)"""
    persons = list(persons_of(locked, from_reporter=True))
    users = get_user_model().objects.in_bulk({p.matched_user_id for p in persons if p.matched_user_id})
    return [
        PersonInput(nama=p.nama, jabatan=p.jabatan, unit_kerja=p.unit_kerja, user=users.get(p.matched_user_id))
        for p in persons
    ]


def _files(locked: Pengaduan) -> tuple[list[Attachment], list[CleanFile]]:
    # Already cleaned when they were attached: handed over as they are, decrypted here and
    # encrypted again by the WBS report.
    rows = list(Attachment.objects.filter(case=locked).order_by("pk"))
    files = []
    for row in rows:
        data = attachments.read_attachment(row)
        files.append(
            CleanFile(name=row.original_name, content_type=row.content_type, data=data, original_size=len(data))
        )
    return rows, files


def pengaduan_move_to_wbs(*, case) -> tuple[Pengaduan, Case, str]:
    """The complainant consents on the tracking page: file the WBS report, empty the
    complaint. Returns the complaint, the report and its receipt code, to show once."""
    with transaction.atomic():
        locked = run_transition(
            case=_lock(case),
            name="setujui_wbs",
            by_reporter=True,
            public_note=_(
                "Atas persetujuan pelapor, pengaduan ini dipindahkan ke Whistle-Blowing System dan ditangani di sana."
            ),
        )
        rows, files = _files(locked)
        report, receipt_code = handover.to_whistleblowing(
            handover.Handover(
                title=locked.title,
                what=locked.isi,
                where=locked.lokasi,
                when=locked.tanggal_kejadian.strftime("%d-%m-%Y") if locked.tanggal_kejadian else "",
                identity=_identity(locked),
                named_persons=_named_staff(locked),
                files=files,
            )
        )
        # Nor a digest of the complainant's name (casework.parties): the report seals it.
        parties.forget(locked, party_of(locked))
        locked.title = MOVED_TITLE
        locked.isi = ""
        locked.lokasi = ""
        locked.tanggal_kejadian = None
        locked.nama = locked.nik = locked.email = locked.telepon = ""
        locked.save(update_fields=_MOVED_FIELDS)
        paths = [attachments.storage_path(row) for row in rows]
        Attachment.objects.filter(pk__in=[row.pk for row in rows]).delete()
        transaction.on_commit(lambda: [path.unlink(missing_ok=True) for path in paths])
        record_case_event(
            locked,
            change="moved_to_wbs",
            event=audit.Event.CASE_MOVED_TO_WBS,
            by_reporter=True,
            note=_("Isi, identitas pelapor dan lampiran dipindahkan ke WBS dan dihapus dari pengaduan ini."),
            data={"files": len(rows)},
        )
    return locked, report, receipt_code
