"""Which profile (letterhead, contacts) speaks for a unit: its own, else its nearest
parent's, else the top unit's; None when no unit has one yet."""

from __future__ import annotations

from .models import UnitKerja, UnitProfile


def profile_for(unit: UnitKerja | None = None) -> UnitProfile | None:
    if unit is not None:
        chain = [unit.pk, *(parent.pk for parent in unit.ancestors())]
        found = {profile.unit_id: profile for profile in UnitProfile.objects.filter(unit_id__in=chain)}
        for unit_id in chain:
            if unit_id in found:
                return found[unit_id]
    return UnitProfile.objects.filter(unit__parent__isnull=True).order_by("unit__code").first() or (
        UnitProfile.objects.order_by("unit__code").first()
    )


def top_unit() -> UnitKerja | None:
    """The unit at the top of the tree (the Dinas), whose head signs the reports."""
    return UnitKerja.objects.filter(parent__isnull=True, is_active=True).order_by("code").first()
