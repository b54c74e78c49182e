"""The register of compliance with the wealth reports (domain.md §7): per year, the
officials obliged to file — an LHKPN for a wajib LHKPN (the Kepala Dinas, the heads of
bidang and the other positions the regulations name), an LHKASN for every other ASN — and
when each filed.

One row per person and year (`LhkpnKewajiban`) holds the obligation and, once filed, the
filing: its date and the receipt number the KPK's e-LHKPN or the LHKASN application gives
back. The unit and position are kept as they were when the obligation was set, so a
later move changes no year's figures. The percentage (filed ÷ obliged, per kind) is
counted from these rows and never typed (reports.lhkpn.selectors); the LKE's
"Penyampaian LHKPN/LHKASN" items read it from there.

An optional evidence file (the receipt) is kept in its own row (`LhkpnBukti`), encrypted
in the database like every other encrypted field, so key rotation covers it and listing
the register never loads a file.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import UnitKerja
from security.fields import EncryptedCharField, EncryptedTextField

RECEIPT_MAX_LENGTH = 100


class JenisLaporanHarta(models.TextChoices):
    LHKPN = "lhkpn", _("LHKPN")
    LHKASN = "lhkasn", _("LHKASN")


class LhkpnKewajiban(models.Model):
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    pegawai = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("pegawai"), on_delete=models.PROTECT, related_name="+"
    )
    jenis = models.CharField(_("laporan yang wajib"), max_length=10, choices=JenisLaporanHarta.choices)
    jabatan = models.CharField(_("jabatan"), max_length=200, blank=True)
    unit = models.ForeignKey(
        UnitKerja, verbose_name=_("unit kerja"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ditetapkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("ditetapkan oleh"), on_delete=models.PROTECT, related_name="+"
    )
    ditetapkan_pada = models.DateTimeField(_("ditetapkan pada"), default=timezone.now)
    tanggal_lapor = models.DateField(_("tanggal penyampaian"), null=True, blank=True)
    nomor_tanda_terima = models.CharField(_("nomor tanda terima"), max_length=RECEIPT_MAX_LENGTH, blank=True)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicatat oleh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    dicatat_pada = models.DateTimeField(_("dicatat pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("kewajiban LHKPN/LHKASN")
        verbose_name_plural = _("register LHKPN/LHKASN")
        ordering = ["tahun", "jenis", "unit_id", "pk"]
        indexes = [models.Index(fields=["tahun", "jenis"], name="lhkpn_tahun_jenis")]
        constraints = [
            models.UniqueConstraint(fields=["tahun", "pegawai"], name="lhkpn_once_per_year"),
            models.CheckConstraint(
                condition=Q(jenis__in=[str(value) for value in JenisLaporanHarta.values]), name="lhkpn_jenis_valid"
            ),
            # Filed means a date, a receipt and who recorded it; not filed means none of them.
            models.CheckConstraint(
                condition=Q(tanggal_lapor__isnull=True, nomor_tanda_terima="", dicatat_pada__isnull=True)
                | (
                    Q(tanggal_lapor__isnull=False, dicatat_pada__isnull=False, dicatat_oleh__isnull=False)
                    & ~Q(nomor_tanda_terima="")
                ),
                name="lhkpn_filing_complete",
            ),
        ]

    def __str__(self):
        return f"{self.get_jenis_display()} {self.tahun} · {self.pegawai}"

    @property
    def filed(self) -> bool:
        return self.tanggal_lapor is not None


class LhkpnBukti(models.Model):
    """The receipt of a filing as a file, sanitized like every upload and encrypted."""

    kewajiban = models.OneToOneField(LhkpnKewajiban, on_delete=models.CASCADE, related_name="bukti")
    nama = EncryptedCharField(_("nama berkas"), plaintext_max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    # The sanitized bytes, base64; an encrypted text field so key rotation re-encrypts it.
    isi = EncryptedTextField()
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("diunggah oleh"), on_delete=models.PROTECT, related_name="+"
    )
    diunggah_pada = models.DateTimeField(_("diunggah pada"), default=timezone.now)

    class Meta:
        verbose_name = _("bukti penyampaian LHKPN/LHKASN")
        verbose_name_plural = _("bukti penyampaian LHKPN/LHKASN")

    def __str__(self):
        return f"{self.kewajiban_id}"

    @property
    def original_name(self) -> str:
        # The name casework.attachments.attachment_response gives the download.
        return self.nama
