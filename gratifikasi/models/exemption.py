"""The categories of gifts that need not be reported (Peraturan KPK 2/2019 Pasal 2 ayat
(3) huruf a–q, as amended by Peraturan KPK 1/2026), one row per version.

A rule is data with an effective period, judged at the date the gift was received: the
2026 amendment raised two thresholds and deleted the colleagues' farewell rule, and a gift
received the day before it is judged by the old rows. A new version of a category is a
new row; the old one gets an end date. The declarant is advised, never refused
(gratifikasi.exemptions).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from casework.money import MAX_DIGITS

from ..choices import HubunganPemberi, JenisPenerimaan, JenisPeristiwa


def _check_choice_list(value, choices) -> None:
    allowed = [str(item) for item in choices.values]
    if not isinstance(value, list) or any(str(item) not in allowed for item in value):
        raise ValidationError(
            _("Isi daftar dengan kode berikut saja (kosong berarti semua): %(allowed)s."),
            params={"allowed": ", ".join(allowed)},
        )


def validate_peristiwa_list(value):
    _check_choice_list(value, JenisPeristiwa)


def validate_hubungan_list(value):
    _check_choice_list(value, HubunganPemberi)


def validate_penerimaan_list(value):
    _check_choice_list(value, JenisPenerimaan)


class ExemptionRule(models.Model):
    category = models.SlugField(
        _("kategori"),
        max_length=40,
        help_text=_("Kode tetap kategori di semua versinya, misalnya “upacara”."),
    )
    letter = models.CharField(_("huruf"), max_length=2, help_text=_("Huruf pada Pasal 2 ayat (3), misalnya “l”."))
    title = models.CharField(_("judul"), max_length=200)
    explanation = models.TextField(_("penjelasan untuk pelapor"))
    source = models.CharField(_("dasar"), max_length=300)
    effective_from = models.DateField(_("berlaku sejak"))
    effective_to = models.DateField(
        _("berlaku sampai"),
        null=True,
        blank=True,
        help_text=_("Kosong: masih berlaku. Diisi tanggal terakhir berlaku."),
    )
    # A letter the regulation deleted has no successor row to name the regulation that
    # deleted it, so its last version names it: the lists then say "n: deleted by ...".
    ended_by = models.CharField(
        _("dihapus oleh"),
        max_length=200,
        blank=True,
        help_text=_(
            "Hanya untuk huruf yang dihapus (tidak ada versi baru): peraturan yang menghapusnya, misalnya "
            "“Peraturan KPK 1/2026”."
        ),
    )
    # Criteria, each empty for "any".
    peristiwa = models.JSONField(_("jenis peristiwa"), default=list, blank=True, validators=[validate_peristiwa_list])
    hubungan = models.JSONField(_("hubungan pemberi"), default=list, blank=True, validators=[validate_hubungan_list])
    penerimaan = models.JSONField(
        _("jenis penerimaan"), default=list, blank=True, validators=[validate_penerimaan_list]
    )
    non_cash_only = models.BooleanField(_("hanya bukan uang"), default=False)
    max_per_gift = models.DecimalField(
        _("batas per pemberian (Rp, termasuk)"), max_digits=MAX_DIGITS, decimal_places=0, null=True, blank=True
    )
    # Huruf l caps a giver's gifts "per pemberi dalam setiap acara": two envelopes from one
    # guest at one wedding are judged together (gratifikasi.exemptions finds the event).
    max_per_event_per_giver = models.DecimalField(
        _("batas per acara dari pemberi yang sama (Rp, termasuk)"),
        max_digits=MAX_DIGITS,
        decimal_places=0,
        null=True,
        blank=True,
        help_text=_(
            "Jumlah semua pemberian dari pemberi yang sama pada satu acara (jenis peristiwa dan tanggal diterima "
            "yang sama) tidak boleh melebihi batas ini."
        ),
    )
    max_per_year_per_giver = models.DecimalField(
        _("batas setahun dari pemberi yang sama (Rp)"),
        max_digits=MAX_DIGITS,
        decimal_places=0,
        null=True,
        blank=True,
    )
    year_cap_inclusive = models.BooleanField(
        _("batas setahun termasuk nilainya"),
        default=True,
        help_text=_("Dicentang: jumlah setahun boleh sama dengan batas (≤). Tidak dicentang: harus di bawahnya (<)."),
    )
    auto_match = models.BooleanField(
        _("dapat disarankan otomatis"),
        default=True,
        help_text=_(
            "Tidak dicentang untuk kategori yang tidak tampak dari isian laporan (misalnya hasil investasi): "
            "hanya dinilai bila pelapor memilihnya."
        ),
    )

    class Meta:
        verbose_name = _("ketentuan tidak wajib lapor")
        verbose_name_plural = _("ketentuan tidak wajib lapor")
        ordering = ["letter", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["category", "effective_from"], name="gratifikasi_rule_version_unique"),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=F("effective_from")),
                name="gratifikasi_rule_period_ordered",
            ),
            models.CheckConstraint(
                condition=Q(max_per_gift__isnull=True) | Q(max_per_gift__gte=0), name="gratifikasi_rule_gift_cap"
            ),
            models.CheckConstraint(
                condition=Q(max_per_event_per_giver__isnull=True) | Q(max_per_event_per_giver__gte=0),
                name="gratifikasi_rule_event_cap",
            ),
            models.CheckConstraint(
                condition=Q(max_per_year_per_giver__isnull=True) | Q(max_per_year_per_giver__gte=0),
                name="gratifikasi_rule_year_cap",
            ),
        ]

    def __str__(self):
        return f"{self.letter}. {self.title} ({self.effective_from:%Y-%m-%d})"

    def in_force_on(self, day) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)

    def clean(self):
        super().clean()
        errors = {}
        if self.effective_to is not None and self.effective_from and self.effective_to < self.effective_from:
            errors["effective_to"] = _("Tanggal akhir berlaku tidak boleh sebelum tanggal mulai berlaku.")
        for field in ("max_per_gift", "max_per_event_per_giver", "max_per_year_per_giver"):
            value = getattr(self, field)
            if value is not None and value < 0:
                errors[field] = _("Batas nilai tidak boleh negatif.")
        if errors:
            raise ValidationError(errors)
