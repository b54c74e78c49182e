"""The indicators of the Penguatan Pengawasan area a work plan's actions serve, by a
stable code (domain.md §7: the LKE's items of PermenPANRB 90/2021 for this area, and the
LHKPN/LHKASN rows the seed plans add).

A work plan action names one of these codes; reports.workplan.status.indicator_status
reports the plan's state per code, which the LKE page maps to its items. The codes never
change meaning: an indicator reworded by a new regulation keeps its code when it asks
the same thing, and gets a new code when it asks something else.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SubArea(models.TextChoices):
    GRATIFIKASI = "gratifikasi", _("Pengendalian gratifikasi")
    SPIP = "spip", _("Penerapan SPIP")
    PENGADUAN = "pengaduan", _("Pengaduan masyarakat")
    WBS = "wbs", _("Whistle-blowing system")
    BENTURAN = "benturan", _("Penanganan benturan kepentingan")
    LHKPN = "lhkpn", _("Laporan harta kekayaan")


#: code → (sub-area, what the indicator asks), in the order the LKE lists them.
INDICATORS: dict[str, tuple[str, object]] = {
    "gratifikasi.kampanye": (SubArea.GRATIFIKASI, _("Kampanye publik pengendalian gratifikasi telah dilakukan")),
    "gratifikasi.implementasi": (SubArea.GRATIFIKASI, _("Pengendalian gratifikasi telah diterapkan")),
    "spip.lingkungan": (SubArea.SPIP, _("Lingkungan pengendalian intern telah dibangun")),
    "spip.penilaian_risiko": (SubArea.SPIP, _("Risiko atas pelaksanaan kebijakan telah dinilai")),
    "spip.kegiatan_pengendalian": (SubArea.SPIP, _("Kegiatan pengendalian atas risiko yang dikenali telah dilakukan")),
    "spip.informasi_komunikasi": (SubArea.SPIP, _("Pengendalian intern telah diinformasikan kepada seluruh pihak")),
    "pengaduan.kebijakan": (SubArea.PENGADUAN, _("Kebijakan pengaduan masyarakat telah diterapkan")),
    "pengaduan.tindak_lanjut": (SubArea.PENGADUAN, _("Pengaduan masyarakat telah ditindaklanjuti")),
    "pengaduan.monev": (SubArea.PENGADUAN, _("Penanganan pengaduan telah dimonitor dan dievaluasi")),
    "pengaduan.evaluasi_ditindaklanjuti": (
        SubArea.PENGADUAN,
        _("Hasil evaluasi penanganan pengaduan telah ditindaklanjuti"),
    ),
    "wbs.penerapan": (SubArea.WBS, _("Whistle-blowing system telah diterapkan")),
    "wbs.evaluasi": (SubArea.WBS, _("Penerapan whistle-blowing system telah dievaluasi")),
    "wbs.evaluasi_ditindaklanjuti": (SubArea.WBS, _("Hasil evaluasi whistle-blowing system telah ditindaklanjuti")),
    "benturan.pemetaan": (SubArea.BENTURAN, _("Benturan kepentingan dalam tugas utama telah dipetakan")),
    "benturan.sosialisasi": (SubArea.BENTURAN, _("Penanganan benturan kepentingan telah disosialisasikan")),
    "benturan.implementasi": (SubArea.BENTURAN, _("Penanganan benturan kepentingan telah diterapkan")),
    "benturan.evaluasi": (SubArea.BENTURAN, _("Penanganan benturan kepentingan telah dievaluasi")),
    "benturan.evaluasi_ditindaklanjuti": (
        SubArea.BENTURAN,
        _("Hasil evaluasi penanganan benturan kepentingan telah ditindaklanjuti"),
    ),
    "lhkpn.penetapan_wajib": (SubArea.LHKPN, _("Pejabat wajib LHKPN telah ditetapkan")),
    "lhkpn.kepatuhan": (SubArea.LHKPN, _("Kepatuhan penyampaian LHKPN")),
    "lhkasn.penetapan_wajib": (SubArea.LHKPN, _("Pegawai wajib LHKASN telah ditetapkan")),
    "lhkasn.kepatuhan": (SubArea.LHKPN, _("Kepatuhan penyampaian LHKASN")),
}


def indicator_choices() -> list[tuple[str, object]]:
    return [(code, label) for code, (_area, label) in INDICATORS.items()]


def sub_area_of(code: str) -> str:
    return INDICATORS[code][0]
