"""The dashboard's tags: its place in the staff navigation
(`{% load reports_dashboard %}{% dashboard_url user as url %}`, None for those it is not
for), a figure with its link, and the trend chart."""

import functools

from django import template
from django.urls import reverse
from django.utils import formats
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from reports import charts
from reports.dashboard.access import may_see_dashboard

register = template.Library()


@register.simple_tag
def dashboard_url(user):
    return reverse("reports:dashboard") if may_see_dashboard(user) else None


@register.simple_tag
def figure(value):
    """A dashboard figure (reports.dashboard.page.Figure): its number, grouped the reader's
    way, as a link to the cases behind it when it has one."""
    text = formats.number_format(value.value, use_l10n=True, force_grouping=True)
    if value.url:
        return format_html('<a href="{}">{}</a>', value.url, text)
    return text


@register.simple_tag
def trend_chart(chart):
    """The dashboard's trend as inline SVG (reports.charts), drawn once per distinct set of
    numbers: drawing it is most of the page's own time, and it changes only when a count
    does."""
    return _chart_svg(chart)


@functools.lru_cache(maxsize=32)
def _chart_svg(chart):
    # charts.svg escapes every text it places; the markup is safe as it is.
    return mark_safe(charts.svg(chart))  # noqa: S308
