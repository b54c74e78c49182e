"""What each state of a WBS report means to its reporter, and what happens next.

Read through casework.next_step on the reporter's receipt-code page. The dates are those
of the report's clocks (wbs.models.laporan): the first response, then the periodic
news the handler owes the reporter. Nothing here reads or says anything about who the
reporter is: only the report's state and its clocks.
"""

from django.utils.translation import gettext_lazy as _

from casework.next_step import NOBODY, REPORTER, StatusGuide, StepRule

from .choices import Clock, State

_NEWS = _("Petugas memberi kabar perkembangan kepada Anda paling lambat %(date)s.")

RULES = {
    State.DITERIMA: StepRule(
        meaning=_("Laporan Anda sudah diterima dan menunggu diperiksa kelengkapannya oleh petugas."),
        next=_("Petugas menanggapi laporan Anda paling lambat %(date)s."),
        undated=_("Petugas menanggapi laporan Anda."),
        # The first response; once the reporter has answered a question, the periodic news.
        clocks=(Clock.TANGGAPAN_AWAL, Clock.PEMBARUAN),
    ),
    State.DITUNDA: StepRule(
        meaning=_(
            "Petugas memerlukan keterangan tambahan dari Anda. Batas waktu penanganan berhenti sementara sampai "
            "Anda menjawab."
        ),
        undated=_("Jawab pertanyaan petugas di halaman laporan Anda; setelah itu laporan diproses kembali."),
        actor=REPORTER,
    ),
    State.DITELAAH: StepRule(
        meaning=_("Laporan Anda sedang ditelaah: apakah perlu diperiksa lebih lanjut."),
        next=_NEWS,
        clocks=(Clock.PEMBARUAN,),
    ),
    State.DIPERIKSA: StepRule(
        meaning=_("Laporan Anda sedang diperiksa."),
        next=_NEWS,
        clocks=(Clock.PEMBARUAN,),
    ),
    State.DITERUSKAN: StepRule(
        meaning=_("Laporan Anda diteruskan kepada instansi yang berwenang menanganinya."),
        undated=_("Penanganan di sini sudah selesai dan laporan ditutup; instansi tujuan yang melanjutkannya."),
        actor=NOBODY,
    ),
    State.SELESAI: StepRule(
        meaning=_("Pemeriksaan atas laporan Anda sudah selesai."),
        undated=_(
            "Laporan ini sudah ditutup; keterangan petugas ada di riwayat. Bila ada pelanggaran lain, kirim laporan "
            "WBS baru."
        ),
        actor=NOBODY,
    ),
    State.TIDAK_DAPAT_DITINDAKLANJUTI: StepRule(
        meaning=_("Laporan Anda tidak dapat ditindaklanjuti. Alasannya ada di riwayat."),
        undated=_("Laporan ini sudah ditutup. Bila Anda memiliki keterangan atau bukti baru, kirim laporan WBS baru."),
        actor=NOBODY,
    ),
}

GUIDE = StatusGuide(rules=RULES, order=tuple(State.values))
