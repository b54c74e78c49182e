"""Name the regulation that deleted a not-obligatory letter.

Peraturan KPK 1/2026 (promulgated 20 January 2026) deleted huruf n of Peraturan KPK
2/2019 Pasal 2 ayat (3), the colleagues' farewell, retirement, transfer and birthday gifts
(domain.md §5). Its 2019 row ends on 19 January 2026 (migration 0002) and no version
follows, so the lists of letters go from m to o: the row now says which regulation
deleted it, and they say so. A row an administrator already filled is left as it is.
"""

from datetime import date

from django.db import migrations, models

CATEGORY = "rekan_pisah_sambut"
LAST_DAY = date(2026, 1, 19)
DELETED_BY = "Peraturan KPK 1/2026"


def forwards(apps, schema_editor):
    ExemptionRule = apps.get_model("gratifikasi", "ExemptionRule")
    ExemptionRule.objects.filter(category=CATEGORY, effective_to=LAST_DAY, ended_by="").update(ended_by=DELETED_BY)


class Migration(migrations.Migration):
    dependencies = [("gratifikasi", "0006_fill_identity_lookup_digests")]

    operations = [
        migrations.AddField(
            model_name="exemptionrule",
            name="ended_by",
            field=models.CharField(
                blank=True,
                help_text=(
                    "Hanya untuk huruf yang dihapus (tidak ada versi baru): peraturan yang menghapusnya, misalnya "
                    "“Peraturan KPK 1/2026”."
                ),
                max_length=200,
                verbose_name="dihapus oleh",
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
