"""The handlers' WBS list (/staf/wbs/): every report the signed-in Pengelola WBS or
Inspektorat member may see, filtered, searched by number, sorted and paginated, at a
query count that does not grow with the page or the table.

Anyone without a WBS role gets "not found", as for every WBS page: the list does not
even confirm to them that the WBS is in use. A reported handler opens the list but never
sees the reports naming them (wbs.policy).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from casework.lists import list_page
from casework.models import Case

from . import selectors
from .choices import Kategori, Penanganan
from .forms_staff_list import ReportListFilterForm

TEMPLATE = "wbs/staff/list.html"


@dataclass(frozen=True)
class ListRow:
    case: Case
    url: str
    state_label: str
    kategori_label: str
    penanganan_label: str


def _row(case: Case) -> ListRow:
    laporan = case.laporanwbs
    return ListRow(
        case=case,
        url=reverse("wbs_staff:detail", args=[case.pk]),
        state_label=case.kind_spec.state_label(case.state),
        kategori_label=Kategori(laporan.kategori).label,
        penanganan_label=Penanganan(laporan.penanganan).label,
    )


@require_safe
@login_required
def report_list(request):
    user = request.user
    if not selectors.may_list(user):
        raise Http404
    form = ReportListFilterForm(request.GET)
    # Someone holding both roles (rare) sees which role each report is for.
    both_roles = all(user.has_role(role) for role in selectors.LIST_ROLES)
    context = {"form": form, "rows": [], "both_roles": both_roles}
    if not form.is_valid():
        # Never the unfiltered list under filters the user believes applied.
        return render(request, TEMPLATE, context, status=400)
    cases = selectors.laporan_list(user, **form.selector_kwargs())
    context.update(list_page(request, form, cases, load_rows=selectors.laporan_list_rows, row=_row))
    return render(request, TEMPLATE, context)
