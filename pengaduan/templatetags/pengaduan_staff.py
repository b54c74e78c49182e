"""Template tags of the staff complaint pages: the list's rows, and the list's address
for templates outside the app (the staff navigation)."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from casework.templatetags.case_cells import assignee_cell, case_row, cell, due_cell, number_cell, received_cell

from .. import selectors
from ..choices import Channel

register = template.Library()


@register.simple_tag
def pengaduan_list_url(user):
    """The complaint list's address for a user who may open it, else None, so the
    navigation offers it only to the roles that see complaints."""
    return reverse("pengaduan_staff:list") if selectors.may_list(user) else None


_CHANNELS = frozenset(Channel.values)


def _channel_label(value: str) -> str:
    # get_channel_display flattens the choices into a new dict on every call: a tenth
    # of a row's time.
    return Channel(value).label if value in _CHANNELS else value


@register.simple_tag
def complaint_row(row):
    """One row of the staff complaint list (views_staff_list.ListRow), built in one tag
    for the reason casework.templatetags.case_cells gives."""
    case, complaint = row.case, row.complaint
    return case_row(
        case,
        [
            number_cell(row.url, case.reference, complaint.lapor_tracking_id),
            cell(_("Judul"), case.title or _("(tanpa judul)")),
            cell(_("Kategori"), complaint.kategori.name),
            cell(_("Saluran"), _channel_label(complaint.channel)),
            cell(_("Unit"), case.unit.name if case.unit else "—"),
            cell(_("Status"), row.state_label),
            assignee_cell(case),
            received_cell(case),
            due_cell(case),
        ],
    )
