from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One append-only, hash-chained audit record (see security.audit).

    Actor and case are plain ids, not foreign keys: deleting a user or a case must never
    change or remove history.
    """

    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    event = models.CharField(max_length=60, db_index=True)
    actor_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    actor_label = models.CharField(max_length=200, blank=True)
    case_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    data = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("catatan audit")
        verbose_name_plural = _("catatan audit")
        ordering = ["id"]

    def __str__(self):
        return f"#{self.pk} {self.event} {self.created_at:%Y-%m-%d %H:%M:%S}"

    def save(self, *args, **kwargs):
        # security.audit.record() numbers entries from the chain head it holds locked; an
        # entry written any other way would break the chain or collide with the next id.
        if self.pk is None or not self.hash:
            raise ValueError("Audit entries are written only by security.audit.record()")
        super().save(*args, **kwargs)


class AuditChainHead(models.Model):
    """A single row locked while an entry is appended, so the chain never forks."""

    last_id = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self):
        return f"audit head #{self.last_id}"
