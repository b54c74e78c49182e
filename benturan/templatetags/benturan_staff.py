"""Template tags of the conflict-of-interest pages: the list's rows
(`{% conflict_row row %}`), and for templates outside the app (the staff navigation):
`{% load benturan_staff %}{% benturan_links user as links %}` then
`{% for link in links %}<a href="{{ link.url }}">{{ link.label }}</a>{% endfor %}`."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from casework.navigation import NavLink
from casework.templatetags.case_cells import case_row, cell, due_cell, lines, moment_cell, number_cell

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


@register.simple_tag
def conflict_row(row):
    """One row of the conflict list (views_staff_list.ListRow), built in one tag for the
    reason casework.templatetags.case_cells gives."""
    case = row.case
    return case_row(
        case,
        [
            number_cell(row.url, case.reference),
            cell(gettext("Pejabat"), lines(row.official, case.unit.name if case.unit else "")),
            cell(gettext("Yang terdampak"), case.title or "—"),
            cell(gettext("Jenis dan sumber"), lines(row.jenis_label, f"{row.sumber_label} · {row.asal_label}")),
            cell(gettext("Status"), row.state_label),
            cell(gettext("Diputuskan oleh"), row.decider or gettext("Tim Benturan Kepentingan")),
            moment_cell(gettext("Diajukan"), case.opened_at),
            due_cell(case),
        ],
    )
