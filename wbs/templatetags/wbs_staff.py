"""Template tags of the WBS staff pages: the list's rows (`{% wbs_row row both_roles %}`),
and for templates outside the app (the staff navigation): `{% load wbs_staff %}{% wbs_staff_links user as links %}` then
`{% for link in links %}<a href="{{ link.url }}">{{ link.label }}</a>{% endfor %}`."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from casework.navigation import NavLink
from casework.templatetags.case_cells import assignee_cell, case_row, cell, due_cell, number_cell, received_cell

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


@register.simple_tag
def wbs_row(row, both_roles: bool):
    """One row of the WBS list (views_staff_list.ListRow), built in one tag for the reason
    casework.templatetags.case_cells gives; who handles the report only for a reader who
    holds both handling roles."""
    case = row.case
    cells = [
        number_cell(row.url, case.reference),
        cell(gettext("Judul"), case.title or gettext("(tanpa judul)")),
        cell(gettext("Jenis pelanggaran"), row.kategori_label),
        cell(gettext("Status"), row.state_label),
    ]
    if both_roles:
        cells.append(cell(gettext("Ditangani oleh"), row.penanganan_label))
    cells += [assignee_cell(case), received_cell(case), due_cell(case)]
    return case_row(case, cells)
