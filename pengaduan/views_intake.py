"""The public complaint form and its receipt (no account), under /pengaduan/.

POST → redirect → receipt: the form files the complaint (at once accepted, and opened by
the task worker; see _file_complaint), then sends the browser to the receipt page. Nothing about the request
(address, browser) is kept with the complaint.

The tracking code exists in clear only in the response to the complainant. Between the
POST and the receipt page (and its PDF) it waits in an encrypted cookie in their own
browser (pengaduan.receipt_cookie), until the complainant says they saved it or
SIGAP_RECEIPT_CODE_MINUTES pass; after that the receipt page shows the reference number
alone and says how to get help. The cookie keeps the reference, not the complainant's
contact details: only whether a receipt was also sent to an e-mail address or phone.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from casework import sms
from casework.attachments import add_attachment
from casework.datetext import opened_at_text
from casework.pdf_letterhead import letterhead_for
from casework.uploads import release_kept, settle_refused
from security import ratelimit

from . import notify, receipt_cookie, services
from .forms_intake import PengaduanForm
from .receipt_pdf import render_receipt_pdf

SUBMIT_GROUP = "pengaduan-submit"


# --- The form -----------------------------------------------------------------------------


def _file_complaint(form: PengaduanForm) -> tuple[str, object, str]:
    """File the complaint: its reference, the time it was filed, its tracking code.

    Without files it is accepted at once and opened by the task worker
    (services.pengaduan_submit). With files it is opened here, the complaint and its
    files in one transaction or nothing at all: their upload and encryption dominate
    such a request anyway, and the files must belong to a case to be stored. So is a
    complaint naming a staff member: the recusal of a named handler must exist the moment
    the complaint does, which the worker's batch opening does not give.
    """
    uploads = form.cleaned_data["lampiran"]
    arguments = form.service_arguments()
    if not uploads and not arguments.get("pihak_terkait"):
        pending, code = services.pengaduan_submit(**arguments)
        release_kept(form)  # the files ticked "remove", if that left none
        return pending.reference, pending.submitted_at, code
    with transaction.atomic():
        case, code = services.pengaduan_create(**arguments)
        for upload in uploads:
            add_attachment(case=case, upload=upload, from_reporter=True, visible_to_reporter=True)
        # The files kept from a refused try are the complaint's now.
        release_kept(form)
    return case.reference, case.opened_at, code


def create(request):
    """The complaint form; a valid post files the complaint and shows the receipt."""
    if request.method != "POST":
        return render(request, "pengaduan/intake/form.html", {"form": PengaduanForm()})

    form = PengaduanForm(request.POST, request.FILES)
    status = 400
    if form.is_valid():
        if ratelimit.hit(request, group=SUBMIT_GROUP, rate=settings.SIGAP_PENGADUAN_SUBMIT_RATE):
            form.add_error(
                None,
                _(
                    "Terlalu banyak pengaduan dikirim dari perangkat ini dalam waktu singkat. Isian Anda masih ada "
                    "di bawah; Anda dapat mengirimnya lagi paling lama %(minutes)d menit lagi."
                )
                % {"minutes": ratelimit.wait_minutes(settings.SIGAP_PENGADUAN_SUBMIT_RATE)},
            )
            status = 429
        else:
            try:
                reference, opened_at, code = _file_complaint(form)
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                data = form.cleaned_data
                return _receipt_response(
                    reference=reference,
                    opened_at=opened_at,
                    code=code,
                    emailed=bool(data["email"]),
                    # Said only when it is true: a unit may have no SMS/WhatsApp gateway.
                    texted=bool(data["telepon"]) and sms.is_enabled(),
                )
    form.renew_for_another_try()
    settle_refused(form)
    context = {
        "form": form,
        # Nothing to correct: the form is fine, the device must wait.
        "throttled": status == 429,
    }
    return render(request, "pengaduan/intake/form.html", context, status=status)


# --- The receipt ---------------------------------------------------------------------------


def _receipt_response(*, reference: str, opened_at, code: str, emailed: bool, texted: bool):
    response = redirect("pengaduan:receipt")
    slot = receipt_cookie.new_slot(reference=reference, opened_at=opened_at, code=code, emailed=emailed, texted=texted)
    receipt_cookie.write(response, slot)
    return response


def _opened_text(slot: dict) -> str:
    return opened_at_text(receipt_cookie.opened_at(slot))


def receipt(request):
    """The reference number and, while it is still here, the tracking code."""
    slot = receipt_cookie.read(request)
    context = {
        "slot": slot,
        "code": slot["code"] if slot else None,
        "opened": _opened_text(slot) if slot else "",
        "minutes": settings.SIGAP_RECEIPT_CODE_MINUTES,
        "tracking_url": notify.tracking_url(request),
    }
    response = render(request, "pengaduan/intake/receipt.html", context, status=200 if slot else 404)
    receipt_cookie.write_if_changed(response, slot)
    return response


def receipt_pdf(request):
    """The receipt as a PDF to keep, while the code is still shown."""
    slot = receipt_cookie.read(request)
    if not slot or not slot["code"]:
        messages.warning(
            request, _("Kode pelacakan tidak ditampilkan lagi, sehingga tanda terima PDF tidak dapat dibuat.")
        )
        response = redirect("pengaduan:receipt")
        receipt_cookie.write_if_changed(response, slot)
        return response
    pdf = render_receipt_pdf(
        reference=slot["reference"],
        code=slot["code"],
        opened=_opened_text(slot),
        tracking_url=notify.tracking_url(request),
        # The complaint may not be opened yet (casework.intake), so it has no unit: the
        # agency's own letterhead.
        letterhead=letterhead_for(None),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = "tanda-terima-" + slot["reference"].replace("/", "-") + ".pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
def receipt_done(request):
    """The complainant saved the code: stop showing it."""
    slot = receipt_cookie.read(request)
    response = redirect("pengaduan:receipt")
    if slot is not None:
        receipt_cookie.write(response, receipt_cookie.without_code(slot))
        messages.success(request, _("Terima kasih. Kode pelacakan tidak ditampilkan lagi di perangkat ini."))
    return response
