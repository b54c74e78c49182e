"""The staff complaint list (/staf/pengaduan/): every complaint the signed-in user may
see, filtered, searched, sorted and paginated.

Access is the policy's (selectors.may_list, pengaduan_visible_to): handlers and
observers see all complaints, a unit member those dispositioned to their unit, a recused
user never the case they are recused from, and every other role gets 403.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from casework import intake
from casework.kinds import get_kind
from casework.lists import list_page
from casework.models import Case
from casework.views_case import case_url

from . import selectors
from .forms_staff_list import ComplaintListFilterForm
from .models import Pengaduan


@dataclass(frozen=True)
class ListRow:
    case: Case  # reference, state, unit, assignee, dates, due status
    complaint: Pengaduan  # the complaint's own columns: category, channel, LAPOR! ticket
    url: str
    state_label: str


def _row(case: Case) -> ListRow:
    return ListRow(
        case=case, complaint=case.pengaduan, url=case_url(case), state_label=case.kind_spec.state_label(case.state)
    )


@require_safe
@login_required
def complaint_list(request):
    if not selectors.may_list(request.user):
        raise PermissionDenied(_("Peran Anda tidak berwenang melihat daftar pengaduan."))
    form = ComplaintListFilterForm(request.GET)
    may_create = get_kind(selectors.KIND).policy.can_create(request.user)
    if not form.is_valid():
        # Showing the unfiltered list under filters the user believes applied would
        # mislead; say what is wrong and keep what they typed.
        context = {"form": form, "rows": [], "may_create": may_create}
        return render(request, "pengaduan/staff/list.html", context, status=400)
    cases = selectors.pengaduan_list(request.user, **form.selector_kwargs())
    context = {
        "form": form,
        **list_page(request, form, cases, load_rows=selectors.pengaduan_list_rows, row=_row),
        "may_create": may_create,
        "stalled": intake.stalled(selectors.KIND),
    }
    return render(request, "pengaduan/staff/list.html", context)
