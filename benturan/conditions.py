"""What must be true of a conflict case before a transition may run, each with the message
that tells the superior what is missing.

The services set the step's own fields (and the decided controls) on the locked row first,
so these read the row alone; a failing one blocks the transition through casework.workflow.
"""

from django.utils.translation import gettext_lazy as _

from casework.workflow import condition


@condition(_("Tuliskan alasan keputusan."))
def has_reason(case) -> bool:
    return bool((case.alasan_keputusan or "").strip())


@condition(_("Pilih setidaknya satu bentuk pengendalian."))
def has_controls(case) -> bool:
    return case.pengendalian.exists()


@condition(_("Rekomendasi sanksi hanya dicatat bila benturan kepentingan ditemukan tidak dinyatakan."))
def sanction_fits(case) -> bool:
    """A recommended sanction belongs to a conflict found undeclared, and such a finding
    needs one."""
    has_sanction = bool((case.rekomendasi_sanksi or "").strip())
    return has_sanction == bool(case.tidak_dideklarasikan)


@condition(_("Tanpa benturan kepentingan tidak ada sanksi yang dapat direkomendasikan."))
def no_sanction(case) -> bool:
    return not case.tidak_dideklarasikan and not (case.rekomendasi_sanksi or "").strip()


@condition(_("Uraikan bukti bahwa pengendalian telah dilaksanakan."))
def has_evidence(case) -> bool:
    return bool((case.bukti_pelaksanaan or "").strip()) and case.tanggal_pelaksanaan is not None


@condition(_("Tuliskan hasil pemantauan."))
def has_monitoring_result(case) -> bool:
    return bool((case.hasil_pemantauan or "").strip())
