"""The yearly declaration campaigns on the staff side (/staf/register-benturan/kampanye/): the
list, opening one, one campaign's compliance per unit with who has not declared, and
closing it.

Readers of the registers (benturan.registers_access: every unit for the Tim, the
Inspektorat, the Pimpinan and the Tim ZI / TPI; their own units for a unit head) see the
figures and the names; an administrator opens and closes campaigns and sees neither.
Anyone else gets 404. The figures are counted from the rows (benturan.campaign).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.models import UnitKerja
from casework.forms_case import add_service_errors

from . import campaign as selectors
from . import services_campaign
from .forms_campaign import CampaignOpenForm, UnitFilterForm
from .registers_access import may_manage_campaigns, register_scope

PAGE_SIZE = 50


def _who(request):
    """(scope, manages) of the user; 404 for whoever has neither."""
    scope = register_scope(request.user)
    manages = may_manage_campaigns(request.user)
    if scope is None and not manages:
        raise Http404
    return scope, manages


@login_required
@require_safe
def campaign_list(request):
    scope, manages = _who(request)
    context = {"campaigns": list(selectors.campaigns(scope)), "figures": scope is not None, "manages": manages}
    return render(request, "benturan/registers/campaign_list.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def campaign_open(request):
    _scope, manages = _who(request)
    if not manages:
        raise Http404
    if request.method != "POST":
        return render(request, "benturan/registers/campaign_open.html", {"form": CampaignOpenForm()})
    form = CampaignOpenForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            opened = services_campaign.kampanye_open(
                actor=request.user,
                tahun=data["tahun"],
                units=list(data["units"]),
                batas_waktu=data["batas_waktu"],
                request=request,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Kampanye deklarasi %(year)s dibuka.") % {"year": opened.tahun})
            return redirect("benturan_register:campaign", pk=opened.pk)
    return render(request, "benturan/registers/campaign_open.html", {"form": form}, status=400)


@login_required
@require_safe
def campaign_detail(request, pk: int):
    scope, manages = _who(request)
    campaign = selectors.get_campaign(pk)
    context = {"campaign": campaign, "manages": manages, "figures": scope is not None}
    status = 200
    if scope is not None:
        units = UnitKerja.objects.order_by("name")
        if not scope.every_unit:
            units = units.filter(pk__in=scope.unit_ids)
        form = UnitFilterForm(request.GET, units=units)
        context.update({"compliance": selectors.compliance(campaign, scope), "form": form})
        if form.is_valid():
            pending = selectors.not_declared(campaign, scope, unit=form.cleaned_data.get("unit"))
            page = Paginator(pending, PAGE_SIZE).get_page(request.GET.get("page"))
            context.update({"page": page, "pending": list(page)})
        else:
            status = 400
    return render(request, "benturan/registers/campaign_detail.html", context, status=status)


@login_required
@require_POST
def campaign_close(request, pk: int):
    _scope, manages = _who(request)
    if not manages:
        raise Http404
    campaign = selectors.get_campaign(pk)
    try:
        services_campaign.kampanye_close(kampanye=campaign, actor=request.user, request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Kampanye ditutup; angkanya tidak berubah lagi."))
    return redirect("benturan_register:campaign", pk=campaign.pk)
