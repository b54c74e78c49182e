"""Compute every person-search digest again (casework.person_lookup) under the current
SIGAP_LOOKUP_KEY.

Run after SIGAP_LOOKUP_KEY changed: until then a search by NIK, telephone, e-mail or
name finds none of the cases stored before, and a gift's yearly cap per giver does not
see earlier gifts. Every model that keeps lookup digests is found through the app
registry, so a new one is covered without a change here. Work goes in small committed
batches: a run that stops half-way is resumed by running it again, and a run with nothing
left to do changes nothing.

What it cannot recompute, because only the digest was ever stored, is listed in the
README (Production, SIGAP_LOOKUP_KEY): the tracking and receipt codes.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from casework.person_lookup import lookup_models, recompute


class Command(BaseCommand):
    help = (
        "Recomputes the keyed digests that staff search cases by (NIK, telephone, e-mail, name) under the "
        "current SIGAP_LOOKUP_KEY. Run after the key changed. Safe to stop and run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500, help="Rows per transaction (default 500).")

    def handle(self, *args, batch_size=500, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1")
        total = 0
        for model in lookup_models():
            changed = recompute(model, model.lookup_digests, batch_size=batch_size)
            total += changed
            self.stdout.write(f"{model._meta.label}: {changed} row(s) updated")
        self.stdout.write(self.style.SUCCESS(f"Done: {total} row(s) updated."))
