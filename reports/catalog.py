"""The reports a person may open, in one list: the staff menu's single "Laporan" link
leads to it (reports/index.html), and each report's own access rule decides whether it
is listed, so the list never offers a page that would answer "not found"."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import access
from .dashboard.access import may_see_dashboard
from .lhkpn import access as lhkpn_access
from .lke import access as lke_access
from .monev import access as monev_access
from .workplan import access as workplan_access


@dataclass(frozen=True)
class Entry:
    title: str
    description: str
    url: str


#: (title, what it is, URL name, who may open it), in the order a Tim ZI works through them.
_ENTRIES = (
    (
        _("Dasbor pimpinan"),
        _("Kasus per jenis hari ini: terlambat, segera jatuh tempo, tren, per unit; tiap angka menuju kasusnya."),
        "reports:dashboard",
        may_see_dashboard,
    ),
    (
        _("Laporan bulanan tindak lanjut"),
        _("Per bidang: diterima, diproses, selesai, kepatuhan batas waktu, dan tindak lanjut tiap kasus."),
        "reports:monthly",
        access.reads_reports,
    ),
    (
        _("Rekapitulasi gratifikasi (UPG)"),
        _("Per bulan atau semester, dari laporan gratifikasi yang ditangani UPG."),
        "reports:upg_recap",
        access.may_read_upg_recap,
    ),
    (
        _("Laporan monev semester"),
        _("Rapat monev, masukan perbaikan dan tindak lanjutnya, statistik, tanda tangan Kepala Dinas."),
        "reports:monev_index",
        monev_access.offers_monev,
    ),
    (
        _("Rencana kerja Penguatan Pengawasan"),
        _("Rencana aksi tahunan dan bukti pelaksanaannya per periode."),
        "reports:workplan_index",
        workplan_access.may_read,
    ),
    (
        _("LKE Penguatan Pengawasan"),
        _("Jawaban yang diusulkan SIGAP dari catatannya, buktinya, nilai, dan koreksi penilai."),
        "reports:lke",
        lke_access.may_read,
    ),
    (
        _("Register LHKPN/LHKASN"),
        _("Pejabat dan pegawai wajib lapor harta kekayaan, dan kepatuhannya per tahun."),
        "reports:lhkpn",
        lhkpn_access.may_read,
    ),
)


def entries_for(user) -> list[Entry]:
    return [
        Entry(str(title), str(description), reverse(url_name))
        for title, description, url_name, may_open in _ENTRIES
        if may_open(user)
    ]


def offers_any(user) -> bool:
    """Whether the list has a report for `user` (the staff menu's question, asked on every
    page): stops at the first one that opens."""
    return any(may_open(user) for _title, _description, _url_name, may_open in _ENTRIES)
