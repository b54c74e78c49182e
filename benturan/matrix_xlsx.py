"""The implementation matrix as an XLSX workbook, written at constant memory.

openpyxl's write-only workbook writes each row to a temporary file as it comes (inline
strings, no shared-string table held in memory), and the view streams the finished file
to the browser in blocks; the rows come from the database in chunks. So an export of the
whole matrix costs the same memory whatever its length (a test measures it at two sizes).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from typing import IO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from . import matrix

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: Rows read from the database at a time (each chunk: its rows and their controls).
CHUNK_SIZE = 500
#: The widths of the columns, in characters, in the order of matrix.COLUMNS.
WIDTHS = (18, 12, 30, 24, 40, 22, 11, 40, 24, 30, 12, 12, 12)
DATE_FORMAT = "yyyy-mm-dd"


def write(rows: Iterable[matrix.Row], *, title: str) -> IO[bytes]:
    """The workbook of `rows` (header first, then one line per row, the page's columns)
    in a temporary file, positioned at its start. The caller closes it."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    for index, width in enumerate(WIDTHS):
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    sheet.append([_styled(sheet, label, font=bold) for label in matrix.header()])
    for row in rows:
        sheet.append([_cell(sheet, value) for value in matrix.cells(row)])
    out = tempfile.TemporaryFile()
    workbook.save(out)
    out.seek(0)
    return out


def _styled(sheet, value, *, font=None):
    cell = WriteOnlyCell(sheet, value=value)
    if font is not None:
        cell.font = font
    return cell


def _cell(sheet, value):
    if value is None or value == "":
        return None
    if hasattr(value, "isoformat"):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    return value


def rows_of(cases) -> Iterable[matrix.Row]:
    """The rows of matrix.matrix_cases, read in chunks (each with its controls and the
    kinds of its source cases)."""
    chunk = []
    for case in cases.iterator(chunk_size=CHUNK_SIZE):
        chunk.append(case)
        if len(chunk) == CHUNK_SIZE:
            yield from matrix.rows(chunk)
            chunk = []
    yield from matrix.rows(chunk)
