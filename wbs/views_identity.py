"""The pages of the sealed identity's access-request flow (wbs.identity), under /staf/wbs/.

- The requests a Pimpinan or Inspektorat member may decide
  (/staf/wbs/permintaan-identitas/): for each only what the decision needs, the report's
  number, the written reason, who asks and when; never the report's content. Approve or
  refuse with a note. A request the user may not decide (their own, one on a report
  naming them, one handled by the Inspektorat for a Pimpinan) is not found (404).
- The opening (/staf/wbs/<pk>/identitas/): the requester of an approved request confirms,
  and the identity is shown in that response alone (no-store), audited at each opening.

(The request itself is a form on the report's page: wbs.views_staff_case.request_identity.)
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts import roles
from casework.views_case import refusal_reasons, refusal_status

from . import identity, selectors
from .forms_staff_case import DecisionForm
from .views_staff_case import get_report

DECISIONS = {"setujui": identity.identity_approve, "tolak": identity.identity_refuse}
DECIDERS = (roles.PIMPINAN, roles.INSPEKTORAT)
#: The parts of an identity (wbs.identity.Identitas), in the order they are shown.
IDENTITY_LABELS = {
    "nama": gettext_lazy("Nama"),
    "nip": gettext_lazy("NIP"),
    "jabatan": gettext_lazy("Jabatan"),
    "unit_kerja": gettext_lazy("Unit kerja"),
    "telepon": gettext_lazy("Nomor HP / WhatsApp"),
    "email": gettext_lazy("E-mail"),
    "keterangan": gettext_lazy("Keterangan"),
}


def _may_decide_any(user) -> bool:
    return user.is_authenticated and user.has_role(*DECIDERS)


def _pending_page(request, *, status=200, bound=None):
    pending = list(selectors.requests_to_decide(request.user))
    rows = [{"request": item, "form": bound if bound and bound.prefix == f"p{item.pk}" else None} for item in pending]
    for row in rows:
        row["form"] = row["form"] or DecisionForm(prefix=f"p{row['request'].pk}")
    return render(request, "wbs/staff/identity_requests.html", {"rows": rows}, status=status)


@login_required
def pending(request):
    """The identity requests waiting for this user's decision."""
    if not _may_decide_any(request.user):
        raise Http404
    return _pending_page(request)


@login_required
@require_POST
def decide(request, request_id, decision):
    if decision not in DECISIONS or not _may_decide_any(request.user):
        raise Http404
    access_request = selectors.requests_to_decide(request.user).filter(pk=request_id).first()
    if access_request is None:
        raise Http404
    form = DecisionForm(request.POST, prefix=f"p{access_request.pk}")
    if not form.is_valid():
        return _pending_page(request, status=400, bound=form)
    try:
        DECISIONS[decision](
            access_request=access_request, actor=request.user, note=form.cleaned_data["note"], request=request
        )
    except (PermissionDenied, ValidationError) as exc:
        for reason in refusal_reasons(exc):
            form.add_error(None, reason)
        return _pending_page(request, status=refusal_status(exc), bound=form)
    messages.success(request, _decided_text(decision, access_request.laporan.reference))
    return redirect("wbs_staff:identity_requests")


def _decided_text(decision: str, reference: str) -> str:
    if decision == "setujui":
        return _("Permintaan atas laporan %(reference)s disetujui.") % {"reference": reference}
    return _("Permintaan atas laporan %(reference)s ditolak.") % {"reference": reference}


@login_required
def open_identity(request, pk):
    """GET: what opening means, and the button. POST: the identity, in this response only
    (never cached, never stored), each time audited by wbs.identity.identity_open."""
    case = get_report(request, pk)
    context = {"case": case, "identity": None, "refusal": None}
    if request.method != "POST":
        return render(request, "wbs/staff/identity_open.html", context)
    try:
        data = identity.identity_open(case=case, actor=request.user, request=request)
    except PermissionDenied as exc:
        context["refusal"] = str(exc)
        return render(request, "wbs/staff/identity_open.html", context, status=403)
    context["identity"] = [(label, data[part]) for part, label in IDENTITY_LABELS.items() if data.get(part)]
    return render(request, "wbs/staff/identity_open.html", context)
