"""The reporter's sealed identity and the requests to open it.

GlobaLeaks' "identity access request": the identity a reporter chose to give is sealed
(wbs.sealing) so that handlers see only that it exists. To open it, the Pengelola WBS
handling the report writes a justified request; a second person of another role (Pimpinan
or Inspektorat; only Inspektorat when the unit's leadership is reported) approves or
refuses it; only an approved request lets its requester open the identity, while they
hold the report (its assignee): a request ends (berakhir) when they no longer do. Every
step and every opening is audited (wbs.identity).
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from security.fields import EncryptedTextField

from ..choices import StatusPermintaan
from .laporan import TEXT_MAX_LENGTH, LaporanWbs


class SealedIdentity(models.Model):
    """The sealed envelope of a reporter's identity. A plain text column on purpose: no
    model field decrypts it, so loading it (admin, exports, key rotation of the ordinary
    fields) yields only ciphertext under keys those paths do not have."""

    laporan = models.OneToOneField(
        LaporanWbs, on_delete=models.CASCADE, primary_key=True, related_name="sealed_identity"
    )
    envelope = models.TextField(editable=False)
    key_version = models.PositiveSmallIntegerField(editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("identitas pelapor (tersegel)")
        verbose_name_plural = _("identitas pelapor (tersegel)")

    def __str__(self):
        return f"{self.laporan} identitas tersegel"


class IdentityAccessRequest(models.Model):
    laporan = models.ForeignKey(LaporanWbs, on_delete=models.CASCADE, related_name="identity_requests")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("diminta oleh"), on_delete=models.PROTECT, related_name="+"
    )
    reason = EncryptedTextField(_("alasan permintaan"), validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    status = models.CharField(
        _("status"), max_length=20, choices=StatusPermintaan.choices, default=StatusPermintaan.MENUNGGU
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diputus oleh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decision_note = EncryptedTextField(
        _("catatan keputusan"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)]
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(_("diputus pada"), null=True, blank=True)
    # When the request stopped counting because its requester no longer held the report.
    ended_at = models.DateTimeField(_("berakhir pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("permintaan pembukaan identitas")
        verbose_name_plural = _("permintaan pembukaan identitas")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[str(v) for v in StatusPermintaan.values]),
                name="wbs_identity_request_status_valid",
            ),
            # Four eyes, in the database too: nobody decides their own request.
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=F("requested_by")),
                name="wbs_identity_request_not_self_decided",
            ),
            models.CheckConstraint(
                condition=Q(
                    status=StatusPermintaan.MENUNGGU,
                    decided_by__isnull=True,
                    decided_at__isnull=True,
                    ended_at__isnull=True,
                )
                | Q(
                    status__in=[StatusPermintaan.DISETUJUI, StatusPermintaan.DITOLAK],
                    decided_by__isnull=False,
                    decided_at__isnull=False,
                    ended_at__isnull=True,
                )
                # An ended request may have been approved before, or never decided.
                | Q(status=StatusPermintaan.BERAKHIR, ended_at__isnull=False),
                name="wbs_identity_request_decision_whole",
            ),
            models.UniqueConstraint(
                fields=["laporan", "requested_by"],
                condition=Q(status=StatusPermintaan.MENUNGGU),
                name="wbs_identity_request_one_pending",
            ),
        ]

    def __str__(self):
        return f"{self.laporan} permintaan identitas {self.pk} ({self.status})"

    @property
    def is_pending(self) -> bool:
        return self.status == StatusPermintaan.MENUNGGU

    @property
    def is_approved(self) -> bool:
        return self.status == StatusPermintaan.DISETUJUI
