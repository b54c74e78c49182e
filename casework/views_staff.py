"""Staff pages of the case engine: the landing page after sign-in, and the Kotak Masuk
(inbox) across every kind of case."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from security.request_values import MAX_ID

from .inbox import DueDates, case_row, inbox_count, inbox_page
from .kinds import all_kinds
from .landing import landing_url
from .sla import annotate_due_status
from .waiting import waiting_rows

INBOX_PAGE_SIZE = 25
#: The highest page number read: beyond it the offset would pass what a database
#: integer holds (the last page is shown instead).
MAX_PAGE = MAX_ID // INBOX_PAGE_SIZE


class Counted:
    """What the Paginator pages: only the number of cases, counted already with the
    page's own cases (casework.inbox.inbox_page)."""

    def __init__(self, count: int):
        self.number = count

    def count(self) -> int:
        return self.number

    def __getitem__(self, key):
        return []


def _page_number(value) -> int:
    """The inbox page asked for: anything but a positive number is the first; a number
    past the end, however large, is read as past the end (the last page is shown)."""
    text = (value or "").strip()
    if not (text.isascii() and text.isdigit()) or not text.strip("0"):
        return 1
    return MAX_PAGE if len(text) > len(str(MAX_PAGE)) else min(int(text), MAX_PAGE)


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
    number = _page_number(request.GET.get("page"))

    def narrowed(cases):
        cases = annotate_due_status(cases, dates.today, until=dates.soon_until)
        if overdue_only:
            cases = cases.filter(is_overdue=True)
        if waiting_over_only:
            cases = cases.filter(is_waiting_over=True)
        return cases

    # Counted and chosen kind by kind (casework.inbox), the same filters on each kind; the
    # due status is worked out for the choice only when a filter reads it (the page's
    # own rows always carry it).
    narrow = narrowed if overdue_only or waiting_over_only else None

    def read(number: int):
        offset = (number - 1) * INBOX_PAGE_SIZE
        return inbox_page(request.user, dates, kind=selected_kind, narrow=narrow, offset=offset, limit=INBOX_PAGE_SIZE)

    found = read(number)
    if found.count is None:
        # Past the end (a page since emptied, a page number typed in): the last page, as
        # a paginator's get_page would show.
        counted = inbox_count(request.user, kind=selected_kind, narrow=narrow)
        number = Paginator(Counted(counted), INBOX_PAGE_SIZE).num_pages
        found = read(number)
    page = Paginator(Counted(found.count or 0), INBOX_PAGE_SIZE).page(number)
    page.object_list = found.cases
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
