"""The staff menu's one link to the reports (reports/index.html), for whoever may open
at least one of them (reports.catalog)."""

from django import template
from django.urls import reverse

from reports import catalog

register = template.Library()


@register.simple_tag
def reports_url(user) -> str:
    return reverse("reports:index") if catalog.offers_any(user) else ""
