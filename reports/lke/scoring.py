"""The LKE's arithmetic, on rows already read: an item's score, the totals of its
sub-component, its component and the area, and the area against the WBK and WBBM
minimums of its version.

- A choice item earns its weight × the score of the answer that counts (the evaluator's
  override, else SIGAP's proposal); a percentage item earns its weight × the percentage
  (completed ÷ to be followed up, filed ÷ obliged), capped at 100 %. An unanswered item
  earns nothing.
- An item's score is kept to four decimals (half up), the totals are the sums of the
  item scores, and a total is compared with a minimum exactly: an area at 60.00 % of its
  weight meets a 60 % minimum.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .models import LkeFramework, LkeItem, LkeOption, LkeOverride
from .sources import Proposal

SCORE_PLACES = Decimal("0.0001")
PERCENT_PLACES = Decimal("0.01")
HUNDRED = Decimal(100)


def item_score(weight: Decimal, fraction: Decimal | None) -> Decimal:
    """weight × fraction (0–1) to four decimals; nothing for an unanswered item."""
    if fraction is None:
        return Decimal("0")
    fraction = min(max(fraction, Decimal("0")), Decimal("1"))
    return (weight * fraction).quantize(SCORE_PLACES, rounding=ROUND_HALF_UP)


def share(score: Decimal, weight: Decimal) -> Decimal | None:
    """score ÷ weight in percent, two decimals (for display); None for no weight."""
    if not weight:
        return None
    return (score * HUNDRED / weight).quantize(PERCENT_PLACES, rounding=ROUND_HALF_UP)


def meets(score: Decimal, weight: Decimal, minimum_percent: Decimal) -> bool:
    """Whether `score` reaches `minimum_percent` of `weight`, compared without rounding."""
    return score * HUNDRED >= minimum_percent * weight


@dataclass(frozen=True)
class ItemResult:
    item: LkeItem
    options: tuple[LkeOption, ...]
    proposal: Proposal | None
    #: The option SIGAP proposes (choice items), when the proposal names one of them.
    proposed_option: LkeOption | None
    #: The evaluator's override in force (None: none, or withdrawn).
    override: LkeOverride | None
    #: Every override and withdrawal of the item for the year, newest first.
    history: tuple[LkeOverride, ...] = ()

    @property
    def chosen(self) -> LkeOption | None:
        """The option that counts (choice items)."""
        if self.override is not None:
            return self.override.option
        return self.proposed_option

    @property
    def decided_by_evaluator(self) -> bool:
        return self.override is not None

    @property
    def percent(self) -> Decimal | None:
        """The computed percentage (percentage items), as shown."""
        return self.proposal.percent if self.proposal is not None else None

    @property
    def fraction(self) -> Decimal | None:
        if self.item.is_computed:
            proposal = self.proposal
            if proposal is None or proposal.percent is None:
                return None
            # The exact ratio when the source gives its terms, not the rounded percentage.
            if proposal.denominator:
                return Decimal(proposal.numerator or 0) / Decimal(proposal.denominator)
            return proposal.percent / HUNDRED
        return self.chosen.score if self.chosen is not None else None

    @property
    def answered(self) -> bool:
        return self.fraction is not None

    @property
    def score(self) -> Decimal:
        return item_score(self.item.weight, self.fraction)


@dataclass(frozen=True)
class Total:
    """A sub-component, a component or the area: its parts, weight and score."""

    code: str
    name: str
    weight: Decimal
    score: Decimal

    @property
    def percent(self) -> Decimal | None:
        return share(self.score, self.weight)


@dataclass(frozen=True)
class SubComponentResult(Total):
    items: tuple[ItemResult, ...] = ()


@dataclass(frozen=True)
class ComponentResult(Total):
    subcomponents: tuple[SubComponentResult, ...] = ()


@dataclass(frozen=True)
class Evaluation:
    year: int
    framework: LkeFramework
    components: tuple[ComponentResult, ...]

    @property
    def weight(self) -> Decimal:
        return sum((component.weight for component in self.components), Decimal("0"))

    @property
    def score(self) -> Decimal:
        return sum((component.score for component in self.components), Decimal("0"))

    @property
    def percent(self) -> Decimal | None:
        return share(self.score, self.weight)

    @property
    def meets_wbk(self) -> bool:
        return meets(self.score, self.weight, self.framework.wbk_minimum)

    @property
    def meets_wbbm(self) -> bool:
        return meets(self.score, self.weight, self.framework.wbbm_minimum)

    def items(self) -> list[ItemResult]:
        return [item for component in self.components for sub in component.subcomponents for item in sub.items]

    @property
    def unanswered(self) -> int:
        return sum(1 for item in self.items() if not item.answered)

    @property
    def overridden(self) -> int:
        return sum(1 for item in self.items() if item.decided_by_evaluator)


def subcomponent_result(code: str, name: str, items: list[ItemResult]) -> SubComponentResult:
    return SubComponentResult(
        code=code,
        name=name,
        weight=sum((result.item.weight for result in items), Decimal("0")),
        score=sum((result.score for result in items), Decimal("0")),
        items=tuple(items),
    )


def component_result(code: str, name: str, subcomponents: list[SubComponentResult]) -> ComponentResult:
    return ComponentResult(
        code=code,
        name=name,
        weight=sum((sub.weight for sub in subcomponents), Decimal("0")),
        score=sum((sub.score for sub in subcomponents), Decimal("0")),
        subcomponents=tuple(subcomponents),
    )
