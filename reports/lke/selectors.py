"""Reads of the LKE: the version in force for a year, and a year's evaluation (every item
with SIGAP's proposal, the evaluator's override in force and its history, and the
scores). The worksheet and the overrides are read in five queries whatever their size;
the proposals cost what their sources cost, each kind's figures read once."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import Prefetch

from . import sources
from .models import LkeComponent, LkeFramework, LkeItem, LkeOption, LkeOverride, LkeSubComponent
from .scoring import Evaluation, ItemResult, component_result, subcomponent_result


def framework_for(year: int) -> LkeFramework | None:
    """The version in force on the last day of `year` (None before the first one)."""
    return LkeFramework.objects.filter(effective_from__lte=date(year, 12, 31)).order_by("-effective_from").first()


def _components(framework: LkeFramework) -> list[LkeComponent]:
    options = Prefetch("options", queryset=LkeOption.objects.order_by("order", "pk"))
    items = Prefetch("items", queryset=LkeItem.objects.order_by("order", "pk").prefetch_related(options))
    subcomponents = Prefetch(
        "subcomponents", queryset=LkeSubComponent.objects.order_by("order", "pk").prefetch_related(items)
    )
    return list(framework.components.order_by("order", "pk").prefetch_related(subcomponents))


def overrides_of(year: int, item_ids) -> dict[int, list[LkeOverride]]:
    """Each item's overrides and withdrawals for `year`, newest first."""
    found: dict[int, list[LkeOverride]] = defaultdict(list)
    rows = (
        LkeOverride.objects.filter(year=year, item_id__in=list(item_ids))
        .select_related("option", "proposed_option", "decided_by")
        .order_by("-decided_at", "-pk")
    )
    for row in rows:
        found[row.item_id].append(row)
    return found


def item_result(item: LkeItem, proposal, history: list[LkeOverride]) -> ItemResult:
    options = tuple(item.options.all())
    by_letter = {option.letter: option for option in options}
    proposed = by_letter.get(proposal.option) if proposal is not None and proposal.option else None
    latest = history[0] if history else None
    return ItemResult(
        item=item,
        options=options,
        proposal=proposal,
        proposed_option=proposed,
        # Computed items are never overridden; a withdrawal leaves the proposal in force.
        override=latest if latest is not None and not latest.withdraws and not item.is_computed else None,
        history=tuple(history),
    )


def evaluate(year: int, framework: LkeFramework | None = None) -> Evaluation | None:
    """The year's evaluation under its version, or None when no version is in force."""
    framework = framework or framework_for(year)
    if framework is None:
        return None
    components = _components(framework)
    items = [item for c in components for s in c.subcomponents.all() for item in s.items.all()]
    proposals = sources.propose_all([item.code for item in items], year)
    history = overrides_of(year, [item.pk for item in items])
    results = []
    for component in components:
        subs = [
            subcomponent_result(
                sub.code,
                sub.name,
                [item_result(item, proposals.get(item.code), history.get(item.pk, [])) for item in sub.items.all()],
            )
            for sub in component.subcomponents.all()
        ]
        results.append(component_result(component.code, component.name, subs))
    return Evaluation(year=year, framework=framework, components=tuple(results))


def item_of_year(year: int, pk: int) -> LkeItem | None:
    """The item `pk` if it belongs to the version in force for `year`."""
    framework = framework_for(year)
    if framework is None:
        return None
    return (
        LkeItem.objects.filter(pk=pk, subcomponent__component__framework=framework)
        .select_related("subcomponent__component")
        .prefetch_related(Prefetch("options", queryset=LkeOption.objects.order_by("order", "pk")))
        .first()
    )


def evaluate_item(year: int, item: LkeItem) -> ItemResult:
    """One item's result for `year` (the item page)."""
    proposal = sources.propose_all([item.code], year)[item.code]
    return item_result(item, proposal, overrides_of(year, [item.pk]).get(item.pk, []))
