"""Staff entry of complaints received through other channels (/staf/pengaduan/baru/).

A Pengelola Pengaduan types in a complaint that came by letter, e-mail, SMS/WhatsApp,
telephone, a visit, social media or SP4N-LAPOR!. It opens now, through
services.pengaduan_create (which also sends the receipt to the complainant's contact),
as received on the day the handler gives: its deadlines count from that day, and its
history keeps both days and the reason for a late entry. The tracking code is then shown
once to the staff member, who passes it on to the complainant.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from casework import sms
from casework.attachments import add_attachment
from casework.kinds import get_kind
from casework.uploads import release_kept, settle_refused
from casework.views_case import case_url

from . import notify, selectors, services
from .forms_staff_entry import StaffEntryForm

# The new complaint and its tracking code (encrypted) between the entry and the page that
# shows the code once; removed from the session as soon as it is shown.
RECEIPT_SESSION_KEY = "pengaduan_staff_entry_receipt"


def _ensure_may_create(user) -> None:
    if not get_kind(selectors.KIND).policy.can_create(user):
        raise PermissionDenied(_("Peran Anda tidak berwenang mencatat pengaduan."))


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def complaint_entry(request):
    _ensure_may_create(request.user)
    if request.method != "POST":
        return render(request, "pengaduan/staff/entry.html", {"form": StaffEntryForm(owner=request.user)})
    form = StaffEntryForm(request.POST, request.FILES, owner=request.user)
    if form.is_valid():
        try:
            case, code = _enter(request, form)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            request.session[RECEIPT_SESSION_KEY] = {"case": case.pk, "sealed_code": notify.seal_code(code)}
            return redirect("pengaduan_staff:entry_done")
    # Files cannot be put back into a file input: they are kept for the next try (or
    # named, to pick again), so none is forgotten.
    settle_refused(form)
    return render(request, "pengaduan/staff/entry.html", {"form": form}, status=400)


def _enter(request, form: StaffEntryForm):
    """Open the complaint and store its attachments, all or nothing: a refused file
    leaves no half-entered complaint behind."""
    actor = request.user
    with transaction.atomic():
        case, code = services.pengaduan_create(actor=actor, request=request, **form.service_arguments())
        for upload in form.cleaned_data["lampiran"]:
            # The complainant's own evidence, handed in through the staff member.
            add_attachment(
                case=case,
                upload=upload,
                uploaded_by=actor,
                from_reporter=True,
                visible_to_reporter=True,
                request=request,
            )
        release_kept(form)
    return case, code


@require_safe
@login_required
def complaint_entry_done(request):
    """The tracking code of the complaint just entered, once; then on to its page."""
    _ensure_may_create(request.user)
    receipt = request.session.pop(RECEIPT_SESSION_KEY, None)
    case = None
    if receipt:
        case = selectors.pengaduan_visible_to(request.user).filter(pk=receipt["case"]).first()
    if case is None:
        messages.info(
            request,
            _("Kode pelacakan hanya ditampilkan sekali, segera setelah pengaduan dicatat. SIGAP tidak menyimpannya."),
        )
        return redirect("pengaduan_staff:list")
    context = {
        "case": case,
        "code": notify.unseal_code(receipt["sealed_code"]),
        "case_url": case_url(case),
        "track_url": notify.tracking_url(request),
        # Said only when true: a unit may have no SMS/WhatsApp gateway configured.
        "emailed": bool(case.email),
        "texted": bool(case.telepon) and sms.is_enabled(),
    }
    return render(request, "pengaduan/staff/entry_done.html", context)
