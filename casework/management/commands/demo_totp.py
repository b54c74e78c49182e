"""Print the current second-factor code of a demo account, for testers without a phone.

Anyone who can run this reads every user's second factor, so it refuses to run anywhere
but a development machine.
"""

import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from accounts.services import confirmed_totp_device
from accounts.testing import totp_token


class Command(BaseCommand):
    help = "Print the current TOTP code of a demo user (development only)."

    def add_arguments(self, parser):
        parser.add_argument("identifier", help="NIP or e-mail address of the user")

    def handle(self, *args, identifier, **options):
        if settings.SIGAP_ENV != "development":
            raise CommandError("demo_totp reveals second factors; it runs only with SIGAP_ENV=development.")
        ident = identifier.strip()
        user = get_user_model().objects.filter(Q(nip=ident) | Q(email__iexact=ident)).first()
        if user is None:
            raise CommandError(f"No user with NIP or e-mail {ident!r}.")
        device = confirmed_totp_device(user)
        if device is None:
            raise CommandError(f"{user} has no confirmed TOTP device; run `manage.py seed_demo` first.")
        now = time.time()
        remaining = device.step - int(now - device.t0) % device.step
        self.stdout.write(totp_token(device, at=now))
        self.stderr.write(f"{user} — valid for {remaining} more seconds; each code is accepted once.")
