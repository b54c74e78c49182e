"""Template tags of the conflict-of-interest pages, for templates outside the app (the
staff navigation): `{% load benturan_staff %}{% benturan_links user as links %}` then
`{% for link in links %}<a href="{{ link.url }}">{{ link.label }}</a>{% endfor %}`."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from casework.navigation import NavLink

from ..policy import POLICY
from ..registers_access import reads_registers_by_role

register = template.Library()


@register.simple_tag
def benturan_links(user) -> list[NavLink]:
    """The conflict pages of the menu: the staff list for the Tim and the Inspektorat, and
    every employee's own page, where a superior finds the list too (the menu is on every
    page, so it asks only the user's roles, which the other links load already)."""
    links = []
    if POLICY.sees_every_case(user):
        links.append(NavLink(reverse("benturan_staff:list"), _("Benturan kepentingan")))
    if reads_registers_by_role(user):
        links.append(NavLink(reverse("benturan_register:index"), _("Register benturan")))
    links.append(NavLink(reverse("benturan:list"), _("Benturan kepentingan saya")))
    return links
