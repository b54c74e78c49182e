"""The recap of gratifikasi declarations (/staf/gratifikasi/ringkasan/) for a month, a
semester or a range of days: how many were declared, their value by kind, where they
stand, what KPK decided, what became of the objects and how timely the reporting was.

Petugas UPG and the Pimpinan open it (gratifikasi.policy.can_see_recap); for the
Pimpinan it is the only gratifikasi page, since they read aggregates, never a single
declaration. Anyone else gets 404. The figures are database aggregates
(gratifikasi.recap), so the page costs the same whatever the number of declarations.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from . import recap
from .choices import JenisLaporan, JenisPenerimaan, JenisPeristiwa, JenisTindakLanjut, StateGroup, StatusKpk
from .forms_staff_list import RecapPeriodForm
from .policy import can_see_recap
from .views_staff_list import may_handle

TEMPLATE = "gratifikasi/staff/summary.html"


@login_required
@require_safe
def summary(request):
    if not can_see_recap(request.user):
        raise Http404
    form = RecapPeriodForm(request.GET)
    context = {"form": form, "may_handle": may_handle(request.user)}
    if not form.is_valid():
        # No figures under a period the user did not ask for: say what to correct.
        return render(request, TEMPLATE, context, status=400)
    period = form.period()
    figures = recap.recap(start=period.start, end=period.end)
    context.update({"period": period, "recap": figures, **_labelled(figures)})
    return render(request, TEMPLATE, context)


def _rows(values: dict, choices) -> list[tuple[str, object]]:
    """A recap breakdown as (label, figure) rows, in the order of the list of choices."""
    return [(choices(value).label, figure) for value, figure in values.items() if value in choices.values]


def _labelled(figures: recap.Recap) -> dict[str, list]:
    return {
        "laporan_rows": _rows(figures.by_jenis_laporan, JenisLaporan),
        "group_rows": _rows(figures.by_state_group, StateGroup),
        "penerimaan_rows": _rows(figures.by_penerimaan, JenisPenerimaan),
        "peristiwa_rows": _rows(figures.by_peristiwa, JenisPeristiwa),
        "sk_rows": _rows(figures.by_sk_status, StatusKpk),
        "tindak_lanjut_rows": _rows(figures.by_tindak_lanjut, JenisTindakLanjut),
    }
