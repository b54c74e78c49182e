"""The dashboard's periodic task (queued by `manage.py run_scheduler`, SIGAP_PERIODIC_TASKS)."""

from __future__ import annotations

from django.tasks import task

from reports import public_stats_cache

from . import received_days


@task
def count_received_days() -> dict[str, int]:
    """Recount the cases received on the days that can no longer change (received_days)."""
    return {"counts": received_days.refresh()}


@task
def count_public_statistics() -> dict[str, list[str]]:
    """Count the public statistics page's default months ahead (reports.public_stats_cache)."""
    return {"counted": public_stats_cache.count_ahead()}
