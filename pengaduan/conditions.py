"""What must be true of a pengaduan before a transition may run, each with the message
that tells the handler (or the complainant) what is missing.

The services set the transition's own fields on the locked row first, so these read the
row alone; a failing one blocks the transition through casework.workflow.
"""

from django.utils.translation import gettext_lazy as _

from casework import sla
from casework.workflow import condition

from .choices import ArchiveReason, Clock


@condition(_("Tuliskan instansi tujuan penerusan (misalnya OPD lain, Ombudsman, KPK, atau kepolisian)."))
def has_forwarded_to(case) -> bool:
    return bool(case.forwarded_to.strip())


@condition(_("Pilih alasan pengarsipan."))
def has_archive_reason(case) -> bool:
    return bool(case.archive_reason)


@condition(
    _(
        "Alasan “tidak dilengkapi” hanya dipakai untuk pengaduan yang ditunda dan tidak dilengkapi "
        "pelapor sampai batas waktunya."
    )
)
def reason_fits_triage(case) -> bool:
    return case.archive_reason != ArchiveReason.TIDAK_DILENGKAPI


@condition(
    _(
        "Batas waktu pelapor melengkapi pengaduan belum lewat; pengaduan belum dapat diarsipkan "
        "sebagai tidak dilengkapi."
    )
)
def completion_time_passed(case) -> bool:
    """The complainant's time to complete the complaint ran out (tunda started it)."""
    return sla.clock_ran_out(case, Clock.KELENGKAPAN)


@condition(_("Pengaduan duplikat harus menyebut pengaduan asalnya."))
def duplicate_names_its_original(case) -> bool:
    return case.archive_reason != ArchiveReason.DUPLIKAT or case.duplicate_of_id is not None


@condition(_("Pilih unit kerja tujuan disposisi."))
def has_unit(case) -> bool:
    return case.unit_id is not None


@condition(_("Uraian tindak lanjut wajib diisi."))
def has_follow_up(case) -> bool:
    return bool(case.tindak_lanjut.strip())


@condition(_("Jawaban untuk pelapor wajib diisi."))
def has_answer(case) -> bool:
    return bool(case.jawaban.strip())


@condition(_("Pengaduan hanya dapat dibuka kembali satu kali, dan pengaduan ini sudah pernah dibuka kembali."))
def not_reopened_yet(case) -> bool:
    return case.reopened_count == 0
