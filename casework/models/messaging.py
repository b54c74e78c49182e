from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from security.fields import EncryptedTextField

from .case import Case


class Message(models.Model):
    """A message between the handler and the reporter (who writes through the tracking code)."""

    class Sender(models.TextChoices):
        REPORTER = "reporter", _("Pelapor")
        STAFF = "staff", _("Petugas")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="messages")
    sender = models.CharField(max_length=10, choices=Sender.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = EncryptedTextField(_("pesan"))
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("pesan")
        verbose_name_plural = _("pesan")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.case} {self.get_sender_display()} {self.created_at:%Y-%m-%d %H:%M}"


class InternalNote(models.Model):
    """A note among staff; the reporter never sees it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="internal_notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    body = EncryptedTextField(_("catatan"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("catatan internal")
        verbose_name_plural = _("catatan internal")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.case} {self.created_at:%Y-%m-%d %H:%M}"
