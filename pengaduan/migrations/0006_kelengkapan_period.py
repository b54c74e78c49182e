"""The complainant's time to complete a complaint sent back to them (tunda).

A complaint waiting for information from its complainant paused every staff clock and
had no end: it could wait forever. Tunda now starts the "kelengkapan" clock, the
complainant's time to answer (a waiting period: no handler is reminded, nothing becomes
overdue), and once it has run out a handler may archive the complaint as not completed
(arsipkan_tidak_lengkap); until then, or until a handler does, the answer still resumes
the complaint. Neither domain.md nor SP4N-LAPOR! rules give a period for this; the
default of 10 working days is the period SP4N-LAPOR! gives a complainant to respond to an
answer (the konfirmasi clock). Like every deadline it is a SlaPolicy row the
administrator may change, with an effective date.

Complaints already waiting when this runs get the clock from today, not from the day
they were sent back: a new rule does not shorten time already given.
"""

from datetime import timedelta

from django.db import migrations, models
from django.db.migrations.exceptions import IrreversibleError
from django.utils import timezone

from casework.sla import seed_policies, unseed_policies

CLOCK = "kelengkapan"
POLICIES = [
    (
        CLOCK,
        "Waktu pelapor melengkapi pengaduan yang ditunda",
        10,
        "2013-01-01",
        "Ditetapkan SIGAP, mengikuti masa tanggapan pelapor pada SP4N-LAPOR! (PermenPANRB 62/2018)",
    ),
]


def _add_working_days(apps, start, n):
    # The rule of casework.calendar.add_working_days, frozen here.
    Holiday = apps.get_model("casework", "Holiday")
    end = start + timedelta(days=n * 2 + 60)
    holidays = set(Holiday.objects.filter(date__gt=start, date__lte=end).values_list("date", flat=True))
    day, counted = start, 0
    while counted < n:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in holidays:
            counted += 1
    return day


def forwards(apps, schema_editor):
    seed_policies(apps, "pengaduan", POLICIES, waiting_periods=[CLOCK])
    SlaPolicy = apps.get_model("casework", "SlaPolicy")
    Deadline = apps.get_model("casework", "Deadline")
    Pengaduan = apps.get_model("pengaduan", "Pengaduan")
    today = timezone.localdate()
    policy = SlaPolicy.objects.filter(kind="pengaduan", clock=CLOCK, effective_from__lte=today).order_by(
        "-effective_from"
    ).first()
    # No kelengkapan clock existed before this migration.
    waiting = Pengaduan.objects.filter(state="ditunda").only("pk")
    due = _add_working_days(apps, today, policy.working_days)
    Deadline.objects.bulk_create(
        Deadline(
            case_id=complaint.pk,
            clock=CLOCK,
            policy=policy,
            working_days=policy.working_days,
            is_waiting_period=True,
            started_on=today,
            due_date=due,
        )
        for complaint in waiting
    )


def backwards(apps, schema_editor):
    Pengaduan = apps.get_model("pengaduan", "Pengaduan")
    if Pengaduan.objects.filter(archive_reason="tidak_dilengkapi").exists():
        # The old check constraint would refuse them; their reason is history to keep.
        raise IrreversibleError(
            "Some complaints are archived as not completed (tidak_dilengkapi); "
            "this migration cannot be reversed without rewriting their history."
        )
    Deadline = apps.get_model("casework", "Deadline")
    Deadline.objects.filter(case__kind="pengaduan", clock=CLOCK).delete()
    unseed_policies(apps, "pengaduan", POLICIES)


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_role_groups'),
        ('casework', '0004_pending_intake'),
        ('pengaduan', '0005_staff_list_indexes'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='pengaduan',
            name='pengaduan_archive_reason_valid',
        ),
        migrations.AlterField(
            model_name='pengaduan',
            name='archive_reason',
            field=models.CharField(blank=True, choices=[('spam', 'Spam'), ('kasar', 'Berisi kata-kata kasar atau menghina'), ('tidak_jelas', 'Tidak jelas atau terlalu umum'), ('duplikat', 'Duplikat dari pengaduan lain yang masih berjalan'), ('tidak_dilengkapi', 'Tidak dilengkapi pelapor dalam batas waktu')], max_length=20, verbose_name='alasan pengarsipan'),
        ),
        migrations.AddConstraint(
            model_name='pengaduan',
            constraint=models.CheckConstraint(condition=models.Q(('archive_reason', ''), ('archive_reason__in', ['spam', 'kasar', 'tidak_jelas', 'duplikat', 'tidak_dilengkapi']), _connector='OR'), name='pengaduan_archive_reason_valid'),
        ),
        migrations.RunPython(forwards, backwards),
    ]
