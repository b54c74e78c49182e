# The audit log moved to the security app (security 0001 took over its tables); only the
# migration state changes here, the tables and their rows stay.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('casework', '0005_history_note_keys'),
        ('security', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='AuditChainHead'),
                migrations.DeleteModel(name='AuditEntry'),
            ],
            database_operations=[],
        ),
    ]
