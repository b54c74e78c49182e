"""The complainant's consent to move their complaint to the WBS, taken on a WBS page.

The complaint is found by its tracking code through the engine, and moved by its own
kind's service through the engine's handover (casework.handover): this page knows no
complaint model and no complaint service.

The consent files a whistle-blowing report, so it must leave no more trace of the
reporter than filing one directly: it is served under /wbs/ (config.urls), where
wbs.privacy strips the client address, device headers and every foreign cookie (no staff
session, no tracking session) before the view runs, the response is never cached, and
throttling counts in process memory (wbs.throttle), not in the shared cache. For the
same reason the complaint is found by its tracking code typed again here, never by the
tracking session of /lacak/, whose row in the session table would tie the new report to
this browser (and to a staff account signed in beside it).
"""

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework import handover, tracking
from casework.forms_public import TrackingCodeForm
from casework.workflow import TransitionBlocked

from . import throttle
from .forms_reporter import refused_without_code
from .views_report import receipt_response


class ConsentForm(TrackingCodeForm):
    setuju = forms.BooleanField(
        label=gettext_lazy("Saya setuju pengaduan saya dipindahkan ke Whistle-Blowing System (WBS)."),
        error_messages={"required": gettext_lazy("Centang persetujuan Anda untuk memindahkan pengaduan ke WBS.")},
    )


def _complaint(code: str):
    case = tracking.find_case(code)
    if case is None or not handover.can_move_to_whistleblowing(case):
        return None
    return case


def consent(request):
    """GET: the form. POST: with the complaint's tracking code and the tick, move it and
    open the new report's receipt (its code shown once)."""
    form = ConsentForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        admission = throttle.admit(request, throttle.LOOKUP)
        if admission.refused:
            too_many = _("Terlalu banyak percobaan. Silakan coba lagi beberapa saat lagi.")
            message = throttle.refusal_message(admission, throttle.LOOKUP, too_many=too_many)
            form = refused_without_code(ConsentForm, request.POST, message)
            status = 429
        elif form.is_valid():
            case = _complaint(form.cleaned_data["code"])
            if case is None:
                form.add_error("code", _("Kode tidak dikenal. Periksa kembali kode pelacakan pengaduan Anda."))
            else:
                try:
                    _moved, report, receipt_code = handover.move_to_whistleblowing(case)
                except TransitionBlocked:
                    # The workflow refuses any state but the one awaiting this consent.
                    form.add_error(None, _("Pengaduan ini tidak sedang menunggu persetujuan untuk dipindahkan ke WBS."))
                else:
                    return receipt_response(report, receipt_code)
    context = {"form": form, **throttle.challenge_context(throttle.LOOKUP)}
    return render(request, "wbs/from_complaint.html", context, status=status)
