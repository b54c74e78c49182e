"""The public WBS report form and its receipt, under /wbs/ (no account).

POST → redirect → receipt. The form files the report through wbs.services.wbs_create,
which takes no user and no request: whoever is signed in, the report is not linked to
them (the request reaches this view without any staff session, address or device
header anyway: wbs.privacy). The receipt code exists in clear only in the responses to
the reporter: between the POST and the receipt page it waits in an encrypted cookie in
their own browser (wbs.cookies.RECEIPT) until they confirm they saved it, or
SIGAP_WBS_RECEIPT_MINUTES pass. Confirming opens their report in this browser.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from casework.datetext import opened_at_text
from casework.uploads import release_kept, settle_refused

from . import cookies, receipts, reporter_session, services, throttle
from .forms_report import WbsReportForm, people_of, terlapor_formset
from .forms_reporter import ConfirmSavedForm

FORM = "wbs/report/form.html"
RECEIPT = "wbs/report/receipt.html"
#: The name of the saved receipt: it does not say what kind of report it is.
RECEIPT_FILE_NAME = "tanda-terima-sigap.txt"


def login_url(request) -> str:
    """Where the reporter comes back: absolute under SIGAP_BASE_URL, else on this host."""
    path = reverse("wbs:login")
    base = getattr(settings, "SIGAP_BASE_URL", "").rstrip("/")
    return base + path if base else request.build_absolute_uri(path)


# --- The form -----------------------------------------------------------------------------


def _form_page(request, form, people, *, status=200):
    context = {
        "form": form,
        "people": people,
        **throttle.challenge_context(throttle.SUBMIT),
    }
    return render(request, FORM, context, status=status)


def create(request):
    """The guided report form; a valid post files the report and shows the receipt."""
    if request.method != "POST":
        return _form_page(request, WbsReportForm(), terlapor_formset())
    form = WbsReportForm(request.POST, request.FILES)
    people = terlapor_formset(request.POST)
    status = 400
    # Both are checked, so every error shows at once.
    if all([form.is_valid(), people.is_valid()]):
        admission = throttle.admit(request, throttle.SUBMIT)
        if admission.refused:
            too_many = _(
                "Terlalu banyak laporan dikirim dalam waktu singkat. Isian Anda masih ada di bawah; "
                "silakan coba kirim lagi nanti."
            )
            form.add_error(None, throttle.refusal_message(admission, throttle.SUBMIT, too_many=too_many))
            status = 429
        else:
            try:
                with transaction.atomic():
                    case, code = services.wbs_create(**form.service_arguments(people_of(people)))
                    # The files kept from a refused try are the report's now: none stays.
                    release_kept(form)
            except ValidationError as exc:
                throttle.refund(request, throttle.SUBMIT)
                form.add_service_errors(exc)
            else:
                return receipt_response(case, code)
    form.renew_for_another_try()
    # A browser never sends files again with a form shown again: keep them (or name them).
    settle_refused(form)
    return _form_page(request, form, people, status=status)


# --- The receipt ---------------------------------------------------------------------------


def receipt_response(case, code: str):
    """Send the browser to the receipt of the report just made, holding its code for the
    receipt page (for any page that files a report for a reporter, e.g. a complaint the
    complainant agreed to move to the WBS)."""
    response = redirect("wbs:receipt")
    slot = {"case": case.pk, "reference": case.reference, "opened": case.opened_at.isoformat(), "code": code}
    cookies.RECEIPT.write(response, slot)
    return response


def _opened(slot) -> str:
    return opened_at_text(parse_datetime(slot["opened"]))


def _receipt_page(request, slot, *, form=None, status=200):
    context = {
        "slot": slot,
        "opened": _opened(slot) if slot else "",
        "form": form or ConfirmSavedForm(),
        "login_url": login_url(request),
        "minutes": settings.SIGAP_WBS_RECEIPT_MINUTES,
    }
    return render(request, RECEIPT, context, status=status if slot else 404)


@require_safe
def receipt(request):
    """The reference and the receipt code, until the reporter confirms they saved it."""
    return _receipt_page(request, cookies.RECEIPT.read(request))


@require_safe
def receipt_file(request):
    """The receipt as a text file to keep."""
    slot = cookies.RECEIPT.read(request)
    if slot is None:
        return redirect("wbs:receipt")
    text = receipts.receipt_text(
        reference=slot["reference"], code=slot["code"], opened=_opened(slot), login_url=login_url(request)
    )
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{RECEIPT_FILE_NAME}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
def receipt_done(request):
    """The reporter confirms they saved the code: it is forgotten in this browser too,
    and their report opens."""
    slot = cookies.RECEIPT.read(request)
    if slot is None:
        return redirect("wbs:receipt")
    form = ConfirmSavedForm(request.POST)
    if not form.is_valid():
        return _receipt_page(request, slot, form=form, status=400)
    response = redirect("wbs:report")
    cookies.RECEIPT.delete(response)
    reporter_session.open_report(response, slot["case"], notice="filed")
    return response
