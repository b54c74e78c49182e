"""The reads behind the staff list of conflict cases: which cases the user may see,
filtered and searched, and the rows of one page, loaded with their columns only so the
query count stays the same whatever the page or the table size."""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet

from casework import access, list_search, sla
from casework.lists import CASE_ROW_COLUMNS, DEFAULT_LIST_ORDER, LIST_ORDERINGS, filter_due_and_opened
from casework.models import Case
from casework.reporting import Period

from .models import Benturan

KIND = "benturan"
#: Whom the list's search finds: the official, and the employees named among the other
#: parties, by their account's NIP, e-mail or full name (stored in clear on accounts).
PERSON_SEARCH = frozenset({list_search.NIP, list_search.EMAIL, list_search.NAME})
_ACCOUNT_FIELDS = {list_search.NIP: "nip", list_search.EMAIL: "email__iexact", list_search.NAME: "full_name__iexact"}

# What a row shows; only the title (the matter) is decrypted.
_LIST_COLUMNS = (
    *CASE_ROW_COLUMNS,
    "title",
    "unit__name",
    "benturan__asal",
    "benturan__jenis",
    "benturan__sumber",
    "benturan__pejabat__full_name",
    "benturan__pejabat__username",
    "benturan__atasan__full_name",
    "benturan__atasan__username",
)


def case_list(
    user,
    *,
    state: str = "",
    sumber: str = "",
    jenis: str = "",
    asal: str = "",
    unit=None,
    due: str = "",
    received_from: date | None = None,
    received_until: date | None = None,
    received: Period | None = None,
    finished: str = "",
    search: str = "",
    order: str = DEFAULT_LIST_ORDER,
    today: date | None = None,
) -> QuerySet[Case]:
    """The conflict cases `user` may see (casework.access: the policy, which leaves out
    those they are a party to, and recusal), filtered and sorted, as case rows. `unit`
    includes the units below it. Page it by its keys and load each page with case_list_rows."""
    cases = access.visible_cases(user, kind=KIND)
    if state:
        cases = cases.filter(state=state)
    for field, value in (("sumber", sumber), ("jenis", jenis), ("asal", asal)):
        if value:
            cases = cases.filter(**{f"benturan__{field}": value})
    if unit is not None:
        cases = cases.filter(unit_id__in=unit.descendant_ids())
    cases = filter_due_and_opened(
        cases,
        due=due,
        received_from=received_from,
        received_until=received_until,
        received=received,
        finished=finished,
        today=today,
    )
    term = list_search.guess(search)
    if term is not None:
        cases = list_search.narrow(cases, *_matching(term))
    return cases.order_by(*LIST_ORDERINGS[order])


def _matching(term: list_search.SearchTerm) -> tuple[list[QuerySet], Q]:
    """The cases the search term finds (casework.list_search): by their reference
    containing it, ignoring case; and by the official or an employee named among the
    other parties whose account has that NIP, e-mail or full name (ignoring case). One
    lookup each, and the same as a condition on a row, for casework.list_search.narrow."""
    found, per_row = [], Q(pk__in=[])
    if term.finds_numbers:
        found.append(Case.objects.filter(kind=KIND, reference__icontains=term.text).values("pk"))
        per_row |= Q(reference__icontains=term.text)
    if term.kind in _ACCOUNT_FIELDS:
        value = term.value if term.kind != list_search.NAME else term.text
        accounts = get_user_model().objects.filter(**{_ACCOUNT_FIELDS[term.kind]: value}).values("pk")
        named = [
            Benturan.objects.filter(pejabat__in=accounts).values("pk"),
            Benturan.objects.filter(pihak_pegawai__in=accounts).values("pk"),
        ]
        found.extend(named)
        # On the row itself, read case by case (the official on the kind's row, the other
        # parties asked per case, so no case repeats per party): given as the sets of
        # keys, the database tested every case of the table against them, even to check
        # the newest 2,000 (140 ms at a million cases).
        parties = Benturan.pihak_pegawai.through.objects.filter(benturan_id=OuterRef("pk"), user__in=accounts)
        per_row |= Q(benturan__pejabat__in=accounts) | Q(Exists(parties))
    return found, per_row


def case_list_rows(keys, *, order: str = DEFAULT_LIST_ORDER, today: date | None = None) -> QuerySet[Case]:
    """The cases whose keys are `keys` (one page of case_list), in the list's order, with
    the due status, the unit and the case's own columns in `case.benturan`. One query."""
    cases = sla.annotate_due_status(Case.objects.filter(pk__in=keys), today=today)
    return (
        cases.select_related("unit", "benturan__pejabat", "benturan__atasan")
        .only(*_LIST_COLUMNS)
        .order_by(*LIST_ORDERINGS[order])
    )
