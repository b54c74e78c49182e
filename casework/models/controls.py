"""Standing recusals and what they match: a person steps back from every case a rule
matches, now and for cases opened later (casework.controls).

A rule is made by a decision outside the engine (a conflict-of-interest control, a
handler's own declared conflict) and names that decision's case as its `source_case`.
It matches a case by any of three criteria: the case itself, an account the case is
about, a name the case carries. Accounts and names are never stored in clear here: the
rule keeps keyed digests (casework.parties), and each case keeps the digests of the
accounts and names it is about (PartyDigest), so a rule is matched in the database by
equality of digests, for cases that exist and for each case as it opens. The recusals a
rule creates point back to it (Recusal.rule), so lifting the rule lifts exactly those.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from security.fields import EncryptedTextField

from .case import Case, Recusal


class RecusalRule(models.Model):
    """`user` steps back from every case this rule matches, until it is lifted."""

    source_case = models.ForeignKey(
        Case, verbose_name=_("kasus sumber"), on_delete=models.PROTECT, related_name="recusal_rules_made"
    )
    # What in the source made the rule (e.g. "pengendalian:12"), so that the source may
    # lift one of its rules or all of them. Opaque to the engine.
    source_key = models.CharField(_("kunci sumber"), max_length=60)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("petugas yang mundur"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("alasan"), max_length=20, choices=Recusal.Reason.choices)
    # Who is given a case the user held, where they may handle it (a pengalihan tugas).
    substitute = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("petugas pengganti"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The criteria, any of which matches a case.
    case = models.ForeignKey(
        Case, verbose_name=_("kasus"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    account_digest = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    name_digest = models.CharField(max_length=64, blank=True, db_index=True, editable=False)

    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lifted_at = models.DateTimeField(_("dicabut pada"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lift_reason = EncryptedTextField(_("alasan pencabutan"), blank=True)

    class Meta:
        verbose_name = _("aturan pengecualian")
        verbose_name_plural = _("aturan pengecualian")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["source_case", "source_key"], name="casework_rule_one_per_source_key"),
            models.CheckConstraint(
                condition=Q(case__isnull=False) | ~Q(account_digest="") | ~Q(name_digest=""),
                name="casework_rule_matches_something",
            ),
            models.CheckConstraint(condition=~Q(substitute=models.F("user")), name="casework_rule_substitute_not_self"),
        ]
        indexes = [
            models.Index(fields=["source_case", "lifted_at"], name="casework_rule_source"),
        ]

    def __str__(self):
        # Never the digests' meaning: str() ends up in logs and admin messages.
        return f"{self.source_case} aturan {self.pk}"

    @property
    def is_active(self) -> bool:
        return self.lifted_at is None


class PartyDigest(models.Model):
    """A keyed digest of an account or a normalised name a case is about (its named
    persons' names, and what its kind says: a complainant, a giver, an official), for
    matching standing recusals. A reader without SIGAP_LOOKUP_KEY learns nothing from it;
    the names themselves stay encrypted where the kinds keep them."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="party_digests")
    digest = models.CharField(max_length=64, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "digest"], name="casework_party_digest_once")]

    def __str__(self):
        return f"{self.case} pihak {self.pk}"
