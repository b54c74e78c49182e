"""The people a report names move to the engine (casework.NamedPerson), which every kind
that names people shares, and wbs.Terlapor goes.

The rows keep their ids (audit entries name them) and their ciphertexts, copied as they
are: nothing is decrypted here, so no key is needed. Each gets who named it: a person a
handler added was recorded with a staff history line ("reported") in the same
transaction, within moments of the row; every other row is the reporter's. A row a
handler matched within a minute of its filing would count as a handler's, which hides it
from the reporter's page rather than showing them something a handler added.
"""

from datetime import timedelta

from django.core.management.color import no_style
from django.db import migrations
from django.db.models import TextField
from django.db.models.functions import Cast

from security.fields import Ciphertext

ENCRYPTED = ("nama", "jabatan", "unit_kerja", "akun")
#: A handler's addition and its history line are written in one transaction.
SAME_TRANSACTION = timedelta(seconds=60)


def _raw(queryset):
    """Rows with their encrypted columns as stored (a Cast skips the field's decryption)."""
    return queryset.annotate(**{f"raw_{name}": Cast(name, TextField()) for name in ENCRYPTED})


def _reset_sequence(schema_editor, model):
    with schema_editor.connection.cursor() as cursor:
        for sql in schema_editor.connection.ops.sequence_reset_sql(no_style(), [model]):
            cursor.execute(sql)


def forwards(apps, schema_editor):
    Terlapor = apps.get_model("wbs", "Terlapor")
    NamedPerson = apps.get_model("casework", "NamedPerson")
    NamedPersonMatch = apps.get_model("casework", "NamedPersonMatch")
    TimelineEntry = apps.get_model("casework", "TimelineEntry")
    added = False
    for row in _raw(Terlapor.objects.order_by("pk")).iterator():
        by_handler = TimelineEntry.objects.filter(
            case_id=row.laporan_id,
            transition="reported",
            by_reporter=False,
            actor__isnull=False,
            created_at__gte=row.created_at,
            created_at__lte=row.created_at + SAME_TRANSACTION,
        ).exists()
        person = NamedPerson.objects.create(
            id=row.pk,
            case_id=row.laporan_id,
            nama=Ciphertext(row.raw_nama or ""),
            jabatan=Ciphertext(row.raw_jabatan or ""),
            unit_kerja=Ciphertext(row.raw_unit_kerja or ""),
            akun=Ciphertext(row.raw_akun or ""),
            akun_digest=row.akun_digest,
            from_reporter=not by_handler,
            created_at=row.created_at,
        )
        if row.akun_digest:
            NamedPersonMatch.objects.create(person=person, akun=Ciphertext(row.raw_akun), matched_at=row.created_at)
        added = True
    if added:
        _reset_sequence(schema_editor, NamedPerson)


def backwards(apps, schema_editor):
    Terlapor = apps.get_model("wbs", "Terlapor")
    NamedPerson = apps.get_model("casework", "NamedPerson")
    added = False
    for row in _raw(NamedPerson.objects.filter(case__kind="wbs").order_by("pk")).iterator():
        Terlapor.objects.create(
            id=row.pk,
            laporan_id=row.case_id,
            nama=Ciphertext(row.raw_nama or ""),
            jabatan=Ciphertext(row.raw_jabatan or ""),
            unit_kerja=Ciphertext(row.raw_unit_kerja or ""),
            akun=Ciphertext(row.raw_akun or ""),
            akun_digest=row.akun_digest,
            created_at=row.created_at,
        )
        added = True
    NamedPerson.objects.filter(case__kind="wbs").delete()
    if added:
        _reset_sequence(schema_editor, Terlapor)


class Migration(migrations.Migration):
    dependencies = [
        ("wbs", "0003_identity_requests"),
        ("casework", "0007_named_persons"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.RemoveConstraint(model_name="terlapor", name="wbs_terlapor_named"),
        migrations.RemoveConstraint(model_name="terlapor", name="wbs_terlapor_match_whole"),
        migrations.DeleteModel(name="Terlapor"),
    ]
