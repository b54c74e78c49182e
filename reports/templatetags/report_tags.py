"""Showing a report Document on a page: its cells formatted as in the PDF, its charts as
inline SVG drawn by the same code as the PDF's (reports.charts)."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from reports import charts, document, values

register = template.Library()


@register.simple_tag
def report_cell(cell):
    text = values.display(cell)
    if isinstance(cell, document.Link):
        return format_html('<a href="{}">{}</a>', cell.url, text)
    return text


@register.filter
def report_numeric(cell) -> bool:
    return values.is_number(cell)


@register.simple_tag
def report_chart(chart):
    # charts.svg escapes every text it places (reportlab escapes labels, the title is
    # escaped before it goes in), so the markup is safe to place as it is.
    return mark_safe(charts.svg(chart))  # noqa: S308


@register.filter
def report_block_type(block) -> str:
    return type(block).__name__.lower()
