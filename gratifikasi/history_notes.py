"""The sentences SIGAP itself writes in a declaration's history (casework.history_notes),
registered when the app is ready so every page can show them in its reader's language."""

from django.utils.translation import gettext_lazy as _

from casework.history_notes import register

from .choices import JenisTindakLanjut, StatusKpk

CLOSED_INCOMPLETE = register(
    "gratifikasi.closed_incomplete",
    _("Laporan tidak dilengkapi sampai batas waktu %(date)s, sehingga tidak diproses."),
    dates=("date",),
)
CLOSED_INCOMPLETE_UNDATED = register(
    "gratifikasi.closed_incomplete_undated",
    _("Laporan tidak dilengkapi sampai batas waktu, sehingga tidak diproses."),
)
NOT_OBLIGATORY = register("gratifikasi.not_obligatory", _("Tidak wajib dilaporkan menurut %(source)s: %(title)s."))
FORWARDED = register(
    "gratifikasi.forwarded", _("Diteruskan ke KPK pada %(date)s dengan nomor %(nomor)s."), dates=("date",)
)
SK_RECORDED = register(
    "gratifikasi.sk_recorded",
    _("SK KPK nomor %(nomor)s tanggal %(date)s menetapkan: %(status)s."),
    dates=("date",),
    choices={"status": StatusKpk},
)
FOLLOWED_UP = register(
    "gratifikasi.followed_up",
    _("Tindak lanjut: %(jenis)s pada %(date)s."),
    dates=("date",),
    choices={"jenis": JenisTindakLanjut},
)
