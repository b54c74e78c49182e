"""The LKE "Penguatan Pengawasan" (PermenPANRB 90/2021, domain.md §7) as data.

The worksheet changes with the regulations: items are reworded, weights move, thresholds
are raised. So every part of it is a row with the version it belongs to, never a
constant: a `LkeFramework` (one version, with its source, the date it takes effect and
the WBK / WBBM minimums) holds its components (Pemenuhan, Reform), each its
sub-components, each its items with their weight and, for an item answered by choosing,
its options and their scores. A year is assessed under the version in force on its last
day (reports.lke.selectors.framework_for), so an amendment in the middle of a year
applies to that year's assessment and the years before keep theirs.

An item is answered by SIGAP's proposal (reports.lke.sources, computed from its records
each time the page is read) unless the Tim ZI / TPI evaluator overrides it: every
override is a row (`LkeOverride`) with its reason and the proposal it replaced, and the
newest one for a year and an item counts. Withdrawing an override is a row too, so the
history of an answer is read from rows rather than rebuilt from the audit log.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

REASON_MAX_LENGTH = 2000
#: An item's code names it across versions ("benturan.pemetaan"); sources register by it.
code_validator = RegexValidator(
    r"^[a-z0-9_]+(\.[a-z0-9_]+)*$", _("Tulis kode dengan huruf kecil, angka, garis bawah, dan titik.")
)


def _weight(label, **kwargs):
    return models.DecimalField(
        label, max_digits=7, decimal_places=4, validators=[MinValueValidator(Decimal("0"))], **kwargs
    )


def _percent(label, **kwargs):
    return models.DecimalField(
        label,
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        **kwargs,
    )


class LkeFramework(models.Model):
    name = models.CharField(_("nama"), max_length=200)
    source = models.CharField(
        _("dasar"), max_length=300, help_text=_("Peraturan dan lampirannya, misalnya “PermenPANRB 90/2021, Lampiran”.")
    )
    effective_from = models.DateField(
        _("berlaku sejak"),
        unique=True,
        help_text=_("Penilaian suatu tahun memakai versi yang berlaku pada 31 Desember tahun itu."),
    )
    wbk_minimum = _percent(
        _("minimal WBK (% dari bobot area)"), help_text=_("Nilai area minimal, dalam persen bobotnya, untuk WBK.")
    )
    wbbm_minimum = _percent(
        _("minimal WBBM (% dari bobot area)"), help_text=_("Nilai area minimal, dalam persen bobotnya, untuk WBBM.")
    )
    notes = models.TextField(_("catatan"), blank=True)

    class Meta:
        verbose_name = _("versi LKE Penguatan Pengawasan")
        verbose_name_plural = _("versi LKE Penguatan Pengawasan")
        ordering = ["-effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(wbbm_minimum__gte=models.F("wbk_minimum")), name="lke_wbbm_not_below_wbk"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.effective_from:%d-%m-%Y})"


class LkeComponent(models.Model):
    """Pemenuhan or Reform."""

    framework = models.ForeignKey(LkeFramework, on_delete=models.CASCADE, related_name="components")
    code = models.SlugField(_("kode"), max_length=40)
    name = models.CharField(_("nama"), max_length=200)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("komponen LKE")
        verbose_name_plural = _("komponen LKE")
        ordering = ["framework_id", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="lke_component_code_once")]

    def __str__(self):
        return self.name


class LkeSubComponent(models.Model):
    """A sub-component (gratifikasi, SPIP, …); its weight is the sum of its items'."""

    component = models.ForeignKey(LkeComponent, on_delete=models.CASCADE, related_name="subcomponents")
    code = models.SlugField(_("kode"), max_length=40)
    name = models.CharField(_("nama"), max_length=200)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("sub-komponen LKE")
        verbose_name_plural = _("sub-komponen LKE")
        ordering = ["component_id", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["component", "code"], name="lke_subcomponent_code_once")]

    def __str__(self):
        return self.name


class AnswerKind(models.TextChoices):
    #: The evaluator (or SIGAP's proposal) picks one of the item's options.
    CHOICE = "pilihan", _("Pilihan jawaban")
    #: A percentage SIGAP computes from its records; never typed, never overridden.
    PERCENT = "persentase", _("Persentase yang dihitung SIGAP")


class LkeItem(models.Model):
    subcomponent = models.ForeignKey(LkeSubComponent, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(
        _("kode"),
        max_length=60,
        validators=[code_validator],
        help_text=_("Tetap di semua versi; sumber data SIGAP terdaftar menurut kode ini."),
    )
    question = models.TextField(_("pertanyaan"), validators=[MaxLengthValidator(1000)])
    guidance = models.TextField(_("kriteria dan data dukung"), blank=True, validators=[MaxLengthValidator(2000)])
    answer_kind = models.CharField(_("jenis jawaban"), max_length=20, choices=AnswerKind.choices)
    weight = _weight(_("bobot"))
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("butir LKE")
        verbose_name_plural = _("butir LKE")
        ordering = ["subcomponent_id", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["subcomponent", "code"], name="lke_item_code_once"),
            models.CheckConstraint(
                condition=Q(answer_kind__in=[str(value) for value in AnswerKind.values]), name="lke_item_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.code}: {self.question[:80]}"

    @property
    def is_computed(self) -> bool:
        return self.answer_kind == AnswerKind.PERCENT

    def clean(self):
        # The code identifies the item within its version (the sources look it up by it).
        if self.subcomponent_id and self.code:
            framework_id = LkeSubComponent.objects.filter(pk=self.subcomponent_id).values("component__framework_id")
            same = LkeItem.objects.filter(code=self.code, subcomponent__component__framework_id__in=framework_id)
            if same.exclude(pk=self.pk).exists():
                raise ValidationError({"code": _("Kode ini sudah dipakai butir lain pada versi yang sama.")})


class LkeOption(models.Model):
    """One answer of a choice item and the share of the item's weight it earns (domain.md
    §7: Ya/Tidak 1/0; three options 1/0.5/0; four 1/0.67/0.33/0; five 1/0.75/0.5/0.25/0)."""

    item = models.ForeignKey(LkeItem, on_delete=models.CASCADE, related_name="options")
    letter = models.CharField(_("huruf"), max_length=4)
    label = models.CharField(_("jawaban"), max_length=400)
    score = models.DecimalField(
        _("nilai"),
        max_digits=5,
        decimal_places=4,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text=_("Bagian bobot butir yang diperoleh jawaban ini, 0 sampai 1."),
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("pilihan jawaban LKE")
        verbose_name_plural = _("pilihan jawaban LKE")
        ordering = ["item_id", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["item", "letter"], name="lke_option_letter_once"),
            models.CheckConstraint(condition=Q(score__gte=0, score__lte=1), name="lke_option_score_0_1"),
        ]

    def __str__(self):
        return f"{self.letter}. {self.label}"


class LkeOverride(models.Model):
    """The evaluator's answer to an item for a year, replacing SIGAP's proposal, or (no
    option) withdrawing an earlier one. The newest row of a year and item counts; the
    proposal it replaced is kept as it was then, since the live proposal moves with the
    records."""

    year = models.PositiveSmallIntegerField(_("tahun"))
    item = models.ForeignKey(LkeItem, verbose_name=_("butir"), on_delete=models.PROTECT, related_name="overrides")
    option = models.ForeignKey(
        LkeOption,
        verbose_name=_("jawaban penilai"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.TextField(_("alasan"), validators=[MaxLengthValidator(REASON_MAX_LENGTH)])
    proposed_option = models.ForeignKey(
        LkeOption,
        verbose_name=_("usulan SIGAP saat itu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    proposed_note = models.TextField(_("dasar usulan saat itu"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("oleh"), on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("pada"), default=timezone.now)

    class Meta:
        verbose_name = _("jawaban penilai LKE")
        verbose_name_plural = _("jawaban penilai LKE")
        ordering = ["year", "item_id", "-decided_at", "-pk"]
        indexes = [models.Index(fields=["year", "item", "-decided_at"], name="lke_override_latest")]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="lke_override_has_reason"),
        ]

    def __str__(self):
        return f"{self.year} · {self.item.code}"

    @property
    def withdraws(self) -> bool:
        return self.option_id is None
