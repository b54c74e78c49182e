"""The public statistics page (/statistik/?bulan=2026-03; default the last complete month),
with its PDF (?format=pdf) and workbook (?format=xlsx). No login: it says only what
reports/public_stats.py lets anyone read. A value that is not a month, or a month still
to come, is answered with the form and its message (400), never with other figures.
"""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from casework.reporting import Period

from .formats import requested_format, respond
from .monthly_forms import MonthForm
from .public_stats import complaint_list_link
from .public_stats_cache import counted_document, kept_document

TEMPLATE = "reports/public/statistics.html"


@require_safe
def statistics(request):
    form = MonthForm(request.GET)
    if not form.is_valid():
        return render(request, TEMPLATE, {"form": form}, status=400)
    period = form.cleaned_data["bulan"]
    today = timezone.localdate()
    this_month = Period.month(today.year, today.month)
    following = Period.month(*_next(period.end.year, period.end.month))
    counted = counted_document(period)
    context = {
        "counted_at": counted.counted_at,
        "document_html": counted.body_html,
        "form": MonthForm(initial={"bulan": period.slug}),
        "period": period,
        "download_query": urlencode({"bulan": period.slug}),
        "is_current_month": period == this_month,
        "previous_url": f"?{urlencode({'bulan': period.previous().slug})}",
        "previous_label": period.previous().label,
        "next_url": f"?{urlencode({'bulan': following.slug})}" if following.start <= today else "",
        "next_label": following.label,
        "complaint_list": complaint_list_link(period),
    }
    fmt = requested_format(request)
    document = counted.document if fmt not in ("pdf", "xlsx") else kept_document(period)
    return respond(request, document, fmt, template=TEMPLATE, context=context)


def _next(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)
