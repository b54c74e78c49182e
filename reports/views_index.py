"""/staf/laporan/: the reports this person may open (reports.catalog). Like every staff
page it needs the second factor (casework.middleware)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from . import catalog


@login_required
@require_safe
def index(request):
    entries = catalog.entries_for(request.user)
    if not entries:
        raise Http404
    return render(request, "reports/index.html", {"entries": entries})
