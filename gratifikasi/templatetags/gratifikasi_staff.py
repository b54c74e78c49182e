"""Template tags of the UPG's pages, for templates outside the app (the staff
navigation): `{% load gratifikasi_staff %}{% gratifikasi_staff_links user as links %}`
then `{% for link in links %}<a href="{{ link.url }}">{{ link.label }}</a>{% endfor %}`."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from casework.navigation import NavLink

from ..policy import can_see_recap
from ..views_staff_list import may_handle

register = template.Library()


@register.simple_tag
def gratifikasi_staff_links(user) -> list[NavLink]:
    """The UPG pages `user` may open: the declaration list for Petugas UPG (the custody
    register and the recap are reached from it), the recap alone for the Pimpinan; none
    for anyone else."""
    if may_handle(user):
        return [NavLink(reverse("gratifikasi_staff:list"), _("Gratifikasi (UPG)"))]
    if can_see_recap(user):
        return [NavLink(reverse("gratifikasi_staff:summary"), _("Ringkasan gratifikasi"))]
    return []
