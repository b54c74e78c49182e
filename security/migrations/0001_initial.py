# The audit log's tables were created by casework (casework 0001) before the security
# primitives had an app of their own. This takes them over without touching the database;
# 0002 then gives them this app's table names.

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('casework', '0005_history_note_keys'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='AuditChainHead',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('last_id', models.BigIntegerField(default=0)),
                        ('last_hash', models.CharField(default='0000000000000000000000000000000000000000000000000000000000000000', max_length=64)),
                    ],
                    options={'db_table': 'casework_auditchainhead'},
                ),
                migrations.CreateModel(
                    name='AuditEntry',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                        ('event', models.CharField(db_index=True, max_length=60)),
                        ('actor_id', models.BigIntegerField(blank=True, db_index=True, null=True)),
                        ('actor_label', models.CharField(blank=True, max_length=200)),
                        ('case_id', models.BigIntegerField(blank=True, db_index=True, null=True)),
                        ('object_type', models.CharField(blank=True, max_length=100)),
                        ('object_id', models.CharField(blank=True, max_length=64)),
                        ('data', models.JSONField(blank=True, default=dict)),
                        ('prev_hash', models.CharField(max_length=64)),
                        ('hash', models.CharField(max_length=64, unique=True)),
                    ],
                    options={
                        'verbose_name': 'catatan audit',
                        'verbose_name_plural': 'catatan audit',
                        'ordering': ['id'],
                        'db_table': 'casework_auditentry',
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
