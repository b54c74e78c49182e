from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from security.fields import EncryptedTextField


class PendingCase(models.Model):
    """A public submission accepted but not yet opened as a case (see casework.intake).

    It already has its reference number and its tracking code's digest, so the submitter
    can be answered at once; everything they wrote waits here in one encrypted payload
    until the task worker opens the case, then the row is deleted.
    """

    kind = models.CharField(_("jenis kasus"), max_length=20)
    year = models.PositiveSmallIntegerField(_("tahun"))
    number = models.PositiveIntegerField(_("nomor urut"))
    tracking_digest = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    # The moment the submission was made: the case is opened as of then.
    submitted_at = models.DateTimeField(_("dikirim"), default=timezone.now)
    # Everything submitted, as JSON, encrypted like every sensitive field (and re-encrypted
    # with them by rotate_encryption_keys).
    payload = EncryptedTextField(editable=False)
    attempts = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    last_error = models.CharField(_("galat terakhir"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("kiriman yang sedang dicatat")
        verbose_name_plural = _("kiriman yang sedang dicatat")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "year", "number"], name="casework_pending_kind_year_number"),
        ]

    def __str__(self):
        return self.reference

    @property
    def reference(self) -> str:
        """The reference the case will have (the number is taken already)."""
        from ..kinds import get_kind
        from ..references import format_reference

        return format_reference(get_kind(self.kind).prefix, self.year, self.number)


class IntakeQueue(models.Model):
    """One row: whether a task to open waiting submissions is already queued.

    Each accepted submission flips it from False to True in one statement; only the
    submission that flips it queues the task, so a burst queues one task, not thousands.
    The task sets it back to False before it reads the waiting rows, so a submission
    that arrives during a run is either read by it or queues the next one.
    """

    scheduled = models.BooleanField(default=False)

    def __str__(self):
        return f"intake queue (scheduled={self.scheduled})"
