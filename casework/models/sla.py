from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .case import Case


class SlaPolicy(models.Model):
    """How many working days a clock of a kind allows, from a date on.

    Deadlines are data with effective dates: the policy in force on the day a clock starts
    governs that clock, so a rule change never moves deadlines already running.
    """

    kind = models.CharField(_("jenis kasus"), max_length=20)
    clock = models.CharField(_("tahap"), max_length=40)
    label = models.CharField(_("nama"), max_length=200)
    working_days = models.PositiveSmallIntegerField(_("hari kerja"))
    effective_from = models.DateField(_("berlaku sejak"))
    # Where the figure comes from (a regulation, an agency rule), shown to staff beside
    # every deadline of this version: a figure nobody can trace is not accepted.
    source = models.CharField(
        _("dasar"),
        max_length=200,
        help_text=_("Peraturan atau ketentuan yang menetapkan batas waktu ini; ditampilkan di samping batas waktu."),
    )
    # What is known of the figure beyond its source: e.g. kept from the replaced rule
    # until checked against the new one's text.
    note = models.TextField(
        _("catatan"),
        blank=True,
        help_text=_("Keterangan tentang angka atau dasar versi ini, misalnya bila angkanya belum diperiksa."),
    )
    # A waiting period runs against the reporter, not the staff: e.g. the days a complainant
    # has to reply to an answer before the case closes by itself. It never makes a case
    # overdue, is left out of Case.due_date, and triggers no reminder or escalation.
    is_waiting_period = models.BooleanField(
        _("masa tunggu pelapor"),
        default=False,
        help_text=_("Masa tunggu tanggapan pelapor: tidak dihitung sebagai batas waktu petugas."),
    )

    class Meta:
        verbose_name = _("kebijakan batas waktu")
        verbose_name_plural = _("kebijakan batas waktu")
        ordering = ["kind", "clock", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "clock", "effective_from"], name="casework_sla_unique_start"),
        ]

    def __str__(self):
        return f"{self.kind}/{self.clock}: {self.working_days} HK ({self.effective_from})"

    def other_versions(self):
        """The other versions of the same kind and clock."""
        return SlaPolicy.objects.filter(kind=self.kind, clock=self.clock).exclude(pk=self.pk)

    def clean(self):
        # Whose time a clock is does not change with a new version: a version of the
        # konfirmasi rule left unticked would make every answered complaint a staff deadline.
        super().clean()
        if not self.kind or not self.clock:
            return
        flags = set(self.other_versions().values_list("is_waiting_period", flat=True))
        if flags and self.is_waiting_period not in flags:
            if True in flags:
                message = _("Versi lain tahap “%(clock)s” adalah masa tunggu pelapor; versi ini juga harus dicentang.")
            else:
                message = _(
                    "Versi lain tahap “%(clock)s” bukan masa tunggu pelapor; versi ini juga tidak boleh dicentang."
                )
            raise ValidationError({"is_waiting_period": ValidationError(message, params={"clock": self.clock})})


class Deadline(models.Model):
    """One running (or finished) clock on a case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="deadlines")
    clock = models.CharField(_("tahap"), max_length=40)
    policy = models.ForeignKey(SlaPolicy, null=True, blank=True, on_delete=models.PROTECT)
    working_days = models.PositiveSmallIntegerField(_("hari kerja"))
    # Copied from the policy when the clock starts, like working_days (see SlaPolicy).
    is_waiting_period = models.BooleanField(_("masa tunggu pelapor"), default=False)
    started_on = models.DateField(_("mulai"))
    due_date = models.DateField(_("batas waktu"))
    paused_on = models.DateField(_("dihentikan sementara sejak"), null=True, blank=True)
    completed_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("batas waktu")
        verbose_name_plural = _("batas waktu")
        ordering = ["due_date"]
        indexes = [
            models.Index(fields=["due_date"], name="deadline_running_due", condition=Q(completed_at__isnull=True)),
            # The few escalated clocks: a conflict-of-interest case escalated to the next
            # superior reaches them (benturan.policy), asked on every Kotak Masuk.
            models.Index(fields=["case"], name="deadline_escalated", condition=Q(escalated_at__isnull=False)),
        ]

    def __str__(self):
        return f"{self.case} {self.clock} → {self.due_date}"

    @property
    def is_running(self) -> bool:
        return self.completed_at is None and self.paused_on is None
