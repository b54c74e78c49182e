"""An employee's answer in a yearly declaration campaign (/benturan/deklarasi-tahunan/<id>/):
"tidak ada benturan kepentingan", a checked statement; or "ada", which is the declaration
form itself, filed as a conflict case routed to the superior and linked to the campaign.

Only an employee obliged by the campaign reaches its page (404 for anyone else); the
pages need a full sign-in, like the employee's other conflict pages.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.decorators import otp_verified_required

from . import campaign as selectors
from . import services_campaign
from .choices import Jenis
from .forms_campaign import NoConflictForm
from .forms_declaration import DeclarationForm
from .views_declarant import filed_or_refused


def _page(request, row, *, form=None, status=200):
    context = {"row": row, "campaign": row.kampanye, "form": form or NoConflictForm()}
    return render(request, "benturan/declarant/campaign.html", context, status=status)


@otp_verified_required
@require_http_methods(["GET", "HEAD", "POST"])
def answer(request, pk: int):
    """The campaign, the employee's answer if given, and the "no conflict" statement."""
    row = selectors.get_own_obligation(request.user, pk)
    if request.method != "POST":
        return _page(request, row)
    form = NoConflictForm(request.POST)
    if form.is_valid():
        try:
            services_campaign.kampanye_declare_none(kampanye=row.kampanye, pegawai=request.user, request=request)
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, getattr(exc, "messages", None) or str(exc))
        else:
            messages.success(request, _("Pernyataan Anda tercatat. Terima kasih."))
            return redirect("benturan:campaign", pk=pk)
    return _page(request, selectors.get_own_obligation(request.user, pk), form=form, status=400)


def _declare_page(request, row, form, *, status=200):
    context = {
        "row": row,
        "campaign": row.kampanye,
        "form": form,
        "aktual": Jenis.AKTUAL,
    }
    return render(request, "benturan/declarant/campaign_declare.html", context, status=status)


@otp_verified_required
@require_http_methods(["GET", "HEAD", "POST"])
def declare(request, pk: int):
    """The declaration of a conflict of interest, made in the campaign."""
    row = selectors.get_own_obligation(request.user, pk)
    if request.method != "POST":
        form = DeclarationForm(user=request.user, initial={"kunci_kiriman": uuid.uuid4()})
        return _declare_page(request, row, form)
    form = DeclarationForm(request.POST, request.FILES, user=request.user)

    def submit():
        data = form.cleaned_data
        return services_campaign.kampanye_declare_conflict(
            kampanye=row.kampanye,
            pegawai=request.user,
            data=form.filed_data(),
            pihak_pegawai=data["pihak_pegawai"],
            files=data["files"],
            jabatan=data.get("jabatan", ""),
            submission_key=data["kunci_kiriman"],
            request=request,
        )

    return filed_or_refused(request, form, submit=submit, refused=lambda: _declare_page(request, row, form, status=400))
