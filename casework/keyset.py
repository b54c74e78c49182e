"""Keyset paging for the staff lists: a page is "the rows after this one" (or before it)
in the list's order, never "skip the first N rows".

An OFFSET makes the database read and throw away every row before the page, so page
19,999 of a million cases costs as much as reading them all. A page that starts after
a known row is one index range read, however deep it is. The position travels in the
address bar as a cursor (the sort values of the row the page continues from), so a
page can still be shared or bookmarked; it reveals nothing the row itself does not
show, and the list's own access condition still decides which rows exist at all.

Instead of a page number a person moves first, previous, next and last, or jumps to a
date or to a case number (casework.forms_list.ListPositionForm).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.db.models import F, Q, QuerySet


@dataclass(frozen=True)
class SortKey:
    """One column of a list's order. Only a nullable column may hold NULL, and its
    empty values always come last, in either direction (a case without a deadline is
    never "the nearest")."""

    field: str
    descending: bool
    nullable: bool = False

    def expression(self, *, reverse: bool = False):
        descending = self.descending != reverse
        column = F(self.field)
        if not self.nullable:
            return column.desc() if descending else column.asc()
        # Reading backwards puts the empty values first, so the last page ends with them.
        if reverse:
            return column.desc(nulls_first=True) if descending else column.asc(nulls_first=True)
        return column.desc(nulls_last=True) if descending else column.asc(nulls_last=True)

    def later(self, value) -> Q:
        return Q(**{f"{self.field}__{'lt' if self.descending else 'gt'}": value})

    def earlier(self, value) -> Q:
        return Q(**{f"{self.field}__{'gt' if self.descending else 'lt'}": value})

    def later_or_same(self, value) -> Q:
        return Q(**{f"{self.field}__{'lte' if self.descending else 'gte'}": value})

    def earlier_or_same(self, value) -> Q:
        return Q(**{f"{self.field}__{'gte' if self.descending else 'lte'}": value})


def _is_null(key: SortKey) -> Q:
    return Q(**{f"{key.field}__isnull": True})


def after(keys: Sequence[SortKey], values: Sequence, *, inclusive: bool = False) -> Q:
    """The rows that come after the row with sort `values` in the order of `keys` (and
    that row too, when `inclusive`).

    A non-null leading column gets a plain range condition besides the tie-break, so
    the database reads its index from that value on instead of filtering from the top.
    """
    key, *rest = keys
    value, *rest_values = values
    if not rest:
        return key.later_or_same(value) if inclusive else key.later(value)
    tail = after(rest, rest_values, inclusive=inclusive)
    if key.nullable:
        if value is None:
            return _is_null(key) & tail
        return key.later(value) | _is_null(key) | (Q(**{key.field: value}) & tail)
    return key.later_or_same(value) & (key.later(value) | tail)


def before(keys: Sequence[SortKey], values: Sequence) -> Q:
    """The rows that come before the row with sort `values` in the order of `keys`."""
    key, *rest = keys
    value, *rest_values = values
    if not rest:
        return key.earlier(value)
    tail = before(rest, rest_values)
    if key.nullable:
        if value is None:
            return ~_is_null(key) | (_is_null(key) & tail)
        # A NULL compares as neither earlier nor equal, so the empty values (which come
        # last) are left out by the comparisons themselves.
        return key.earlier(value) | (Q(**{key.field: value}) & tail)
    return key.earlier_or_same(value) & (key.earlier(value) | tail)


# --- Cursors -------------------------------------------------------------------------------
#
# A cursor is the sort values of one row, written so that it survives an address bar
# untouched: "20260301" for a date, "-" for no date, "20260301T020304000005" for a
# moment in UTC (to the microsecond), a number for the key; joined by dots. Anything
# else is refused.

_DATE = "%Y%m%d"
_MOMENT = "%Y%m%dT%H%M%S%f"
_NONE = "-"


def _write(value) -> str:
    if value is None:
        return _NONE
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime(_MOMENT)
    if isinstance(value, date):
        return value.strftime(_DATE)
    return str(int(value))


def _read(text: str, example):
    """`text` read as the type of `example` (a date, a moment or a key number)."""
    if isinstance(example, type) and issubclass(example, datetime):
        return datetime.strptime(text, _MOMENT).replace(tzinfo=UTC)
    if isinstance(example, type) and issubclass(example, date):
        return None if text == _NONE else datetime.strptime(text, _DATE).date()
    if not (text.isascii() and text.isdigit()) or len(text) > 18:
        raise ValueError(text)
    return int(text)


def write_cursor(values: Sequence) -> str:
    return ".".join(_write(value) for value in values)


def read_cursor(text: str, types: Sequence[type]) -> tuple:
    """The sort values written by write_cursor, for columns of `types` (date,
    datetime, int). Raises ValueError for anything that is not such a cursor."""
    parts = (text or "").split(".")
    if len(parts) != len(types):
        raise ValueError(text)
    return tuple(_read(part, kind) for part, kind in zip(parts, types, strict=True))


# --- A page --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Position:
    """Where a page starts: at the top, after or before a row (its sort values), from a
    condition on the rows (a jump), or at the very end."""

    after: tuple | None = None
    before: tuple | None = None
    #: A jump: the page starts with the first row meeting it.
    start: Q | None = None
    last: bool = False

    @property
    def is_top(self) -> bool:
        return self.after is None and self.before is None and self.start is None and not self.last


TOP = Position()


@dataclass
class KeysetPage:
    """One page of a list: its rows in the list's order, whether there are rows before
    and after it, and the cursors of the links that reach them."""

    rows: list
    has_previous: bool
    has_next: bool
    previous_cursor: str = ""
    next_cursor: str = ""

    def __iter__(self):
        return iter(self.rows)

    def __len__(self):
        return len(self.rows)


def page_of(
    cases: QuerySet,
    keys: Sequence[SortKey],
    position: Position,
    size: int,
    *,
    load: Callable[[QuerySet], QuerySet],
) -> KeysetPage:
    """The page of `cases` (filtered, any order) at `position`, `size` rows long, in the
    order of `keys`.

    The page's keys are chosen on the filtered list alone, one row more than the page
    to learn whether another follows, and `load(keys)` loads those rows with what the
    page shows, in the list's order. One query; a second only when a step back reaches
    the top of the list, which is then shown as the first page, full, or a position
    forward finds no row, when the last page is shown.
    """
    backwards = position.before is not None or position.last
    chosen = cases
    if position.after is not None:
        chosen = chosen.filter(after(keys, position.after))
    elif position.before is not None:
        chosen = chosen.filter(before(keys, position.before))
    elif position.start is not None:
        chosen = chosen.filter(position.start)
    window = chosen.order_by(*(key.expression(reverse=backwards) for key in keys)).values("pk")[: size + 1]
    rows = list(load(window))
    more = len(rows) > size
    if not backwards:
        rows = rows[:size]
        if not rows and not position.is_top:
            # Past the end (a jump beyond the last row, a link to rows since gone): the
            # last page, not an empty one that would read as an empty list.
            return page_of(cases, keys, Position(last=True), size, load=load)
        has_previous, has_next = not position.is_top, more
    elif position.before is not None and not more:
        # Stepped back onto the first page: show it as the first page, full.
        return page_of(cases, keys, TOP, size, load=load)
    else:
        # Read backwards, the extra row is the one furthest back.
        rows = rows[1:] if more else rows
        has_previous, has_next = more, not position.last
    if not rows:
        return KeysetPage(rows=[], has_previous=has_previous, has_next=False)
    return KeysetPage(
        rows=rows,
        has_previous=has_previous,
        has_next=has_next,
        previous_cursor=write_cursor(sort_values(rows[0], keys)),
        next_cursor=write_cursor(sort_values(rows[-1], keys)),
    )


def sort_values(row, keys: Sequence[SortKey]) -> tuple:
    return tuple(getattr(row, key.field) for key in keys)
