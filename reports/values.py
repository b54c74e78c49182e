"""How a report's values read, the same on the page and in the PDF: numbers grouped the
Indonesian way (1.234; 12,5), dates spelled out (7 Desember 2026), nothing as a dash. The
workbook keeps the values themselves (numbers stay numbers)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils import formats

from .document import Cell, text_of

DASH = "—"


def display(cell: Cell) -> str:
    value = text_of(cell)
    if value is None or value == "":
        return DASH if value is None else ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | Decimal):
        return formats.number_format(value, use_l10n=True, force_grouping=True)
    if isinstance(value, date):
        return formats.date_format(value, "j F Y")
    return str(value)


def is_number(cell: Cell) -> bool:
    value = text_of(cell)
    return isinstance(value, int | Decimal) and not isinstance(value, bool)
