"""Background tasks of the gratifikasi app (Django's tasks framework, django.tasks)."""

from __future__ import annotations

from django.tasks import task

from .notify import send_status


@task
def send_status_notice(case_id: int, state: str) -> bool:
    """Tell the declarant of case `case_id` that it moved to `state` (gratifikasi.notify).
    Its arguments and result hold no address: task rows are stored in the database."""
    return send_status(case_id, state)
