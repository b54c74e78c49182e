"""The case core shared by every kind, and what hangs off it directly."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin

from security.fields import EncryptedCharField

from ..indexes import NullsOrderIndex


class Confidentiality(models.TextChoices):
    # BIASA: the case may appear (anonymised) in published follow-up lists.
    BIASA = "biasa", _("Biasa")
    # RAHASIA: not even a row in a published list (the content of no case ever is).
    RAHASIA = "rahasia", _("Rahasia")
    # SANGAT_RAHASIA: content and identity restricted to the kind's handler role (WBS).
    SANGAT_RAHASIA = "sangat_rahasia", _("Sangat rahasia")


CONFIDENTIALITY_RANK = {
    Confidentiality.BIASA: 0,
    Confidentiality.RAHASIA: 1,
    Confidentiality.SANGAT_RAHASIA: 2,
}


class Case(FSMModelMixin, models.Model):
    """One row per case of any kind; each kind adds its own table (multi-table inheritance).

    Inboxes, deadline sweeps and reports work across kinds on this table alone. The state
    is protected: it changes only through a transition run by casework.services.
    """

    kind = models.CharField(_("jenis"), max_length=20, db_index=True)
    reference = models.CharField(_("nomor"), max_length=40, unique=True)
    year = models.PositiveSmallIntegerField(_("tahun"))
    number = models.PositiveIntegerField(_("nomor urut"))
    state = FSMField(_("status"), max_length=40, protected=True)
    title = EncryptedCharField(_("judul"), blank=True, plaintext_max_length=200)
    unit = models.ForeignKey(
        "accounts.UnitKerja",
        verbose_name=_("unit kerja"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("petugas"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_cases",
    )
    confidentiality = models.CharField(
        _("kerahasiaan"),
        max_length=20,
        choices=Confidentiality.choices,
        default=Confidentiality.RAHASIA,
    )
    is_anonymous = models.BooleanField(_("anonim"), default=True)
    # The day the case reached the unit (a letter found in the kotak pengaduan, a call
    # taken, a public form sent), which every opening clock counts from; opened_at is
    # when it was entered in SIGAP, which staff may do later (casework.received).
    received_on = models.DateField(_("diterima"), default=timezone.localdate, db_index=True)
    opened_at = models.DateTimeField(_("dibuka"), default=timezone.now, db_index=True)
    closed_at = models.DateTimeField(_("ditutup"), null=True, blank=True)
    due_date = models.DateField(_("batas waktu"), null=True, blank=True)
    # When the nearest running waiting period (another party's time) ends, mirrored from
    # the clocks like due_date (casework.sla.refresh_due_date), so "waiting period over"
    # is a range of a small index instead of a look into every case's clocks.
    waiting_until = models.DateField(_("akhir masa tunggu"), null=True, blank=True, editable=False)
    # Keyed hash of the public tracking/receipt code; the code itself is never stored.
    tracking_digest = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("kasus")
        verbose_name_plural = _("kasus")
        ordering = ["-opened_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "year", "number"], name="casework_case_kind_year_number"),
        ]
        indexes = [
            models.Index(fields=["kind", "state"], name="case_kind_state"),
            models.Index(
                fields=["assignee", "due_date"], name="case_open_assignee_due", condition=Q(closed_at__isnull=True)
            ),
            models.Index(fields=["due_date"], name="case_open_due", condition=Q(closed_at__isnull=True)),
            # A list's deadline filters (overdue, due soon, either: casework.lists) are one
            # range of this per kind, read without the table: the columns the lists sort
            # by come with it.
            models.Index(
                fields=["kind", "due_date", "received_on", "opened_at", "id"],
                name="case_open_kind_due",
                condition=Q(closed_at__isnull=True),
            ),
            # Only cases waiting for another party carry waiting_until: the filter
            # "masa_tunggu_berakhir" reads a few thousand entries at a million cases.
            models.Index(
                fields=["kind", "waiting_until"], name="case_kind_waiting", condition=Q(waiting_until__isnull=False)
            ),
            # A unit's cases of a kind in the lists' default order (a unit member's list,
            # the unit filter), and anything else asked per unit and kind.
            models.Index(fields=["unit", "kind", "received_on", "opened_at", "id"], name="case_unit_kind_received"),
            # The staff lists' orders (casework.lists.LIST_ORDER_KEYS), per kind, so a
            # page is one range of an index read in order, however deep (keyset paging),
            # and so is a list of the cases received in a period.
            models.Index(fields=["kind", "received_on", "opened_at", "id"], name="case_kind_received_order"),
            NullsOrderIndex(
                "kind",
                models.F("due_date").asc(nulls_last=True),
                models.F("opened_at").desc(),
                models.F("id").desc(),
                name="case_kind_due_near",
            ),
            NullsOrderIndex(
                "kind",
                models.F("due_date").desc(nulls_last=True),
                models.F("opened_at").desc(),
                models.F("id").desc(),
                name="case_kind_due_far",
            ),
        ]

    def __str__(self):
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def entered_late(self) -> bool:
        """Whether the case was entered on a later day than it was received."""
        return self.received_on != timezone.localdate(self.opened_at)

    @property
    def kind_spec(self):
        from ..kinds import get_kind

        return get_kind(self.kind)

    def as_kind(self):
        """This case as its kind's model instance (the subclass row)."""
        model = self.kind_spec.model
        if isinstance(self, model):
            return self
        return model.objects.get(pk=self.pk)


class ReferenceSequence(models.Model):
    """The last number given per kind and year; rows are locked while a number is taken."""

    kind = models.CharField(max_length=20)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "year"], name="casework_refseq_kind_year"),
        ]

    def __str__(self):
        return f"{self.kind}/{self.year}: {self.last_number}"


class Recusal(models.Model):
    """A user who must neither see nor act on a case, whatever their role says.

    A user may be recused from one case for several reasons at once, one row each: the
    engine's own (named as a reported party, a lifted one lifted at /staf/pengecualian/;
    `rule` empty) and one per standing rule that matched the case (casework.controls;
    lifted with its rule, never on its own). casework.access excludes a case from the user
    while any row remains, so lifting one reason never lifts another."""

    class Reason(models.TextChoices):
        TERLAPOR = "terlapor", _("Disebut sebagai pihak terlapor")
        KONFLIK = "konflik", _("Menyatakan benturan kepentingan dengan kasus ini")
        PENGENDALIAN = "pengendalian", _("Pengendalian benturan kepentingan")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="recusals")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recusals")
    reason = models.CharField(_("alasan"), max_length=20, choices=Reason.choices)
    created_at = models.DateTimeField(default=timezone.now)
    # Where the recusal comes from: a standing rule (casework.controls), or the engine itself.
    rule = models.ForeignKey(
        "casework.RecusalRule",
        verbose_name=_("aturan"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="recusals",
    )
    # Whether the user held the case (its assignee) when this recusal took it from them,
    # and whom it was handed to (None: back to the pool of its handlers).
    took_case = models.BooleanField(_("mengambil kasus dari petugas"), default=False)
    handed_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diserahkan kepada"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("pengecualian (recusal)")
        verbose_name_plural = _("pengecualian (recusal)")
        constraints = [
            # One engine recusal per user and case, and one per rule.
            models.UniqueConstraint(
                fields=["case", "user"], condition=Q(rule__isnull=True), name="casework_recusal_case_user"
            ),
            models.UniqueConstraint(fields=["case", "user", "rule"], name="casework_recusal_case_user_rule"),
        ]
        indexes = [models.Index(fields=["user", "case"], name="casework_recusal_user_case")]

    def __str__(self):
        return f"{self.user} ≠ {self.case}"
