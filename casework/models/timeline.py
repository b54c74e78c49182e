from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from security.fields import EncryptedCharField, EncryptedTextField

from .case import Case


class TimelineEntry(models.Model):
    """One state change of a case (or another event worth showing in its history).

    `note` is internal; `public_note` is what the reporter reads for entries marked public.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="timeline")
    transition = models.CharField(_("tindakan"), max_length=60)
    from_state = models.CharField(_("dari"), max_length=40, blank=True)
    to_state = models.CharField(_("menjadi"), max_length=40, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_reporter = models.BooleanField(default=False)
    note = EncryptedTextField(_("catatan internal"), blank=True)
    is_public = models.BooleanField(_("terlihat oleh pelapor"), default=False)
    public_note = EncryptedTextField(_("keterangan untuk pelapor"), blank=True)
    # A sentence SIGAP wrote itself: its registered message and values, so that it reads
    # in the reader's language (casework.history_notes); public_note keeps its text.
    public_note_key = models.CharField(max_length=80, blank=True, default="")
    public_note_params = models.JSONField(blank=True, default=dict)
    # Another case this line is about (the conflict case whose control recused a handler
    # here, the conflict case a report was turned into), by id, encrypted: a clear link
    # between two cases would tell a reader of the database what a report is about. Its
    # reference is shown only to a reader who may see that case (casework.views_case).
    linked_case = EncryptedCharField(_("kasus terkait"), blank=True, plaintext_max_length=20)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("riwayat")
        verbose_name_plural = _("riwayat")
        ordering = ["created_at", "id"]

    def __str__(self):
        who = _("pelapor") if self.by_reporter else (self.actor or _("sistem"))
        return f"{self.case}: {self.from_state or '∅'} → {self.to_state} ({self.transition}) oleh {who}"

    @property
    def linked_case_id(self) -> int | None:
        return int(self.linked_case) if self.linked_case else None

    @property
    def public_note_text(self) -> str:
        """The public note in the active language where SIGAP wrote it, else as kept."""
        if not self.public_note_key:
            return self.public_note
        from casework.history_notes import render

        return render(self.public_note_key, self.public_note_params, fallback=self.public_note)
