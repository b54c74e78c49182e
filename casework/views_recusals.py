"""Lifting a recusal (/staf/pengecualian/): the recusals the signed-in user may lift, each
with what the decision needs and nothing of the case's content (its number and kind, who
is recused, why and since when), and a form that lifts it with a written reason
(casework.services.case_recusal_lift). Anyone who may lift none gets "not found"."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import selectors, services
from .views_case import refusal_status, show_refusal


class LiftForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Alasan pengecualian dicabut"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Tercatat di riwayat kasus dan log audit."),
        error_messages={"required": gettext_lazy("Tuliskan alasan pengecualian ini dicabut.")},
    )


def _page(request, *, status=200, bound=None):
    rows = [
        {
            "recusal": recusal,
            "kind": recusal.case.kind_spec.label,
            "form": bound
            if bound is not None and bound.prefix == f"r{recusal.pk}"
            else LiftForm(prefix=f"r{recusal.pk}"),
        }
        for recusal in selectors.liftable_recusals(request.user)
    ]
    return render(request, "casework/recusals.html", {"rows": rows}, status=status)


@login_required
def recusals(request):
    if not selectors.lifter_kinds(request.user):
        raise Http404
    return _page(request)


@login_required
@require_POST
def lift(request, pk):
    recusal = next((r for r in selectors.liftable_recusals(request.user) if r.pk == pk), None)
    if recusal is None:
        raise Http404
    form = LiftForm(request.POST, prefix=f"r{recusal.pk}")
    if not form.is_valid():
        return _page(request, status=400, bound=form)
    try:
        services.case_recusal_lift(
            case=recusal.case,
            actor=request.user,
            user=recusal.user,
            reason=form.cleaned_data["reason"],
            request=request,
        )
    except (PermissionDenied, ValidationError) as exc:
        show_refusal(form, exc)
        return _page(request, status=refusal_status(exc), bound=form)
    messages.success(
        request, _("Pengecualian atas kasus %(reference)s dicabut.") % {"reference": recusal.case.reference}
    )
    return redirect("casework:recusals")
