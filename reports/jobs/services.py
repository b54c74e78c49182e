"""Asking for a report in the background, making it, and letting its file go.

request_job is called by a report page (through reports.jobs.request_file); run_job by the
task worker (tasks.run_report_job); expire_files by the scheduler. A request is made once:
the same request (same person, report, period, format, parameters) while one is queued,
running or kept is answered with that one, a unique constraint holds it under any race,
and the worker claims a job with one conditional UPDATE before it starts, so a task run
twice makes the file once.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import logging
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from casework.reporting import Period
from security import audit

from . import storage
from .models import ReportJob
from .registry import ReportKind

logger = logging.getLogger(__name__)

Status = ReportJob.Status

#: Only functions of the reports app build a background report: the path is read back
#: from the database by the worker, so it is checked before it is imported.
BUILD_PREFIX = "reports."


def file_days() -> int:
    """How many days a made file is kept for its download (SIGAP_REPORT_FILE_DAYS)."""
    return settings.SIGAP_REPORT_FILE_DAYS


def stall_minutes() -> int:
    """After how long a job still running is taken for dead (its worker stopped), so the
    same request may be made again (SIGAP_REPORT_JOB_STALL_MINUTES)."""
    return settings.SIGAP_REPORT_JOB_STALL_MINUTES


def request_digest(*, user, report_key: str, period: Period, fmt: str, build: str, params: dict, unit_id) -> str:
    request = {
        "user": user.pk,
        "report": report_key,
        "period": [period.start.isoformat(), period.end.isoformat()],
        "fmt": fmt,
        "build": build,
        "params": params,
        "unit": unit_id,
    }
    return hashlib.sha256(json.dumps(request, sort_keys=True, default=str).encode()).hexdigest()


def request_job(
    *,
    user,
    kind: ReportKind,
    period: Period,
    fmt: str,
    build: str,
    params: dict | None = None,
    unit=None,
    fresh: bool = False,
) -> tuple[ReportJob, bool]:
    """The job for this request, and whether it is new. The same request queued, running or
    made and still kept is answered with that job; with `fresh`, a kept file is not reused
    (the person asked for today's numbers) but a job in progress still is.

    The caller has checked that `user` may ask for the report (kind.allows). The job is
    queued for the worker when the transaction commits."""
    if fmt not in ReportJob.Format.values:
        raise ValueError(f"Unknown report format {fmt!r}")
    if not build.startswith(BUILD_PREFIX):
        raise ValueError(f"A background report is built by a function of the reports app, not {build!r}")
    params = dict(params or {})
    json.dumps(params)  # what the worker gets back must survive the database
    unit_id = getattr(unit, "pk", None)
    digest = request_digest(
        user=user, report_key=kind.key, period=period, fmt=fmt, build=build, params=params, unit_id=unit_id
    )
    now = timezone.now()
    with transaction.atomic():
        _fail_stalled(digest, now)
        kept = Q(status__in=ReportJob.ACTIVE) | Q(status=Status.READY, expires_at__gt=now)
        existing = ReportJob.objects.filter(kept, request_digest=digest).order_by("-created_at").first()
        if existing is not None and (existing.is_active or not fresh):
            return existing, False
        try:
            with transaction.atomic():
                job = ReportJob.objects.create(
                    requested_by=user,
                    report_key=kind.key,
                    title=str(kind.label),
                    period_start=period.start,
                    period_end=period.end,
                    fmt=fmt,
                    build=build,
                    params=params,
                    unit=unit,
                    request_digest=digest,
                    roles=list(kind.roles),
                )
        except IntegrityError:
            # Another request for the same made its job between our read and our insert.
            return ReportJob.objects.get(request_digest=digest, status__in=ReportJob.ACTIVE), False
        job_id = job.pk
        transaction.on_commit(lambda: _enqueue(job_id))
    return job, True


def _fail_stalled(digest: str, now) -> None:
    """A run whose worker died never finishes: after stall_minutes it is marked failed, so
    the same request can be made again."""
    ReportJob.objects.filter(
        request_digest=digest, status=Status.RUNNING, started_at__lt=now - timedelta(minutes=stall_minutes())
    ).update(status=Status.FAILED, error=_("Pembuatan terhenti sebelum selesai."), finished_at=now)


def _enqueue(job_id) -> None:
    from .tasks import run_report_job

    result = run_report_job.enqueue(str(job_id))
    ReportJob.objects.filter(pk=job_id).update(task_id=str(result.id)[:64])


class _Progress:
    """Reports a build's progress (0–100 of the build) as the job's, which the build takes
    from 5 to 80 % (rendering and storing the rest), writing only when it moves."""

    def __init__(self, job_id):
        self.job_id = job_id
        self.last = 5

    def set(self, percent: float) -> None:
        value = 5 + int(max(0, min(100, percent)) * 0.75)
        self(value)

    def __call__(self, value: int) -> None:
        if value >= self.last + 5 or value == 100:
            ReportJob.objects.filter(pk=self.job_id, status=Status.RUNNING).update(progress=value)
            self.last = value


def run_job(job_id) -> dict:
    """Make the file of a queued job: claim it, build its Document, render and store it.
    Called by the worker (tasks.run_report_job); a job already claimed is left alone."""
    now = timezone.now()
    claimed = ReportJob.objects.filter(pk=job_id, status=Status.QUEUED).update(
        status=Status.RUNNING, started_at=now, progress=5
    )
    if not claimed:
        return {"ran": False}
    job = ReportJob.objects.select_related("requested_by", "unit").get(pk=job_id)
    progress = _Progress(job.pk)
    try:
        user = job.requested_by
        if not (user.is_active and user.has_role(*job.roles)):
            return _fail(job, _("Anda tidak lagi berwenang atas laporan ini."))
        if not job.build.startswith(BUILD_PREFIX):
            return _fail(job, _("Laporan ini tidak dapat dibuat."))
        build = import_string(job.build)
        kwargs = {"period": job.period, "user": user, **job.params}
        if "progress" in inspect.signature(build).parameters:
            kwargs["progress"] = progress.set
        doc = build(**kwargs)
        progress(80)
        data = render(doc, job.fmt, unit=job.unit)
        progress(95)
        name, version = storage.store(data)
    except Exception:
        # The reason goes to the log, not to the page: an exception's text may quote data.
        logger.exception("Background report %s failed", job.pk)
        return _fail(job, _("Laporan gagal dibuat. Coba minta lagi; bila terus gagal, hubungi admin."))
    finished = timezone.now()
    updated = ReportJob.objects.filter(pk=job.pk, status=Status.RUNNING).update(
        status=Status.READY,
        progress=100,
        storage_name=name,
        key_version=version,
        size=len(data),
        file_name=f"{doc.slug}.{job.fmt}"[:200],
        finished_at=finished,
        expires_at=finished + timedelta(days=file_days()),
    )
    if not updated:
        # Taken for stalled and failed meanwhile: the file has no job to belong to.
        storage.remove(name)
        return {"ran": True, "kept": False}
    return {"ran": True, "kept": True, "size": len(data)}


def _fail(job: ReportJob, message: str) -> dict:
    ReportJob.objects.filter(pk=job.pk, status=Status.RUNNING).update(
        status=Status.FAILED, error=message[:300], finished_at=timezone.now()
    )
    return {"ran": True, "kept": False}


def render(doc, fmt: str, *, unit=None) -> bytes:
    """The document in `fmt`, as the report pages render it (reports.formats)."""
    from reports import formats, render_xlsx

    if fmt == ReportJob.Format.PDF:
        return formats.pdf_bytes(doc, unit=unit)
    with render_xlsx.write(doc) as handle:
        return handle.read()


def read_file(job: ReportJob, *, user, request=None) -> bytes:
    """The made file for its requester, recorded in the audit log as an export. Call only
    after checking the reader (views.job_file)."""
    data = storage.read(job.storage_name, job.size)
    audit.record(
        audit.Event.EXPORT,
        actor=user,
        obj=job,
        data={"report": job.report_key, "period": job.period.slug, "format": job.fmt},
        request=request,
    )
    return data


def expire_files(now=None) -> int:
    """Remove the files kept past their time; returns how many. Run by the scheduler
    (tasks.remove_expired_report_files); a page never serves an expired file either way."""
    now = now or timezone.now()
    expired = 0
    for job in ReportJob.objects.filter(status=Status.READY, expires_at__lte=now).only("pk", "storage_name"):
        if ReportJob.objects.filter(pk=job.pk, status=Status.READY).update(
            status=Status.EXPIRED, storage_name=None, key_version=None
        ):
            if job.storage_name:
                storage.remove(job.storage_name)
            expired += 1
    return expired
