"""The units a person heads and every unit below them: the scope in which a unit head
reads the monev recommendations and the conflict-of-interest registers of their units.

The signed-in user arrives knowing whether they head any unit (accounts.backends reads it
with the account), so for most people, who head none, this costs nothing. For a head, the
whole unit tree is read in one query (an agency has tens of units, a few levels deep) and
walked here, rather than one query per level.
"""

from __future__ import annotations

from collections import defaultdict

from .models import UnitKerja


def headed_unit_ids(user) -> frozenset[int]:
    """The units `user` heads and every unit below them (kept on `user` for the request)."""
    if not (user and user.is_authenticated and user.is_active):
        return frozenset()
    # getattr, not the instance's __dict__: request.user is a lazy wrapper around it.
    cached = getattr(user, "_headed_unit_ids", None)
    if cached is not None:
        return cached
    if getattr(user, "heads_a_unit", True) is False:
        ids = frozenset()
    else:
        ids = _below(UnitKerja.objects.values_list("pk", "parent_id", "head_id"), user.pk)
    user._headed_unit_ids = ids
    return ids


def _below(units, head_id: int) -> frozenset[int]:
    children = defaultdict(list)
    headed = []
    for pk, parent_id, unit_head_id in units:
        children[parent_id].append(pk)
        if unit_head_id == head_id:
            headed.append(pk)
    ids: set[int] = set()
    frontier = headed
    while frontier:
        ids.update(frontier)
        frontier = [child for pk in frontier for child in children[pk] if child not in ids]
    return frozenset(ids)
