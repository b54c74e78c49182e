"""Shared makings of the LKE and LHKPN tests: a worksheet version of one's own, sources
registered for a test only, cases of any kind made directly in a given state, and the
readers and the roles that must be refused."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts import roles
from reports.lke import sources
from reports.lke.models import LkeComponent, LkeFramework, LkeItem, LkeOption, LkeSubComponent

#: domain.md §7: the score of each option, by the number of options.
OPTION_SCORES = {
    2: ["1", "0"],
    3: ["1", "0.5", "0"],
    4: ["1", "0.67", "0.33", "0"],
    5: ["1", "0.75", "0.5", "0.25", "0"],
}
LETTERS = "abcde"
#: A year of one's own, far from the seeded version's, within the years SIGAP answers for.
YEAR = 2090

READERS = (roles.TIM_PENILAI, roles.PIMPINAN, roles.INSPEKTORAT)
REFUSED = tuple(role for role in roles.ROLE_NAMES if role not in READERS)


def make_framework(spec, *, year=YEAR, wbk="60", wbbm="75") -> LkeFramework:
    """A version in force from 1 January `year`. `spec`: [(component code, [(sub code,
    [(item code, weight, option count or "persen")])])]; options are lettered a… and
    scored as OPTION_SCORES says."""
    framework = LkeFramework.objects.create(
        name="LKE uji",
        source="Uji",
        effective_from=datetime.date(year, 1, 1),
        wbk_minimum=Decimal(wbk),
        wbbm_minimum=Decimal(wbbm),
    )
    for c_order, (c_code, subs) in enumerate(spec):
        component = LkeComponent.objects.create(framework=framework, code=c_code, name=c_code.title(), order=c_order)
        for s_order, (s_code, items) in enumerate(subs):
            sub = LkeSubComponent.objects.create(component=component, code=s_code, name=s_code.title(), order=s_order)
            for i_order, (code, weight, options) in enumerate(items):
                item = LkeItem.objects.create(
                    subcomponent=sub,
                    code=code,
                    question=f"Pertanyaan {code}?",
                    answer_kind="persentase" if options == "persen" else "pilihan",
                    weight=Decimal(weight),
                    order=i_order,
                )
                if options != "persen":
                    for o_order, score in enumerate(OPTION_SCORES[options]):
                        LkeOption.objects.create(
                            item=item,
                            letter=LETTERS[o_order],
                            label=f"Jawaban {LETTERS[o_order]}",
                            score=Decimal(score),
                            order=o_order,
                        )
    return framework


@pytest.fixture
def register():
    """register(code, source) for this test only."""
    added = []

    def add(code, source):
        sources.register_source(code, source)
        added.append((code, source))
        return source

    yield add
    for code, source in added:
        sources.unregister_source(code, source)


def make_case(model, *, kind: str, number: int, state: str, received_on: datetime.date, closed: bool, **fields):
    """A case of `kind` made directly in `state` (received that day, closed at noon when
    `closed`), bypassing the services: the figures are read from these columns only."""
    closed_at = timezone.make_aware(datetime.datetime.combine(received_on, datetime.time(12, 0))) if closed else None
    return model.objects.create(
        kind=kind,
        reference=f"{kind.upper()}/{received_on.year}/{number:06d}",
        year=received_on.year,
        number=number,
        state=state,
        received_on=received_on,
        closed_at=closed_at,
        **fields,
    )
