"""Template tags of the UPG's pages: the list's rows (`{% declaration_row row %}`), and
for templates outside the app (the staff navigation):
`{% load gratifikasi_staff %}{% gratifikasi_staff_links user as links %}`
then `{% for link in links %}<a href="{{ link.url }}">{{ link.label }}</a>{% endfor %}`."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from casework.navigation import NavLink
from casework.templatetags.case_cells import (
    assignee_cell,
    case_row,
    cell,
    day_time,
    due_cell,
    lines,
    markup,
    moment_cell,
    muted,
    number_cell,
)
from casework.templatetags.money import rupiah

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


@register.simple_tag
def declaration_row(row):
    """One row of the UPG's list (views_staff_list.ListRow), built in one tag for the
    reason casework.templatetags.case_cells gives. The day the gift was received carries
    a mark when the report came after the UPG's or KPK's limit."""
    case, declaration = row.case, row.declaration
    unit = declaration.unit_kerja
    late = ""
    if declaration.terlambat_kpk:
        late = markup('<br><span class="badge badge--overdue">{}</span>', gettext("lewat 30 hari kerja"))
    elif declaration.terlambat_upg:
        late = markup('<br><span class="badge badge--soon">{}</span>', gettext("lewat 10 hari kerja"))
    return case_row(
        case,
        [
            number_cell(row.url, case.reference),
            cell(gettext("Pelapor"), lines(declaration.nama or "—", unit.name if unit else "")),
            cell(gettext("Jenis"), markup("{}<br>{}", row.jenis_laporan_label, muted(row.jenis_penerimaan_label))),
            cell(gettext("Nilai"), rupiah(declaration.nilai), nowrap=True),
            cell(gettext("Tanggal diterima"), day_time(declaration.tanggal_terima), late, nowrap=True),
            cell(gettext("Status"), row.state_label),
            assignee_cell(case),
            moment_cell(gettext("Dilaporkan"), case.opened_at),
            due_cell(case),
        ],
    )
