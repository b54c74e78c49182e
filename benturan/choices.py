"""The fixed lists of a conflict-of-interest case (domain.md §6).

The kinds and sources of a conflict follow the 2012 guide (PermenPANRB 37/2012) that
units still cite, kept by PermenPANRB 17/2024; the controls are those the superior may
decide. They are code, not data, because each value drives behaviour (a control that
needs a named colleague, a sanction only where a conflict was not declared); the deadline
is data (a casework.SlaPolicy row with an effective date, seeded by migration 0002).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Jenis(models.TextChoices):
    """An actual conflict must be declared; a potential one should be."""

    AKTUAL = "aktual", _("Aktual")
    POTENSIAL = "potensial", _("Potensial")


class Sumber(models.TextChoices):
    """Where the conflict comes from (the 2012 guide's sources)."""

    KEWENANGAN = "kewenangan", _("Kekuasaan dan kewenangan")
    RANGKAP_JABATAN = "rangkap_jabatan", _("Rangkap jabatan")
    AFILIASI_KELUARGA = "afiliasi_keluarga", _("Afiliasi: hubungan keluarga")
    AFILIASI_TEMAN = "afiliasi_teman", _("Afiliasi: hubungan pertemanan")
    AFILIASI_USAHA = "afiliasi_usaha", _("Afiliasi: hubungan usaha")
    GRATIFIKASI = "gratifikasi", _("Gratifikasi")
    KELEMAHAN_SISTEM = "kelemahan_sistem", _("Kelemahan sistem organisasi")
    KEPENTINGAN_PRIBADI = "kepentingan_pribadi", _("Kepentingan pribadi")


class JenisHal(models.TextChoices):
    """What the conflict touches."""

    KEPUTUSAN = "keputusan", _("Keputusan")
    KEGIATAN = "kegiatan", _("Kegiatan")
    PENGADAAN = "pengadaan", _("Pengadaan barang/jasa")
    PERIZINAN = "perizinan", _("Perizinan atau pelayanan")


class Asal(models.TextChoices):
    """Who brought the conflict: the official themself, or someone else."""

    DEKLARASI = "deklarasi", _("Dinyatakan sendiri oleh pejabat")
    LAPORAN = "laporan", _("Dilaporkan oleh pegawai lain")


class Keputusan(models.TextChoices):
    """The superior's finding."""

    KONFLIK = "konflik", _("Terdapat benturan kepentingan")
    TIDAK_KONFLIK = "tidak_konflik", _("Tidak terdapat benturan kepentingan")


class JenisPengendalian(models.TextChoices):
    """The controls a superior may decide (domain.md §6)."""

    RECUSAL = "recusal", _("Tidak ikut mengambil keputusan (recusal)")
    PENGALIHAN_TUGAS = "pengalihan_tugas", _("Pengalihan tugas kepada pegawai lain")
    PELEPASAN_KEPENTINGAN = "pelepasan_kepentingan", _("Pelepasan kepentingan")
    PENGAWASAN_PIHAK_KETIGA = "pengawasan_pihak_ketiga", _("Pengawasan oleh pihak ketiga")
    PENCATATAN = "pencatatan", _("Pencatatan (konflik dicatat dan diketahui)")


#: The controls under which the official steps back from the matter: recusals from every
#: SIGAP case the matter is (benturan.binding).
STEPS_BACK = frozenset({JenisPengendalian.RECUSAL, JenisPengendalian.PENGALIHAN_TUGAS})


class State(models.TextChoices):
    """diajukan → analisis → (keputusan) → pelaksanaan → pemantauan → selesai, or
    analisis → tidak terdapat konflik."""

    DIAJUKAN = "diajukan", _("Diajukan, menunggu atasan")
    ANALISIS = "analisis", _("Analisis oleh atasan")
    PELAKSANAAN = "pelaksanaan", _("Pengendalian diputuskan, menunggu pelaksanaan")
    PEMANTAUAN = "pemantauan", _("Pemantauan pengendalian")
    SELESAI = "selesai", _("Selesai")
    TIDAK_ADA_KONFLIK = "tidak_ada_konflik", _("Tidak terdapat benturan kepentingan")


FINAL_STATES = frozenset({State.SELESAI, State.TIDAK_ADA_KONFLIK})
#: While the superior has not decided, the official holds the decision concerned.
PENDING_STATES = frozenset({State.DIAJUKAN, State.ANALISIS})
#: States in which a control has been decided.
CONTROLLED_STATES = frozenset({State.PELAKSANAAN, State.PEMANTAUAN, State.SELESAI})
#: States in which a decided control is in force and may be ended early, with a reason.
ACTIVE_CONTROL_STATES = frozenset({State.PELAKSANAAN, State.PEMANTAUAN})


class Clock(models.TextChoices):
    """The deadline clocks of a case (SlaPolicy.clock); the label is the translatable
    name shown where the policy's own label (in the site's language) is not."""

    KEPUTUSAN = "keputusan", _("Keputusan atasan atas benturan kepentingan")


#: Attachment purposes: what the declarant sent, and the evidence that a control was applied.
PURPOSE_PENDUKUNG = "pendukung"
PURPOSE_BUKTI_PELAKSANAAN = "bukti_pelaksanaan"
