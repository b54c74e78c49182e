"""What one reader sees of the dashboard's numbers (counts.py): each figure with a link to
the cases behind it where that reader's list of the kind holds them all, and the kinds
whose content the reader may not read (WBS, outside its Pengelola) as counts only.

A figure links to the kind's staff list (KindReporting.list_url_name) with the shared
filters of casework.forms_list, so the list shows exactly the cases the figure counts:
`periode` (received in a month or semester), `penyelesaian` (finished or in process),
`tenggat` (overdue, due soon) and, where the list has it, `unit`. It is a link only for
the roles the kind names in list_roles; for anyone else the list would hold fewer cases
than the figure, or none. The figures themselves count every case, as every report does;
a list leaves out the cases its reader is recused from.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from casework.lists import DUE_OVERDUE, DUE_SOON, FINISHED, IN_PROCESS
from reports.document import Chart, Series

from .counts import DashboardCounts, KindCounts, Progress, UnitCounts


@dataclass(frozen=True)
class Figure:
    value: int
    url: str = ""


@dataclass(frozen=True)
class ProgressFigures:
    received: Figure
    in_process: Figure
    finished: Figure


@dataclass(frozen=True)
class KindRow:
    kind: str
    label: str
    #: The reader may not open the cases of this kind (WBS outside its Pengelola).
    counts_only: bool
    month: ProgressFigures
    semester: ProgressFigures
    overdue: Figure
    due_soon: Figure


@dataclass(frozen=True)
class TrendRow:
    label: str
    figures: tuple[Figure, ...]


@dataclass(frozen=True)
class UnitRow:
    name: str
    #: Per kind of `Dashboard.unit_kinds`: (in process now, overdue now).
    figures: tuple[tuple[Figure, Figure], ...]


@dataclass(frozen=True)
class Dashboard:
    counts: DashboardCounts
    kinds: tuple[KindRow, ...]
    trend_kinds: tuple[str, ...]
    trend: tuple[TrendRow, ...]
    chart: Chart
    unit_kinds: tuple[str, ...]
    units: tuple[UnitRow, ...]
    #: Some figure links to a list (so the page explains what the links show).
    has_links: bool


class _Links:
    """The list links of one kind for one reader ("" where not a link)."""

    def __init__(self, counts: KindCounts, user):
        self.reporting = counts.reporting
        self.on = self.reporting.lists_all_for(user)

    def figure(self, value: int, **params) -> Figure:
        """`value`, linking to the list narrowed by `params` (none for no case at all)."""
        if not (self.on and value):
            return Figure(value)
        query = urlencode({key: value for key, value in params.items() if value not in (None, "")})
        return Figure(value, f"{reverse(self.reporting.list_url_name)}?{query}")

    def progress(self, progress: Progress, period_slug: str) -> ProgressFigures:
        return ProgressFigures(
            received=self.figure(progress.received, periode=period_slug),
            in_process=self.figure(progress.in_process, periode=period_slug, penyelesaian=IN_PROCESS),
            finished=self.figure(progress.finished, periode=period_slug, penyelesaian=FINISHED),
        )


def counts_only_for(counts: KindCounts, user) -> bool:
    """Whether `user` reads this kind's figures as bare counts, per unit included: a
    counts-only kind (WBS) for anyone its list is not open to."""
    return counts.reporting.counts_only and not counts.reporting.lists_all_for(user)


def dashboard_for(counts: DashboardCounts, user) -> Dashboard:
    """The dashboard as `user` sees it."""
    links = {kind.kind: _Links(kind, user) for kind in counts.kinds}
    month_slug, semester_slug = counts.month.slug, counts.semester.slug

    rows = []
    for kind in counts.kinds:
        link = links[kind.kind]
        rows.append(
            KindRow(
                kind=kind.kind,
                label=kind.label,
                counts_only=counts_only_for(kind, user),
                month=link.progress(kind.month, month_slug),
                semester=link.progress(kind.semester, semester_slug),
                overdue=link.figure(kind.overdue, tenggat=DUE_OVERDUE),
                due_soon=link.figure(kind.due_soon, tenggat=DUE_SOON),
            )
        )

    trend = tuple(
        TrendRow(
            label=month.label,
            figures=tuple(links[kind.kind].figure(kind.trend[i], periode=month.slug) for kind in counts.kinds),
        )
        for i, month in enumerate(counts.trend_months)
    )
    chart = Chart(
        title=_("Kasus diterima per bulan"),
        categories=tuple(month.label for month in counts.trend_months),
        series=tuple(Series(kind.label, tuple(kind.trend)) for kind in counts.kinds),
        kind="line",
    )

    # Per unit: the kinds whose cases carry a unit and whose content the reader may read.
    unit_kinds = [kind for kind in counts.kinds if kind.has_units and not counts_only_for(kind, user)]
    unit_ids = {unit_id for kind in unit_kinds for unit_id in kind.units}
    named = sorted(
        (unit_id for unit_id in unit_ids if unit_id is not None), key=lambda pk: counts.unit_names.get(pk, "")
    )
    units = []
    for unit_id in [*named, *([None] if None in unit_ids else [])]:
        figures = []
        for kind in unit_kinds:
            got = kind.units.get(unit_id) or UnitCounts()
            # A list filters one unit only where it says it does; "no unit" is no filter.
            if unit_id is not None and kind.reporting.list_filters_unit:
                figure = links[kind.kind].figure
                figures.append(
                    (
                        figure(got.open, penyelesaian=IN_PROCESS, unit=unit_id),
                        figure(got.overdue, tenggat=DUE_OVERDUE, unit=unit_id),
                    )
                )
            else:
                figures.append((Figure(got.open), Figure(got.overdue)))
        name = counts.unit_names.get(unit_id, "") if unit_id is not None else _("Belum ditetapkan")
        units.append(UnitRow(name=name, figures=tuple(figures)))

    return Dashboard(
        counts=counts,
        kinds=tuple(rows),
        trend_kinds=tuple(kind.label for kind in counts.kinds),
        trend=trend,
        chart=chart,
        unit_kinds=tuple(kind.label for kind in unit_kinds),
        units=tuple(units),
        has_links=any(link.on for link in links.values()),
    )
