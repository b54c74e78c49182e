"""The staff monthly follow-up report (/staf/laporan/bulanan/?bulan=2026-03&area=pengaduan)
and the UPG recap (/staf/laporan/bulanan/rekap-upg/?periode=2026-S1), each as a page, a
PDF (?format=pdf) and a workbook (?format=xlsx) of the same Document.

Who reads which area is reports.access: anyone who reads no area, or asks for an area
that is not theirs, gets 404 like the kinds' own staff pages. A month that is not one
(or not yet) is answered with the form and its message (400), never with figures.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from casework.kinds import get_kind
from casework.reporting import Period

from . import access
from .formats import answer_format, requested_format, respond
from .jobs.downloads import background_download
from .monthly import monthly_document
from .monthly_forms import MonthlyReportForm, RecapPeriodForm
from .sections.upg_recap import recap_document

TEMPLATE = "reports/monthly/page.html"
RECAP_TEMPLATE = "reports/monthly/upg_recap.html"


@login_required
@require_safe
def monthly_report(request):
    areas = access.require_any_area(request.user)
    asked = request.GET.get("area", "")
    if asked in access.AREAS and asked not in areas:
        raise Http404
    choices = [(area, str(get_kind(area).label)) for area in areas]
    # Every field may be left empty (the last complete month, the first area).
    form = MonthlyReportForm(request.GET, areas=choices)
    if not form.is_valid():
        return render(request, TEMPLATE, {"form": form, "areas": choices}, status=400)
    period, area = form.cleaned_data["bulan"], form.cleaned_data["area"]
    access.require_area(request.user, area)
    params = {"bulan": period.slug, "area": area}
    context = {
        "form": MonthlyReportForm(initial=params, areas=choices),
        "period": period,
        "download_query": urlencode(params),
        "previous_url": f"?{urlencode({**params, 'bulan': period.previous().slug})}",
        "recap_url": reverse("reports:upg_recap") if access.may_read_upg_recap(request.user) else "",
    }
    document = monthly_document(area, period, user=request.user)
    return respond(request, document, requested_format(request), template=TEMPLATE, context=context)


@login_required
@require_safe
def upg_recap(request):
    if not access.may_read_upg_recap(request.user):
        raise Http404
    form = RecapPeriodForm(request.GET)
    if not form.is_valid():
        return render(request, RECAP_TEMPLATE, {"form": form}, status=400)
    period = form.cleaned_data["periode"]
    # A semester's recap is made in the background (reports.jobs); a month's at once.
    background = background_download("rekap_upg", period)
    context = {
        "form": RecapPeriodForm(initial={"periode": period.slug}),
        "period": period,
        "download_query": urlencode({"periode": period.slug}),
        "periods": [
            {"label": item.label, "url": f"?periode={item.slug}", "current": item == period} for item in _recent(period)
        ],
    }
    fmt = answer_format(request, background)
    return respond(
        request, recap_document(period), fmt, template=RECAP_TEMPLATE, context=context, background=background
    )


def _recent(period: Period) -> list[Period]:
    """The periods the recap page offers as links: the semester of `period` and the one
    before it, and the months of the semester."""
    semester = Period.semester(period.start.year, 1 if period.start.month <= 6 else 2)
    today = timezone.localdate()
    return [item for item in (semester.previous(), semester, *semester.months()) if item.start <= today]
