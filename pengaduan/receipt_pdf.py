"""The complaint receipt as a one-page PDF (reportlab), for the complainant to keep.

It holds the reference number, the tracking code, when the complaint was received and how
to track it, in the active language (Indonesian unless the complainant switched). It is
made in memory for one response and never stored. The code appears only on the page: not
in the document's metadata, and not in the QR code, which leads to the tracking page
alone.
"""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import KeepTogether

from casework.pdf_letterhead import Letterhead, flowables
from casework.pdf_text import escape

BRAND = colors.HexColor("#0b4a82")
MUTED = colors.HexColor("#4a5260")


def _qr(url: str, size: float = 32 * mm) -> Drawing:
    widget = QrCodeWidget(url)
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (right - left), 0, 0, size / (top - bottom), 0, 0])
    drawing.add(widget)
    return drawing


def render_receipt_pdf(
    *, reference: str, code: str, opened: str, tracking_url: str, letterhead: Letterhead | None = None
) -> bytes:
    """The receipt PDF's bytes. `opened` is the received date as text, `tracking_url`
    the address of the tracking page (absolute when SIGAP_BASE_URL is set)."""
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=_("Tanda terima pengaduan"),
        author="SIGAP",
        subject=reference,
        creator="SIGAP",
    )
    base = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=base["BodyText"], fontName="Helvetica", fontSize=11, leading=15)
    small = ParagraphStyle("small", parent=body, fontSize=9.5, leading=13, textColor=MUTED)
    title = ParagraphStyle(
        "title", parent=base["Title"], fontName="Helvetica-Bold", fontSize=20, textColor=BRAND, alignment=TA_LEFT
    )
    label = ParagraphStyle("label", parent=body, fontSize=10, textColor=MUTED)
    value = ParagraphStyle("value", parent=body, fontName="Helvetica-Bold", fontSize=13, leading=17)
    code_style = ParagraphStyle("code", parent=body, fontName="Courier-Bold", fontSize=22, leading=28)

    facts = Table(
        [
            [Paragraph(escape(_("Nomor pengaduan")), label), Paragraph(escape(reference), value)],
            [Paragraph(escape(_("Kode pelacakan")), label), Paragraph(escape(code), code_style)],
            [Paragraph(escape(_("Diterima")), label), Paragraph(escape(opened), body)],
        ],
        colWidths=[45 * mm, None],
    )
    facts.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.2, BRAND),
                ("LINEBELOW", (0, 0), (-1, -2), 0.5, colors.HexColor("#c9d0da")),
                ("BACKGROUND", (0, 1), (-1, 1), colors.HexColor("#f3f5f8")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
            ]
        )
    )
    how = Table(
        [
            [
                [
                    # Translated outside the f-string: makemessages does not look inside one.
                    Paragraph("<b>" + escape(_("Cara melacak pengaduan Anda")) + "</b>", body),
                    Spacer(1, 2 * mm),
                    Paragraph(escape(_("1. Buka alamat berikut:")), body),
                    Paragraph(f'<font name="Courier-Bold">{escape(tracking_url)}</font>', body),
                    Paragraph(escape(_("2. Masukkan kode pelacakan di atas.")), body),
                    Paragraph(escape(_("3. Lihat status, pertanyaan petugas, dan jawaban atas pengaduan Anda.")), body),
                ],
                _qr(tracking_url),
            ]
        ],
        colWidths=[None, 36 * mm],
    )
    how.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))

    head = letterhead or Letterhead()
    story = [
        *flowables(head, A4[0] - 40 * mm),
        Paragraph(escape(_("Tanda terima pengaduan")), title),
        Paragraph(escape(_("Pengaduan Anda telah kami terima dan akan ditindaklanjuti.")), body),
        Spacer(1, 6 * mm),
        facts,
        Spacer(1, 8 * mm),
        KeepTogether([how]),
        Spacer(1, 8 * mm),
        Paragraph(
            escape(
                _(
                    "Simpan kode ini dan jangan berikan kepada siapa pun: siapa saja yang memegangnya dapat membuka "
                    "pengaduan Anda. Kami tidak menyimpan kode ini dan tidak dapat mengirimkannya ulang."
                )
            ),
            small,
        ),
        *(
            [
                Paragraph(
                    escape(
                        _("Jika kode hilang, hubungi petugas pengaduan dan sebutkan nomor pengaduan: %(contacts)s")
                        % {"contacts": head.contacts}
                    ),
                    small,
                )
            ]
            if head.contacts
            else []
        ),
        Paragraph(escape(_("Dibuat oleh SIGAP.")), small),
    ]
    document.build(story)
    return buffer.getvalue()
