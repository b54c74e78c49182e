"""Background tasks of the WBS app (Django's tasks framework, django.tasks)."""

from __future__ import annotations

from django.tasks import task

from .notify import send_news


@task
def send_reporter_news(case_id: int) -> bool:
    """Tell the reporter of case `case_id` that there is news, if they asked to be told.
    Its argument and result hold no address: task rows are stored in the database."""
    return send_news(case_id)
