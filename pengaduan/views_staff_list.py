"""The staff complaint list (/staf/pengaduan/): every complaint the signed-in user may
see, filtered, searched, sorted and paginated.

Access is the policy's (selectors.may_list, pengaduan_visible_to): handlers and
observers see all complaints, a unit member those dispositioned to their unit, a recused
user never the case they are recused from, and every other role gets 403.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from casework.kinds import get_kind
from casework.models import Case
from casework.views_case import case_url

from . import selectors
from .forms_staff_list import ComplaintListFilterForm
from .models import Pengaduan


@dataclass(frozen=True)
class ListRow:
    case: Case  # reference, state, unit, assignee, dates, due status
    complaint: Pengaduan  # the complaint's own columns: category, channel, LAPOR! ticket
    url: str
    state_label: str


@dataclass(frozen=True)
class SortLink:
    """A sortable column header: the order a click asks for, and the current one (for
    aria-sort) when the list is sorted by this column."""

    next_order: str
    aria_sort: str


# Column → (order when first clicked, {current order: aria-sort value}).
_SORTABLE = {
    "opened": ("terbaru", {"terbaru": "descending", "terlama": "ascending"}),
    "due": ("batas", {"batas": "ascending", "batas_terjauh": "descending"}),
}
_REVERSED = {"terbaru": "terlama", "terlama": "terbaru", "batas": "batas_terjauh", "batas_terjauh": "batas"}


def _sort_links(order: str) -> dict[str, SortLink]:
    links = {}
    for column, (first, states) in _SORTABLE.items():
        current = states.get(order, "")
        links[column] = SortLink(next_order=_REVERSED[order] if current else first, aria_sort=current)
    return links


class KeysFirstPaginator(Paginator):
    """Counts and slices a list on its primary keys alone, then loads the page's rows by
    key with `load(keys)` (which adds the joins, the columns and the order).

    A page deep into a long list then skips its OFFSET over index entries, not over
    joined rows, and the filters are not evaluated again for the rows. Two queries a
    page (the count, and the rows with their keys as a subquery), whatever the page
    size or the length of the list.
    """

    def __init__(self, cases, per_page, *, load):
        super().__init__(cases.values_list("pk", flat=True), per_page)
        self._load = load

    def _get_page(self, keys, number, paginator):
        return super()._get_page(self._load(keys), number, paginator)


def _row(case: Case) -> ListRow:
    return ListRow(
        case=case, complaint=case.pengaduan, url=case_url(case), state_label=case.kind_spec.state_label(case.state)
    )


@require_safe
@login_required
def complaint_list(request):
    if not selectors.may_list(request.user):
        raise PermissionDenied(_("Peran Anda tidak berwenang melihat daftar pengaduan."))
    form = ComplaintListFilterForm(request.GET)
    may_create = get_kind(selectors.KIND).policy.can_create(request.user)
    if not form.is_valid():
        # Showing the unfiltered list under filters the user believes applied would
        # mislead; say what is wrong and keep what they typed.
        context = {"form": form, "rows": [], "may_create": may_create}
        return render(request, "pengaduan/staff/list.html", context, status=400)
    cases = selectors.pengaduan_list(request.user, **form.selector_kwargs())
    order = form.order()
    paginator = KeysFirstPaginator(
        cases, form.page_size(), load=lambda keys: selectors.pengaduan_list_rows(keys, order=order)
    )
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "rows": [_row(case) for case in page],
        "filtered": form.is_narrowed(),
        "sort": _sort_links(order),
        "may_create": may_create,
    }
    return render(request, "pengaduan/staff/list.html", context)
