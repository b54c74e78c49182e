"""Give the complaints filed before the identity search their complainant's digests
(casework.person_lookup): the encrypted fields are read with the application's field
code, as the historical model's fields are the same classes, on SQLite and PostgreSQL
alike. Running it again changes nothing."""

from django.db import migrations

from casework.person_lookup import EMAIL, NAME, NIK, PHONE, Lookup, recompute

LOOKUPS = {
    "nama_digest": Lookup("nama", NAME),
    "nik_digest": Lookup("nik", NIK),
    "email_digest": Lookup("email", EMAIL),
    "telepon_digest": Lookup("telepon", PHONE),
}


def forwards(apps, schema_editor):
    recompute(apps.get_model("pengaduan", "Pengaduan"), LOOKUPS)


class Migration(migrations.Migration):
    # Batches commit one by one (a long table need not be one transaction).
    atomic = False

    dependencies = [("pengaduan", "0008_identity_lookup_digests")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)]
