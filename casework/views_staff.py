"""Staff pages of the case engine: the Kotak Masuk (inbox) across every kind of case."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import F
from django.shortcuts import render

from .access import inbox_cases
from .kinds import all_kinds
from .models import Case
from .sla import annotate_due_status
from .views_case import case_url
from .waiting import waiting_for

INBOX_PAGE_SIZE = 25


@dataclass(frozen=True)
class InboxRow:
    case: Case
    kind_label: str
    state_label: str
    url: str


def _row(case: Case) -> InboxRow:
    spec = case.kind_spec
    return InboxRow(case=case, kind_label=str(spec.label), state_label=spec.state_label(case.state), url=case_url(case))


@login_required
def inbox(request):
    """The open cases waiting for the user, across kinds, most urgent deadline first."""
    kinds = all_kinds()
    selected_kind = request.GET.get("jenis", "")
    if selected_kind not in {spec.code for spec in kinds}:
        selected_kind = ""
    overdue_only = request.GET.get("terlambat") == "1"
    waiting_over_only = request.GET.get("masa_tunggu") == "1"

    cases = annotate_due_status(inbox_cases(request.user))
    if selected_kind:
        cases = cases.filter(kind=selected_kind)
    if overdue_only:
        cases = cases.filter(is_overdue=True)
    if waiting_over_only:
        cases = cases.filter(is_waiting_over=True)
    cases = cases.select_related("unit", "assignee").order_by(F("due_date").asc(nulls_last=True), "opened_at", "pk")
    page = Paginator(cases, INBOX_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "casework/inbox.html",
        {
            "page": page,
            "rows": [_row(case) for case in page],
            "kinds": kinds,
            "selected_kind": selected_kind,
            "overdue_only": overdue_only,
            "waiting_over_only": waiting_over_only,
            "filtered": bool(selected_kind or overdue_only or waiting_over_only),
            "waiting": waiting_for(request.user),
        },
    )
