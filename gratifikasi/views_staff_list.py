"""The UPG's declaration list (/staf/gratifikasi/): every declaration the signed-in
Petugas UPG may handle (all but their own), filtered, searched by number, sorted and
paginated, at a query count that does not grow with the page or the table.

Anyone else gets "not found", the Pimpinan included: they read the recap
(views_summary), never a single declaration (gratifikasi.policy).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from casework.lists import list_page
from casework.models import Case

from .choices import JenisLaporan, JenisPenerimaan
from .forms_staff_list import DeclarationListFilterForm
from .models import Gratifikasi
from .selectors_list import declaration_list, declaration_list_rows, may_handle

KIND = "gratifikasi"
TEMPLATE = "gratifikasi/staff/list.html"


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
    cases = declaration_list(request.user, **form.selector_kwargs())
    context.update(list_page(request, form, cases, load_rows=declaration_list_rows, row=_row))
    return render(request, TEMPLATE, context)
