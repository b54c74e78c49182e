"""What the Kotak Masuk shows a person: the open cases waiting for their work (across
kinds, casework.access.inbox_cases) and the other things waiting for them
(casework.waiting), both most urgent first. The inbox page shows all of it; a landing
page of another app (the Pimpinan's dashboard) shows a summary beside its own content.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, QuerySet

from .access import inbox_cases
from .models import Case
from .sla import annotate_due_status
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


def urgent_cases(user) -> QuerySet[Case]:
    """The user's inbox cases with their due status, nearest due date first, undated last."""
    return (
        annotate_due_status(inbox_cases(user))
        .select_related("unit", "assignee")
        .order_by(F("due_date").asc(nulls_last=True), "opened_at", "pk")
    )


@dataclass(frozen=True)
class InboxSummary:
    waiting: list[WaitingRow]
    cases: list[InboxRow]
    case_count: int

    @property
    def is_empty(self) -> bool:
        return not (self.waiting or self.case_count)


def inbox_summary(user, *, limit: int = SUMMARY_CASES) -> InboxSummary:
    """Everything waiting for `user` and their `limit` most urgent cases, with how many
    cases there are in all (the providers' queries and two more)."""
    cases = urgent_cases(user)
    rows = [case_row(case) for case in cases[:limit]]
    count = len(rows) if len(rows) < limit else cases.count()
    return InboxSummary(waiting=waiting_rows(user), cases=rows, case_count=count)
