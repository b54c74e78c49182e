"""The risk map's pages under /staf/register-benturan/peta-risiko/: the list of entries (filtered by
unit, level, what is mapped and overdue reviews), one entry with its whole history, and
the Tim's forms to record, change and review an entry.

Who reads what is benturan.registers_access: every unit for the Tim, the Inspektorat, the
Pimpinan and the Tim ZI / TPI, their own units for a unit head; anyone else gets 404. Only
the Tim changes anything. A refused form comes back with everything typed kept.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from accounts.models import UnitKerja
from casework.forms_case import add_service_errors

from . import risk_map, risk_scale, services_risk_map
from .forms_risk_map import RiskChangeForm, RiskEntryForm, RiskMapFilterForm, RiskReviewForm
from .registers_access import Scope, may_keep_risk_map, register_scope

PAGE_SIZE = 25


def _scope(request) -> Scope:
    scope = register_scope(request.user)
    if scope is None:
        raise Http404
    return scope


def _keeper(request) -> None:
    if not may_keep_risk_map(request.user):
        raise Http404


def matrix_legend() -> list[dict]:
    """The 5 × 5 matrix as the pages show it: each row of likelihood with its cells' levels."""
    return [
        {
            "kemungkinan": risk_scale.KEMUNGKINAN[k],
            "cells": [{"dampak": d, "level": risk_scale.level(k, d)} for d in risk_scale.SCALE],
        }
        for k in reversed(risk_scale.SCALE)
    ]


@login_required
@require_safe
def entry_list(request):
    scope = _scope(request)
    units = UnitKerja.objects.order_by("name")
    if not scope.every_unit:
        units = units.filter(pk__in=scope.unit_ids)
    form = RiskMapFilterForm(request.GET, units=units)
    context = {"form": form, "rows": [], "may_keep": may_keep_risk_map(request.user), "today": timezone.localdate()}
    if not form.is_valid():
        return render(request, "benturan/registers/risk_map_list.html", context, status=400)
    rows = risk_map.entries(scope, **form.selector_kwargs())
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context.update({"page": page, "rows": list(page), "filtered": form.is_narrowed(), "legend": matrix_legend()})
    return render(request, "benturan/registers/risk_map_list.html", context)


@login_required
@require_safe
def entry_detail(request, pk: int):
    entry = risk_map.get_entry(_scope(request), pk)
    context = {
        "entry": entry,
        "history": risk_map.history(entry),
        "may_keep": may_keep_risk_map(request.user),
        "overdue": entry.review_overdue(),
    }
    return render(request, "benturan/registers/risk_map_entry.html", context)


def _form_page(request, form, *, title, action, entry=None, status=200):
    context = {"form": form, "title": title, "action": action, "entry": entry, "legend": matrix_legend()}
    return render(request, "benturan/registers/risk_map_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def entry_create(request):
    _keeper(request)
    title = _("Catat entri peta risiko")
    if request.method != "POST":
        return _form_page(request, RiskEntryForm(), title=title, action="create")
    form = RiskEntryForm(request.POST)
    if form.is_valid():
        try:
            entry = services_risk_map.peta_risiko_create(actor=request.user, data=form.entry_data(), request=request)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Entri peta risiko dicatat."))
            return redirect("benturan_register:risk_map_entry", pk=entry.pk)
    return _form_page(request, form, title=title, action="create", status=400)


def _edit_view(form_class, *, title, action, service, note_field: str, success: str):
    """The GET/POST view that changes or reviews one entry through `service`."""

    @login_required
    @require_http_methods(["GET", "HEAD", "POST"])
    def view(request, pk: int):
        _keeper(request)
        entry = risk_map.get_entry(_scope(request), pk)
        if request.method != "POST":
            form = form_class(initial=form_class.initial_of(entry))
            return _form_page(request, form, title=title, action=action, entry=entry)
        form = form_class(request.POST)
        if form.is_valid():
            try:
                service(
                    entry=entry,
                    actor=request.user,
                    data=form.entry_data(),
                    request=request,
                    **{note_field: form.cleaned_data[note_field]},
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, success)
                return redirect("benturan_register:risk_map_entry", pk=entry.pk)
        return _form_page(request, form, title=title, action=action, entry=entry, status=400)

    return view


entry_change = _edit_view(
    RiskChangeForm,
    title=gettext_lazy("Ubah entri peta risiko"),
    action="change",
    service=services_risk_map.peta_risiko_change,
    note_field="alasan",
    success=gettext_lazy("Perubahan dicatat sebagai versi baru."),
)
entry_review = _edit_view(
    RiskReviewForm,
    title=gettext_lazy("Tinjau entri peta risiko"),
    action="review",
    service=services_risk_map.peta_risiko_review,
    note_field="hasil",
    success=gettext_lazy("Tinjauan dicatat."),
)
