"""The data a declaration is judged by: deadline clocks and both sets of not-obligatory
rules, seeded with their sources and effective dates."""

import importlib
from datetime import date
from decimal import Decimal

import pytest

from casework.models import SlaPolicy
from casework.sla import policy_for
from gratifikasi.choices import Clock
from gratifikasi.models import ExemptionRule

pytestmark = pytest.mark.django_db

AMENDMENT = date(2026, 1, 20)


@pytest.mark.parametrize(
    ("clock", "days", "waiting"),
    [
        (Clock.LAPOR_KPK, 30, False),
        (Clock.LAPOR_UPG, 10, True),
        (Clock.UPG_KPK, 10, False),
        (Clock.KEPUTUSAN_KPK, 30, True),
        (Clock.PENYERAHAN, 7, False),
    ],
)
def test_every_clock_is_seeded_with_its_source(clock, days, waiting):
    policy = policy_for("gratifikasi", clock, date(2026, 6, 1))
    assert policy.working_days == days
    assert policy.is_waiting_period is waiting
    assert policy.source


def test_the_completion_period_is_30_then_20_working_days():
    assert policy_for("gratifikasi", Clock.KELENGKAPAN, date(2026, 1, 19)).working_days == 30
    assert policy_for("gratifikasi", Clock.KELENGKAPAN, AMENDMENT).working_days == 20
    versions = SlaPolicy.objects.filter(kind="gratifikasi", clock=Clock.KELENGKAPAN)
    assert set(versions.values_list("is_waiting_period", flat=True)) == {True}
    assert "1/2026" in versions.get(effective_from=AMENDMENT).source


def test_a_gift_of_any_date_since_the_law_has_its_limit():
    assert policy_for("gratifikasi", Clock.LAPOR_KPK, date(2002, 1, 2)).working_days == 30


def test_seventeen_categories_a_to_q_in_2019():
    rules = ExemptionRule.objects.filter(effective_from=date(2019, 1, 1))
    assert sorted(rules.values_list("letter", flat=True)) == list("abcdefghijklmnopq")
    assert all("Peraturan KPK 2/2019 Pasal 2 ayat (3) huruf" in rule.source for rule in rules)


def test_the_2026_amendment_versions():
    upacara = ExemptionRule.objects.get(category="upacara", effective_from=AMENDMENT)
    # "per pemberi dalam setiap acara": a cap on one giver's gifts at one event.
    assert (upacara.max_per_gift, upacara.max_per_event_per_giver) == (None, Decimal(1_500_000))
    old_upacara = ExemptionRule.objects.get(category="upacara", effective_from=date(2019, 1, 1))
    assert (old_upacara.max_per_gift, old_upacara.max_per_event_per_giver) == (None, Decimal(1_000_000))
    assert "diubah Peraturan KPK 1/2026" in upacara.source
    rekan = ExemptionRule.objects.get(category="rekan_lainnya", effective_from=AMENDMENT)
    assert (rekan.max_per_gift, rekan.max_per_year_per_giver) == (Decimal(500_000), Decimal(1_500_000))
    assert rekan.year_cap_inclusive and rekan.non_cash_only
    old = ExemptionRule.objects.filter(category__in=["upacara", "rekan_lainnya", "rekan_pisah_sambut"]).exclude(
        effective_from=AMENDMENT
    )
    assert set(old.values_list("effective_to", flat=True)) == {date(2026, 1, 19)}
    # The farewell rule has no 2026 version: deleted.
    assert not ExemptionRule.objects.filter(category="rekan_pisah_sambut", effective_from__gte=AMENDMENT).exists()
    farewell = ExemptionRule.objects.get(category="rekan_pisah_sambut")
    assert farewell.max_per_year_per_giver == Decimal(1_000_000) and not farewell.year_cap_inclusive


def test_uncapped_categories_carry_over():
    for category in ("keluarga", "musibah", "hidangan", "investasi"):
        rule = ExemptionRule.objects.get(category=category)
        assert rule.effective_to is None
        assert rule.max_per_gift is None and rule.max_per_year_per_giver is None
        assert rule.max_per_event_per_giver is None


def test_running_the_seed_again_adds_nothing():
    from django.apps import apps

    module = importlib.import_module("gratifikasi.migrations.0002_seed_deadlines_and_rules")
    before = (ExemptionRule.objects.count(), SlaPolicy.objects.filter(kind="gratifikasi").count())
    module.forwards(apps, None)
    assert (ExemptionRule.objects.count(), SlaPolicy.objects.filter(kind="gratifikasi").count()) == before
