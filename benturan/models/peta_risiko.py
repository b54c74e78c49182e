"""The risk map (pemetaan potensi benturan kepentingan): the positions and processes of
each unit's main duties where a conflict of interest is likely, kept by the Tim Benturan
Kepentingan and reviewed every year (domain.md §6).

An entry holds its current content; every change of it, its creation and each yearly
review included, adds a PetaRisikoVersi row saying who, when, why and what changed
(benturan.services_risk_map), so the history is read from rows rather than rebuilt from
the audit log. The level is never stored: it follows from likelihood and impact
(benturan.risk_scale).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import UnitKerja

from .. import risk_scale
from ..choices import Sumber

NAME_MAX_LENGTH = 300
TEXT_MAX_LENGTH = 4000


class Objek(models.TextChoices):
    """What the entry maps: a position, or a process or service."""

    JABATAN = "jabatan", _("Jabatan")
    PROSES = "proses", _("Proses atau layanan")


class AksiVersi(models.TextChoices):
    DIBUAT = "dibuat", _("Dicatat")
    DIUBAH = "diubah", _("Diubah")
    DITINJAU = "ditinjau", _("Ditinjau")


def _scale_choices(labels: dict) -> list[tuple[int, str]]:
    return list(labels.items())


def _text(label, *, blank=False):
    return models.TextField(label, blank=blank, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])


class PetaRisiko(models.Model):
    unit = models.ForeignKey(UnitKerja, verbose_name=_("unit kerja"), on_delete=models.PROTECT, related_name="+")
    objek = models.CharField(_("yang dipetakan"), max_length=20, choices=Objek.choices)
    nama = models.CharField(_("jabatan atau proses"), max_length=NAME_MAX_LENGTH)
    uraian_risiko = _text(_("uraian potensi benturan kepentingan"))
    sumber = models.CharField(_("sumber benturan"), max_length=30, choices=Sumber.choices, blank=True)
    kemungkinan = models.PositiveSmallIntegerField(_("kemungkinan"), choices=_scale_choices(risk_scale.KEMUNGKINAN))
    dampak = models.PositiveSmallIntegerField(_("dampak"), choices=_scale_choices(risk_scale.DAMPAK))
    pengendalian_ada = _text(_("pengendalian yang sudah ada"), blank=True)
    pemilik = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("pemilik risiko"), on_delete=models.PROTECT, related_name="+"
    )
    tinjau_berikutnya = models.DateField(_("tinjauan berikutnya"))
    ditinjau_pada = models.DateField(_("terakhir ditinjau"), null=True, blank=True)
    versi = models.PositiveIntegerField(_("versi"), default=1)
    dibuat_pada = models.DateTimeField(_("dicatat pada"), default=timezone.now)
    diubah_pada = models.DateTimeField(_("terakhir diubah"), default=timezone.now)

    class Meta:
        verbose_name = _("entri peta risiko benturan kepentingan")
        verbose_name_plural = _("peta risiko benturan kepentingan")
        ordering = ["unit__name", "nama", "pk"]
        indexes = [
            models.Index(fields=["unit", "nama"], name="petarisiko_unit"),
            models.Index(fields=["tinjau_berikutnya"], name="petarisiko_tinjau"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(objek__in=[str(value) for value in Objek.values]), name="petarisiko_objek_valid"
            ),
            models.CheckConstraint(
                condition=Q(kemungkinan__gte=1, kemungkinan__lte=5), name="petarisiko_kemungkinan_on_scale"
            ),
            models.CheckConstraint(condition=Q(dampak__gte=1, dampak__lte=5), name="petarisiko_dampak_on_scale"),
        ]

    def __str__(self):
        return f"{self.nama} ({self.unit})"

    @property
    def level(self) -> risk_scale.Level:
        return risk_scale.level(self.kemungkinan, self.dampak)

    @property
    def skor(self) -> int:
        return risk_scale.score(self.kemungkinan, self.dampak)

    def review_overdue(self, today=None) -> bool:
        return self.tinjau_berikutnya < (today or timezone.localdate())


class PetaRisikoVersi(models.Model):
    """One change of an entry: who, when, what kind of change, why, and each field's value
    before and after (`perubahan`: a list of [field, before, after], values as stored
    except a person or unit, kept by name as it was)."""

    entri = models.ForeignKey(PetaRisiko, on_delete=models.PROTECT, related_name="versi_set")
    nomor = models.PositiveIntegerField(_("versi"))
    aksi = models.CharField(_("perubahan"), max_length=20, choices=AksiVersi.choices)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("oleh"), on_delete=models.PROTECT, related_name="+"
    )
    pada = models.DateTimeField(_("pada"), default=timezone.now)
    catatan = _text(_("alasan atau hasil tinjauan"), blank=True)
    perubahan = models.JSONField(_("yang berubah"), default=list)

    class Meta:
        verbose_name = _("versi entri peta risiko")
        verbose_name_plural = _("versi entri peta risiko")
        ordering = ["entri_id", "-nomor"]
        constraints = [
            models.UniqueConstraint(fields=["entri", "nomor"], name="petarisikoversi_one_per_number"),
            models.CheckConstraint(
                condition=Q(aksi__in=[str(value) for value in AksiVersi.values]), name="petarisikoversi_aksi_valid"
            ),
        ]

    def __str__(self):
        return f"{self.entri_id} v{self.nomor} {self.aksi}"
