"""What the Kotak Masuk shows a person: the open cases waiting for their work (across
kinds, casework.access.inbox_cases) and the other things waiting for them
(casework.waiting), both most urgent first. The inbox page shows all of it; a landing
page of another app (the Pimpinan's dashboard) shows a summary beside its own content.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import F, QuerySet
from django.utils import timezone

from .access import inbox_cases, inbox_cases_by_kind
from .models import Case
from .sla import annotate_due_status, due_soon_until
from .views_case import case_url
from .waiting import WaitingRow, waiting_rows

#: How many of the most urgent cases a summary shows.
SUMMARY_CASES = 5


@dataclass(frozen=True)
class InboxRow:
    case: Case
    kind_label: str
    state_label: str
    url: str


def case_row(case: Case) -> InboxRow:
    spec = case.kind_spec
    return InboxRow(case=case, kind_label=str(spec.label), state_label=spec.state_label(case.state), url=case_url(case))


@dataclass(frozen=True)
class DueDates:
    """Today and the last day still "due soon" (casework.sla.due_soon_until), found once
    for a page that shows both cases and waiting items (one holiday query)."""

    today: date
    soon_until: date

    @classmethod
    def now(cls) -> DueDates:
        today = timezone.localdate()
        return cls(today=today, soon_until=due_soon_until(today))


def urgent_cases(user, dates: DueDates | None = None) -> QuerySet[Case]:
    """The user's inbox cases with their due status, nearest due date first, undated last."""
    dates = dates or DueDates.now()
    return (
        annotate_due_status(inbox_cases(user), dates.today, until=dates.soon_until)
        .select_related("unit", "assignee")
        .order_by(*URGENCY)
    )


#: Most urgent first: the nearest due date, undated last, then the oldest.
URGENCY = (F("due_date").asc(nulls_last=True), "opened_at", "pk")


def _kind_by_kind(user, kind: str, narrow, *columns: str) -> list[QuerySet]:
    """The user's inbox cases, one queryset per kind (of `kind` only, where given), each
    narrowed by `narrow` and reduced to `columns`: the parts of a UNION ALL, in which
    each kind's rule is planned on its own indexes rather than every open case of every
    kind being tested against the OR of all the rules."""
    return [
        (narrow(cases) if narrow else cases).order_by().values(*columns)
        for code, cases in inbox_cases_by_kind(user).items()
        if not kind or code == kind
    ]


def inbox_count(user, *, kind: str = "", narrow=None) -> int:
    """How many cases wait in the user's inbox (of one `kind`, and narrowed by `narrow`,
    a function of a case queryset, where the page filters them): the case table and the
    visibility rule alone, kind by kind in one query, without the columns a row shows."""
    parts = _kind_by_kind(user, kind, narrow, "pk")
    if not parts:
        return 0
    return parts[0].union(*parts[1:], all=True).count()


@dataclass(frozen=True)
class InboxPage:
    """One page of the user's inbox cases, and how many the inbox holds."""

    cases: list[Case]
    #: None for a page past the inbox's end: no row came to carry the number.
    count: int | None


#: URGENCY in SQL, for the page's choice read over the kinds' UNION ALL (empty due dates
#: last, written so that both databases read it alike).
_URGENCY_SQL = "due_date IS NULL, due_date, opened_at, pk"


def inbox_page(
    user, dates: DueDates, *, kind: str = "", narrow=None, offset: int = 0, limit: int = SUMMARY_CASES
) -> InboxPage:
    """`limit` of the user's inbox cases from `offset`, most urgent first, with their due
    status (urgent_cases), and how many cases the inbox holds (inbox_count): the cases are
    found kind by kind as inbox_count counts them, and counted in the same pass (a busy
    handler's 17,000 open complaints read once, not once to count and once to choose),
    then read with their columns. Two queries."""
    parts = _kind_by_kind(user, kind, narrow, "pk", "due_date", "opened_at")
    if not parts:
        return InboxPage(cases=[], count=0)
    try:
        # order_by(): the union would otherwise carry the model's default order, and the
        # database would sort every waiting case by it before choosing the page.
        sql, params = parts[0].union(*parts[1:], all=True).order_by().query.sql_with_params()
    except EmptyResultSet:  # the only kind asked for can hold nothing of the user's
        return InboxPage(cases=[], count=0)
    # Django's own compiled UNION, its values still parameters.
    chosen_sql = (
        f"SELECT pk, COUNT(*) OVER () FROM ({sql}) AS waiting "  # noqa: S608
        f"ORDER BY {_URGENCY_SQL} LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(chosen_sql, [*params, limit, offset])
        chosen = cursor.fetchall()
    if not chosen:
        return InboxPage(cases=[], count=0 if offset == 0 else None)
    cases = Case.objects.filter(pk__in=[pk for pk, _total in chosen])
    return InboxPage(
        cases=list(
            annotate_due_status(cases, dates.today, until=dates.soon_until)
            .select_related("unit", "assignee")
            .order_by(*URGENCY)
        ),
        count=chosen[0][1],
    )


@dataclass(frozen=True)
class InboxSummary:
    waiting: list[WaitingRow]
    cases: list[InboxRow]
    case_count: int

    @property
    def is_empty(self) -> bool:
        return not (self.waiting or self.case_count)


def inbox_summary(user, *, limit: int = SUMMARY_CASES, dates: DueDates | None = None) -> InboxSummary:
    """Everything waiting for `user` and their `limit` most urgent cases, with how many
    cases there are in all (inbox_page), and what casework.waiting asks."""
    dates = dates or DueDates.now()
    page = inbox_page(user, dates, limit=limit)
    return InboxSummary(
        waiting=waiting_rows(user, today=dates.today, soon_until=dates.soon_until),
        cases=[case_row(case) for case in page.cases],
        case_count=page.count,
    )
