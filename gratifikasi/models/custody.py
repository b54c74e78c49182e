"""The UPG's custody register (barang titipan): objects a declarant handed over while KPK
decides, each received and released against a numbered receipt (tanda terima).

Rows change only through gratifikasi.services_custody, which numbers them, audits each
step and refuses a second release.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.money import MAX_DIGITS
from security.fields import EncryptedCharField, EncryptedTextField

from ..choices import AlasanKeluar
from .declaration import TEXT_MAX_LENGTH, Gratifikasi


class BarangTitipan(models.Model):
    gratifikasi = models.ForeignKey(
        Gratifikasi, verbose_name=_("laporan gratifikasi"), on_delete=models.PROTECT, related_name="titipan"
    )
    # TTP/2026/0001: one sequence per year (casework.references, sequence "titipan").
    nomor = models.CharField(_("nomor tanda terima"), max_length=30, unique=True)
    uraian = EncryptedTextField(_("uraian barang"), validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    nilai = models.DecimalField(
        _("perkiraan nilai (Rp)"), max_digits=MAX_DIGITS, decimal_places=0, validators=[MinValueValidator(0)]
    )
    # Names are personal data: encrypted like the declaration's.
    diterima_dari = EncryptedCharField(_("diterima dari"), plaintext_max_length=200)
    diterima_tanggal = models.DateField(_("tanggal diterima"))
    diterima_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("diterima oleh"), on_delete=models.PROTECT, related_name="+"
    )
    lokasi_simpan = models.CharField(_("lokasi penyimpanan"), max_length=200)
    dikeluarkan_tanggal = models.DateField(_("tanggal dikeluarkan"), null=True, blank=True)
    dikeluarkan_kepada = EncryptedCharField(_("diserahkan kepada"), blank=True, plaintext_max_length=200)
    alasan_keluar = models.CharField(_("alasan dikeluarkan"), max_length=20, choices=AlasanKeluar.choices, blank=True)
    dikeluarkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dikeluarkan oleh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    catatan = EncryptedTextField(_("catatan"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("barang titipan")
        verbose_name_plural = _("barang titipan")
        ordering = ["-diterima_tanggal", "-id"]
        indexes = [
            models.Index(
                fields=["diterima_tanggal"], name="titipan_held", condition=Q(dikeluarkan_tanggal__isnull=True)
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(nilai__gte=0), name="titipan_nilai_not_negative"),
            # A release is recorded whole (when, why, by whom) or not at all.
            models.CheckConstraint(
                condition=Q(dikeluarkan_tanggal__isnull=True, alasan_keluar="", dikeluarkan_oleh__isnull=True)
                | (
                    Q(dikeluarkan_tanggal__isnull=False, dikeluarkan_oleh__isnull=False)
                    & Q(alasan_keluar__in=[str(value) for value in AlasanKeluar.values])
                ),
                name="titipan_release_whole",
            ),
            models.CheckConstraint(
                condition=Q(dikeluarkan_tanggal__isnull=True) | Q(dikeluarkan_tanggal__gte=F("diterima_tanggal")),
                name="titipan_release_after_receipt",
            ),
        ]

    def __str__(self):
        return self.nomor

    @property
    def is_held(self) -> bool:
        """Still in the UPG's custody."""
        return self.dikeluarkan_tanggal is None

    def clean(self):
        super().clean()
        today = timezone.localdate()
        errors = {}
        if self.diterima_tanggal and self.diterima_tanggal > today:
            errors["diterima_tanggal"] = _("Tanggal diterima tidak boleh setelah hari ini.")
        if self.dikeluarkan_tanggal is not None:
            if self.dikeluarkan_tanggal > today:
                errors["dikeluarkan_tanggal"] = _("Tanggal dikeluarkan tidak boleh setelah hari ini.")
            elif self.diterima_tanggal and self.dikeluarkan_tanggal < self.diterima_tanggal:
                errors["dikeluarkan_tanggal"] = _("Tanggal dikeluarkan tidak boleh sebelum barang diterima.")
            if not self.alasan_keluar:
                errors["alasan_keluar"] = _("Pilih alasan barang dikeluarkan.")
            if not (self.dikeluarkan_kepada or "").strip():
                errors["dikeluarkan_kepada"] = _("Tuliskan kepada siapa barang diserahkan.")
        if errors:
            raise ValidationError(errors)
