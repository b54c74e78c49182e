from django.db import models
from django.utils.translation import gettext_lazy as _


class Holiday(models.Model):
    """A national holiday or cuti bersama: a day that is not a working day.

    Seeded from the yearly joint decree (SKB 3 Menteri) and editable in the admin, because
    the government changes the list during the year.
    """

    class Kind(models.TextChoices):
        LIBUR_NASIONAL = "libur_nasional", _("Libur nasional")
        CUTI_BERSAMA = "cuti_bersama", _("Cuti bersama")

    date = models.DateField(_("tanggal"), unique=True)
    name = models.CharField(_("keterangan"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    # Dates announced only provisionally (e.g. before the year's SKB is signed).
    is_provisional = models.BooleanField(_("perkiraan"), default=False)
    source = models.CharField(_("dasar"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("hari libur")
        verbose_name_plural = _("hari libur")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.name}"
