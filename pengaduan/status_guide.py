"""What each state of a complaint means to the complainant, and what happens next.

Read through casework.next_step (the tracking page, the status notices); the dates are
those of the complaint's clocks (pengaduan.models: verifikasi, tindak lanjut,
penyelesaian; the complainant's kelengkapan and konfirmasi periods), the rows the staff
case page lists. Who acts and what the complainant may still do follow the workflow:
an answered complaint closes by itself the day after its konfirmasi period
(services.pengaduan_auto_close_due) unless the complainant has it reopened, which they
may do once, also after it closed (buka_kembali); a complaint waiting for information
is archived by a handler, not by itself, once the kelengkapan period has run out.
"""

from django.utils.translation import gettext_lazy as _

from casework.next_step import NOBODY, REPORTER, StatusGuide, StepRule

from .choices import Clock, State

RULES = {
    State.DITERIMA: StepRule(
        meaning=_(
            "Pengaduan Anda sudah kami terima. Petugas pengaduan memeriksa apakah isinya lengkap dan menjadi "
            "wewenang kami."
        ),
        next=_("Petugas memverifikasi pengaduan Anda paling lambat %(date)s."),
        undated=_("Petugas memverifikasi pengaduan Anda."),
        clocks=(Clock.VERIFIKASI,),
    ),
    State.DITUNDA: StepRule(
        meaning=_(
            "Petugas memerlukan informasi tambahan dari Anda sebelum pengaduan dapat diproses. Batas waktu "
            "penanganan berhenti sementara sampai Anda menjawab."
        ),
        next=_(
            "Jawab pertanyaan petugas di halaman pelacakan paling lambat %(date)s. Jika belum dijawab, mulai "
            "%(after)s pengaduan dapat diarsipkan (ditutup) oleh petugas."
        ),
        late=_(
            "Batas waktu menjawab sudah lewat pada %(date)s. Jawaban Anda masih diterima selama pengaduan ini "
            "belum diarsipkan oleh petugas."
        ),
        undated=_("Jawab pertanyaan petugas di halaman pelacakan."),
        clocks=(Clock.KELENGKAPAN,),
        actor=REPORTER,
    ),
    State.DIVERIFIKASI: StepRule(
        meaning=_(
            "Pengaduan Anda lengkap dan menjadi wewenang kami. Petugas menentukan unit kerja yang menindaklanjutinya."
        ),
        next=_(
            "Petugas meneruskan pengaduan Anda ke unit kerja yang menanganinya. Jawaban atas pengaduan Anda "
            "dikirim paling lambat %(date)s."
        ),
        undated=_("Petugas meneruskan pengaduan Anda ke unit kerja yang menanganinya."),
        clocks=(Clock.PENYELESAIAN,),
    ),
    State.DIDISPOSISIKAN: StepRule(
        meaning=_("Pengaduan Anda sudah diteruskan ke unit kerja yang menanganinya."),
        next=_(
            "Unit kerja menindaklanjuti pengaduan Anda paling lambat %(date)s; sesudah itu petugas mengirim "
            "jawabannya kepada Anda."
        ),
        undated=_("Unit kerja menindaklanjuti pengaduan Anda; sesudah itu petugas mengirim jawabannya kepada Anda."),
        clocks=(Clock.TINDAK_LANJUT,),
    ),
    State.DITINDAKLANJUTI: StepRule(
        meaning=_("Unit kerja sudah menindaklanjuti pengaduan Anda. Petugas menyusun jawaban untuk Anda."),
        next=_("Petugas mengirim jawaban kepada Anda paling lambat %(date)s."),
        undated=_("Petugas mengirim jawaban kepada Anda."),
        clocks=(Clock.PENYELESAIAN,),
    ),
    State.DIJAWAB: StepRule(
        meaning=_("Petugas sudah menjawab pengaduan Anda. Jawabannya ada di halaman pelacakan."),
        next=_(
            "Baca jawabannya dan beri penilaian. Jika belum puas, Anda dapat meminta pengaduan dibuka kembali "
            "(satu kali). Tanpa permintaan itu sampai %(date)s, pengaduan ditutup otomatis pada %(after)s."
        ),
        late=_("Masa tanggapan Anda berakhir pada %(date)s; pengaduan segera ditutup otomatis."),
        undated=_("Baca jawabannya dan beri penilaian."),
        clocks=(Clock.KONFIRMASI,),
        actor=REPORTER,
        closes_by_itself=True,
    ),
    State.SELESAI: StepRule(
        meaning=_("Penanganan pengaduan Anda sudah selesai dan pengaduan ditutup."),
        undated=_(
            "Tidak ada langkah lagi dari petugas. Jika belum puas dengan jawabannya, beri penilaian dan minta "
            "pengaduan dibuka kembali; permintaan ini hanya dapat diajukan satu kali. Untuk persoalan lain, kirim "
            "pengaduan baru."
        ),
        actor=NOBODY,
    ),
    State.DITERUSKAN: StepRule(
        meaning=_(
            "Pengaduan Anda bukan wewenang kami, sehingga diteruskan kepada instansi yang berwenang dan ditutup "
            "di sini."
        ),
        undated=_("Penanganan selanjutnya oleh instansi tujuan; tanyakan perkembangannya kepada instansi itu."),
        actor=NOBODY,
    ),
    State.DIARSIPKAN: StepRule(
        meaning=_(
            "Pengaduan Anda diarsipkan tanpa ditindaklanjuti, misalnya karena tidak jelas, duplikat, atau tidak "
            "dilengkapi sampai batas waktunya. Keterangan petugas, bila ada, tercantum di riwayat."
        ),
        undated=_(
            "Pengaduan ini sudah ditutup. Jika Anda masih memerlukan penanganan, kirim pengaduan baru dengan "
            "keterangan yang lengkap."
        ),
        actor=NOBODY,
    ),
    State.MENUNGGU_PERSETUJUAN_WBS: StepRule(
        meaning=_(
            "Petugas mengusulkan laporan Anda dipindahkan ke Whistle-Blowing System (WBS), saluran khusus untuk "
            "pelanggaran oleh pegawai. Batas waktu penanganan berhenti sementara sampai Anda memutuskan."
        ),
        undated=_("Anda yang memutuskan: setujui atau tolak usulan itu di halaman pelacakan."),
        actor=REPORTER,
    ),
    State.DIPINDAHKAN_KE_WBS: StepRule(
        meaning=_("Laporan Anda sudah dipindahkan ke WBS atas persetujuan Anda dan ditutup sebagai pengaduan."),
        undated=_(
            "Ikuti perkembangannya di halaman WBS dengan kode tanda terima WBS yang Anda terima saat menyetujui "
            "pemindahan."
        ),
        actor=NOBODY,
    ),
}

# Once reopened, a complaint cannot be reopened again (conditions.not_reopened_yet).
_ANSWERED_REOPENED_ONCE = StepRule(
    meaning=RULES[State.DIJAWAB].meaning,
    next=_(
        "Baca jawabannya dan beri penilaian. Pengaduan ini sudah pernah dibuka kembali, sehingga tidak dapat dibuka "
        "lagi; pengaduan ditutup otomatis pada %(after)s."
    ),
    late=RULES[State.DIJAWAB].late,
    undated=RULES[State.DIJAWAB].undated,
    clocks=RULES[State.DIJAWAB].clocks,
    actor=REPORTER,
    closes_by_itself=True,
)
_CLOSED_REOPENED_ONCE = StepRule(
    meaning=RULES[State.SELESAI].meaning,
    undated=_(
        "Tidak ada langkah lagi dari petugas. Pengaduan ini sudah pernah dibuka kembali, sehingga tidak dapat dibuka "
        "lagi. Untuk persoalan lain, kirim pengaduan baru; bila Anda tetap tidak puas atas pelayanan kami, Anda "
        "dapat melapor kepada Ombudsman Republik Indonesia."
    ),
    actor=NOBODY,
)


def _choose(case, rule: StepRule) -> StepRule:
    if case.reopened_count:
        if case.state == State.DIJAWAB:
            return _ANSWERED_REOPENED_ONCE
        if case.state == State.SELESAI:
            return _CLOSED_REOPENED_ONCE
    return rule


GUIDE = StatusGuide(rules=RULES, order=tuple(State.values), choose=_choose)
