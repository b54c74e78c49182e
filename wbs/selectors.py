"""Reads of WBS reports that span relations; services, views and tasks call these."""

from __future__ import annotations

from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet

from accounts import roles
from casework import access, list_search, named_persons, sla
from casework.lists import CASE_ROW_COLUMNS, DEFAULT_LIST_ORDER, LIST_ORDERINGS, filter_due_and_opened
from casework.models import Case, NamedPerson, Recusal
from casework.reporting import Period

from .choices import StatusPermintaan
from .identity import DECIDER_ROLES
from .models import IdentityAccessRequest, LaporanWbs


def laporan_visible_to(user) -> QuerySet[LaporanWbs]:
    """Every report `user` may see (policy, reported-person exclusion and recusal applied
    by casework.access)."""
    return LaporanWbs.objects.filter(pk__in=access.visible_cases(user, kind="wbs").values("pk"))


def reported_persons(laporan, *, from_reporter: bool | None = None) -> QuerySet[NamedPerson]:
    """The people the report names, in the order given; with from_reporter=True only
    those the reporter named (what the reporter's page shows)."""
    return named_persons.persons_of(laporan, from_reporter=from_reporter)


def identity_requests(laporan) -> QuerySet[IdentityAccessRequest]:
    """The identity requests of a report, newest first, for its handlers' page."""
    return IdentityAccessRequest.objects.filter(laporan_id=laporan.pk).select_related("requested_by", "decided_by")


def requests_to_decide(user) -> QuerySet[IdentityAccessRequest]:
    """Pending identity requests `user` may decide (a Pimpinan or Inspektorat member's
    list), oldest first: never their own, never on a report naming them or one they are
    recused from, and for a Pimpinan never one handled by the Inspektorat."""
    if not (user and user.is_authenticated and user.is_active):
        return IdentityAccessRequest.objects.none()
    routings = [routing for routing, allowed in DECIDER_ROLES.items() if user.has_role(*allowed)]
    if not routings:
        return IdentityAccessRequest.objects.none()
    recused = Recusal.objects.filter(case_id=OuterRef("laporan_id"), user=user)
    named = NamedPerson.objects.filter(
        case_id=OuterRef("laporan_id"), akun_digest=named_persons.account_digest(user.pk)
    )
    return (
        IdentityAccessRequest.objects.filter(status=StatusPermintaan.MENUNGGU, laporan__penanganan__in=routings)
        .exclude(requested_by=user)
        .exclude(Q(Exists(recused)) | Q(Exists(named)))
        .select_related("laporan", "requested_by")
        .order_by("created_at", "id")
    )


# --- The handlers' list ---------------------------------------------------------------------

#: Staff roles that open the WBS list (each sees the reports routed to it).
LIST_ROLES = (roles.PENGELOLA_WBS, roles.INSPEKTORAT)
# What a row shows; nothing else is read, and only the title is decrypted.
_LIST_COLUMNS = (*CASE_ROW_COLUMNS, "title")
_LIST_RELATED = ("assignee__full_name", "assignee__username", "laporanwbs__kategori", "laporanwbs__penanganan")


def may_list(user) -> bool:
    """Whether the WBS list opens for `user` (anyone else gets "not found")."""
    return bool(user and user.is_authenticated and user.is_active and user.has_role(*LIST_ROLES))


def laporan_list(
    user,
    *,
    state: str = "",
    kategori: str = "",
    due: str = "",
    received_from: date | None = None,
    received_until: date | None = None,
    received: Period | None = None,
    finished: str = "",
    search: str = "",
    order: str = DEFAULT_LIST_ORDER,
    today: date | None = None,
) -> QuerySet[Case]:
    """The reports `user` may see (casework.access: the policy, the reported-person
    exclusion and recusal), filtered and sorted for the handlers' list, as case rows.

    Everything the reporter wrote is encrypted, so the search looks at the reference
    number only. The opening dates are local calendar days, both included. Page it by
    its keys (casework.lists.KeysFirstPaginator) and load each page's rows
    with laporan_list_rows.
    """
    cases = access.visible_cases(user, kind="wbs")
    if state:
        cases = cases.filter(state=state)
    if kategori:
        cases = cases.filter(laporanwbs__kategori=kategori)
    cases = filter_due_and_opened(
        cases,
        due=due,
        received_from=received_from,
        received_until=received_until,
        received=received,
        finished=finished,
        today=today,
    )
    search = " ".join((search or "").split())
    if search:
        by_number = Case.objects.filter(kind="wbs", reference__icontains=search)
        cases = list_search.narrow(cases, [by_number.values("pk")], Q(reference__icontains=search))
    return cases.order_by(*LIST_ORDERINGS[order])


def laporan_list_rows(keys, *, order: str = DEFAULT_LIST_ORDER, today: date | None = None) -> QuerySet[Case]:
    """The reports whose keys are `keys` (one page of laporan_list), in the list's order,
    with the due status, the assignee and the report's own columns. One query."""
    cases = sla.annotate_due_status(Case.objects.filter(pk__in=keys), today=today)
    return (
        cases.select_related("laporanwbs", "assignee")
        .only(*_LIST_COLUMNS, *_LIST_RELATED)
        .order_by(*LIST_ORDERINGS[order])
    )
