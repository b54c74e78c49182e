"""Choosing a unit in a form: the units in the order of their tree (a dinas, then each of
its bidang followed by its own seksi), each indented under its parent, so "Seksi
Kelahiran" is found under the bidang it belongs to rather than among forty names in
alphabetical order.

Every unit picker uses UnitChoiceField or UnitMultipleChoiceField (or `tree_order` for
rows it already holds). The order is made in Python from the rows the field's queryset
returns, so a picker costs the one query it always did, whatever the depth of the tree.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue

from security.request_values import IdChoiceField, IdMultipleChoiceField

from .models import UnitKerja

#: Put before a unit's name once per level below the top of the list. A select cannot
#: indent an option with CSS, and a screen reader reads the dash as a pause, not a word.
INDENT = "— "


def tree_order(units: Iterable[UnitKerja]) -> list[tuple[UnitKerja, int]]:
    """`units` as (unit, depth) pairs in tree order: each unit followed by the units
    under it, brothers by name. A unit whose parent is not among `units` (a filtered
    list, a retired parent) starts a tree of its own at depth 0."""
    units = list(units)
    present = {unit.pk for unit in units}
    children: dict[int | None, list[UnitKerja]] = {}
    for unit in units:
        parent = unit.parent_id if unit.parent_id in present else None
        children.setdefault(parent, []).append(unit)
    for brothers in children.values():
        brothers.sort(key=lambda unit: (unit.name.casefold(), unit.pk))

    ordered: list[tuple[UnitKerja, int]] = []
    # Depth first, without recursion; `seen` guards against a parent cycle in bad data.
    stack = [(unit, 0) for unit in reversed(children.get(None, []))]
    seen: set[int] = set()
    while stack:
        unit, depth = stack.pop()
        if unit.pk in seen:
            continue
        seen.add(unit.pk)
        ordered.append((unit, depth))
        stack.extend((child, depth + 1) for child in reversed(children.get(unit.pk, [])))
    # Units only reachable through a cycle are still offered, at the top level.
    ordered += [(unit, 0) for unit in units if unit.pk not in seen]
    return ordered


def indented(label: str, depth: int) -> str:
    return f"{INDENT * depth}{label}"


class UnitTreeOptions(ModelChoiceIterator):
    """The options of a unit field: its queryset's units in tree order, indented."""

    def __iter__(self) -> Iterator[tuple]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for unit, depth in tree_order(self.rows()):
            value = ModelChoiceIteratorValue(self.field.prepare_value(unit), unit)
            yield (value, indented(self.field.label_from_instance(unit), depth))

    def rows(self) -> Iterable[UnitKerja]:
        """The units to offer; a field that keeps its rows elsewhere reads them there."""
        # A fresh copy, read in one plain query (security.request_values.ListedChoices).
        return self.queryset.all()


class UnitChoiceField(IdChoiceField):
    """A unit chosen from a select (or radios) that shows the unit tree."""

    iterator = UnitTreeOptions


class UnitMultipleChoiceField(IdMultipleChoiceField):
    """Several units chosen (checkboxes or a multiple select) from the unit tree."""

    iterator = UnitTreeOptions
