"""The pages of background reports (/staf/laporan/unduhan/): one's own jobs, a job's progress
and its file. Only the person who asked sees a job, and only while they hold one of the
report's roles; anyone else is told it does not exist."""

from __future__ import annotations

import io
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from reports import render_xlsx
from security import crypto

from . import registry, services
from .models import ReportJob

CONTENT_TYPES = {
    ReportJob.Format.PDF: "application/pdf",
    ReportJob.Format.XLSX: render_xlsx.CONTENT_TYPE,
}
#: Seconds between the refreshes of a job's page while it is made.
REFRESH_SECONDS = 2


def _own_job(request, job_id) -> ReportJob:
    job = ReportJob.objects.filter(pk=job_id, requested_by=request.user).first()
    if job is None or not request.user.has_role(*job.roles):
        raise Http404
    return job


def _waiting_too_long(job: ReportJob) -> bool:
    """Queued for longer than the worker should take to start it: it is probably not running."""
    minutes = int(getattr(settings, "SIGAP_INTAKE_STALL_MINUTES", 5))
    return job.status == ReportJob.Status.QUEUED and job.created_at < timezone.now() - timedelta(minutes=minutes)


@require_safe
@login_required
def job_list(request):
    jobs = ReportJob.objects.filter(requested_by=request.user).order_by("-created_at")[:50]
    return render(request, "reports/jobs/list.html", {"jobs": jobs})


@require_safe
@login_required
def job_detail(request, job_id):
    job = _own_job(request, job_id)
    context = {
        "job": job,
        "refresh": REFRESH_SECONDS if job.is_active else None,
        "waiting_too_long": _waiting_too_long(job),
    }
    return render(request, "reports/jobs/job.html", context)


@require_safe
@login_required
def job_file(request, job_id):
    job = _own_job(request, job_id)
    if not job.is_downloadable:
        raise Http404
    try:
        data = services.read_file(job, user=request.user, request=request)
    except (FileNotFoundError, crypto.DecryptionError):
        # Gone or unreadable (made under a key since removed): the page offers to make it again.
        raise Http404 from None
    response = FileResponse(
        io.BytesIO(data),
        as_attachment=True,
        filename=job.file_name or f"laporan.{job.fmt}",
        content_type=CONTENT_TYPES[job.fmt],
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
@login_required
def job_again(request, job_id):
    """Make the same report again with today's data (the kept file is not reused)."""
    job = _own_job(request, job_id)
    try:
        kind = registry.get(job.report_key)
    except LookupError:
        # Its area is not loaded in this process: ask again as it was asked.
        kind = registry.ReportKind(key=job.report_key, label=job.title, roles=tuple(job.roles))
    if not kind.allows(request.user):
        raise Http404
    again, _created = services.request_job(
        user=request.user,
        kind=kind,
        period=job.period,
        fmt=job.fmt,
        build=job.build,
        params=job.params,
        unit=job.unit,
        fresh=True,
    )
    return redirect("reports:job", job_id=again.pk)
