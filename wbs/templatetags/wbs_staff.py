"""Template tags of the WBS staff pages, for templates outside the app (the staff
navigation): `{% load wbs_staff %}{% wbs_staff_links user as links %}` then
`{% for link in links %}<a href="{{ link.url }}">{{ link.label }}</a>{% endfor %}`."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from casework.navigation import NavLink

from .. import selectors
from ..views_identity import DECIDERS

register = template.Library()


@register.simple_tag
def wbs_staff_links(user) -> list[NavLink]:
    """The WBS pages `user` may open: the report list for the roles that handle reports,
    the identity requests for those who decide them; none for anyone else, so the menu
    does not even say the WBS is in use."""
    links = []
    if selectors.may_list(user):
        links.append(NavLink(reverse("wbs_staff:list"), _("Laporan WBS")))
    if user.is_authenticated and user.has_role(*DECIDERS):
        links.append(NavLink(reverse("wbs_staff:identity_requests"), _("Permintaan identitas WBS")))
    return links
