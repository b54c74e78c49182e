"""The fixed lists of a WBS report: states, subjects, the 4W+1H elements, who handles it,
where it may be forwarded, the findings, and its deadline clocks.

They follow domain.md §4. They are code, not data, because each value drives behaviour
(a transition, a required field, who may see the case); the number of days of each clock,
which drives nothing but a date, is data (casework.SlaPolicy, seeded by migration).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    DITERIMA = "diterima", _("Diterima")
    DITUNDA = "ditunda", _("Menunggu kelengkapan dari pelapor")
    DITELAAH = "ditelaah", _("Ditelaah")
    DIPERIKSA = "diperiksa", _("Dalam pemeriksaan")
    DITERUSKAN = "diteruskan", _("Diteruskan ke instansi yang berwenang")
    SELESAI = "selesai", _("Selesai")
    TIDAK_DAPAT_DITINDAKLANJUTI = "tidak_dapat_ditindaklanjuti", _("Tidak dapat ditindaklanjuti")


FINAL_STATES = frozenset({State.DITERUSKAN, State.SELESAI, State.TIDAK_DAPAT_DITINDAKLANJUTI})
#: Open states in which the handler works (the reporter holds the case while it is ditunda).
WORKING_STATES = (State.DITERIMA, State.DITELAAH, State.DIPERIKSA)


class Kategori(models.TextChoices):
    """What the reported conduct is (seed 004: abuse of authority, disciplinary
    violations, corruption/collusion/nepotism — UU 28/1999 names the three of KKN)."""

    PENYALAHGUNAAN_WEWENANG = "penyalahgunaan_wewenang", _("Penyalahgunaan wewenang")
    PELANGGARAN_DISIPLIN = "pelanggaran_disiplin", _("Pelanggaran disiplin pegawai")
    KORUPSI = "korupsi", _("Korupsi (termasuk suap, pungutan liar, gratifikasi)")
    KOLUSI = "kolusi", _("Kolusi")
    NEPOTISME = "nepotisme", _("Nepotisme")
    LAINNYA = "lainnya", _("Pelanggaran lain")


class Unsur(models.TextChoices):
    """The elements that make a report actionable (4W+1H); "how much" is asked too but a
    report without a loss figure can still be examined."""

    APA = "apa", _("apa yang terjadi")
    SIAPA = "siapa", _("siapa yang dilaporkan")
    DI_MANA = "dimana", _("di mana")
    KAPAN = "kapan", _("kapan")
    BAGAIMANA = "bagaimana", _("bagaimana terjadinya")


class Penanganan(models.TextChoices):
    """Which role handles the report. A report on the unit's leadership (or on every
    Pengelola WBS) goes to the Inspektorat: the unit's own handlers answer to the people
    reported (domain.md §4)."""

    PENGELOLA_WBS = "pengelola_wbs", _("Pengelola WBS")
    INSPEKTORAT = "inspektorat", _("Inspektorat")


class Pemeriksa(models.TextChoices):
    """Who examines a report that merits examination."""

    TIM_INTERNAL = "tim_internal", _("Tim pemeriksa internal")
    INSPEKTORAT = "inspektorat", _("Inspektorat")


class TujuanPenerusan(models.TextChoices):
    """Bodies a report is forwarded to when it is theirs to handle."""

    KPK = "kpk", _("Komisi Pemberantasan Korupsi (KPK)")
    KEPOLISIAN = "kepolisian", _("Kepolisian")
    KEJAKSAAN = "kejaksaan", _("Kejaksaan")
    OMBUDSMAN = "ombudsman", _("Ombudsman RI")
    INSPEKTORAT = "inspektorat", _("Inspektorat")
    LAINNYA = "lainnya", _("Instansi lain yang berwenang")


class Temuan(models.TextChoices):
    TERBUKTI = "terbukti", _("Terbukti")
    TIDAK_TERBUKTI = "tidak_terbukti", _("Tidak terbukti")


class Clock(models.TextChoices):
    """The deadline clocks of a WBS report (working days seeded as SlaPolicy rows)."""

    TANGGAPAN_AWAL = "tanggapan_awal", _("Tanggapan pertama kepada pelapor")
    PEMBARUAN = "pembaruan", _("Kabar perkembangan berkala kepada pelapor")


class StatusPermintaan(models.TextChoices):
    """The life of a request to open a reporter's sealed identity."""

    MENUNGGU = "menunggu", _("Menunggu keputusan")
    DISETUJUI = "disetujui", _("Disetujui")
    DITOLAK = "ditolak", _("Ditolak")
    # The requester stopped holding the report (reassigned, recused, or the report moved
    # to the Inspektorat) before the request was decided or while it was approved.
    BERAKHIR = "berakhir", _("Berakhir")
