"""The public statistics page (/statistik/?bulan=2026-03; default the last complete month),
with its PDF (?format=pdf) and workbook (?format=xlsx). No login: it says only what
reports/public_stats.py lets anyone read. A value that is not a month, or a month still
to come, is answered with the form and its message (400), never with other figures.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from casework.reporting import Period

from .monthly_forms import MonthForm
from .monthly_views import FORMATS
from .public_stats import complaint_list_link, public_document

TEMPLATE = "reports/public/statistics.html"


@require_safe
def statistics(request):
    fmt = request.GET.get("format", "")
    if fmt and fmt not in FORMATS:
        raise Http404
    form = MonthForm(request.GET)
    if not form.is_valid():
        return render(request, TEMPLATE, {"form": form}, status=400)
    period = form.cleaned_data["bulan"]
    document = public_document(period)
    if fmt:
        from .formats import respond

        return respond(request, document, fmt)
    today = timezone.localdate()
    this_month = Period.month(today.year, today.month)
    following = Period.month(*_next(period.end.year, period.end.month))
    context = {
        "form": MonthForm(initial={"bulan": period.slug}),
        "document": document,
        "period": period,
        "is_current_month": period == this_month,
        "previous_url": f"?{urlencode({'bulan': period.previous().slug})}",
        "previous_label": period.previous().label,
        "next_url": f"?{urlencode({'bulan': following.slug})}" if following.start <= today else "",
        "next_label": following.label,
        "downloads": [
            {"format": item, "url": f"{request.path}?{urlencode({'bulan': period.slug, 'format': item})}"}
            for item in FORMATS
        ],
        "complaint_list": complaint_list_link(period),
    }
    return render(request, TEMPLATE, context)


def _next(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)
