"""Staff pages of the case engine: the landing page after sign-in, and the Kotak Masuk
(inbox) across every kind of case."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from .inbox import DueDates, case_row, inbox_count, inbox_page
from .kinds import all_kinds
from .landing import landing_url
from .sla import annotate_due_status
from .waiting import waiting_rows

INBOX_PAGE_SIZE = 25


class Counted:
    """What the Paginator pages: only the number of cases, counted already (the page's
    own cases are read by casework.inbox.inbox_page)."""

    def __init__(self, count: int):
        self.number = count

    def count(self) -> int:
        return self.number

    def __getitem__(self, key):
        return []


@login_required
def landing(request):
    """Where a person lands after signing in (settings.LOGIN_REDIRECT_URL): their inbox,
    or the page an app registered for their role (casework.landing)."""
    return redirect(landing_url(request.user))


@login_required
def inbox(request):
    """Everything waiting for the user: the other things first (a declaration to
    complete, a request to decide), then the open cases across kinds; each most urgent
    deadline first."""
    kinds = all_kinds()
    selected_kind = request.GET.get("jenis", "")
    if selected_kind not in {spec.code for spec in kinds}:
        selected_kind = ""
    overdue_only = request.GET.get("terlambat") == "1"
    waiting_over_only = request.GET.get("masa_tunggu") == "1"
    filtered = bool(selected_kind or overdue_only or waiting_over_only)

    dates = DueDates.now()

    def narrow(cases):
        if overdue_only:
            cases = cases.filter(is_overdue=True)
        if waiting_over_only:
            cases = cases.filter(is_waiting_over=True)
        return cases

    # Counted and chosen kind by kind (casework.inbox), the same filters on each kind.
    def narrowed(cases):
        return narrow(annotate_due_status(cases, dates.today, until=dates.soon_until))

    counted = inbox_count(request.user, kind=selected_kind, narrow=narrowed)
    paginator = Paginator(Counted(counted), INBOX_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    # The page's rows are read even when the count found none: an inbox then costs the
    # same queries whether it holds cases or not.
    page.object_list = inbox_page(
        request.user,
        dates,
        kind=selected_kind,
        narrow=narrowed,
        offset=(page.number - 1) * paginator.per_page,
        limit=paginator.per_page,
    )
    rows = [case_row(case) for case in page]
    return render(
        request,
        "casework/inbox.html",
        {
            "page": page,
            "rows": rows,
            "kinds": kinds,
            "selected_kind": selected_kind,
            "overdue_only": overdue_only,
            "waiting_over_only": waiting_over_only,
            "filtered": filtered,
            # A person no case waits for (an employee without a staff role) is not offered
            # filters over nothing.
            "show_filters": bool(rows) or filtered,
            "waiting": waiting_rows(request.user, today=dates.today, soon_until=dates.soon_until),
        },
    )
