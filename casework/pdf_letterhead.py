"""The unit's letterhead at the top of a printed page (reports, receipts): its logo, the
parent agency and its own name in capitals, and one line of contacts under a rule, from
the unit's profile (accounts.UnitProfile)."""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Image, Paragraph, Spacer, Table, TableStyle

from accounts.profiles import contact_line, profile_for

from .pdf_text import escape

LOGO_WIDTH = 20 * mm


@dataclass(frozen=True)
class Letterhead:
    lines: tuple[str, ...] = ()
    contacts: str = ""
    logo: bytes = b""


def letterhead_for(unit=None) -> Letterhead:
    """The letterhead of `unit` (its own profile, a parent's or the top unit's); an empty
    one when no unit has a profile yet."""
    profile = profile_for(unit)
    if profile is None:
        return Letterhead()
    lines = tuple(line.upper() for line in (profile.parent_agency, profile.official_name) if line)
    return Letterhead(lines=lines, contacts=contact_line(profile), logo=bytes(profile.logo or b""))


def flowables(head: Letterhead, width: float) -> list:
    """The letterhead as flowables `width` points wide (none when it is empty)."""
    if not head.lines:
        return []
    big = ParagraphStyle("letter_big", fontName="Helvetica-Bold", fontSize=12.5, leading=15, alignment=TA_CENTER)
    small = ParagraphStyle("letter", fontName="Helvetica", fontSize=8, leading=10, alignment=TA_CENTER)
    text = [Paragraph(escape(line), big) for line in head.lines]
    if head.contacts:
        text.append(Paragraph(escape(head.contacts), small))
    logo = ""
    if head.logo:
        w, h = ImageReader(io.BytesIO(head.logo)).getSize()
        logo = Image(io.BytesIO(head.logo), width=LOGO_WIDTH, height=LOGO_WIDTH * h / max(w, 1))
    side = LOGO_WIDTH + 4 * mm
    table = Table([[logo, text]], colWidths=[side, width - 2 * side], hAlign="CENTER")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, -1), 1.5, colors.black),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return [table, Spacer(1, 6 * mm)]
