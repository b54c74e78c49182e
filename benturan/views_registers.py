"""The page that leads to the registers of conflicts of interest (/staf/register-benturan/):
the risk map, the implementation matrix and the yearly declaration campaigns, each offered
to whoever may open it (benturan.registers_access; the matrix follows the cases' policy).
Anyone who may open none gets 404."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .policy import POLICY
from .registers_access import may_manage_campaigns, register_scope


def available(user) -> dict[str, bool]:
    """Which registers `user` may open."""
    reads = register_scope(user) is not None
    return {
        "risk_map": reads,
        "matrix": POLICY.may_open_list(user),
        "campaigns": reads or may_manage_campaigns(user),
    }


@login_required
@require_safe
def registers(request):
    offered = available(request.user)
    if not any(offered.values()):
        raise Http404
    return render(request, "benturan/registers/index.html", {"offered": offered})
