"""The requests a Pimpinan or Inspektorat member decides (/staf/akun/persetujuan/): a
case-reading role for someone, or the reset of someone's second factor.

For each only what the decision needs: whose account, which change, who asked, why, and
until when. A request the user may not decide (their own, one about their own account,
one their role does not approve) is not found (404). Mounted under /staf/, so only a
session verified with the second factor gets here; the service checks it again.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import access_requests, selectors
from ..decorators import otp_verified_required
from ..forms import DecisionForm

DECISIONS = {"setujui": access_requests.access_request_approve, "tolak": access_requests.access_request_refuse}


def _page(request, *, status=200, bound=None):
    rows = []
    for item in selectors.pending_approvals_for(request.user):
        form = bound if bound is not None and bound.prefix == f"p{item.pk}" else DecisionForm(prefix=f"p{item.pk}")
        rows.append({"request": item, "form": form})
    return render(request, "accounts/approvals.html", {"rows": rows}, status=status)


@otp_verified_required
def approvals_view(request):
    """The requests waiting for this user's decision."""
    if not access_requests.may_approve_anything(request.user):
        raise Http404
    return _page(request)


@require_POST
@otp_verified_required
def decide_view(request, request_id, decision):
    if decision not in DECISIONS:
        raise Http404
    item = next((r for r in selectors.pending_approvals_for(request.user) if r.pk == request_id), None)
    if item is None:
        raise Http404
    form = DecisionForm(request.POST, prefix=f"p{item.pk}")
    if not form.is_valid():
        return _page(request, status=400, bound=form)
    try:
        DECISIONS[decision](access_request=item, actor=request.user, note=form.cleaned_data["note"], request=request)
    except ValidationError as exc:
        for message in exc.messages:
            form.add_error(None, message)
        return _page(request, status=400, bound=form)
    except PermissionDenied as exc:
        form.add_error(None, str(exc))
        return _page(request, status=403, bound=form)
    if decision == "setujui":
        messages.success(request, _("Disetujui: %(what)s.") % {"what": item})
    else:
        messages.success(request, _("Ditolak: %(what)s.") % {"what": item})
    return redirect("accounts_staff:approvals")
