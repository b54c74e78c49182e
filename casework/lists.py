"""What every kind's staff list shares: the orders it may be sorted in, the deadline
filters, the opening-date range, the sortable column headers and a paginator that stays
cheap deep into a long list.

Each kind's list (its selector, filter form and view) adds only its own filters and
columns. Keeping these here means a link or a habit learnt on one list (?urut=batas,
?tenggat=terlambat) works the same on every other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import EmptyResultSet
from django.db.models import IntegerField, Q, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.utils import formats
from django.utils.translation import gettext as _

from . import keyset, sla
from .keyset import SortKey
from .reporting import Period

# The case's own columns that every list row reads: its number, state, the columns its
# orders sort by (the keyset cursors are made of them) and what the handler, received and
# deadline cells show (casework.templatetags.case_cells). Each kind's list reads these
# and its own columns with only(...); a column left out is fetched row by row.
CASE_ROW_COLUMNS = (
    "kind",
    "reference",
    "state",
    "received_on",
    "opened_at",
    "closed_at",
    "due_date",
    "waiting_until",
)

# How a list may be sorted: a key for the address bar, and the columns of the order.
# Every order ends in the primary key so pages never overlap or skip a row; the indexes
# of migrations casework 0013 and 0017 read each in order, per kind. The newest are the
# last received, as the column shows and the date filters and jumps read (a letter
# entered a week late sits among the cases of the day it came); cases received the same
# day follow the moment they were entered.
LIST_ORDER_KEYS = {
    "terbaru": (
        SortKey("received_on", descending=True),
        SortKey("opened_at", descending=True),
        SortKey("pk", descending=True),
    ),
    "terlama": (
        SortKey("received_on", descending=False),
        SortKey("opened_at", descending=False),
        SortKey("pk", descending=False),
    ),
    # Open cases by their nearest deadline; closed ones (no deadline) last.
    "batas": (
        SortKey("due_date", descending=False, nullable=True),
        SortKey("opened_at", descending=True),
        SortKey("pk", descending=True),
    ),
    "batas_terjauh": (
        SortKey("due_date", descending=True, nullable=True),
        SortKey("opened_at", descending=True),
        SortKey("pk", descending=True),
    ),
}
LIST_ORDERINGS = {order: tuple(key.expression() for key in keys) for order, keys in LIST_ORDER_KEYS.items()}
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
    DUE_AT_RISK: Q(is_at_risk=True),
    DUE_WAITING_OVER: Q(is_waiting_over=True),
}


def finished_q() -> Q:
    """Cases in a final state of their kind: what the reports call finished
    (casework.reporting)."""
    from .kinds import all_kinds

    condition = Q(pk__in=[])
    for kind in all_kinds():
        if kind.final_states:
            condition |= Q(kind=kind.code, state__in=sorted(kind.final_states))
    return condition


def in_process_q() -> Q:
    """Cases in any other state of their kind: named, so the database reads them from
    the index of states rather than every case to leave the finished ones out."""
    from .kinds import all_kinds

    condition = Q(pk__in=[])
    for kind in all_kinds():
        open_states = set(kind.state_labels) - set(kind.final_states)
        condition |= Q(kind=kind.code, state__in=sorted(open_states))
    return condition


def filter_due_and_opened(
    cases: QuerySet,
    *,
    due: str = "",
    received_from: date | None = None,
    received_until: date | None = None,
    received: Period | None = None,
    finished: str = "",
    today: date | None = None,
) -> QuerySet:
    """`cases` narrowed to a deadline filter (a key of DUE_FILTERS), to cases received
    between two days, both included, to those received in a period and
    to finished or in-process ones (IN_PROCESS, FINISHED): the cases behind a report's
    figure. An empty filter is not applied."""
    if received is not None:
        cases = cases.filter(received_on__gte=received.start, received_on__lte=received.end)
    if finished == FINISHED:
        cases = cases.filter(finished_q())
    elif finished == IN_PROCESS:
        cases = cases.filter(in_process_q())
    if due:
        cases = sla.annotate_due_status(cases, today=today).filter(DUE_FILTERS[due])
    if received_from is not None:
        cases = cases.filter(received_on__gte=received_from)
    if received_until is not None:
        cases = cases.filter(received_on__lte=received_until)
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


# A list counts its rows exactly up to this many; past it, it says "more than". An
# exact count of a long list reads every row the user may see, on every page, while
# the page itself reads 26: at a million cases that is hundreds of milliseconds, and
# counting to 10,000 still costs over 100 ms when a filter is on a kind's own table.
COUNT_LIMIT = 1_000


@dataclass(frozen=True)
class ListCount:
    """How many rows a filtered list holds: exactly, or at least `value` (more than
    COUNT_LIMIT)."""

    value: int
    exact: bool

    @property
    def shown(self) -> str:
        """The figure as the page's language writes numbers (10.000, 10,000)."""
        return formats.number_format(self.value, force_grouping=True)


def bounded_count_sql(cases: QuerySet) -> RawSQL:
    """The number of `cases` up to COUNT_LIMIT + 1 (reading no more of their keys), as a
    column a page's rows carry: one statement for the page and its count."""
    try:
        sql, params = cases.order_by().values("pk")[: COUNT_LIMIT + 1].query.sql_with_params()
    except EmptyResultSet:  # a list that can hold nothing (Case.objects.none())
        return Value(0, output_field=IntegerField())
    # The ORM's own statement, its values passed as parameters.
    return RawSQL(f"SELECT COUNT(*) FROM ({sql}) bounded", params, output_field=IntegerField())  # noqa: S608, S611


def list_count(found: int) -> ListCount:
    return ListCount(value=min(found, COUNT_LIMIT), exact=found <= COUNT_LIMIT)


_CURSOR_TYPES = {"received_on": date, "opened_at": datetime, "due_date": date, "pk": int}


def _jump_to_day(order: str, day: date) -> Q:
    """The rows from `day` on, in the direction of `order`: a list sorted by the day
    received jumps by it, one sorted by deadline by the due date."""
    leading = LIST_ORDER_KEYS[order][0]
    if not leading.nullable:
        return leading.later_or_same(day)
    # Cases without a deadline come last in both deadline orders.
    return leading.later_or_same(day) | Q(due_date__isnull=True)


def _position(form, cases: QuerySet, order: str) -> keyset.Position:
    """Where the page starts, from the valid position form; a wrong jump or cursor is
    said on the form and the list starts at its top."""
    if not form.is_valid():
        return keyset.TOP
    keys = LIST_ORDER_KEYS[order]
    data = form.cleaned_data
    jump = data.get("lompat")
    if isinstance(jump, date):
        return keyset.Position(start=_jump_to_day(order, jump))
    if jump is not None:
        year, number = jump
        found = cases.filter(year=year, number=number).values(*(key.field for key in keys)).first()
        if found is None:
            form.add_error(
                "lompat",
                _("Nomor %(number)s tidak ada dalam daftar ini dengan filter yang berlaku.")
                % {"number": form.data.get("lompat", "")},
            )
            return keyset.TOP
        values = tuple(found[key.field] for key in keys)
        return keyset.Position(start=keyset.after(keys, values, inclusive=True))
    if data.get("setelah"):
        return keyset.Position(after=data["setelah"])
    if data.get("sebelum"):
        return keyset.Position(before=data["sebelum"])
    if data.get("akhir"):
        return keyset.Position(last=True)
    return keyset.TOP


def list_page(request, form, cases: QuerySet, *, load_rows, row) -> dict:
    """The context of one page of a kind's staff list, for its validated filter form
    (casework.forms_list): `cases`, the user's filtered list, paged by keyset
    (casework.keyset) at the position the address asks for and counted up to
    COUNT_LIMIT; the page's rows loaded by `load_rows(keys, order=...)` in the form's
    order and shaped for the template by `row(case)`; whether filters narrow the list;
    and the sortable headers' links. One query for the page and its count (two for a
    jump to a case number)."""
    from .forms_list import ListPositionForm  # the filter forms read this module's choices

    order = form.order()
    keys = LIST_ORDER_KEYS[order]
    position_form = ListPositionForm(request.GET, cursor_types=[_CURSOR_TYPES[key.field] for key in keys])
    position = _position(position_form, cases, order)
    counted = bounded_count_sql(cases)
    page = keyset.page_of(
        cases,
        keys,
        position,
        form.page_size(),
        load=lambda window: load_rows(window, order=order).annotate(list_count=counted),
    )
    return {
        "page": page,
        # An empty page is an empty list: a position past its end shows its last page.
        "count": list_count(page.rows[0].list_count if page.rows else 0),
        "position_form": position_form,
        # The filters a jump keeps (the jump box is a form of its own).
        "carried": [
            (name, value)
            for name, values in request.GET.lists()
            if name not in (*ListPositionForm.NAMES, "page")
            for value in values
        ],
        "rows": [row(case) for case in page],
        "filtered": form.is_narrowed(),
        "sort": sort_links(order),
    }
