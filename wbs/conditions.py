"""What must be true of a WBS report before a transition may run, each with the message
that tells the handler what is missing.

The services set the transition's own fields on the locked row first (run_transition's
`changes`), so these read the row (and its reported persons) alone; a failing one blocks
the transition through casework.workflow.
"""

from django.utils.translation import gettext_lazy as _

from casework.workflow import condition

from .choices import Temuan, TujuanPenerusan


def _filled(value) -> bool:
    return bool((value or "").strip())


@condition(
    _(
        "Laporan belum menjawab semua unsur 4W+1H (apa, siapa, di mana, kapan, bagaimana). Minta kelengkapan "
        "kepada pelapor, atau tuliskan alasan laporan tetap layak ditelaah."
    )
)
def elements_complete_or_accepted(case) -> bool:
    return not case.missing_elements() or _filled(case.alasan_verifikasi)


@condition(_("Tuliskan hasil telaah: mengapa laporan ini perlu diperiksa atau diteruskan."))
def has_review(case) -> bool:
    return _filled(case.hasil_telaah)


@condition(_("Pilih siapa yang memeriksa: tim internal atau Inspektorat."))
def has_examiner(case) -> bool:
    return bool(case.pemeriksa)


@condition(_("Pilih instansi tujuan penerusan (KPK, kepolisian, kejaksaan, Ombudsman, Inspektorat, atau lainnya)."))
def has_forward_target(case) -> bool:
    return bool(case.forwarded_to)


@condition(_("Tuliskan nama instansi tujuan penerusan."))
def other_target_is_named(case) -> bool:
    return case.forwarded_to != TujuanPenerusan.LAINNYA or _filled(case.forwarded_to_name)


@condition(_("Tuliskan nomor surat atau nomor registrasi penerusan."))
def has_forward_reference(case) -> bool:
    return _filled(case.forward_reference)


@condition(_("Pilih hasil pemeriksaan: terbukti atau tidak terbukti."))
def has_finding(case) -> bool:
    return bool(case.temuan)


@condition(_("Laporan yang terbukti wajib disertai rekomendasi (sanksi, perbaikan sistem)."))
def proven_has_recommendation(case) -> bool:
    return case.temuan != Temuan.TERBUKTI or _filled(case.rekomendasi)


@condition(_("Tuliskan alasan laporan tidak dapat ditindaklanjuti; pelapor akan membacanya."))
def has_discontinue_reason(case) -> bool:
    return _filled(case.alasan_tidak_ditindaklanjuti)
