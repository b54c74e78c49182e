"""The fixed lists of a pengaduan: its states, types, channels and archive reasons.

These follow SP4N-LAPOR! and Perpres 76/2013 (domain.md §3). They are code, not data,
because each value drives behaviour (a transition, a required field); the service
categories, which drive nothing, are data (KategoriLayanan).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class State(models.TextChoices):
    DITERIMA = "diterima", _("Diterima")
    DITUNDA = "ditunda", _("Ditunda, menunggu kelengkapan dari pelapor")
    DIVERIFIKASI = "diverifikasi", _("Diverifikasi")
    DITERUSKAN = "diteruskan", _("Diteruskan ke instansi yang berwenang")
    DIARSIPKAN = "diarsipkan", _("Diarsipkan")
    DIDISPOSISIKAN = "didisposisikan", _("Didisposisikan ke unit")
    DITINDAKLANJUTI = "ditindaklanjuti", _("Ditindaklanjuti")
    DIJAWAB = "dijawab", _("Dijawab")
    SELESAI = "selesai", _("Selesai")
    MENUNGGU_PERSETUJUAN_WBS = "menunggu_persetujuan_wbs", _("Menunggu persetujuan pelapor untuk dipindahkan ke WBS")
    DIPINDAHKAN_KE_WBS = "dipindahkan_ke_wbs", _("Dipindahkan ke Whistle-Blowing System (WBS)")


FINAL_STATES = frozenset({State.DITERUSKAN, State.DIARSIPKAN, State.SELESAI, State.DIPINDAHKAN_KE_WBS})


class Jenis(models.TextChoices):
    """The three report types of SP4N-LAPOR!."""

    ASPIRASI = "aspirasi", _("Aspirasi")
    # One report of this type, not the app's name ("Complaints" in English).
    PENGADUAN = "pengaduan", pgettext_lazy("jenis laporan", "Pengaduan")
    PERMINTAAN_INFORMASI = "permintaan_informasi", _("Permintaan informasi")


class Channel(models.TextChoices):
    """Where the complaint came in. Only the web form is filled in by the public itself;
    staff enter the others and record which one it was."""

    WEB = "web", _("Formulir web")
    KOTAK_PENGADUAN = "kotak_pengaduan", _("Kotak pengaduan")
    EMAIL = "email", _("E-mail")
    SMS_WHATSAPP = "sms_whatsapp", _("SMS / WhatsApp")
    TELEPON = "telepon", _("Telepon")
    DATANG_LANGSUNG = "datang_langsung", _("Datang langsung")
    MEDIA_SOSIAL = "media_sosial", _("Media sosial")
    SP4N_LAPOR = "sp4n_lapor", _("SP4N-LAPOR!")


class ArchiveReason(models.TextChoices):
    """Why a complaint is archived without handling (LAPOR! triage)."""

    SPAM = "spam", _("Spam")
    KASAR = "kasar", _("Berisi kata-kata kasar atau menghina")
    TIDAK_JELAS = "tidak_jelas", _("Tidak jelas atau terlalu umum")
    DUPLIKAT = "duplikat", _("Duplikat dari pengaduan lain yang masih berjalan")
    # Set only by the archiving of a complaint left incomplete (arsipkan_tidak_lengkap).
    TIDAK_DILENGKAPI = "tidak_dilengkapi", _("Tidak dilengkapi pelapor dalam batas waktu")


#: The reasons a handler chooses when archiving at triage.
TRIAGE_ARCHIVE_REASONS = [choice for choice in ArchiveReason.choices if choice[0] != ArchiveReason.TIDAK_DILENGKAPI]


class Clock(models.TextChoices):
    """The deadline clocks of a pengaduan (working days seeded as SlaPolicy rows)."""

    # "Verifikasi" is also the verb of the transition; as a stage it is a noun.
    VERIFIKASI = "verifikasi", pgettext_lazy("tahap", "Verifikasi")
    TINDAK_LANJUT = "tindak_lanjut", _("Tindak lanjut oleh unit")
    PENYELESAIAN = "penyelesaian", _("Penyelesaian")
    KONFIRMASI = "konfirmasi", _("Menunggu tanggapan pelapor atas jawaban")
    KELENGKAPAN = "kelengkapan", _("Menunggu kelengkapan dari pelapor")
