"""The reads behind the UPG's declaration list: which declarations an officer may see,
filtered and searched, and the rows of one page, loaded with their columns only so the
query count stays the same whatever the page or the table size."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet

from casework import access, list_search, sla
from casework.lists import CASE_ROW_COLUMNS, DEFAULT_LIST_ORDER, LIST_ORDERINGS, filter_due_and_opened
from casework.models import Case
from casework.reporting import Period

from .forms_staff_list import LATE_ANY, LATE_KPK, LATE_UPG
from .models import Gratifikasi
from .policy import GratifikasiPolicy

KIND = "gratifikasi"

_LATE_FILTERS = {
    LATE_UPG: Q(gratifikasi__terlambat_upg=True),
    LATE_KPK: Q(gratifikasi__terlambat_kpk=True),
    LATE_ANY: Q(gratifikasi__terlambat_upg=True) | Q(gratifikasi__terlambat_kpk=True),
}
# What a row shows; only the declarant's name (as declared) is decrypted.
_LIST_COLUMNS = (
    *CASE_ROW_COLUMNS,
    "assignee__full_name",
    "assignee__username",
    "gratifikasi__nama",
    "gratifikasi__jenis_laporan",
    "gratifikasi__jenis_penerimaan",
    "gratifikasi__nilai",
    "gratifikasi__tanggal_terima",
    "gratifikasi__terlambat_upg",
    "gratifikasi__terlambat_kpk",
    "gratifikasi__unit_kerja__name",
)


def may_handle(user) -> bool:
    """Whether `user` opens the UPG's list and custody register (anyone else: 404): the
    roles that handle declarations (gratifikasi.policy)."""
    roles = GratifikasiPolicy.handler_roles
    return bool(user and user.is_authenticated and user.is_active and user.has_role(*roles))


def _matching(term: list_search.SearchTerm) -> tuple[list[QuerySet], Q]:
    """Declarations the search term finds (casework.list_search): by their reference, UPG
    registration number or KPK reference containing it, ignoring case (the numbers stored
    in clear); by the declarant's NIP, stored in clear; and by the declarant's NIK,
    telephone, e-mail or name or the giver's name, exactly, through their keyed digests
    (casework.person_lookup). One lookup each, and the same as a condition on a row, for
    casework.list_search.narrow."""
    found, per_row = [], Q(pk__in=[])
    if term.finds_numbers:
        found.append(Case.objects.filter(kind=KIND, reference__icontains=term.text).values("pk"))
        # Not empty: what the numbers' partial trigram indexes hold (migration 0008).
        registered = Gratifikasi.objects.exclude(nomor_registrasi_upg="")
        found.append(registered.filter(nomor_registrasi_upg__icontains=term.text).values("pk"))
        found.append(Gratifikasi.objects.exclude(kpk_nomor="").filter(kpk_nomor__icontains=term.text).values("pk"))
        per_row |= (
            Q(reference__icontains=term.text)
            | Q(gratifikasi__nomor_registrasi_upg__icontains=term.text)
            | Q(gratifikasi__kpk_nomor__icontains=term.text)
        )
    if term.kind == list_search.NIP:
        found.append(Gratifikasi.objects.filter(nip=term.value).values("pk"))
        per_row |= Q(gratifikasi__nip=term.value)
    person = Gratifikasi.lookup_q(term.kind, term.value)
    if person is not None:
        found.append(Gratifikasi.objects.filter(person).values("pk"))
        per_row |= list_search.through("gratifikasi", person)
    return found, per_row


def declaration_list(
    user,
    *,
    state: str = "",
    jenis_laporan: str = "",
    jenis_penerimaan: str = "",
    late: str = "",
    due: str = "",
    received_from: date | None = None,
    received_until: date | None = None,
    received: Period | None = None,
    finished: str = "",
    search: str = "",
    order: str = DEFAULT_LIST_ORDER,
    today: date | None = None,
) -> QuerySet[Case]:
    """The declarations `user` may see (casework.access: the policy, which leaves out
    their own, and recusal), filtered and sorted, as case rows. Page it by its keys and
    load each page with declaration_list_rows."""
    cases = access.visible_cases(user, kind=KIND)
    if state:
        cases = cases.filter(state=state)
    if jenis_laporan:
        cases = cases.filter(gratifikasi__jenis_laporan=jenis_laporan)
    if jenis_penerimaan:
        cases = cases.filter(gratifikasi__jenis_penerimaan=jenis_penerimaan)
    if late:
        cases = cases.filter(_LATE_FILTERS[late])
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


def declaration_list_rows(keys, *, order: str = DEFAULT_LIST_ORDER, today: date | None = None) -> QuerySet[Case]:
    """The declarations whose keys are `keys` (one page of declaration_list), in the
    list's order, with the due status, the assignee and the declaration's own columns in
    `case.gratifikasi`. One query."""
    cases = sla.annotate_due_status(Case.objects.filter(pk__in=keys), today=today)
    return (
        cases.select_related("assignee", "gratifikasi__unit_kerja")
        .only(*_LIST_COLUMNS)
        .order_by(*LIST_ORDERINGS[order])
    )
