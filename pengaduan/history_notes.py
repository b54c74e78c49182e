"""The sentences SIGAP itself writes in a complaint's history (casework.history_notes),
registered when the app is ready so every page can show them in its reader's language."""

from django.utils.translation import gettext_lazy as _

from casework.history_notes import register

AUTO_CLOSED = register(
    "pengaduan.auto_closed",
    _(
        "Pengaduan ditutup otomatis karena tidak ada tanggapan dari pelapor dalam %(days)d hari kerja "
        "setelah jawaban dikirim."
    ),
)
ARCHIVED_INCOMPLETE = register(
    "pengaduan.archived_incomplete",
    _(
        "Informasi yang diminta tidak dilengkapi sampai batas waktu %(date)s, sehingga pengaduan "
        "diarsipkan. Anda dapat mengirim pengaduan baru dengan keterangan yang lengkap."
    ),
    dates=("date",),
)
