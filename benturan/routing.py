"""Who decides a conflict case: the one rule that routes it (domain.md §6).

The official's atasan langsung decides: the head of their unit, or of the nearest unit
above it that has one (accounts.UnitKerja.responsible_head), never the official themself
(a head's superior is the head of the unit above). A superior who is a party to the
conflict (the one who filed it, the official, or an employee named among the other
parties) cannot judge it: the case goes one level up, as many levels as it takes, and to
the Tim Benturan Kepentingan when nobody above is left. So is a superior a standing
recusal keeps from cases about the official (a control of another conflict case:
casework.controls). The next superior in the same line, also neither, is who hears when
the decision is late.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Routing:
    #: Who decides; None: the Tim Benturan Kepentingan.
    atasan: object | None
    #: Who is told when the decision is late; None: the Tim Benturan Kepentingan.
    eskalasi_ke: object | None
    #: The superiors passed over because they are parties, nearest first.
    passed_over: tuple = ()
    #: The superiors passed over because a control recuses them from the official's cases.
    recused_over: tuple = ()

    @property
    def to_tim(self) -> bool:
        return self.atasan is None


def line_of_superiors(official) -> list:
    """The official's superiors, nearest first: the head of their unit unless that is
    themself, then the heads of the units above. A person heading several levels counts
    once; an inactive account decides nothing and is left out."""
    unit = official.unit
    if unit is None:
        return []
    line, seen = [], {official.pk}
    for level in [unit, *unit.ancestors()]:
        head = level.head
        if head is None or head.pk in seen or not head.is_active:
            continue
        seen.add(head.pk)
        line.append(head)
    return line


def route(*, official, parties: Iterable, recused: Iterable[int] = ()) -> Routing:
    """Where a conflict of `official` goes, given every party to it (the official is
    always one) and the ids of those recused from it by a standing rule. Call when the
    case is filed; the result is stored on the case."""
    party_ids = {person.pk for person in parties if person is not None} | {official.pk}
    recused_ids = set(recused)
    passed_over, recused_over, deciders = [], [], []
    for superior in line_of_superiors(official):
        if superior.pk in party_ids or superior.pk in recused_ids:
            if not deciders:
                (passed_over if superior.pk in party_ids else recused_over).append(superior)
            continue
        deciders.append(superior)
        if len(deciders) == 2:
            break
    return Routing(
        atasan=deciders[0] if deciders else None,
        eskalasi_ke=deciders[1] if len(deciders) > 1 else None,
        passed_over=tuple(passed_over),
        recused_over=tuple(recused_over),
    )
