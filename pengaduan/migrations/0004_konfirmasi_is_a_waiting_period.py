"""The "konfirmasi" clock (10 working days after the answer before an unanswered
complaint closes by itself) is the complainant's time, not the staff's: mark its policies
and running clocks as a waiting period, and take it out of each case's due date, so an
answered complaint never shows as overdue nor sends reminders to handlers."""

from django.db import migrations
from django.db.models import Min

CLOCK = "konfirmasi"


def forwards(apps, schema_editor):
    SlaPolicy = apps.get_model("casework", "SlaPolicy")
    Deadline = apps.get_model("casework", "Deadline")
    Case = apps.get_model("casework", "Case")
    SlaPolicy.objects.filter(kind="pengaduan", clock=CLOCK).update(is_waiting_period=True)
    waiting = Deadline.objects.filter(case__kind="pengaduan", clock=CLOCK)
    case_ids = set(waiting.filter(completed_at__isnull=True).values_list("case_id", flat=True))
    waiting.update(is_waiting_period=True)
    # The same rule as casework.sla.refresh_due_date, frozen here.
    for case_id in case_ids:
        due = Deadline.objects.filter(
            case_id=case_id, completed_at__isnull=True, paused_on__isnull=True, is_waiting_period=False
        ).aggregate(due=Min("due_date"))["due"]
        Case.objects.filter(pk=case_id).update(due_date=due)


def backwards(apps, schema_editor):
    SlaPolicy = apps.get_model("casework", "SlaPolicy")
    Deadline = apps.get_model("casework", "Deadline")
    SlaPolicy.objects.filter(kind="pengaduan", clock=CLOCK).update(is_waiting_period=False)
    Deadline.objects.filter(case__kind="pengaduan", clock=CLOCK).update(is_waiting_period=False)


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0003_deadline_waiting_period"),
        ("pengaduan", "0003_plaintext_limits_on_the_field"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
