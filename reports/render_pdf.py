"""A report `Document` as an A4 PDF (reportlab): the unit's letterhead and logo on the
first page, the sections with their tables and charts, the signature block, and
"Halaman n dari N" on every page.

Made in memory for one response or one background job; the caller decides whether it
is kept. Text is escaped for reportlab's mark-up (casework.pdf_text), so a unit name or a
finding typed by staff cannot change the layout.
"""

from __future__ import annotations

import io

from django.utils import formats
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as pdf_canvas
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    PageBreak,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus import Paragraph as PdfParagraph

from casework import pdf_letterhead
from casework.pdf_letterhead import Letterhead
from casework.pdf_text import escape

from . import charts, document, values

BRAND = colors.HexColor("#0b4a82")
RULE = colors.HexColor("#9aa3ad")
HEAD_FILL = colors.HexColor("#e6edf5")
MARGIN = 18 * mm


def _styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=base["BodyText"], fontName="Helvetica", fontSize=9.5, leading=13)
    return {
        "body": body,
        "strong": ParagraphStyle("strong", parent=body, fontName="Helvetica-Bold"),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8, leading=10),
        "cell_right": ParagraphStyle("cell_right", parent=body, fontSize=8, leading=10, alignment=TA_RIGHT),
        "head": ParagraphStyle("head", parent=body, fontSize=8, leading=10, fontName="Helvetica-Bold"),
        "title": ParagraphStyle(
            "title", parent=body, fontName="Helvetica-Bold", fontSize=13, leading=17, alignment=TA_CENTER
        ),
        "subtitle": ParagraphStyle("subtitle", parent=body, alignment=TA_CENTER),
        "section": ParagraphStyle(
            "section", parent=body, fontName="Helvetica-Bold", fontSize=11, leading=15, textColor=BRAND, spaceBefore=8
        ),
        "caption": ParagraphStyle("caption", parent=body, fontSize=8.5, fontName="Helvetica-Oblique"),
        "sign": ParagraphStyle("sign", parent=body, alignment=TA_CENTER),
    }


class _NumberedCanvas(pdf_canvas.Canvas):
    """Draws "Halaman n dari N" once the number of pages is known (a second pass over the
    saved page states)."""

    footer_text = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages = []

    def showPage(self):  # noqa: N802 (reportlab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._footer(total)
            super().showPage()
        super().save()

    def _footer(self, total: int):
        self.saveState()
        self.setFont("Helvetica", 7.5)
        self.setFillColor(colors.HexColor("#4a5260"))
        self.drawString(MARGIN, 10 * mm, self.footer_text[:110])
        self.drawRightString(
            A4[0] - MARGIN, 10 * mm, _("Halaman %(page)s dari %(total)s") % {"page": self._pageNumber, "total": total}
        )
        self.restoreState()


def _cell(cell, styles, numeric: bool):
    return PdfParagraph(escape(values.display(cell)), styles["cell_right" if numeric else "cell"])


def _table(block: document.Table, styles, width: float) -> list:
    flow = []
    if block.caption:
        flow.append(PdfParagraph(escape(block.caption), styles["caption"]))
    if not block.rows and block.empty:
        flow.append(PdfParagraph(escape(block.empty), styles["body"]))
        return flow
    numeric = [
        any(values.is_number(row[index]) for row in block.rows)
        and not any(
            values.text_of(row[index]) not in (None, "") and not values.is_number(row[index]) for row in block.rows
        )
        for index in range(len(block.columns))
    ]
    data = [[PdfParagraph(escape(column), styles["head"]) for column in block.columns]]
    data += [[_cell(cell, styles, numeric[i]) for i, cell in enumerate(row)] for row in block.rows]
    if block.footer:
        data.append([_cell(cell, styles, numeric[i]) for i, cell in enumerate(block.footer)])
    weights = block.widths or tuple(1 for _column in block.columns)
    total = sum(weights)
    table = Table(data, colWidths=[width * weight / total for weight in weights], repeatRows=1)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if block.footer:
        style += [("BACKGROUND", (0, -1), (-1, -1), HEAD_FILL), ("FONTNAME", (0, -1), (-1, -1), "Helvetica-Bold")]
    table.setStyle(TableStyle(style))
    flow.append(table)
    return flow


def _chart(block: document.Chart, width: float) -> list:
    drawing = charts.drawing(block)
    scale = min(1.0, width / drawing.width)
    drawing.scale(scale, scale)
    drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
    return [KeepTogether([drawing])]


def _signature(signature: document.Signature, styles, width: float) -> list:
    place_date = f"{signature.place}, {formats.date_format(signature.day, 'j F Y')}".strip(", ")
    lines = [
        PdfParagraph(escape(place_date), styles["sign"]),
        PdfParagraph(escape(signature.office), styles["sign"]),
        Spacer(1, 20 * mm),
        PdfParagraph(f"<u>{escape(signature.name or '.' * 40)}</u>", styles["strong"]),
    ]
    lines[-1].style = ParagraphStyle("sign_name", parent=styles["strong"], alignment=TA_CENTER)
    if signature.nip:
        lines.append(PdfParagraph(escape(f"NIP. {signature.nip}"), styles["sign"]))
    table = Table([["", lines]], colWidths=[width * 0.5, width * 0.5])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [Spacer(1, 8 * mm), KeepTogether([table])]


def render(doc: document.Document, *, letterhead: Letterhead | None = None) -> bytes:
    """The PDF's bytes."""
    styles = _styles()
    buffer = io.BytesIO()
    width = A4[0] - 2 * MARGIN
    pdf = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=15 * mm,
        bottomMargin=18 * mm,
        title=doc.title,
        subject=doc.subtitle,
        author="SIGAP",
    )
    story = pdf_letterhead.flowables(letterhead or Letterhead(), width)
    story.append(PdfParagraph(escape(doc.title), styles["title"]))
    if doc.subtitle:
        story.append(PdfParagraph(escape(doc.subtitle), styles["subtitle"]))
    if doc.status_note:
        story.append(PdfParagraph(escape(doc.status_note), styles["caption"]))
    story.append(Spacer(1, 4 * mm))
    for section in doc.sections:
        if section.page_break:
            story.append(PageBreak())
        else:
            story.append(CondPageBreak(40 * mm))
        story.append(PdfParagraph(escape(section.title), styles["section"]))
        for block in section.blocks:
            if isinstance(block, document.Paragraph):
                story.append(PdfParagraph(escape(block.text, lines=True), styles["strong" if block.strong else "body"]))
            elif isinstance(block, document.Table):
                story += _table(block, styles, width)
            elif isinstance(block, document.Chart):
                story += _chart(block, width)
            story.append(Spacer(1, 3 * mm))
    if doc.signature:
        story += _signature(doc.signature, styles, width)

    footer = f"SIGAP · {doc.title}" + (f" · {doc.subtitle}" if doc.subtitle else "")

    class Canvas(_NumberedCanvas):
        footer_text = footer

    pdf.build(story, canvasmaker=Canvas)
    return buffer.getvalue()
