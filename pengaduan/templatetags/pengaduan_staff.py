"""Template tags of the staff complaint pages, for templates outside the app (the staff
navigation)."""

from django import template
from django.urls import reverse

from .. import selectors

register = template.Library()


@register.simple_tag
def pengaduan_list_url(user):
    """The complaint list's address for a user who may open it, else None, so the
    navigation offers it only to the roles that see complaints."""
    return reverse("pengaduan_staff:list") if selectors.may_list(user) else None
