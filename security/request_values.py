"""Ids and years as a request carries them, checked at one place before any query or date.

Whatever arrives in an address, a query string or a form is text, and a person (or a
fuzzer) can type anything there. A row id past what the database's integer holds makes
SQLite raise OverflowError (PostgreSQL a DataError) while the query runs, and a year that
`datetime.date` cannot hold (0, 99999, 10^20) fails while the lookup is built; either
way the page would end in a server error instead of saying "not found" or "this value
is wrong". So every id and year a request brings goes through here:

- in a path, the `id` converter (registered by security.apps) matches only ids a row
  can have, so anything else is a plain 404 before the view runs;
- in a form, IdChoiceField and IdMultipleChoiceField (ModelChoiceField and
  ModelMultipleChoiceField) and YearField refuse anything else with the field's own
  message (config.admin_site gives every admin form the same fields);
- elsewhere (an admin list filter or date hierarchy, config.admin_site; a view reading
  one value) parse_id, parse_year and bad_date_parts say which values no row and no date
  can have.

It sits with the security primitives, below accounts, so that every layer's forms and
admin pages can use it.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

#: The largest id a row can have: a signed 64-bit integer (BigAutoField, the project's
#: default, and the most any supported database binds as an integer).
MAX_ID = 2**63 - 1
_MAX_ID_DIGITS = len(str(MAX_ID))

#: The years SIGAP answers for: its records start in 2000, and a year past 2100 in an
#: address or a form is a typing error (datetime would hold it, but a local day range of
#: year 9999 overflows).
FIRST_YEAR = 2000
LAST_YEAR = 2100


def _year_out_of_range() -> str:
    return gettext("Tahun harus antara %(first)d dan %(last)d.") % {"first": FIRST_YEAR, "last": LAST_YEAR}


#: Translated when shown, in the language of that request.
YEAR_OUT_OF_RANGE = lazy(_year_out_of_range, str)()


def _plain_number(value) -> int | None:
    """The number `value` spells in ASCII digits alone (no sign, no space inside, no
    other script's digits, which str.isdigit would take), or None."""
    text = str(value).strip() if value is not None else ""
    if not text or not text.isascii() or not text.isdigit():
        return None
    return int(text) if len(text) <= _MAX_ID_DIGITS + 1 else None


def parse_number(value, *, low: int, high: int) -> int | None:
    """The number `value` spells if it lies in low..high, else None."""
    number = _plain_number(value)
    return number if number is not None and low <= number <= high else None


def parse_id(value) -> int | None:
    """The id `value` names, or None when no row could have it (empty, not plain digits,
    zero, or past MAX_ID)."""
    return parse_number(value, low=1, high=MAX_ID)


def parse_year(value) -> int | None:
    """The year `value` names, or None when it is not plain digits or outside
    FIRST_YEAR..LAST_YEAR."""
    return parse_number(value, low=FIRST_YEAR, high=LAST_YEAR)


#: The parts of a date an address may name one by one, as the admin's date hierarchy does
#: (`?date__year=2026&date__month=5&date__day=17`), with the values each may take. A
#: calendar check of the whole date (31 February) is left to whoever builds the date.
DATE_PARTS = {"year": (FIRST_YEAR, LAST_YEAR), "month": (1, 12), "day": (1, 31)}


def bad_date_parts(query) -> list[str]:
    """The parameters of `query` (a QueryDict) named like a part of a date
    (`<field>__year`, `__month`, `__day`) whose value no date of SIGAP can have."""
    bad = []
    for name in query:
        part = name.rpartition("__")[2]
        if name != part and part in DATE_PARTS:
            low, high = DATE_PARTS[part]
            if any(parse_number(value, low=low, high=high) is None for value in query.getlist(name)):
                bad.append(name)
    return bad


class IdConverter:
    """`<id:pk>` in a URL pattern: only ids a row can have match (others are 404)."""

    regex = f"[0-9]{{1,{_MAX_ID_DIGITS}}}"

    def to_python(self, value: str) -> int:
        number = parse_id(value)
        if number is None:
            raise ValueError(value)  # the resolver then tries the next pattern, then 404
        return number

    def to_url(self, value) -> str:
        return str(value)


class ListedChoices(ModelChoiceIterator):
    """The options of a choice field, read in one plain query. Django's own iterator
    streams them (QuerySet.iterator), which on PostgreSQL declares, fetches from and
    closes a server-side cursor: three round trips for the dozen rows of a select, on
    every page that shows one (each staff list's category and unit filters)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        # A fresh copy: the field's own queryset keeps no rows between requests.
        for obj in self.queryset.all():
            yield self.choice(obj)


class IdChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField chosen by id whose "invalid_choice" message also answers text,
    a negative number or an id past MAX_ID, before the database sees it."""

    iterator = ListedChoices

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if self.to_field_name is None and parse_id(value) is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(str(value).strip())


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField chosen by ids: one impossible id refuses the choice with
    the field's "invalid_pk_value" message, before the database sees any."""

    def _check_values(self, value):
        if self.to_field_name is None:
            try:
                values = list(value)
            except TypeError:
                values = []  # not a list: the field's own check says so
            for pk in values:
                if parse_id(pk) is None:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                    )
        return super()._check_values(value)


class YearField(forms.IntegerField):
    """A year between FIRST_YEAR and LAST_YEAR; anything else is refused with a message
    that says which years."""

    default_error_messages = {
        "invalid": _("Tahun ditulis dengan angka, misalnya 2026."),
        "min_value": YEAR_OUT_OF_RANGE,
        "max_value": YEAR_OUT_OF_RANGE,
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", FIRST_YEAR)
        kwargs.setdefault("max_value", LAST_YEAR)
        super().__init__(**kwargs)
