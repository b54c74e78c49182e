"""Reads of the yearly declaration campaigns: the campaigns with their totals, the
compliance of each unit (declared ÷ obliged, counted from the rows of who must declare,
each unit with the units below it), who has not declared yet, and what waits for an
employee. Every list costs the same number of queries whatever the number of employees.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.models import UnitKerja

from .models import KampanyeDeklarasi, KewajibanDeklarasi
from .registers_access import Scope


def percent(declared: int, obliged: int) -> float | None:
    """The share who declared, in percent with one decimal (None when nobody is obliged)."""
    return round(declared * 100 / obliged, 1) if obliged else None


@dataclass
class UnitFigures:
    """A unit's figures, counting the employees of the unit and of every unit below it."""

    unit: UnitKerja
    depth: int
    obliged: int = 0
    declared: int = 0
    ada: int = 0
    #: Those directly in this unit (not below it).
    own_obliged: int = 0
    children: list = field(default_factory=list)

    @property
    def not_declared(self) -> int:
        return self.obliged - self.declared

    @property
    def percent(self) -> float | None:
        return percent(self.declared, self.obliged)


@dataclass(frozen=True)
class Compliance:
    units: list[UnitFigures]
    obliged: int
    declared: int
    ada: int

    @property
    def not_declared(self) -> int:
        return self.obliged - self.declared

    @property
    def percent(self) -> float | None:
        return percent(self.declared, self.obliged)


def _rows(campaign, scope: Scope) -> QuerySet[KewajibanDeklarasi]:
    rows = KewajibanDeklarasi.objects.filter(kampanye_id=campaign.pk)
    if not scope.every_unit:
        rows = rows.filter(unit_id__in=scope.unit_ids)
    return rows


def compliance(campaign, scope: Scope) -> Compliance:
    """The campaign's figures within `scope`, per unit (each with the units below it) in
    the order of the unit tree, and in total. Two queries: the counts per unit as the
    rows hold it (the unit kept when the campaign opened), and the unit tree."""
    counts = {
        entry["unit_id"]: entry
        for entry in _rows(campaign, scope)
        .order_by()
        .values("unit_id")
        .annotate(obliged=Count("pk"), declared=Count("dinyatakan_pada"), ada=Count("benturan"))
    }
    units = list(UnitKerja.objects.only("pk", "name", "parent_id", "code").order_by("name", "pk"))
    by_parent: dict[int | None, list[UnitKerja]] = {}
    for unit in units:
        by_parent.setdefault(unit.parent_id, []).append(unit)
    known = {unit.pk for unit in units}

    def build(unit: UnitKerja, depth: int) -> UnitFigures:
        figures = UnitFigures(unit=unit, depth=depth)
        own = counts.get(unit.pk)
        if own:
            figures.own_obliged = own["obliged"]
            figures.obliged, figures.declared, figures.ada = own["obliged"], own["declared"], own["ada"]
        for child in by_parent.get(unit.pk, []):
            below = build(child, depth + 1)
            figures.children.append(below)
            figures.obliged += below.obliged
            figures.declared += below.declared
            figures.ada += below.ada
        return figures

    roots = [unit for unit in units if unit.parent_id is None or unit.parent_id not in known]
    ordered: list[UnitFigures] = []

    def walk(figures: UnitFigures) -> None:
        # A unit head reads their own units only, not the sums of the units above them.
        if figures.obliged and scope.covers(figures.unit.pk):
            ordered.append(figures)
        for child in figures.children:
            walk(child)

    for root in roots:
        walk(build(root, 0))
    total = [counts[key] for key in counts]
    return Compliance(
        units=ordered,
        obliged=sum(entry["obliged"] for entry in total),
        declared=sum(entry["declared"] for entry in total),
        ada=sum(entry["ada"] for entry in total),
    )


def not_declared(campaign, scope: Scope, *, unit=None) -> QuerySet[KewajibanDeklarasi]:
    """Who has not declared yet within `scope` (and `unit`, with the units below it), by
    unit and name, with their account and unit; page it."""
    rows = _rows(campaign, scope).filter(dinyatakan_pada__isnull=True)
    if unit is not None:
        rows = rows.filter(unit_id__in=unit.descendant_ids())
    return rows.select_related("pegawai", "unit").order_by("unit__name", "pegawai__full_name", "pk")


def campaigns(scope: Scope | None) -> QuerySet[KampanyeDeklarasi]:
    """Every campaign, newest first; within a `scope`, with `obliged` and `declared`
    counted from its rows (one query for the list)."""
    rows = KampanyeDeklarasi.objects.select_related("dibuka_oleh", "ditutup_oleh").order_by("-tahun")
    if scope is None:
        return rows
    within = Q() if scope.every_unit else Q(kewajiban__unit_id__in=scope.unit_ids)
    return rows.annotate(
        obliged=Count("kewajiban", filter=within),
        declared=Count("kewajiban", filter=within & Q(kewajiban__dinyatakan_pada__isnull=False)),
    )


def get_campaign(pk: int) -> KampanyeDeklarasi:
    campaign = KampanyeDeklarasi.objects.filter(pk=pk).first()
    if campaign is None:
        raise Http404(_("Kampanye tidak ditemukan."))
    return campaign


def obligations_of(user) -> QuerySet[KewajibanDeklarasi]:
    """The employee's rows in open campaigns (answered or not), newest campaign first."""
    if not (user and user.is_authenticated):
        return KewajibanDeklarasi.objects.none()
    return (
        KewajibanDeklarasi.objects.filter(pegawai_id=user.pk, kampanye__ditutup_pada__isnull=True)
        .select_related("kampanye", "benturan")
        .order_by("-kampanye__tahun")
    )


def get_own_obligation(user, pk: int) -> KewajibanDeklarasi:
    """The employee's row in campaign `pk` (open or closed), else 404."""
    row = (
        KewajibanDeklarasi.objects.filter(pegawai_id=getattr(user, "pk", None), kampanye_id=pk)
        .select_related("kampanye", "benturan", "unit")
        .first()
    )
    if row is None:
        raise Http404(_("Kampanye tidak ditemukan."))
    return row
