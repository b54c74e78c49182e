"""The semester monitoring-and-evaluation (monev) of the Zona Integritas as records
(domain.md §7; the structure of the seed report "Laporan Monitoring dan Evaluasi …
Semester 1").

- A monev meeting (RapatMonev) has its date, subject, attendees and files (invitation,
  attendance list, minutes, photos), and its rows of findings (uraian) each with the
  recommendation made on it (masukan perbaikan): a Rekomendasi, owned by a unit, due by
  a date, followed up (TindakLanjutRekomendasi, with evidence files) until finished.
  A meeting belongs to the semester of its date.
- The semester report (LaporanMonev) holds what is written rather than counted: the
  introduction, the legal basis, the closing and the place of signing. Once signed its
  content is frozen as a version (LaporanMonevVersi): the whole document as issued,
  numbers included, never recomputed. Reissuing after a reopening adds version 2 and
  keeps version 1.

Every change goes through reports.monev.services.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import UnitKerja
from casework.reporting import Period

from ..stored_files import StoredFile

SUBJECT_MAX_LENGTH = 300
TEXT_MAX_LENGTH = 4000
LONG_TEXT_MAX_LENGTH = 20000
PLACE_MAX_LENGTH = 100


def _text(label, *, blank=False, max_length=TEXT_MAX_LENGTH):
    return models.TextField(label, blank=blank, validators=[MaxLengthValidator(max_length)])


class Semester(models.IntegerChoices):
    I = 1, _("Semester I (Januari–Juni)")  # noqa: E741 - the semester's own name
    II = 2, _("Semester II (Juli–Desember)")


class StatusLaporan(models.TextChoices):
    DRAF = "draf", _("Draf")
    DIAJUKAN = "diajukan", _("Menunggu tanda tangan")
    TERBIT = "terbit", _("Ditandatangani")


class LaporanMonev(models.Model):
    """The written parts of one semester's report and where it stands."""

    tahun = models.PositiveSmallIntegerField(_("tahun"))
    semester = models.PositiveSmallIntegerField(_("semester"), choices=Semester.choices)
    pendahuluan = _text(_("pendahuluan"), max_length=LONG_TEXT_MAX_LENGTH)
    dasar_hukum = _text(_("dasar hukum"), max_length=LONG_TEXT_MAX_LENGTH)
    penutup = _text(_("penutup"), max_length=LONG_TEXT_MAX_LENGTH)
    tempat = models.CharField(_("tempat penandatanganan"), max_length=PLACE_MAX_LENGTH, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=StatusLaporan.choices, default=StatusLaporan.DRAF)
    diajukan_pada = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    diajukan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    #: The number of the newest issued version (0: never signed).
    versi_terakhir = models.PositiveIntegerField(_("versi terakhir"), default=0)
    #: Why it was reopened after signing (shown until it is signed again).
    alasan_dibuka = _text(_("alasan dibuka kembali"), blank=True)
    diubah_pada = models.DateTimeField(_("terakhir diubah"), default=timezone.now)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("laporan monev semester")
        verbose_name_plural = _("laporan monev semester")
        ordering = ["-tahun", "-semester"]
        constraints = [
            models.UniqueConstraint(fields=["tahun", "semester"], name="laporanmonev_satu_per_semester"),
            models.CheckConstraint(condition=Q(semester__in=[1, 2]), name="laporanmonev_semester_valid"),
            models.CheckConstraint(
                condition=Q(status__in=[str(value) for value in StatusLaporan.values]),
                name="laporanmonev_status_valid",
            ),
        ]

    def __str__(self):
        return str(_("Laporan monev %(period)s") % {"period": self.period.label})

    @property
    def period(self) -> Period:
        return Period.semester(self.tahun, self.semester)

    @property
    def slug(self) -> str:
        return self.period.slug

    @property
    def is_signed(self) -> bool:
        return self.status == StatusLaporan.TERBIT


class LaporanMonevVersi(models.Model):
    """One issued version of a semester's report: the document exactly as signed."""

    laporan = models.ForeignKey(LaporanMonev, on_delete=models.PROTECT, related_name="versi")
    nomor = models.PositiveIntegerField(_("versi"))
    #: The whole document as issued (reports.monev.snapshot): text, tables, figures.
    dokumen = models.JSONField(_("dokumen"))
    tanggal = models.DateField(_("tanggal penandatanganan"))
    tempat = models.CharField(_("tempat penandatanganan"), max_length=PLACE_MAX_LENGTH)
    #: The Kepala Dinas who signed; their name and NIP as they were are in `dokumen`.
    ditandatangani_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("ditandatangani oleh"), on_delete=models.PROTECT, related_name="+"
    )
    #: Who recorded the signing in SIGAP: the signer, or the Tim ZI for a signature on paper.
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dicatat oleh"), on_delete=models.PROTECT, related_name="+"
    )
    dicatat_pada = models.DateTimeField(_("dicatat pada"), default=timezone.now)
    #: For a version after the first: why the report was reopened.
    alasan = _text(_("alasan terbit ulang"), blank=True)

    class Meta:
        verbose_name = _("versi laporan monev")
        verbose_name_plural = _("versi laporan monev")
        ordering = ["laporan", "nomor"]
        constraints = [
            models.UniqueConstraint(fields=["laporan", "nomor"], name="laporanmonevversi_nomor_unik"),
        ]

    def __str__(self):
        return str(_("%(report)s, versi %(number)d") % {"report": self.laporan, "number": self.nomor})


class RapatMonev(models.Model):
    tanggal = models.DateField(_("tanggal rapat"))
    perihal = models.CharField(_("perihal"), max_length=SUBJECT_MAX_LENGTH)
    objek = _text(_("objek monitoring"), blank=True)
    peserta = _text(_("peserta"))
    tempat = models.CharField(_("tempat"), max_length=PLACE_MAX_LENGTH, blank=True)
    dicatat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    dicatat_pada = models.DateTimeField(_("dicatat pada"), default=timezone.now)
    diubah_pada = models.DateTimeField(_("terakhir diubah"), default=timezone.now)

    class Meta:
        verbose_name = _("rapat monev")
        verbose_name_plural = _("rapat monev")
        ordering = ["tanggal", "pk"]
        indexes = [models.Index(fields=["tanggal"], name="rapatmonev_tanggal")]

    def __str__(self):
        return f"{self.perihal} ({self.tanggal.isoformat()})"

    @property
    def semester(self) -> int:
        return 1 if self.tanggal.month <= 6 else 2

    @property
    def period(self) -> Period:
        return Period.semester(self.tanggal.year, self.semester)


class JenisBerkasRapat(models.TextChoices):
    UNDANGAN = "undangan", _("Undangan")
    DAFTAR_HADIR = "daftar_hadir", _("Daftar hadir")
    NOTULA = "notula", _("Notula")
    FOTO = "foto", _("Foto kegiatan")
    LAINNYA = "lainnya", _("Lainnya")


class BerkasRapat(StoredFile):
    rapat = models.ForeignKey(RapatMonev, on_delete=models.PROTECT, related_name="berkas")
    jenis = models.CharField(_("jenis berkas"), max_length=20, choices=JenisBerkasRapat.choices)

    class Meta(StoredFile.Meta):
        verbose_name = _("berkas rapat monev")
        verbose_name_plural = _("berkas rapat monev")


class Rekomendasi(models.Model):
    """One row of a meeting's table: the finding and the recommendation made on it."""

    rapat = models.ForeignKey(RapatMonev, on_delete=models.PROTECT, related_name="rekomendasi")
    nomor = models.PositiveSmallIntegerField(_("nomor"))
    uraian = _text(_("uraian"))
    masukan = _text(_("masukan perbaikan"))
    unit = models.ForeignKey(UnitKerja, verbose_name=_("unit penanggung jawab"), on_delete=models.PROTECT)
    batas_waktu = models.DateField(_("batas waktu"))
    #: The day the follow-up that finished it was done; empty while it is open.
    selesai_pada = models.DateField(_("selesai pada"), null=True, blank=True)
    dicatat_pada = models.DateTimeField(_("dicatat pada"), default=timezone.now)
    diubah_pada = models.DateTimeField(_("terakhir diubah"), default=timezone.now)

    class Meta:
        verbose_name = _("masukan perbaikan")
        verbose_name_plural = _("masukan perbaikan")
        ordering = ["rapat__tanggal", "rapat_id", "nomor"]
        constraints = [
            models.UniqueConstraint(fields=["rapat", "nomor"], name="rekomendasi_nomor_unik"),
        ]
        indexes = [
            models.Index(fields=["selesai_pada", "batas_waktu"], name="rekomendasi_terbuka"),
            models.Index(fields=["unit", "selesai_pada"], name="rekomendasi_unit"),
        ]

    def __str__(self):
        return self.masukan[:80]

    @property
    def is_open(self) -> bool:
        return self.selesai_pada is None


class JenisTindakLanjut(models.TextChoices):
    PROGRES = "progres", _("Kemajuan")
    SELESAI = "selesai", _("Selesai")
    DIBUKA = "dibuka", _("Dibuka kembali")


class TindakLanjutRekomendasi(models.Model):
    """What was done on a recommendation, when, with its evidence. A `selesai` entry
    finishes the recommendation; a `dibuka` entry (the Tim ZI, with its reason) opens it
    again when the follow-up did not answer it."""

    rekomendasi = models.ForeignKey(Rekomendasi, on_delete=models.PROTECT, related_name="tindak_lanjut")
    jenis = models.CharField(_("jenis"), max_length=10, choices=JenisTindakLanjut.choices)
    tanggal = models.DateField(_("tanggal dilaksanakan"))
    uraian = _text(_("tindak lanjut"))
    dicatat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    dicatat_pada = models.DateTimeField(_("dicatat pada"), default=timezone.now)

    class Meta:
        verbose_name = _("tindak lanjut masukan perbaikan")
        verbose_name_plural = _("tindak lanjut masukan perbaikan")
        ordering = ["tanggal", "dicatat_pada", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(jenis__in=[str(value) for value in JenisTindakLanjut.values]),
                name="tindaklanjutrekomendasi_jenis_valid",
            ),
        ]

    def __str__(self):
        return self.uraian[:80]


class BerkasTindakLanjut(StoredFile):
    tindak_lanjut = models.ForeignKey(TindakLanjutRekomendasi, on_delete=models.PROTECT, related_name="berkas")

    class Meta(StoredFile.Meta):
        verbose_name = _("bukti tindak lanjut")
        verbose_name_plural = _("bukti tindak lanjut")


class PengaturanMonev(models.Model):
    """The unit's own standard texts a new semester's report starts from (set in the
    admin; reports.monev.defaults has SIGAP's for any left empty). Only the newest row
    is used. The place of signing is the city of the unit's profile."""

    pendahuluan = _text(_("pendahuluan baku"), blank=True, max_length=LONG_TEXT_MAX_LENGTH)
    dasar_hukum = _text(_("dasar hukum baku"), blank=True, max_length=LONG_TEXT_MAX_LENGTH)
    penutup = _text(_("penutup baku"), blank=True, max_length=LONG_TEXT_MAX_LENGTH)
    diubah_pada = models.DateTimeField(_("terakhir diubah"), auto_now=True)

    class Meta:
        verbose_name = _("teks baku laporan monev")
        verbose_name_plural = _("teks baku laporan monev")

    def __str__(self):
        return str(_("Teks baku laporan monev"))
