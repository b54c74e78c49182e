"""A report made in the background (reports.jobs): who asked, for what, how far it is, and
the file it made, kept encrypted for a few days."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.reporting import Period


class ReportJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "antre", _("Menunggu giliran")
        RUNNING = "berjalan", _("Sedang dibuat")
        READY = "siap", _("Siap diunduh")
        FAILED = "gagal", _("Gagal")
        EXPIRED = "kedaluwarsa", _("Kedaluwarsa")

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        XLSX = "xlsx", "XLSX"

    ACTIVE = (Status.QUEUED, Status.RUNNING)

    # The job's page is addressed by this id: unguessable, and checked against the
    # requester anyway.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("diminta oleh"), on_delete=models.CASCADE, related_name="+"
    )
    report_key = models.CharField(_("laporan"), max_length=60)
    # The report's name when it was asked for (its period is shown beside it).
    title = models.CharField(_("judul"), max_length=300)
    period_start = models.DateField(_("periode mulai"))
    period_end = models.DateField(_("periode akhir"))
    fmt = models.CharField(_("format"), max_length=8, choices=Format.choices)
    # Dotted path of the function that builds the Document (reports.jobs.services.run).
    build = models.CharField(max_length=200)
    params = models.JSONField(default=dict, blank=True)
    # The unit whose letterhead the PDF carries (None: the top unit's).
    unit = models.ForeignKey("accounts.UnitKerja", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # Everything above in one digest: the same request while one is made or kept is
    # answered with that one (services.request_job).
    request_digest = models.CharField(max_length=64, editable=False)
    # The roles that could ask for the report when it was asked for: the download
    # requires one of them still.
    roles = models.JSONField(default=list, editable=False)

    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("kemajuan"), default=0)
    error = models.CharField(_("galat"), max_length=300, blank=True)
    task_id = models.CharField(max_length=64, blank=True, editable=False)

    # The made file: encrypted (security.crypto) under a random name in the private
    # storage, never served but through the job's download view.
    storage_name = models.UUIDField(null=True, blank=True, editable=False)
    key_version = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    file_name = models.CharField(_("nama berkas"), max_length=200, blank=True)
    size = models.PositiveIntegerField(_("ukuran"), null=True, blank=True)

    created_at = models.DateTimeField(_("diminta"), default=timezone.now)
    started_at = models.DateTimeField(_("mulai dibuat"), null=True, blank=True)
    finished_at = models.DateTimeField(_("selesai dibuat"), null=True, blank=True)
    expires_at = models.DateTimeField(_("disimpan sampai"), null=True, blank=True)

    class Meta:
        verbose_name = _("laporan latar belakang")
        verbose_name_plural = _("laporan latar belakang")
        ordering = ["-created_at"]
        constraints = [
            # Never two runs of the same request at once, whatever the race.
            models.UniqueConstraint(
                fields=["request_digest"],
                condition=Q(status__in=["antre", "berjalan"]),
                name="reports_job_one_active_per_request",
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="reports_job_progress_at_most_100"),
        ]
        indexes = [
            models.Index(fields=["requested_by", "-created_at"], name="reports_job_requester"),
            models.Index(fields=["expires_at"], name="reports_job_kept", condition=Q(status="siap")),
        ]

    def __str__(self):
        # Never the content: str() ends up in logs.
        return f"laporan {self.report_key} {self.pk}"

    @property
    def period(self) -> Period:
        return Period(self.period_start, self.period_end)

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def is_downloadable(self) -> bool:
        return self.status == self.Status.READY and (self.expires_at is None or self.expires_at > timezone.now())
