"""The conflict-of-interest forms every kind's staff case page offers (casework.conflicts):
a staff member's own conflict with the case, and, where the kind allows it, turning the
case into a conflict reported about an official it names.

Each endpoint fetches the case for the user (404 for a case they may not see), binds the
conflict kind's form, and calls its service; a refused form comes back on the kind's own
page with what was typed and why (casework.views_case.render_case_page).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import access, conflicts
from .views_actions import submit_form
from .views_case import case_url, render_case_page

DECLARATION_FORM = "conflict_declaration_form"
REPORT_FORM = "conflict_report_form"


def _intake():
    module = conflicts.intake()
    if module is None:
        raise Http404(_("Halaman tidak ditemukan."))
    return module


@login_required
@require_POST
def declare(request, pk):
    """The signed-in staff member declares their own conflict with the case: they are
    recused from it at once and follow the conflict case on their own pages."""
    case = access.get_case_for_user(request.user, pk, request=request)
    intake = _intake()
    form = intake.DeclarationForm(request.POST, source=case, user=request.user)
    filed = {}

    def send(_data):
        filed["case"] = intake.declare(form, source=case, user=request.user, request=request)

    return submit_form(
        request,
        case,
        form=form,
        form_name=DECLARATION_FORM,
        send=send,
        success=_(
            "Benturan kepentingan Anda tercatat dan diteruskan kepada atasan Anda. Anda dikecualikan dari kasus "
            "tersebut sampai atasan memutuskan."
        ),
        page=render_case_page,
        done=lambda request, case: redirect(intake.declarant_url(filed["case"])),
    )


@login_required
@require_POST
def report(request, pk):
    """A handler turns the case into a conflict case reported about an official it names;
    back to the case, which they keep handling."""
    case = access.get_case_for_user(request.user, pk, request=request)
    intake = _intake()
    # The right to act before the form is judged: someone who may not learns nothing more.
    conflicts.ensure_may_report(request.user, case)
    form = intake.ReportForm(request.POST, source=case, user=request.user)
    return submit_form(
        request,
        case,
        form=form,
        form_name=REPORT_FORM,
        send=lambda _data: intake.report(form, source=case, user=request.user, request=request),
        success=_("Kasus benturan kepentingan dibuat dan diteruskan kepada atasan pejabat yang bersangkutan."),
        page=render_case_page,
        done=lambda request, case: redirect(case_url(case)),
    )
