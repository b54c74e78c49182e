"""Give a role at once, from the server: the first readers of a new installation.

In the admin, a role that reads cases waits for a Pimpinan's or the Inspektorat's
approval (accounts.access_requests). A new installation has nobody to approve yet, so its
operator, who already holds the database and its keys, names the first Pimpinan and
Inspektorat here. Each grant is audited, and the role's holders and the user are told.

    manage.py grant_role 197305121998031002 "Pimpinan"
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts import roles
from accounts.access_requests import role_grant_on_server
from accounts.backends import find_user


class Command(BaseCommand):
    help = "Give a staff account a role at once (for the first readers of a new installation). Audited."

    def add_arguments(self, parser):
        parser.add_argument("account", help="NIP or e-mail address of the account")
        parser.add_argument("role", choices=roles.ROLE_NAMES, help="the role's name, e.g. 'Pimpinan'")

    def handle(self, *args, account, role, **options):
        user = find_user(account)
        if user is None:
            raise CommandError(f"No account with NIP or e-mail {account!r}.")
        if user.has_role(role):
            self.stdout.write(f"{user} already holds {role}.")
            return
        with transaction.atomic():
            role_grant_on_server(user=user, role=role)
        self.stdout.write(self.style.SUCCESS(f"{user} now holds {role}."))
