"""Background tasks of the complaints app (Django's tasks framework, django.tasks).

`auto_close_answered` closes the answered complaints whose complainant stayed silent
through the "konfirmasi" period. Enqueue it once a day or more often: it is idempotent,
so an extra run closes nothing twice. Until the engine's scheduler runs every app's
periodic tasks, `manage.py auto_close_pengaduan` enqueues it (from cron).
"""

from __future__ import annotations

import logging
from datetime import date

from django.tasks import task

from .services import pengaduan_auto_close_due

logger = logging.getLogger(__name__)


@task
def auto_close_answered(today: str | None = None) -> dict[str, object]:
    """Run pengaduan_auto_close_due; `today` (ISO date) replays a missed day or serves a
    test. Returns what was closed, kept as the task's result."""
    closed = pengaduan_auto_close_due(today=date.fromisoformat(today) if today else None)
    if closed:
        logger.info("Closed %d answered complaint(s) without a reply", len(closed))
    return {"closed": len(closed), "references": [case.reference for case in closed]}
