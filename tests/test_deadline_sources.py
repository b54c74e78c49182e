"""Every deadline names where its figure comes from.

Staff see each clock's source beside its due date (the case page's deadline table, the
declarant's clocks), so every seeded policy of every kind must name one, and none in
force today may cite a regulation already replaced (domain.md §3: PermenPANRB 62/2018
was replaced by PermenPANRB 5/2025).
"""

from datetime import date

import pytest

from casework.models import SlaPolicy
from casework.sla import policy_for

pytestmark = pytest.mark.django_db

REPLACED = ["PermenPANRB 62/2018"]


def test_every_seeded_policy_names_its_source():
    policies = SlaPolicy.objects.all()
    assert {policy.kind for policy in policies} >= {"pengaduan", "wbs", "gratifikasi"}
    for policy in policies:
        assert policy.source.strip(), policy


def test_no_policy_in_force_today_cites_a_replaced_regulation():
    today = date(2026, 7, 6)
    for kind, clock in SlaPolicy.objects.values_list("kind", "clock").distinct():
        source = policy_for(kind, clock, today).source
        assert not any(replaced in source for replaced in REPLACED), (kind, clock, source)
