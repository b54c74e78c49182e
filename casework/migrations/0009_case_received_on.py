"""The day each case was received, which its opening clocks count from.

Until now a case's clocks counted from the day it was entered (opened_at), so a
complaint received by letter and typed in a week later got its deadlines a week late.
Case.received_on now holds the day received. Every case so far was received, as far as
SIGAP knows, the day it was opened: the column is filled with the local date of
opened_at (one statement, in the site's time zone), which is also the day its opening
clocks started.
"""

import django.utils.timezone
from django.db import migrations, models
from django.db.models.functions import TruncDate


def forwards(apps, schema_editor):
    Case = apps.get_model("casework", "Case")
    # TruncDate converts to the current time zone (settings.TIME_ZONE) before truncating.
    Case.objects.update(received_on=TruncDate("opened_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0008_deadline_policy_names_its_source"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="received_on",
            field=models.DateField(db_index=True, default=django.utils.timezone.localdate, verbose_name="diterima"),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
