"""The people a case names: the reported persons of a WBS report (terlapor), the staff a
complaint is about (pihak terkait). Any kind may name people; the engine keeps them,
matches them to staff accounts, and keeps a matched account away from the case
(casework.named_persons, casework.access).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from security.fields import EncryptedCharField, EncryptedTextField

from .case import Case


class NamedPerson(models.Model):
    """A person a case names, as whoever named them described them, optionally matched to
    a staff account.

    The match is kept twice, and never in clear: `akun` holds the account id encrypted (for
    the handler's page), `akun_digest` a keyed hash of it (security.crypto.keyed_digest, key
    SIGAP_LOOKUP_KEY) that the access policy filters on, so a staff member a case names is
    left out of every query. A plain foreign key would tell anyone reading the database who
    is reported — often a superior who may have that access — and with it when the report
    came, which narrows down who made it. A digest tells a reader without the key nothing.

    `from_reporter` says who named the person: the reporter (on the form, or answering a
    request) or a handler. The reporter's pages show only the persons they named.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="named_persons")
    nama = EncryptedCharField(_("nama"), blank=True, plaintext_max_length=200)
    jabatan = EncryptedCharField(_("jabatan"), blank=True, plaintext_max_length=200)
    unit_kerja = EncryptedCharField(_("unit kerja"), blank=True, plaintext_max_length=200)
    akun = EncryptedCharField(_("akun pegawai yang cocok"), blank=True, plaintext_max_length=20, editable=False)
    akun_digest = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    from_reporter = models.BooleanField(_("disebut oleh pelapor"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("pihak yang disebut")
        verbose_name_plural = _("pihak yang disebut")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(nama="") | ~Q(jabatan=""), name="casework_named_person_named"),
            models.CheckConstraint(
                condition=Q(akun="", akun_digest="") | (~Q(akun="") & ~Q(akun_digest="")),
                name="casework_named_person_match_whole",
            ),
        ]

    def __str__(self):
        # Never the name: str() ends up in logs and admin messages.
        return f"{self.case} pihak {self.pk}"

    def clean(self):
        super().clean()
        if not (self.nama or "").strip() and not (self.jabatan or "").strip():
            raise ValidationError(_("Sebutkan nama atau jabatan orang yang dimaksud."))

    @property
    def matched_user_id(self) -> int | None:
        return int(self.akun) if self.akun else None


class NamedPersonMatch(models.Model):
    """One account a named person was matched to: the current match (the latest) and every
    earlier one, so that a changed match never erases the one before it. `matched_by` is
    the handler who matched or rematched (None: matched when the reporter named the
    person, by their pick or by an unambiguous name); `reason` says why a match replaced
    the one before it. The account is encrypted, as on NamedPerson."""

    person = models.ForeignKey(NamedPerson, on_delete=models.CASCADE, related_name="matches")
    akun = EncryptedCharField(_("akun pegawai"), plaintext_max_length=20, editable=False)
    matched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicocokkan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = EncryptedTextField(_("alasan perubahan"), blank=True)
    matched_at = models.DateTimeField(_("dicocokkan pada"), default=timezone.now)

    class Meta:
        verbose_name = _("pencocokan akun")
        verbose_name_plural = _("pencocokan akun")
        ordering = ["matched_at", "id"]

    def __str__(self):
        return f"{self.person} pencocokan {self.pk}"

    @property
    def matched_user_id(self) -> int:
        return int(self.akun)
