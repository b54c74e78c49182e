"""The Penguatan Pengawasan actions of the Zona Integritas work plan, one row per action
of the plan's section V (the seed work plans: sub-area, indicator, planned action, the
output that proves it, when, who), as records for a year, with their evidence.

When an action is due follows from its months and frequency (reports.workplan.schedule):
once by the end of its last month, every month, or every semester. Its evidence for each
of those periods is either SIGAP's own report for the period, which links itself when it
exists (reports.workplan.outputs, keyed by the action's output type), or documents the
Tim ZI uploads (BuktiAksi: an SK, an attendance list, minutes, photos, a link to a
publication). Every change goes through reports.workplan.services.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import UnitKerja

from ..stored_files import StoredFile
from .indicators import SubArea, indicator_choices

TEXT_MAX_LENGTH = 2000


def _text(label, *, blank=False):
    return models.TextField(label, blank=blank, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])


def _month(label):
    return models.PositiveSmallIntegerField(label, validators=[MinValueValidator(1), MaxValueValidator(12)])


class Frekuensi(models.TextChoices):
    SEKALI = "sekali", _("Sekali, selesai pada akhir jadwal")
    BULANAN = "bulanan", _("Setiap bulan dalam jadwal")
    SEMESTERAN = "semesteran", _("Setiap semester dalam jadwal")


class RencanaKerja(models.Model):
    """The work plan of one year: its actions hang from it."""

    tahun = models.PositiveSmallIntegerField(_("tahun"), unique=True)
    #: How many days before an action's due date the Tim ZI's inbox starts showing it.
    pengingat_hari = models.PositiveSmallIntegerField(
        _("pengingat (hari sebelum batas)"), default=14, validators=[MaxValueValidator(180)]
    )
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    dibuat_pada = models.DateTimeField(_("dibuat pada"), default=timezone.now)

    class Meta:
        verbose_name = _("rencana kerja penguatan pengawasan")
        verbose_name_plural = _("rencana kerja penguatan pengawasan")
        ordering = ["-tahun"]

    def __str__(self):
        return str(_("Rencana kerja penguatan pengawasan %(year)d") % {"year": self.tahun})


class RencanaAksi(models.Model):
    rencana = models.ForeignKey(RencanaKerja, on_delete=models.PROTECT, related_name="aksi")
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)
    sub_area = models.CharField(_("sub-area"), max_length=20, choices=SubArea.choices)
    indikator_kode = models.CharField(_("indikator LKE"), max_length=60, choices=indicator_choices())
    indikator = _text(_("indikator"))
    rencana_aksi = _text(_("rencana aksi"))
    output = _text(_("output (bukti)"))
    #: Which of SIGAP's reports proves it, or an upload (reports.workplan.outputs).
    jenis_output = models.CharField(_("jenis bukti"), max_length=40)
    bulan_mulai = _month(_("bulan mulai"))
    bulan_selesai = _month(_("bulan selesai"))
    frekuensi = models.CharField(_("frekuensi"), max_length=12, choices=Frekuensi.choices)
    unit = models.ForeignKey(
        UnitKerja,
        verbose_name=_("unit penanggung jawab"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    pelaksana = models.CharField(_("pelaksana"), max_length=200, blank=True)
    #: A withdrawn action keeps its evidence but no longer counts or reminds.
    aktif = models.BooleanField(_("aktif"), default=True)
    diubah_pada = models.DateTimeField(_("terakhir diubah"), default=timezone.now)

    class Meta:
        verbose_name = _("rencana aksi")
        verbose_name_plural = _("rencana aksi")
        ordering = ["rencana", "urutan", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(bulan_mulai__lte=models.F("bulan_selesai")), name="aksi_jadwal_urut"),
            models.CheckConstraint(
                condition=Q(frekuensi__in=[str(value) for value in Frekuensi.values]), name="aksi_frekuensi_valid"
            ),
        ]

    def __str__(self):
        return self.rencana_aksi[:80]

    @property
    def tahun(self) -> int:
        return self.rencana.tahun


class JenisBukti(models.TextChoices):
    SK = "sk", _("Surat keputusan")
    DAFTAR_HADIR = "daftar_hadir", _("Daftar hadir")
    NOTULA = "notula", _("Notula")
    FOTO = "foto", _("Foto atau tangkapan layar")
    LAPORAN = "laporan", _("Laporan")
    PUBLIKASI = "publikasi", _("Publikasi (tautan)")
    LAINNYA = "lainnya", _("Lainnya")


class BuktiAksi(models.Model):
    """Evidence uploaded for one period of an action: files, a link, or both."""

    aksi = models.ForeignKey(RencanaAksi, on_delete=models.PROTECT, related_name="bukti")
    #: The period it proves (reports.workplan.schedule.Slot.key: "2026", "2026-03", "2026-S1").
    periode = models.CharField(_("periode"), max_length=10)
    jenis = models.CharField(_("jenis bukti"), max_length=20, choices=JenisBukti.choices)
    keterangan = _text(_("keterangan"), blank=True)
    tautan = models.URLField(_("tautan"), max_length=500, blank=True)
    dicatat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    dicatat_pada = models.DateTimeField(_("dicatat pada"), default=timezone.now)

    class Meta:
        verbose_name = _("bukti rencana aksi")
        verbose_name_plural = _("bukti rencana aksi")
        ordering = ["aksi", "periode", "dicatat_pada", "pk"]
        indexes = [models.Index(fields=["aksi", "periode"], name="buktiaksi_periode")]

    def __str__(self):
        return f"{self.get_jenis_display()} {self.periode}"


class BerkasBuktiAksi(StoredFile):
    bukti = models.ForeignKey(BuktiAksi, on_delete=models.PROTECT, related_name="berkas")

    class Meta(StoredFile.Meta):
        verbose_name = _("berkas bukti rencana aksi")
        verbose_name_plural = _("berkas bukti rencana aksi")
