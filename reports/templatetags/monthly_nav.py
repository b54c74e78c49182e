"""The staff menu's link to the monthly reports, for those who read one (reports.access)."""

from django import template
from django.urls import reverse

from reports import access

register = template.Library()


@register.simple_tag
def monthly_reports_url(user) -> str:
    return reverse("reports:monthly") if access.reads_reports(user) else ""
