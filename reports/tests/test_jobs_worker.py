"""A report job through the real queue: the request writes a task row, `manage.py
db_worker` (run here once, in-process) makes the file, and running the worker again
makes nothing twice."""

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from accounts.testing import verified_login
from casework.tests.test_deadline_sweep import in_process_db_worker  # noqa: F401 (a fixture)
from reports.dashboard.counts import current_semester
from reports.jobs.models import ReportJob

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.mark.django_db
@override_settings(TASKS=DB_TASKS)
def test_the_worker_makes_the_file_once(client, make_user, in_process_db_worker, django_capture_on_commit_callbacks):  # noqa: F811
    worker = in_process_db_worker
    from django_tasks_db.models import DBTaskResult

    verified_login(client, make_user(roles.PIMPINAN))
    semester = current_semester(timezone.localdate())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:dashboard_statistics"), {"periode": semester.slug, "format": "pdf"})
    job = ReportJob.objects.get()
    task = DBTaskResult.objects.get()
    assert (job.status, job.task_id, task.task_path) == ("antre", str(task.id), "reports.jobs.tasks.run_report_job")
    assert 'http-equiv="refresh"' in client.get(response["Location"]).content.decode()

    worker()
    job.refresh_from_db()
    task.refresh_from_db()
    assert (job.status, job.progress, task.status) == ("siap", 100, "SUCCESSFUL")
    assert task.return_value["kept"] is True
    made = job.storage_name

    # The task queued again (a retry, a second worker): the job is not made twice.
    from reports.jobs.tasks import run_report_job

    run_report_job.enqueue(str(job.pk))
    worker()
    job.refresh_from_db()
    assert job.storage_name == made
    assert DBTaskResult.objects.order_by("-enqueued_at").first().return_value == {"ran": False}

    download = client.get(reverse("reports:job_file", args=[job.pk]))
    assert b"".join(download.streaming_content).startswith(b"%PDF")
