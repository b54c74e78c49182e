"""The report jobs' tasks (Django's tasks framework; `manage.py db_worker` runs them)."""

from __future__ import annotations

from django.tasks import task

from . import services


@task
def run_report_job(job_id: str) -> dict:
    """Make one report job's file (services.run_job). Queued when the job is asked for."""
    return services.run_job(job_id)


@task
def remove_expired_report_files() -> dict[str, int]:
    """Remove the report files kept past their time (SIGAP_PERIODIC_TASKS)."""
    return {"expired": services.expire_files()}
