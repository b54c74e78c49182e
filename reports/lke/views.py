"""The LKE "Penguatan Pengawasan" pages, under /staf/laporan/lke/.

- The year's page (?tahun=2026; this year without one): every item with SIGAP's
  proposal, its evidence, the evaluator's answer and the score, the totals against the
  WBK and WBBM minimums; as PDF and XLSX with ?format=pdf|xlsx (reports.formats).
- An item's page: its proposal and evidence, its history of answers, and for the Tim ZI /
  TPI the form to answer it over the proposal (or to withdraw that answer). A refused
  answer comes back on the same page with what was typed.

Readers: reports.lke.access (anyone else gets 404, as for a page that does not exist).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from casework.forms_case import add_service_errors
from casework.reporting import Period

from ..formats import answer_format, respond
from ..jobs.downloads import background_download
from . import report, selectors, services
from .access import may_override, may_read
from .forms import OverrideForm, WithdrawForm, YearForm


def _reader(request) -> None:
    if not may_read(request.user):
        raise Http404


def page_url(year: int) -> str:
    return f"{reverse('reports:lke')}?{urlencode({'tahun': year})}"


@login_required
@require_safe
def lke_page(request):
    _reader(request)
    form = YearForm(request.GET)
    context = {"form": form, "may_override": may_override(request.user)}
    if not form.is_valid():
        return render(request, "reports/lke/page.html", context, status=400)
    year = form.year()
    evaluation = selectors.evaluate(year)
    context.update({"year": year, "evaluation": evaluation})
    if evaluation is None:
        # No version in force: nothing to score, and no file to offer.
        return render(request, "reports/lke/page.html", context)
    document = report.build(evaluation)
    context["verdict"] = report.verdict(evaluation)
    # A year's files are made in the background (reports.jobs.downloads).
    background = background_download("lke", Period.year(year))
    fmt = answer_format(request, background)
    return respond(request, document, fmt, template="reports/lke/page.html", context=context, background=background)


def _item_or_404(tahun: int, pk: int):
    item = selectors.item_of_year(tahun, pk)
    if item is None:
        raise Http404
    return item


def _item_page(request, *, year, item, override_form=None, withdraw_form=None, status=200):
    result = selectors.evaluate_item(year, item)
    evaluator = may_override(request.user) and not item.is_computed
    context = {
        "year": year,
        "item": item,
        "result": result,
        "proposal_text": report.proposal_text(result),
        "may_override": evaluator,
        "override_form": override_form
        or (
            OverrideForm(item=item, initial={"option": result.chosen.letter if result.chosen else None})
            if evaluator
            else None
        ),
        "withdraw_form": withdraw_form or (WithdrawForm() if evaluator and result.override is not None else None),
        "back_url": page_url(year),
    }
    return render(request, "reports/lke/item.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def lke_item(request, tahun: int, pk: int):
    _reader(request)
    item = _item_or_404(tahun, pk)
    if request.method != "POST":
        return _item_page(request, year=tahun, item=item)
    if not may_override(request.user):
        raise Http404
    form = OverrideForm(request.POST, item=item)
    if form.is_valid():
        try:
            services.lke_answer_override(
                year=tahun,
                item=item,
                option=form.chosen_option(),
                reason=form.cleaned_data["reason"],
                actor=request.user,
                request=request,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Jawaban penilai dicatat; usulan SIGAP tetap ditampilkan di sampingnya."))
            return redirect(f"{page_url(tahun)}#butir-{item.pk}")
    return _item_page(request, year=tahun, item=item, override_form=form, status=400)


@login_required
@require_POST
def lke_item_withdraw(request, tahun: int, pk: int):
    _reader(request)
    item = _item_or_404(tahun, pk)
    if not may_override(request.user):
        raise Http404
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            services.lke_answer_withdraw(
                year=tahun, item=item, reason=form.cleaned_data["reason"], actor=request.user, request=request
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Jawaban penilai ditarik; usulan SIGAP berlaku lagi."))
            return redirect(f"{page_url(tahun)}#butir-{item.pk}")
    return _item_page(request, year=tahun, item=item, withdraw_form=form, status=400)
