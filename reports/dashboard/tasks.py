"""The dashboard's periodic task (queued by `manage.py run_scheduler`, SIGAP_PERIODIC_TASKS)."""

from __future__ import annotations

from django.tasks import task

from . import received_days


@task
def count_received_days() -> dict[str, int]:
    """Recount the cases received on the days that can no longer change (received_days)."""
    return {"counts": received_days.refresh()}
