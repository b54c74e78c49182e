"""The yearly declaration campaign (deklarasi benturan kepentingan tahunan): every employee
of the units it covers states that they have no conflict of interest, or declares one.

Who must declare is fixed when the campaign opens: one KewajibanDeklarasi row per active
account whose unit is covered (a unit covers the units below it), with that unit kept on
the row. Someone who moves to another unit later still counts where they were, someone
who joins later is not obliged by this campaign, and an account deactivated later stays
on the list: the figures of a campaign never change behind the readers' backs. Each row
records the answer, so compliance (declared ÷ obliged, per unit) is counted from the rows
and never typed. Once closed, no answer is accepted, so the figures stay as they were at
closing (benturan.services_campaign).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import UnitKerja

from .benturan import Benturan


class Jawaban(models.TextChoices):
    TIDAK_ADA = "tidak_ada", _("Tidak ada benturan kepentingan")
    ADA = "ada", _("Ada benturan kepentingan (dinyatakan)")


class KampanyeDeklarasi(models.Model):
    tahun = models.PositiveSmallIntegerField(_("tahun"), unique=True)
    batas_waktu = models.DateField(_("batas waktu pernyataan"))
    unit_cakupan = models.ManyToManyField(UnitKerja, verbose_name=_("unit yang dicakup"), related_name="+")
    dibuka_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dibuka oleh"), on_delete=models.PROTECT, related_name="+"
    )
    dibuka_pada = models.DateTimeField(_("dibuka pada"), default=timezone.now)
    ditutup_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ditutup oleh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    ditutup_pada = models.DateTimeField(_("ditutup pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("kampanye deklarasi benturan kepentingan")
        verbose_name_plural = _("kampanye deklarasi benturan kepentingan")
        ordering = ["-tahun"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ditutup_pada__isnull=True, ditutup_oleh__isnull=True)
                | Q(ditutup_pada__isnull=False, ditutup_oleh__isnull=False),
                name="kampanye_closed_by_someone",
            ),
        ]

    def __str__(self):
        return str(_("Deklarasi benturan kepentingan %(year)s") % {"year": self.tahun})

    @property
    def is_open(self) -> bool:
        return self.ditutup_pada is None


class KewajibanDeklarasi(models.Model):
    """One employee obliged to declare in a campaign, and their answer."""

    kampanye = models.ForeignKey(KampanyeDeklarasi, on_delete=models.PROTECT, related_name="kewajiban")
    pegawai = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("pegawai"), on_delete=models.PROTECT, related_name="+"
    )
    # The unit and position when the campaign opened: a later move changes neither.
    unit = models.ForeignKey(UnitKerja, verbose_name=_("unit kerja"), on_delete=models.PROTECT, related_name="+")
    jabatan = models.CharField(_("jabatan"), max_length=200, blank=True)
    jawaban = models.CharField(_("jawaban"), max_length=20, choices=Jawaban.choices, blank=True)
    dinyatakan_pada = models.DateTimeField(_("dinyatakan pada"), null=True, blank=True)
    # The conflict case an "ada" answer opened.
    benturan = models.OneToOneField(
        Benturan,
        verbose_name=_("benturan kepentingan yang dinyatakan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deklarasi_kampanye",
    )
    diingatkan_pada = models.DateTimeField(_("terakhir diingatkan"), null=True, blank=True)
    jumlah_pengingat = models.PositiveSmallIntegerField(_("jumlah pengingat"), default=0)

    class Meta:
        verbose_name = _("kewajiban deklarasi")
        verbose_name_plural = _("kewajiban deklarasi")
        ordering = ["kampanye_id", "unit_id", "pk"]
        indexes = [
            models.Index(fields=["kampanye", "unit"], name="kewajiban_unit"),
            models.Index(fields=["pegawai", "kampanye"], name="kewajiban_pegawai"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["kampanye", "pegawai"], name="kewajiban_once_per_campaign"),
            models.CheckConstraint(
                condition=Q(jawaban="", dinyatakan_pada__isnull=True)
                | Q(jawaban__in=[str(value) for value in Jawaban.values], dinyatakan_pada__isnull=False),
                name="kewajiban_answered_with_time",
            ),
            # "Ada" is the conflict case it opened; "tidak ada" opens none.
            models.CheckConstraint(
                condition=Q(jawaban=Jawaban.ADA, benturan__isnull=False) | (~Q(jawaban=Jawaban.ADA) & Q(benturan=None)),
                name="kewajiban_case_for_ada",
            ),
        ]

    def __str__(self):
        return f"{self.kampanye_id} · {self.pegawai_id}"

    @property
    def declared(self) -> bool:
        return self.dinyatakan_pada is not None
