"""What every kind's staff list shares: the orders it may be sorted in, the deadline
filters, the opening-date range, the sortable column headers and a paginator that stays
cheap deep into a long list.

Each kind's list (its selector, filter form and view) adds only its own filters and
columns. Keeping these here means a link or a habit learnt on one list (?urut=batas,
?tenggat=terlambat) works the same on every other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.paginator import Paginator
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from . import sla
from .reporting import Period

# How a list may be sorted: a key for the address bar, and the database ordering. Every
# ordering ends in the primary key so pages never overlap or skip a row.
LIST_ORDERINGS = {
    "terbaru": (F("opened_at").desc(), F("pk").desc()),
    "terlama": (F("opened_at").asc(), F("pk").asc()),
    # Open cases by their nearest deadline; closed ones (no deadline) last.
    "batas": (F("due_date").asc(nulls_last=True), F("opened_at").desc(), F("pk").desc()),
    "batas_terjauh": (F("due_date").desc(nulls_last=True), F("opened_at").desc(), F("pk").desc()),
}
DEFAULT_LIST_ORDER = "terbaru"

# Deadline filters, on the due status every list computes the same way (casework.sla).
DUE_OVERDUE = "terlambat"
DUE_SOON = "segera"
DUE_AT_RISK = "terlambat_atau_segera"
# Another party's time (a waiting period) has ended: a handler's step may be due.
DUE_WAITING_OVER = "masa_tunggu_berakhir"
# Finished (in one of the kind's final states, as reports count it) or still in process.
IN_PROCESS = "proses"
FINISHED = "selesai"

DUE_FILTERS = {
    DUE_OVERDUE: Q(is_overdue=True),
    DUE_SOON: Q(is_due_soon=True),
    DUE_AT_RISK: Q(is_overdue=True) | Q(is_due_soon=True),
    DUE_WAITING_OVER: Q(is_waiting_over=True),
}


def start_of_local_day(day: date) -> datetime:
    """Midnight at the start of `day` in the site's time zone, so a range of days is a
    range of the indexed opening time rather than a date computed on every row."""
    return timezone.make_aware(datetime.combine(day, time.min))


def finished_q() -> Q:
    """Cases in a final state of their kind: what the reports call finished
    (casework.reporting)."""
    from .kinds import all_kinds

    condition = Q(pk__in=[])
    for kind in all_kinds():
        if kind.final_states:
            condition |= Q(kind=kind.code, state__in=sorted(kind.final_states))
    return condition


def filter_due_and_opened(
    cases: QuerySet,
    *,
    due: str = "",
    opened_from: date | None = None,
    opened_until: date | None = None,
    received: Period | None = None,
    finished: str = "",
    today: date | None = None,
) -> QuerySet:
    """`cases` narrowed to a deadline filter (a key of DUE_FILTERS), to cases opened
    between two local calendar days, both included, to those received in a period and
    to finished or in-process ones (IN_PROCESS, FINISHED): the cases behind a report's
    figure. An empty filter is not applied."""
    if received is not None:
        cases = cases.filter(received_on__gte=received.start, received_on__lte=received.end)
    if finished == FINISHED:
        cases = cases.filter(finished_q())
    elif finished == IN_PROCESS:
        cases = cases.exclude(finished_q())
    if due:
        cases = sla.annotate_due_status(cases, today=today).filter(DUE_FILTERS[due])
    if opened_from is not None:
        cases = cases.filter(opened_at__gte=start_of_local_day(opened_from))
    if opened_until is not None:
        cases = cases.filter(opened_at__lt=start_of_local_day(opened_until + timedelta(days=1)))
    return cases


@dataclass(frozen=True)
class SortLink:
    """A sortable column header: the order a click asks for, and the current one (for
    aria-sort) when the list is sorted by this column."""

    next_order: str
    aria_sort: str


# Column → (order when first clicked, {current order: aria-sort value}).
_SORTABLE = {
    "opened": ("terbaru", {"terbaru": "descending", "terlama": "ascending"}),
    "due": ("batas", {"batas": "ascending", "batas_terjauh": "descending"}),
}
_REVERSED = {"terbaru": "terlama", "terlama": "terbaru", "batas": "batas_terjauh", "batas_terjauh": "batas"}


def sort_links(order: str) -> dict[str, SortLink]:
    """The headers of the sortable columns ("opened", "due") for a list sorted by
    `order`: a click on the current column reverses it, on another sorts by it."""
    links = {}
    for column, (first, states) in _SORTABLE.items():
        current = states.get(order, "")
        links[column] = SortLink(next_order=_REVERSED[order] if current else first, aria_sort=current)
    return links


class KeysFirstPaginator(Paginator):
    """Counts and slices a list on its primary keys alone, then loads the page's rows by
    key with `load(keys)` (which adds the joins, the columns and the order).

    A page deep into a long list then skips its OFFSET over index entries, not over
    joined rows, and the filters are not evaluated again for the rows. Two queries a
    page (the count, and the rows with their keys as a subquery), whatever the page
    size or the length of the list.
    """

    def __init__(self, cases, per_page, *, load):
        super().__init__(cases.values_list("pk", flat=True), per_page)
        self._load = load

    def _get_page(self, keys, number, paginator):
        return super()._get_page(self._load(keys), number, paginator)


def list_page(request, form, cases: QuerySet, *, load_rows, row) -> dict:
    """The context of one page of a kind's staff list, for its validated filter form
    (casework.forms_list): `cases`, the user's filtered list, counted and sliced on its
    keys; the page's rows loaded by `load_rows(keys, order=...)` in the form's order and
    shaped for the template by `row(case)`; whether filters narrow the list; and the
    sortable headers' links."""
    order = form.order()
    paginator = KeysFirstPaginator(cases, form.page_size(), load=lambda keys: load_rows(keys, order=order))
    page = paginator.get_page(request.GET.get("page"))
    return {
        "page": page,
        "rows": [row(case) for case in page],
        "filtered": form.is_narrowed(),
        "sort": sort_links(order),
    }
