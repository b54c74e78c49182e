"""Give the declarations made before the identity search their declarant's digests
(casework.person_lookup), and the giver's digest again under the engine's one rule for
names (it differed only for an underscore). The encrypted fields are read with the
application's field code, as the historical model's fields are the same classes, on
SQLite and PostgreSQL alike. Running it again changes nothing."""

from django.db import migrations

from casework.person_lookup import EMAIL, NAME, NIK, PHONE, Lookup, recompute
from gratifikasi.giver import giver_digest

LOOKUPS = {
    "nama_digest": Lookup("nama", NAME),
    "nik_digest": Lookup("nik", NIK),
    "email_digest": Lookup("email", EMAIL),
    "telepon_digest": Lookup("telepon", PHONE),
    "pemberi_digest": Lookup("pemberi_nama", NAME, giver_digest),
}


def forwards(apps, schema_editor):
    recompute(apps.get_model("gratifikasi", "Gratifikasi"), LOOKUPS)


class Migration(migrations.Migration):
    # Batches commit one by one (a long table need not be one transaction).
    atomic = False

    dependencies = [("gratifikasi", "0005_identity_lookup_digests")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)]
