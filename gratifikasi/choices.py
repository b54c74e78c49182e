"""The fixed lists of a gratifikasi declaration (domain.md §5).

KPK's own lists (jenis peristiwa, jenis penerimaan, the outcomes of its decision) and the
stages of the UPG. They are code, not data, because each value drives behaviour (a
transition, an exemption rule's criteria, a follow-up allowed by an outcome); the
not-obligatory rules and the deadlines, which change with the regulations, are data
(ExemptionRule and casework.SlaPolicy rows with effective dates).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class JenisLaporan(models.TextChoices):
    """Officials report both the gifts they received and those they refused."""

    PENERIMAAN = "penerimaan", _("Penerimaan gratifikasi")
    PENOLAKAN = "penolakan", _("Penolakan gratifikasi")


class JenisPeristiwa(models.TextChoices):
    """The occasion of the gift (KPK's list)."""

    ACARA_ADAT = "acara_adat", _("Acara adat")
    KEAGAMAAN = "keagamaan", _("Keagamaan")
    TUGAS_PELAYANAN = "tugas_pelayanan", _("Terkait tugas pelayanan")
    TUGAS_NON_PELAYANAN = "tugas_non_pelayanan", _("Terkait tugas non-pelayanan")
    ULANG_TAHUN = "ulang_tahun", _("Ulang tahun")
    MUTASI_PROMOSI = "mutasi_promosi", _("Mutasi / promosi / pisah sambut")
    PERNIKAHAN = "pernikahan", _("Pernikahan")
    SEMINAR = "seminar", _("Seminar / diklat / workshop")
    MUSIBAH = "musibah", _("Musibah / bencana / duka")
    LAINNYA = "lainnya", _("Lainnya")


class JenisPenerimaan(models.TextChoices):
    """What was given (KPK's list)."""

    UANG = "uang", _("Uang")
    BARANG = "barang", _("Barang")
    MAKANAN = "makanan", _("Makanan / minuman")
    RABAT = "rabat", _("Rabat / diskon")
    PENGINAPAN = "penginapan", _("Fasilitas penginapan")
    TIKET = "tiket", _("Tiket perjalanan")
    FASILITAS_LAIN = "fasilitas_lain", _("Fasilitas lainnya")


#: Money and its equivalents; a rule for non-cash gifts only never fits these.
CASH = frozenset({JenisPenerimaan.UANG})


class HubunganPemberi(models.TextChoices):
    """How the giver is related to the declarant."""

    KELUARGA = "keluarga", _("Keluarga")
    REKAN_KERJA = "rekan_kerja", _("Rekan kerja / atasan / bawahan")
    PENGGUNA_LAYANAN = "pengguna_layanan", _("Pengguna layanan")
    REKANAN = "rekanan", _("Rekanan / penyedia barang dan jasa")
    LAINNYA = "lainnya", _("Lainnya")


class State(models.TextChoices):
    """The UPG's stages: administrasi → verifikasi kelengkapan → analisis → penerusan ke
    KPK → SK KPK recorded → tindak lanjut → selesai."""

    ADMINISTRASI = "administrasi", _("Diterima, menunggu registrasi UPG")
    VERIFIKASI = "verifikasi", _("Verifikasi kelengkapan")
    PERLU_DILENGKAPI = "perlu_dilengkapi", _("Perlu dilengkapi pelapor")
    ANALISIS = "analisis", _("Analisis")
    DITERUSKAN_KPK = "diteruskan_kpk", _("Diteruskan ke KPK")
    TINDAK_LANJUT = "tindak_lanjut", _("SK KPK diterima, menunggu tindak lanjut")
    SELESAI = "selesai", _("Selesai")
    TIDAK_WAJIB = "tidak_wajib", _("Tidak wajib dilaporkan")
    TIDAK_DIPROSES = "tidak_diproses", _("Tidak diproses (tidak dilengkapi)")


FINAL_STATES = frozenset({State.SELESAI, State.TIDAK_WAJIB, State.TIDAK_DIPROSES})


class StateGroup(models.TextChoices):
    """How the recap groups the stages."""

    DALAM_PROSES = "dalam_proses", _("Dalam proses UPG")
    DITERUSKAN = "diteruskan", _("Diteruskan ke KPK, menunggu keputusan")
    DITETAPKAN = "ditetapkan", _("Ditetapkan KPK")
    PENOLAKAN_SELESAI = "penolakan_selesai", _("Penolakan, selesai dilaporkan ke KPK")
    TIDAK_WAJIB = "tidak_wajib", _("Tidak wajib dilaporkan")
    TIDAK_DIPROSES = "tidak_diproses", _("Tidak diproses")


class StatusKpk(models.TextChoices):
    """KPK's decision on a received gift (SK penetapan status)."""

    MILIK_PENERIMA = "milik_penerima", _("Milik penerima")
    MILIK_NEGARA = "milik_negara", _("Milik negara")
    MILIK_NEGARA_KOMPENSASI = "milik_negara_kompensasi", _("Milik negara, dapat diganti uang")
    TIDAK_DAPAT_DITETAPKAN = "tidak_dapat_ditetapkan", _("Tidak dapat ditetapkan")


#: Decisions after which the object goes to the state, within the penyerahan clock.
NEEDS_HANDOVER = frozenset({StatusKpk.MILIK_NEGARA, StatusKpk.MILIK_NEGARA_KOMPENSASI})


class JenisTindakLanjut(models.TextChoices):
    """What happens to the object after KPK's decision."""

    PENYERAHAN = "penyerahan", _("Penyerahan kepada negara")
    PENGEMBALIAN = "pengembalian", _("Pengembalian kepada pelapor")
    KOMPENSASI = "kompensasi", _("Kompensasi: pelapor membayar senilai objek")
    TIDAK_ADA = "tidak_ada", _("Tidak ada pemindahan: objek tetap pada pemiliknya")


#: The one place that says which follow-up each decision allows. (Pengembalian further
#: needs the object to be in the UPG's custody; the service checks that.)
ALLOWED_FOLLOW_UP = {
    StatusKpk.MILIK_NEGARA: frozenset({JenisTindakLanjut.PENYERAHAN}),
    StatusKpk.MILIK_NEGARA_KOMPENSASI: frozenset({JenisTindakLanjut.KOMPENSASI, JenisTindakLanjut.PENYERAHAN}),
    StatusKpk.MILIK_PENERIMA: frozenset({JenisTindakLanjut.PENGEMBALIAN, JenisTindakLanjut.TIDAK_ADA}),
    StatusKpk.TIDAK_DAPAT_DITETAPKAN: frozenset({JenisTindakLanjut.PENGEMBALIAN, JenisTindakLanjut.TIDAK_ADA}),
}

#: Follow-ups that must name a receipt or payment reference.
NEEDS_RECEIPT_NUMBER = frozenset({JenisTindakLanjut.PENYERAHAN, JenisTindakLanjut.KOMPENSASI})


class AlasanKeluar(models.TextChoices):
    """Why an object leaves the UPG's custody (the follow-ups that move an object)."""

    PENYERAHAN = JenisTindakLanjut.PENYERAHAN.value, JenisTindakLanjut.PENYERAHAN.label
    PENGEMBALIAN = JenisTindakLanjut.PENGEMBALIAN.value, JenisTindakLanjut.PENGEMBALIAN.label
    KOMPENSASI = JenisTindakLanjut.KOMPENSASI.value, JenisTindakLanjut.KOMPENSASI.label


class Clock(models.TextChoices):
    """The deadline clocks of a declaration (working days seeded as SlaPolicy rows)."""

    LAPOR_KPK = "lapor_kpk", _("Pelaporan ke KPK (30 hari kerja sejak diterima)")
    LAPOR_UPG = "lapor_upg", _("Pelaporan ke UPG (10 hari kerja sejak diterima)")
    UPG_KPK = "upg_kpk", _("Penerusan UPG ke KPK")
    KELENGKAPAN = "kelengkapan", _("Melengkapi laporan")
    KEPUTUSAN_KPK = "keputusan_kpk", _("Keputusan KPK")
    PENYERAHAN = "penyerahan", _("Penyerahan objek kepada negara")


#: Attachment purposes (casework.Attachment.purpose) on a declaration.
PURPOSE_FOTO = "foto"
PURPOSE_SK = "sk_kpk"
PURPOSE_TANDA_TERIMA = "tanda_terima_tindak_lanjut"
