"""What each stage of a gift declaration means to its declarant, and what happens next.

Read through casework.next_step on the declarant's own page. The dates are those of the
declaration's clocks (gratifikasi.models): the UPG's ten working days to forward it to
KPK, the declarant's time to complete it, KPK's time to decide, the handover of an object
declared state property. An incomplete declaration is closed as not processed by the UPG
once the completion period has run out (tutup_tidak_lengkap), not by itself.
"""

from django.utils.translation import gettext_lazy as _

from casework.next_step import NOBODY, REPORTER, StatusGuide, StepRule

from .choices import Clock, State

_TO_KPK = _("UPG meneruskan laporan Anda ke KPK paling lambat %(date)s.")
_TO_KPK_UNDATED = _("UPG memeriksa laporan Anda lalu meneruskannya ke KPK.")

RULES = {
    State.ADMINISTRASI: StepRule(
        meaning=_("Laporan Anda sudah diterima dan menunggu registrasi oleh UPG."),
        next=_TO_KPK,
        undated=_TO_KPK_UNDATED,
        clocks=(Clock.UPG_KPK,),
    ),
    State.VERIFIKASI: StepRule(
        meaning=_("UPG sedang memeriksa kelengkapan laporan Anda."),
        next=_TO_KPK,
        undated=_TO_KPK_UNDATED,
        clocks=(Clock.UPG_KPK,),
    ),
    State.PERLU_DILENGKAPI: StepRule(
        meaning=_(
            "UPG meminta Anda melengkapi laporan. Lihat permintaannya di bawah. Batas waktu UPG berhenti sementara "
            "sampai Anda melengkapinya."
        ),
        next=_(
            "Lengkapi laporan Anda paling lambat %(date)s. Jika belum dilengkapi, mulai %(after)s laporan dapat "
            "ditutup oleh UPG sebagai tidak diproses."
        ),
        late=_(
            "Batas waktu melengkapi sudah lewat pada %(date)s. Kelengkapan Anda masih diterima selama UPG belum "
            "menutup laporan ini."
        ),
        undated=_("Lengkapi laporan Anda sesuai permintaan UPG."),
        clocks=(Clock.KELENGKAPAN,),
        actor=REPORTER,
    ),
    State.ANALISIS: StepRule(
        meaning=_("Laporan Anda lengkap dan sedang dianalisis oleh UPG."),
        next=_TO_KPK,
        undated=_TO_KPK_UNDATED,
        clocks=(Clock.UPG_KPK,),
    ),
    State.DITERUSKAN_KPK: StepRule(
        meaning=_("UPG telah meneruskan laporan Anda ke KPK. KPK akan menetapkan status pemberian ini."),
        next=_("KPK menetapkan status pemberian ini paling lambat %(date)s; UPG mencatat keputusannya di sini."),
        undated=_("UPG mencatat hasil dari KPK di sini lalu menyelesaikan laporan."),
        clocks=(Clock.KEPUTUSAN_KPK,),
    ),
    State.TINDAK_LANJUT: StepRule(
        meaning=_("KPK telah menetapkan status pemberian ini; tindak lanjutnya sedang dilaksanakan."),
        next=_("Objek diserahkan kepada negara paling lambat %(date)s, sesuai keputusan KPK; ikuti petunjuk UPG."),
        undated=_("UPG mencatat tindak lanjut keputusan KPK lalu menyelesaikan laporan."),
        clocks=(Clock.PENYERAHAN,),
    ),
    State.SELESAI: StepRule(
        meaning=_("Penanganan laporan ini sudah selesai."),
        undated=_("Tidak ada langkah lagi. Simpan tanda terima UPG sebagai bukti bahwa Anda telah melapor."),
        actor=NOBODY,
    ),
    State.TIDAK_WAJIB: StepRule(
        meaning=_("UPG menyimpulkan pemberian ini tidak wajib dilaporkan. Aturan yang menjadi dasarnya ada di bawah."),
        undated=_("Tidak ada langkah lagi. Tanyakan kepada UPG melalui pesan bila Anda memerlukan penjelasan."),
        actor=NOBODY,
    ),
    State.TIDAK_DIPROSES: StepRule(
        meaning=_("Laporan ini tidak diproses karena tidak dilengkapi dalam batas waktu."),
        undated=_(
            "Laporan ini sudah ditutup. Bila Anda masih wajib melaporkan pemberian ini, kirim laporan baru dengan "
            "keterangan yang lengkap."
        ),
        actor=NOBODY,
    ),
}

GUIDE = StatusGuide(rules=RULES, order=tuple(State.values))
