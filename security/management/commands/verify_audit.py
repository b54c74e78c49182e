from django.core.management.base import BaseCommand, CommandError

from security.audit import verify_chain
from security.models import AuditEntry


class Command(BaseCommand):
    help = "Checks the audit log's hash chain and reports every edited, removed or reordered entry."

    def handle(self, *args, **options):
        breaks = verify_chain()
        total = AuditEntry.objects.count()
        if not breaks:
            self.stdout.write(self.style.SUCCESS(f"Audit log intact: {total} entries verified."))
            return
        for brk in breaks:
            where = f"entry #{brk.entry_id}" if brk.entry_id is not None else "end of log"
            self.stderr.write(f"{where}: {brk.problem}")
        raise CommandError(f"Audit log tampered: {len(breaks)} problem(s) in {total} entries.")
