"""Text for reportlab Paragraphs, whose text is a small markup language: anything typed
by a person or translated is escaped here, so it is printed and never read as markup."""

from __future__ import annotations

import re
from xml.sax.saxutils import escape as _xml_escape

#: Line breaks kept in one printed text. Each is a break reportlab weighs when it splits
#: a table cell over pages, and thousands of them (a text of blank lines) take it minutes;
#: the lines beyond are printed joined by spaces, so nothing is lost.
MAX_LINES = 80


def escape(text, *, lines: bool = False) -> str:
    """`text` as Paragraph markup. With `lines`, its line breaks are kept (runs of blank
    lines shortened to one, at most MAX_LINES lines); otherwise they print as spaces."""
    plain = str(text if text is not None else "")
    if not lines:
        return _xml_escape(plain)
    plain = re.sub(r"\n{3,}", "\n\n", plain.replace("\r\n", "\n"))
    kept = plain.split("\n")
    if len(kept) > MAX_LINES:
        kept = [*kept[: MAX_LINES - 1], " ".join(line for line in kept[MAX_LINES - 1 :] if line.strip())]
    return "<br/>".join(_xml_escape(line) for line in kept)
