"""The implementation matrix (/staf/register-benturan/matrik/) and its XLSX export
(/staf/register-benturan/matrik/unduh/): the conflict cases the user may see, filtered by year,
unit, state, control and source; the export holds every row the filters select (not only
the page shown), with the page's columns. Offered to whoever the staff list of conflict
cases is offered to (benturan.policy.may_open_list); anyone else gets 404. Each export is
in the audit log, with its filters."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from security import audit

from . import matrix, matrix_xlsx
from .forms_matrix import MatrixFilterForm
from .policy import POLICY

PAGE_SIZE = 25
TEMPLATE = "benturan/registers/matrix.html"


def _form(request) -> MatrixFilterForm:
    if not POLICY.may_open_list(request.user):
        raise Http404
    return MatrixFilterForm(request.GET)


def _shown(value) -> dict:
    """A cell as the page writes it: dates in words with their ISO form for <time>."""
    if isinstance(value, date):
        return {"date": value}
    return {"text": value if value not in (None, "") else "—"}


@login_required
@require_safe
def matrix_page(request):
    form = _form(request)
    context = {"form": form, "rows": [], "header": matrix.header()}
    if not form.is_valid():
        return render(request, TEMPLATE, context, status=400)
    page = Paginator(matrix.matrix_cases(request.user, **form.selector_kwargs()), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [
        {
            "url": reverse("benturan_staff:detail", args=[row.case.pk]),
            "cells": [_shown(value) for value in matrix.cells(row)],
        }
        for row in matrix.rows(page)
    ]
    query = request.GET.copy()
    query.pop("page", None)
    context.update(
        {
            "page": page,
            "rows": rows,
            "filtered": form.is_narrowed(),
            "export_url": reverse("benturan_register:matrix_export") + (f"?{query.urlencode()}" if query else ""),
        }
    )
    return render(request, TEMPLATE, context)


@login_required
@require_safe
def matrix_export(request):
    form = _form(request)
    if not form.is_valid():
        return render(request, TEMPLATE, {"form": form, "rows": [], "header": matrix.header()}, status=400)
    cases = matrix.matrix_cases(request.user, **form.selector_kwargs())
    audit.record(
        audit.Event.EXPORT,
        actor=request.user,
        data={"register": "benturan.matrik_implementasi", "filters": request.GET.urlencode()},
        request=request,
    )
    workbook = matrix_xlsx.write(matrix_xlsx.rows_of(cases), title=_("Matrik implementasi"))
    return FileResponse(
        workbook,
        as_attachment=True,
        filename=f"matrik-implementasi-benturan-{timezone.localdate():%Y%m%d}.xlsx",
        content_type=matrix_xlsx.CONTENT_TYPE,
    )
