"""Re-wrap every sealed reporter identity under the current sealing key.

Run after putting a new key at the front of SIGAP_WBS_IDENTITY_KEYS (old keys stay
listed until this finishes). Only each identity's small data key is re-wrapped; the
identity itself is never decrypted into anything but memory, and no identity is opened
in the sense of wbs.identity (nothing is shown). Batches commit one by one, so a run that
stops half-way is resumed by running it again. `manage.py rotate_encryption_keys` does
not touch sealed identities: they are not under the field keys.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from security import audit
from wbs import sealing
from wbs.models import SealedIdentity


class Command(BaseCommand):
    help = "Re-wraps sealed WBS reporter identities under the current (first) key of SIGAP_WBS_IDENTITY_KEYS."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=200, help="Identities per transaction (default 200).")

    def handle(self, *args, batch_size=200, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1")
        keys = sealing.seal_keys()
        stray = sorted(
            set(SealedIdentity.objects.exclude(key_version__in=keys.keys).values_list("key_version", flat=True))
        )
        if stray:
            raise CommandError(
                f"Sealed identities use key version(s) {stray}, which {sealing.SETTING} does not list; "
                "add them and run again. Nothing was changed."
            )
        done = 0
        while True:
            with transaction.atomic():
                rows = list(
                    SealedIdentity.objects.select_for_update()
                    .exclude(key_version=keys.current)
                    .order_by("pk")[:batch_size]
                )
                if not rows:
                    break
                for row in rows:
                    row.envelope = sealing.rewrap(row.envelope, report_id=row.laporan_id)
                    row.key_version = keys.current
                SealedIdentity.objects.bulk_update(rows, ["envelope", "key_version"])
            done += len(rows)
        if done:
            audit.record(audit.Event.WBS_IDENTITY_KEYS_ROTATED, data={"version": keys.current, "identities": done})
        self.stdout.write(
            self.style.SUCCESS(f"Done: {done} sealed identit(y/ies) now under key version {keys.current}.")
        )
