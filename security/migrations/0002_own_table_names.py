from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('security', '0001_initial'),
        # casework must have let go of the models first, or both apps would own the tables.
        ('casework', '0006_audit_moved_to_security'),
    ]

    operations = [
        migrations.AlterModelTable(name='auditchainhead', table=None),
        migrations.AlterModelTable(name='auditentry', table=None),
    ]
