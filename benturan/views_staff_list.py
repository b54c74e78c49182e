"""The staff list of conflict cases (/staf/benturan/): every case the signed-in user may
see (benturan.policy: the cases that reached them as superior, every case for the Tim
Benturan Kepentingan and the Inspektorat, never one they are a party to), filtered,
searched by number, sorted and paginated, at a query count that does not grow with the
page or the table. Anyone the list is not offered to (benturan.policy.may_open_list)
gets "not found"."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from casework.lists import list_page
from casework.models import Case

from .choices import Asal, Jenis, Sumber
from .forms_staff_list import CaseListFilterFormBenturan
from .policy import POLICY
from .selectors_list import case_list, case_list_rows

TEMPLATE = "benturan/staff/list.html"


@dataclass(frozen=True)
class ListRow:
    case: Case
    url: str
    state_label: str
    jenis_label: str
    sumber_label: str
    asal_label: str
    official: str
    decider: str


def _label(choices, value) -> str:
    return str(choices(value).label) if value in choices.values else value


def _row(case: Case) -> ListRow:
    benturan = case.benturan
    return ListRow(
        case=case,
        url=reverse("benturan_staff:detail", args=[case.pk]),
        state_label=case.kind_spec.state_label(case.state),
        jenis_label=_label(Jenis, benturan.jenis),
        sumber_label=_label(Sumber, benturan.sumber),
        asal_label=_label(Asal, benturan.asal),
        official=str(benturan.pejabat),
        decider=str(benturan.atasan) if benturan.atasan_id else "",
    )


@require_safe
@login_required
def case_list_page(request):
    if not POLICY.may_open_list(request.user):
        raise Http404
    form = CaseListFilterFormBenturan(request.GET)
    context = {"form": form, "rows": []}
    if not form.is_valid():
        # Never the unfiltered list under filters the user believes applied.
        return render(request, TEMPLATE, context, status=400)
    cases = case_list(request.user, **form.selector_kwargs())
    context.update(list_page(request, form, cases, load_rows=case_list_rows, row=_row))
    return render(request, TEMPLATE, context)
