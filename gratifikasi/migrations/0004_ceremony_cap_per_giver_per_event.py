"""The ceremony rule (huruf l) caps a giver's gifts at each event, not each gift.

Peraturan KPK 2/2019 Pasal 2 ayat (3) huruf l (and its 2026 amendment) limits ceremony
gifts "per pemberi dalam setiap acara": two envelopes of Rp1.000.000 from one guest at
one wedding are Rp2.000.000 from that giver at that event, over the Rp1.500.000 cap,
though each envelope alone is under it. Migration 0002 seeded the cap as a cap per
gift. This adds the cap per giver per event and moves the seeded huruf l figures to it;
a row an administrator already changed (another figure, or a cap per event set) is left
as it is.
"""

from decimal import Decimal

from django.db import migrations, models

CATEGORY = "upacara"
SEEDED_CAPS = [Decimal(1_000_000), Decimal(1_500_000)]


def _move_cap(apps, source: str, target: str) -> None:
    """Move the seeded huruf l figure from the field `source` to `target` where `target`
    is still empty."""
    ExemptionRule = apps.get_model("gratifikasi", "ExemptionRule")
    rows = ExemptionRule.objects.filter(category=CATEGORY, **{f"{source}__in": SEEDED_CAPS, f"{target}__isnull": True})
    for rule in rows:
        setattr(rule, target, getattr(rule, source))
        setattr(rule, source, None)
        rule.save(update_fields=[source, target])


def forwards(apps, schema_editor):
    _move_cap(apps, "max_per_gift", "max_per_event_per_giver")


def backwards(apps, schema_editor):
    _move_cap(apps, "max_per_event_per_giver", "max_per_gift")


class Migration(migrations.Migration):
    dependencies = [
        ("gratifikasi", "0003_submitted_once"),
    ]

    operations = [
        migrations.AddField(
            model_name="exemptionrule",
            name="max_per_event_per_giver",
            field=models.DecimalField(
                blank=True,
                decimal_places=0,
                help_text=(
                    "Jumlah semua pemberian dari pemberi yang sama pada satu acara (jenis peristiwa dan tanggal "
                    "diterima yang sama) tidak boleh melebihi batas ini."
                ),
                max_digits=15,
                null=True,
                verbose_name="batas per acara dari pemberi yang sama (Rp, termasuk)",
            ),
        ),
        migrations.AddConstraint(
            model_name="exemptionrule",
            constraint=models.CheckConstraint(
                condition=models.Q(("max_per_event_per_giver__isnull", True), ("max_per_event_per_giver__gte", 0), _connector="OR"),
                name="gratifikasi_rule_event_cap",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
