"""A report as data: what it says, independent of how it is shown.

Every report SIGAP produces (monthly follow-up, semester monev, UPG recap, LKE, LHKPN
register, ...) is built once as a `Document`: a title, sections, and in each section
paragraphs, tables and charts. The same document is then rendered as an HTML page
(reports/render_html.py), an A4 PDF (render_pdf.py) and an XLSX workbook (render_xlsx.py),
so the three can never disagree on a number, and a chart is drawn from one `Chart`
whatever the format (charts.py).

Cells hold plain values (text, int, Decimal, date, None); the renderers format them in
the active language. A cell may be a `Link` (the page shows it as a link to the records
behind the figure; PDF and XLSX show its text).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

Value = str | int | Decimal | date | None


@dataclass(frozen=True)
class Link:
    text: Value
    url: str


Cell = Value | Link


@dataclass(frozen=True)
class Paragraph:
    text: str
    #: A heading-like line (bold) rather than running text.
    strong: bool = False


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    caption: str = ""
    #: Shown in place of the table when it has no rows.
    empty: str = ""
    #: A last row of totals, set apart in every format.
    footer: tuple[Cell, ...] | None = None
    #: Relative column widths for the PDF (the page and the workbook size themselves).
    widths: tuple[float, ...] | None = None
    #: The sheet this table goes to in the XLSX (default: the section's title).
    sheet: str = ""

    def __post_init__(self):
        for row in self.rows + ((self.footer,) if self.footer else ()):
            if len(row) != len(self.columns):
                raise ValueError(f"A row of {len(row)} cells in a table of {len(self.columns)} columns")


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | int | Decimal, ...]


@dataclass(frozen=True)
class Chart:
    """A bar or line chart: one value per category in each series."""

    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    kind: str = "bar"  # "bar" | "line"
    #: Values are percentages (the axis runs 0–100).
    percent: bool = False

    def __post_init__(self):
        if self.kind not in ("bar", "line"):
            raise ValueError(f"Unknown chart kind {self.kind!r}")
        for series in self.series:
            if len(series.values) != len(self.categories):
                raise ValueError("A series must have one value per category")


Block = Paragraph | Table | Chart


@dataclass(frozen=True)
class Section:
    title: str
    blocks: tuple[Block, ...] = ()
    #: Starts on a new page in the PDF.
    page_break: bool = False


@dataclass(frozen=True)
class Signature:
    """The closing signature block: place and date, the office, the name and NIP."""

    place: str
    day: date
    office: str
    name: str = ""
    nip: str = ""


@dataclass(frozen=True)
class Document:
    title: str
    subtitle: str = ""
    sections: tuple[Section, ...] = ()
    signature: Signature | None = None
    #: The base of the download names: laporan-bulanan-2026-10 → .pdf / .xlsx.
    slug: str = "laporan"
    #: A line under the title saying the document is issued and frozen, or a draft.
    status_note: str = ""

    def tables(self) -> list[tuple[Section, Table]]:
        return [(section, block) for section in self.sections for block in section.blocks if isinstance(block, Table)]

    def charts(self) -> list[Chart]:
        return [block for section in self.sections for block in section.blocks if isinstance(block, Chart)]


def text_of(cell: Cell) -> Value:
    """A cell's value without its link."""
    return cell.text if isinstance(cell, Link) else cell


def percent(numerator: int, denominator: int) -> Decimal | None:
    """numerator ÷ denominator as a percentage with one decimal, None when nothing to divide."""
    if not denominator:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(Decimal("0.1"))
