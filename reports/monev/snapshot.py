"""A report Document as JSON and back, so an issued report is kept exactly as signed.

The signed version of a semester stores the document this module makes of it: every
paragraph, every table cell and every chart value as they were at the signing. Shown or
downloaded later, it is rebuilt from that JSON, never recomputed from the records.
Values keep their types (a date stays a date, a Decimal a Decimal), so the renderers
format an issued report as they format a live one.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from decimal import Decimal
from typing import Any

from ..document import Chart, Document, Link, Paragraph, Section, Series, Signature, Table

FORMAT = 1
_BLOCKS = {"paragraph": Paragraph, "table": Table, "chart": Chart}
_BLOCK_NAMES = {cls: name for name, cls in _BLOCKS.items()}


def _value(value: Any) -> Any:
    if isinstance(value, Link):
        return {"link": [_value(value.text), value.url]}
    if isinstance(value, bool) or value is None or isinstance(value, int | str | float):
        return value
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    raise TypeError(f"Cannot keep a {type(value).__name__} in a report snapshot")


def _restore(value: Any) -> Any:
    if isinstance(value, dict):
        if "link" in value:
            text, url = value["link"]
            return Link(_restore(text), url)
        if "decimal" in value:
            return Decimal(value["decimal"])
        if "date" in value:
            return date.fromisoformat(value["date"])
        raise ValueError(f"Unknown value in a report snapshot: {value!r}")
    return value


def _row(cells) -> list:
    return [_value(cell) for cell in cells]


def _block(block) -> dict:
    data: dict[str, Any] = {"type": _BLOCK_NAMES[type(block)]}
    if isinstance(block, Table):
        data.update(
            columns=list(block.columns),
            rows=[_row(row) for row in block.rows],
            caption=block.caption,
            empty=block.empty,
            footer=_row(block.footer) if block.footer is not None else None,
            widths=list(block.widths) if block.widths is not None else None,
            sheet=block.sheet,
        )
    elif isinstance(block, Chart):
        data.update(
            title=block.title,
            categories=list(block.categories),
            series=[{"name": s.name, "values": _row(s.values)} for s in block.series],
            kind=block.kind,
            percent=block.percent,
        )
    else:
        data.update({f.name: getattr(block, f.name) for f in fields(block)})
    return data


def to_json(document: Document) -> dict:
    """The document as JSON-safe data."""
    signature = document.signature
    return {
        "format": FORMAT,
        "title": document.title,
        "subtitle": document.subtitle,
        "slug": document.slug,
        "status_note": document.status_note,
        "sections": [
            {
                "title": section.title,
                "page_break": section.page_break,
                "blocks": [_block(block) for block in section.blocks],
            }
            for section in document.sections
        ],
        "signature": (
            {
                "place": signature.place,
                "day": signature.day.isoformat(),
                "office": signature.office,
                "name": signature.name,
                "nip": signature.nip,
            }
            if signature is not None
            else None
        ),
    }


def _restore_block(data: dict):
    kind = data["type"]
    if kind == "table":
        return Table(
            columns=tuple(data["columns"]),
            rows=tuple(tuple(_restore(cell) for cell in row) for row in data["rows"]),
            caption=data.get("caption", ""),
            empty=data.get("empty", ""),
            footer=tuple(_restore(cell) for cell in data["footer"]) if data.get("footer") is not None else None,
            widths=tuple(data["widths"]) if data.get("widths") is not None else None,
            sheet=data.get("sheet", ""),
        )
    if kind == "chart":
        return Chart(
            title=data["title"],
            categories=tuple(data["categories"]),
            series=tuple(Series(s["name"], tuple(_restore(value) for value in s["values"])) for s in data["series"]),
            kind=data.get("kind", "bar"),
            percent=data.get("percent", False),
        )
    if kind == "paragraph":
        return Paragraph(text=data["text"], strong=data.get("strong", False))
    raise ValueError(f"Unknown block in a report snapshot: {kind!r}")


def from_json(data: dict) -> Document:
    """The document kept by to_json, as it was."""
    if data.get("format") != FORMAT:
        raise ValueError(f"Unknown report snapshot format {data.get('format')!r}")
    signature = data.get("signature")
    return Document(
        title=data["title"],
        subtitle=data.get("subtitle", ""),
        slug=data.get("slug", "laporan"),
        status_note=data.get("status_note", ""),
        sections=tuple(
            Section(
                title=section["title"],
                page_break=section.get("page_break", False),
                blocks=tuple(_restore_block(block) for block in section["blocks"]),
            )
            for section in data["sections"]
        ),
        signature=(
            Signature(
                place=signature["place"],
                day=date.fromisoformat(signature["day"]),
                office=signature["office"],
                name=signature.get("name", ""),
                nip=signature.get("nip", ""),
            )
            if signature is not None
            else None
        ),
    )
