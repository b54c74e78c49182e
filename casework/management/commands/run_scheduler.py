"""Enqueue the periodic background tasks; django.tasks has no scheduler of its own.

Run it as one long-lived service beside the task worker:

    python manage.py db_worker            # runs queued tasks (django_tasks_db)
    python manage.py run_scheduler        # enqueues sweep_deadlines every 60 minutes

The interval is SIGAP_SWEEP_INTERVAL_MINUTES (default 60) or --interval. The command stops
cleanly on SIGTERM (systemd, docker stop) or Ctrl-C, between two enqueues.

Or leave scheduling to cron and enqueue once per run:

    0 * * * *  cd /srv/sigap && .venv/bin/python manage.py run_scheduler --once

The sweep is idempotent, so an extra run (a second scheduler, a manual --once) only
repeats a check and never a mail.
"""

from __future__ import annotations

import signal
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string

from casework.tasks import sweep_deadlines

DEFAULT_TASK = "casework.tasks.sweep_deadlines"


class Command(BaseCommand):
    help = "Enqueue the deadline sweep periodically (or once with --once)."

    # Sleep in short steps so a stop request is honoured within a second.
    tick_seconds = 1.0

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Enqueue the sweep once and exit (for cron).")
        parser.add_argument(
            "--interval",
            type=float,
            default=None,
            help="Minutes between two enqueues (default: SIGAP_SWEEP_INTERVAL_MINUTES, else 60).",
        )

    def handle(self, *args, once: bool = False, interval: float | None = None, **options):
        if interval is None:
            interval = float(getattr(settings, "SIGAP_SWEEP_INTERVAL_MINUTES", 60))
        if interval <= 0:
            raise CommandError("--interval must be a positive number of minutes")
        if once:
            self.enqueue()
            return
        self._stopping = False
        previous = {sig: signal.signal(sig, self.request_stop) for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            self.stdout.write(f"Scheduler started: deadline sweep every {interval:g} minutes")
            while not self._stopping:
                try:
                    self.enqueue()
                except Exception as exc:
                    # A database blip must not end the service; the next tick tries again.
                    self.stderr.write(f"Could not enqueue the deadline sweep: {exc!r}")
                self.sleep(interval * 60)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        self.stdout.write("Scheduler stopped")

    def request_stop(self, signum, frame):
        """Signal handler: finish the current step, then leave the loop."""
        self._stopping = True

    def sleep(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not self._stopping:
            left = deadline - time.monotonic()
            if left <= 0:
                return
            time.sleep(min(self.tick_seconds, left))

    def enqueue(self) -> None:
        # Every periodic task of every app, from one list in settings; each is idempotent,
        # so an extra run (a restart, a cron overlap) changes nothing twice.
        for path in getattr(settings, "SIGAP_PERIODIC_TASKS", [DEFAULT_TASK]):
            task = sweep_deadlines if path == DEFAULT_TASK else import_string(path)
            result = task.enqueue()
            self.stdout.write(f"Enqueued {path} {result.id}")
