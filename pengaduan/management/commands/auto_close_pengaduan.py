"""Enqueue the automatic close of answered complaints (pengaduan.tasks.auto_close_answered).

The engine's run_scheduler enqueues only its deadline sweep, so until it runs every app's
periodic tasks, schedule this from cron once a day, early in the morning:

    15 0 * * *  cd /srv/sigap && .venv/bin/python manage.py auto_close_pengaduan

`--today 2026-03-30` replays a day that was missed; `--now` runs the close in this process
instead of enqueueing it (no worker needed).
"""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from pengaduan.tasks import auto_close_answered


class Command(BaseCommand):
    help = "Enqueue (or with --now, run) the automatic close of answered complaints."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="The day to close for (ISO date); default today.")
        parser.add_argument("--now", action="store_true", help="Run in this process instead of enqueueing.")

    def handle(self, *args, today: str | None = None, now: bool = False, **options):
        if today is not None:
            try:
                date.fromisoformat(today)
            except ValueError as exc:
                raise CommandError(f"--today must be an ISO date (YYYY-MM-DD): {exc}") from exc
        if now:
            result = auto_close_answered.call(today=today)
            self.stdout.write(f"Closed {result['closed']} answered complaint(s)")
            return
        result = auto_close_answered.enqueue(today=today)
        self.stdout.write(f"Enqueued auto-close of answered complaints {result.id}")
