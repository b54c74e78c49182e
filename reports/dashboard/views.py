"""The dashboard page (/staf/laporan/dasbor/) and the download of its statistics. The second
factor is required by the path (accounts.middleware); the roles here (access.py);
everyone else gets 403."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from casework.inbox import DueDates, inbox_summary

from ..jobs import request_file
from . import statistics
from .access import may_see_dashboard
from .counts import dashboard_counts
from .forms import StatisticsFileForm
from .page import dashboard_for

TEMPLATE = "reports/dashboard/dashboard.html"


def _refuse_others(user) -> None:
    if not may_see_dashboard(user):
        raise PermissionDenied(_("Dasbor ini untuk Pimpinan, Tim ZI / TPI, dan Inspektorat."))


def _page(request, form, status=200):
    # "Due soon" is one threshold for the figures and the inbox beside them.
    dates = DueDates.now()
    counts = dashboard_counts(dates.today, soon_until=dates.soon_until)
    context = {
        "dashboard": dashboard_for(counts, request.user),
        "download_form": form,
        # What waits for the reader, beside the summary: the Pimpinan lands here.
        "inbox": inbox_summary(request.user, dates=dates),
    }
    return render(request, TEMPLATE, context, status=status)


@require_safe
@login_required
def dashboard(request):
    _refuse_others(request.user)
    return _page(request, StatisticsFileForm(today=timezone.localdate()))


@require_POST
@login_required
def statistics_file(request):
    """Have the statistics of a semester or a year made in the background (reports.jobs)."""
    _refuse_others(request.user)
    form = StatisticsFileForm(request.POST, today=timezone.localdate())
    if not form.is_valid():
        return _page(request, form, status=400)
    return request_file(
        request,
        report_key=statistics.REPORT_KEY,
        period=form.period(),
        fmt=form.cleaned_data["format"],
        build=statistics.BUILD,
    )
