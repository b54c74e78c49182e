"""One control a superior decided on a conflict case: its own record, so that each can be
listed (the implementation matrix) and made to bind other cases.

A control says which person steps back (`pejabat`) from which matter (`hal`, and `kasus`
when the matter is a SIGAP case), the colleague who takes the task over for a pengalihan
tugas (`pengganti`), and optionally a person or party the control names (`pihak_pegawai`,
`pihak_nama`: "every case about supplier X"), so a later rule can apply it to cases that
do not exist yet (benturan.binding, through the engine's standing recusals).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.models import Case
from security.fields import EncryptedCharField, EncryptedTextField

from ..choices import STEPS_BACK, JenisPengendalian
from .benturan import HAL_MAX_LENGTH, Benturan


class Pengendalian(models.Model):
    benturan = models.ForeignKey(Benturan, on_delete=models.CASCADE, related_name="pengendalian")
    jenis = models.CharField(_("bentuk pengendalian"), max_length=30, choices=JenisPengendalian.choices)
    pejabat = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pejabat yang mundur dari hal tersebut"),
        on_delete=models.PROTECT,
        related_name="benturan_controls",
    )
    hal = EncryptedCharField(_("hal yang dikendalikan"), plaintext_max_length=HAL_MAX_LENGTH)
    kasus = models.ForeignKey(
        Case,
        verbose_name=_("kasus SIGAP yang dikendalikan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="benturan_controls",
    )
    pengganti = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pegawai pengganti"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    pihak_pegawai = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pegawai yang disebut pengendalian"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    pihak_nama = EncryptedCharField(_("pihak yang disebut pengendalian"), blank=True, plaintext_max_length=200)
    uraian = EncryptedTextField(_("uraian pengendalian"), blank=True)
    diputuskan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("diputuskan oleh"), on_delete=models.PROTECT, related_name="+"
    )
    berlaku_sejak = models.DateTimeField(_("berlaku sejak"), default=timezone.now)
    # Ended by whoever decides the case or the Tim, with the reason, or when the case's
    # monitoring ends; the recusals it made end with it (benturan.binding).
    berakhir_pada = models.DateTimeField(_("berakhir pada"), null=True, blank=True)
    alasan_berakhir = EncryptedTextField(_("alasan berakhir"), blank=True)
    diakhiri_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diakhiri oleh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("pengendalian benturan kepentingan")
        verbose_name_plural = _("pengendalian benturan kepentingan")
        ordering = ["benturan_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["benturan", "jenis"], name="pengendalian_one_of_each"),
            models.CheckConstraint(
                condition=Q(jenis__in=[str(value) for value in JenisPengendalian.values]),
                name="pengendalian_jenis_valid",
            ),
            # A task handed over is handed to someone; no other control names a successor.
            models.CheckConstraint(
                condition=(Q(jenis=JenisPengendalian.PENGALIHAN_TUGAS) & Q(pengganti__isnull=False))
                | (~Q(jenis=JenisPengendalian.PENGALIHAN_TUGAS) & Q(pengganti__isnull=True)),
                name="pengendalian_successor_for_handover",
            ),
            models.CheckConstraint(condition=~Q(pengganti=F("pejabat")), name="pengendalian_successor_not_self"),
        ]

    def __str__(self):
        return f"{self.benturan} · {self.get_jenis_display()}"

    @property
    def is_active(self) -> bool:
        return self.berakhir_pada is None

    @property
    def steps_back(self) -> bool:
        """Whether the official steps back from the matter under this control (a recusal or a
        handover), which binds the SIGAP cases the matter is (benturan.binding)."""
        return self.jenis in STEPS_BACK
