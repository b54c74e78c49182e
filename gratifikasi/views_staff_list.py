"""The UPG's declaration list (/staf/gratifikasi/): every declaration the signed-in
Petugas UPG may handle (all but their own), filtered, searched by number, sorted and
paginated, at a query count that does not grow with the page or the table.

Anyone else gets "not found", the Pimpinan included: they read the recap
(views_summary), never a single declaration (gratifikasi.policy).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from casework import access, sla
from casework.lists import DEFAULT_LIST_ORDER, LIST_ORDERINGS, KeysFirstPaginator, filter_due_and_opened, sort_links
from casework.models import Case

from .choices import JenisLaporan, JenisPenerimaan
from .forms_staff_list import LATE_ANY, LATE_KPK, LATE_UPG, DeclarationListFilterForm
from .models import Gratifikasi
from .policy import GratifikasiPolicy

KIND = "gratifikasi"
TEMPLATE = "gratifikasi/staff/list.html"

_LATE_FILTERS = {
    LATE_UPG: Q(gratifikasi__terlambat_upg=True),
    LATE_KPK: Q(gratifikasi__terlambat_kpk=True),
    LATE_ANY: Q(gratifikasi__terlambat_upg=True) | Q(gratifikasi__terlambat_kpk=True),
}
# What a row shows; only the declarant's name (as declared) is decrypted.
_LIST_COLUMNS = (
    "kind",
    "reference",
    "state",
    "opened_at",
    "closed_at",
    "due_date",
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


def _matching_numbers(search: str) -> QuerySet:
    """Declarations whose reference, UPG registration number or KPK reference contains
    `search` (ignoring case): the only numbers stored in clear."""
    by_reference = Case.objects.filter(kind=KIND, reference__icontains=search).values("pk")
    by_upg = Gratifikasi.objects.filter(nomor_registrasi_upg__icontains=search).values("pk")
    by_kpk = Gratifikasi.objects.filter(kpk_nomor__icontains=search).values("pk")
    return by_reference.union(by_upg, by_kpk)


def declaration_list(
    user,
    *,
    state: str = "",
    jenis_laporan: str = "",
    jenis_penerimaan: str = "",
    late: str = "",
    due: str = "",
    opened_from: date | None = None,
    opened_until: date | None = None,
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
    cases = filter_due_and_opened(cases, due=due, opened_from=opened_from, opened_until=opened_until, today=today)
    search = " ".join((search or "").split())
    if search:
        cases = cases.filter(pk__in=_matching_numbers(search))
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


@dataclass(frozen=True)
class ListRow:
    case: Case
    declaration: Gratifikasi
    url: str
    state_label: str
    jenis_laporan_label: str
    jenis_penerimaan_label: str


def _label(choices, value) -> str:
    return choices(value).label if value in choices.values else value


#: The list's narrow column says only which of the two reports it is.
_SHORT_LAPORAN = {JenisLaporan.PENERIMAAN: _("Penerimaan"), JenisLaporan.PENOLAKAN: _("Penolakan")}


def _row(case: Case) -> ListRow:
    declaration = case.gratifikasi
    return ListRow(
        case=case,
        declaration=declaration,
        url=reverse("gratifikasi_staff:detail", args=[case.pk]),
        state_label=case.kind_spec.state_label(case.state),
        jenis_laporan_label=_SHORT_LAPORAN.get(declaration.jenis_laporan, declaration.jenis_laporan),
        jenis_penerimaan_label=_label(JenisPenerimaan, declaration.jenis_penerimaan),
    )


@require_safe
@login_required
def declaration_list_page(request):
    if not may_handle(request.user):
        raise Http404
    form = DeclarationListFilterForm(request.GET)
    context = {"form": form, "rows": []}
    if not form.is_valid():
        # Never the unfiltered list under filters the user believes applied.
        return render(request, TEMPLATE, context, status=400)
    order = form.order()
    paginator = KeysFirstPaginator(
        declaration_list(request.user, **form.selector_kwargs()),
        form.page_size(),
        load=lambda keys: declaration_list_rows(keys, order=order),
    )
    page = paginator.get_page(request.GET.get("page"))
    context.update(
        {
            "page": page,
            "rows": [_row(case) for case in page],
            "filtered": form.is_narrowed(),
            "sort": sort_links(order),
        }
    )
    return render(request, TEMPLATE, context)
