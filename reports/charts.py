"""Charts drawn once, shown twice: a `document.Chart` becomes a reportlab drawing, which the
PDF embeds as vector graphics and the page shows as inline SVG. One source, so the chart
on the screen and on paper are the same picture of the same numbers.

The page's Content-Security-Policy allows no inline style, and reportlab writes SVG
styling as `style="..."` attributes; `svg()` turns each into the equivalent presentation
attributes (fill="...", font-size="..."), which CSP does not govern.
"""

from __future__ import annotations

import itertools
import re
from html import escape

from reportlab.graphics import renderSVG
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from .document import Chart

#: The series colours, distinguishable in greyscale print as well (dark → light).
PALETTE = ("#0b4a82", "#e08a00", "#2e8540", "#8c3b9e", "#6b7785", "#c0392b")
WIDTH, HEIGHT = 480, 220
_LEFT, _BOTTOM, _TOP = 44, 56, 30
_LEGEND_LINE = 14


def _max_value(chart: Chart) -> float:
    if chart.percent:
        return 100
    peak = max((float(value) for series in chart.series for value in series.values), default=0)
    return max(peak, 1)


def _step(peak: float) -> float:
    """A round step that gives four to six gridlines up to `peak`."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000, 25_000, 50_000, 100_000):
        if peak / step <= 6:
            return step
    return 10 ** len(str(int(peak)))


def drawing(chart: Chart, width: float = WIDTH, height: float = HEIGHT) -> Drawing:
    """The chart as a reportlab drawing of `width` × `height` points."""
    canvas = Drawing(width, height)
    plot = VerticalBarChart() if chart.kind == "bar" else HorizontalLineChart()
    # Several series: their legend gets a line of its own under the title, since beside
    # it a few long names ran into the title.
    top = _TOP + (_LEGEND_LINE if len(chart.series) > 1 else 0)
    plot.x, plot.y = _LEFT, _BOTTOM
    plot.width, plot.height = width - _LEFT - 10, height - _BOTTOM - top
    plot.data = [tuple(float(value) for value in series.values) for series in chart.series] or [(0,)]
    categories = list(chart.categories) or [""]
    plot.categoryAxis.categoryNames = [_short(name, len(categories)) for name in categories]
    plot.categoryAxis.labels.fontSize = 7
    plot.categoryAxis.labels.angle = 30 if len(categories) > 6 else 0
    plot.categoryAxis.labels.boxAnchor = "ne" if len(categories) > 6 else "n"
    peak = _max_value(chart)
    plot.valueAxis.valueMin = 0
    plot.valueAxis.valueMax = peak if chart.percent else _step(peak) * (int(peak // _step(peak)) + 1)
    plot.valueAxis.valueStep = 20 if chart.percent else _step(peak)
    plot.valueAxis.labels.fontSize = 7
    plot.valueAxis.visibleGrid = True
    plot.valueAxis.gridStrokeColor = colors.HexColor("#d5d9df")
    plot.valueAxis.gridStrokeWidth = 0.5
    for index in range(len(chart.series)):
        colour = colors.HexColor(PALETTE[index % len(PALETTE)])
        if chart.kind == "bar":
            plot.bars[index].fillColor = colour
            plot.bars[index].strokeColor = None
        else:
            plot.lines[index].strokeColor = colour
            plot.lines[index].strokeWidth = 2
    canvas.add(plot)
    canvas.add(String(_LEFT, height - 14, chart.title, fontName="Helvetica-Bold", fontSize=9))
    if len(chart.series) > 1:
        legend = Legend()
        legend.x, legend.y = _LEFT, height - 22
        legend.boxAnchor = "nw"
        legend.columnMaximum = 1
        legend.variColumn = 1  # each name as wide as itself, not as the longest
        legend.fontSize = 7
        legend.alignment = "right"
        legend.dx = legend.dy = 6
        legend.deltax = 16
        legend.dxTextSpace = 4
        legend.colorNamePairs = [
            (colors.HexColor(PALETTE[index % len(PALETTE)]), series.name) for index, series in enumerate(chart.series)
        ]
        canvas.add(legend)
    return canvas


def _short(name: str, count: int) -> str:
    limit = 24 if count <= 4 else 14
    return name if len(name) <= limit else name[: limit - 1] + "…"


_STYLE = re.compile(r'\sstyle="([^"]*)"')
_HEADER = re.compile(r"^.*?(?=<svg\b)", re.S)
_TITLE_DESC = re.compile(r"\s*<title>.*?</title>\s*<desc>.*?</desc>", re.S)
#: Properties SVG also takes as presentation attributes (the rest are dropped).
_PRESENTATION = {
    "fill",
    "fill-opacity",
    "stroke",
    "stroke-width",
    "stroke-opacity",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-dasharray",
    "font-family",
    "font-size",
    "font-weight",
    "text-anchor",
    "clip-path",
}


def _as_attributes(match: re.Match) -> str:
    parts = []
    for declaration in match[1].split(";"):
        name, _sep, value = declaration.partition(":")
        name, value = name.strip(), value.strip()
        if name in _PRESENTATION and value:
            parts.append(f' {name}="{value}"')
    return "".join(parts)


def svg(chart: Chart, *, element_id: str = "") -> str:
    """The chart as an inline `<svg>` element for a page (no inline style, scales to its
    container, named for assistive technology by the chart's title)."""
    text = renderSVG.drawToString(drawing(chart))
    text = _HEADER.sub("", text, count=1)
    text = _TITLE_DESC.sub(f"<title>{escape(chart.title)}</title>", text, count=1)
    text = _STYLE.sub(_as_attributes, text)
    # Responsive: the viewBox keeps the proportions; the page's CSS sets the width.
    text = re.sub(r'^<svg width="[^"]*" height="[^"]*"', '<svg class="report-chart" role="img"', text, count=1)
    # reportlab names every drawing's clip path and group alike; a page with several
    # charts needs them unique.
    suffix = next(_SERIAL)
    text = text.replace('id="clip"', f'id="clip-{suffix}"').replace("url(#clip)", f"url(#clip-{suffix})")
    text = text.replace('id="group"', f'id="group-{suffix}"')
    if element_id:
        text = text.replace("<svg ", f'<svg id="{escape(element_id)}" ', 1)
    return text


_SERIAL = itertools.count(1)
