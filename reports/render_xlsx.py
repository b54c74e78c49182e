"""A report `Document` as an XLSX workbook: a first sheet with the title, the period and
the text, then one sheet per table with the same columns, rows and totals as the page
and the PDF. Numbers and dates stay numbers and dates (a reader sums them in Excel); a
linked figure keeps its value.

Written with openpyxl's write-only workbook to a temporary file, so a long table costs
no more memory than a short one.
"""

from __future__ import annotations

import re
import tempfile
from datetime import date
from typing import IO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from . import document, values

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_BOLD = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="E6EDF5")


def _sheet_name(wanted: str, taken: set[str]) -> str:
    """A valid, unique sheet name (at most 31 characters, none of []:*?/\\)."""
    base = _FORBIDDEN.sub(" ", wanted).strip()[:31] or _("Tabel")
    name, number = base, 2
    while name.lower() in taken:
        suffix = f" ({number})"
        name, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(name.lower())
    return name


def _cell(sheet, cell, *, bold=False, fill=None):
    value = document.text_of(cell)
    if value is None:
        value = values.DASH
    out = WriteOnlyCell(sheet, value=value)
    if isinstance(value, date):
        out.number_format = "dd/mm/yyyy"
    if bold:
        out.font = _BOLD
    if fill is not None:
        out.fill = fill
    if isinstance(value, str) and len(value) > 60:
        out.alignment = Alignment(wrap_text=True, vertical="top")
    return out


def write(doc: document.Document) -> IO[bytes]:
    """The workbook in a temporary file, positioned at its start; the caller closes it."""
    workbook = Workbook(write_only=True)
    taken: set[str] = set()
    cover = workbook.create_sheet(_sheet_name(_("Laporan"), taken))
    cover.column_dimensions["A"].width = 100
    cover.append([_cell(cover, doc.title, bold=True)])
    for line in (doc.subtitle, doc.status_note):
        if line:
            cover.append([_cell(cover, line)])
    for section in doc.sections:
        paragraphs = [block for block in section.blocks if isinstance(block, document.Paragraph)]
        if paragraphs:
            cover.append([])
            cover.append([_cell(cover, section.title, bold=True)])
            for paragraph in paragraphs:
                cover.append([_cell(cover, paragraph.text, bold=paragraph.strong)])
    if doc.signature:
        signature = doc.signature
        cover.append([])
        for line in (f"{signature.place}, {values.display(signature.day)}", signature.office, signature.name):
            cover.append([_cell(cover, line)])
        if signature.nip:
            cover.append([_cell(cover, f"NIP. {signature.nip}")])

    for section, table in doc.tables():
        sheet = workbook.create_sheet(_sheet_name(table.sheet or table.caption or section.title, taken))
        for index, column in enumerate(table.columns):
            longest = max([len(column)] + [len(values.display(row[index])) for row in table.rows[:200]])
            sheet.column_dimensions[get_column_letter(index + 1)].width = min(max(longest + 2, 8), 60)
        sheet.freeze_panes = "A3"
        sheet.append([_cell(sheet, table.caption or section.title, bold=True)])
        sheet.append([_cell(sheet, column, bold=True, fill=_HEAD_FILL) for column in table.columns])
        if not table.rows and table.empty:
            sheet.append([_cell(sheet, table.empty)])
        for row in table.rows:
            sheet.append([_cell(sheet, cell) for cell in row])
        if table.footer:
            sheet.append([_cell(sheet, cell, bold=True, fill=_HEAD_FILL) for cell in table.footer])
    out = tempfile.TemporaryFile()
    workbook.save(out)
    out.seek(0)
    return out
