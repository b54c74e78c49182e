"""What must be true of a declaration before a transition may run, each with the message
that tells the UPG officer (or the declarant) what is missing.

The services set the transition's own fields on the locked row first, so most of these
read the row alone; a failing one blocks the transition through casework.workflow.
"""

from django.utils.translation import gettext_lazy as _

from casework import sla
from casework.workflow import condition

from .choices import ALLOWED_FOLLOW_UP, NEEDS_RECEIPT_NUMBER, Clock, JenisLaporan, JenisTindakLanjut


@condition(_("Nomor registrasi UPG belum diberikan."))
def has_registration_number(case) -> bool:
    return bool(case.nomor_registrasi_upg.strip())


@condition(_("Tuliskan apa yang perlu dilengkapi pelapor."))
def has_completion_request(case) -> bool:
    return bool(case.catatan_kelengkapan.strip())


@condition(_("Tuliskan jawaban atas permintaan kelengkapan."))
def has_completion_answer(case) -> bool:
    return bool(case.jawaban_kelengkapan.strip())


@condition(_("Batas waktu melengkapi laporan belum lewat; laporan belum dapat ditutup sebagai tidak diproses."))
def completion_time_passed(case) -> bool:
    """The declarant's time to complete the report ran out."""
    return sla.clock_ran_out(case, Clock.KELENGKAPAN)


@condition(_("Tuliskan rekomendasi hasil analisis."))
def has_recommendation(case) -> bool:
    return bool(case.rekomendasi.strip())


@condition(_("Pilih ketentuan pengecualian yang menjadi dasar kesimpulan tidak wajib dilaporkan."))
def cites_a_rule(case) -> bool:
    return case.aturan_dikutip_id is not None


@condition(_("Isi nomor registrasi KPK (GOL) dan tanggal penerusan ke KPK."))
def has_kpk_reference(case) -> bool:
    return bool(case.kpk_nomor.strip()) and case.kpk_tanggal is not None


@condition(_("Hanya laporan penerimaan yang ditetapkan statusnya oleh KPK."))
def is_penerimaan(case) -> bool:
    return case.jenis_laporan == JenisLaporan.PENERIMAAN


@condition(_("Hanya laporan penolakan yang ditutup tanpa keputusan KPK."))
def is_penolakan(case) -> bool:
    return case.jenis_laporan == JenisLaporan.PENOLAKAN


@condition(_("Isi status, nomor, dan tanggal SK KPK."))
def has_sk(case) -> bool:
    return bool(case.sk_status) and bool(case.sk_nomor.strip()) and case.sk_tanggal is not None


@condition(_("Pilih jenis tindak lanjut dan isi tanggalnya."))
def has_follow_up(case) -> bool:
    return bool(case.tindak_lanjut_jenis) and case.tindak_lanjut_tanggal is not None


@condition(_("Jenis tindak lanjut ini tidak sesuai dengan status yang ditetapkan SK KPK."))
def follow_up_fits_the_decision(case) -> bool:
    return case.tindak_lanjut_jenis in ALLOWED_FOLLOW_UP.get(case.sk_status, ())


@condition(_("Penyerahan dan kompensasi wajib mencantumkan nomor tanda terima atau bukti pembayaran."))
def follow_up_has_receipt_number(case) -> bool:
    return case.tindak_lanjut_jenis not in NEEDS_RECEIPT_NUMBER or bool(case.tindak_lanjut_nomor.strip())


@condition(_("Kompensasi wajib mencantumkan nilai yang dibayarkan."))
def compensation_has_value(case) -> bool:
    return case.tindak_lanjut_jenis != JenisTindakLanjut.KOMPENSASI or case.kompensasi_nilai is not None
