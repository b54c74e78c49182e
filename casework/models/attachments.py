import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from security.fields import EncryptedCharField

from .case import Case
from .messaging import Message


class Attachment(models.Model):
    """A file on a case, stored encrypted under a random name outside any served folder."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(Message, null=True, blank=True, on_delete=models.SET_NULL, related_name="attachments")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_reporter = models.BooleanField(default=False)
    visible_to_reporter = models.BooleanField(default=False)
    purpose = models.CharField(_("keperluan"), max_length=40, default="bukti")
    original_name = EncryptedCharField(_("nama berkas"), plaintext_max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    storage_name = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    key_version = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("lampiran")
        verbose_name_plural = _("lampiran")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.case} lampiran {self.pk}"
