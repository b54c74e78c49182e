"""Template tags of the account pages for the staff navigation:
`{% load accounts_nav %}{% approvals_url user as url %}{% if url %}…{% endif %}`."""

from django import template
from django.urls import reverse

from ..access_requests import may_approve_anything

register = template.Library()


@register.simple_tag
def approvals_url(user) -> str:
    """The approvals page for those whose role approves requests; "" for everyone else."""
    return reverse("accounts_staff:approvals") if may_approve_anything(user) else ""
