"""The UPG's custody register (barang titipan): the list of objects held and released,
receiving an object of a declaration (on its page), releasing one, and the printable
tanda terima of each step.

The register follows the declarations' rule (gratifikasi.policy through
casework.access): a Petugas UPG sees the objects of every declaration but their own, and
anyone else gets 404 on every page and receipt. Each change goes through
gratifikasi.services_custody, which numbers, audits and refuses a second release.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from casework import access
from casework.views_case import case_url, refusal_reasons, refusal_status

from . import custody_pdf, selectors, services_custody
from .forms_custody import HELD, RELEASED, CustodyListFilterForm, CustodyReceiveForm, CustodyReleaseForm
from .models import BarangTitipan
from .services_custody import ACTION as CUSTODY_ACTION
from .views_staff_case import get_declaration, page
from .views_staff_list import may_handle

PAGE_SIZE = 25
RECEIPT_KINDS = ("terima", "keluar")


def _get_item(request, pk) -> BarangTitipan:
    """The object if the user may see its declaration, else 404 (its existence unsaid)."""
    item = selectors.custody_items(request.user).filter(pk=pk).first()
    if item is None:
        raise Http404(_("Barang titipan tidak ditemukan."))
    return item


@login_required
@require_safe
def custody_list(request):
    if not may_handle(request.user):
        raise Http404
    form = CustodyListFilterForm(request.GET)
    context = {"form": form, "rows": []}
    if not form.is_valid():
        return render(request, "gratifikasi/staff/custody_list.html", context, status=400)
    status = form.cleaned_data["status"]
    items = selectors.custody_items(request.user, held={HELD: True, RELEASED: False}.get(status))
    page_obj = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    context.update({"page": page_obj, "rows": list(page_obj), "filtered": bool(status)})
    return render(request, "gratifikasi/staff/custody_list.html", context)


@login_required
@require_POST
def custody_receive(request, pk):
    """Receive an object of the declaration into custody, from the declaration's page."""
    case = get_declaration(request, pk)
    form = CustodyReceiveForm(request.POST, case=case)
    try:
        access.ensure_can_act(request.user, case, CUSTODY_ACTION)
        if not form.is_valid():
            return page(request, case, status=400, custody_form=form)
        item = services_custody.custody_receive(
            case=case, actor=request.user, request=request, **form.service_arguments()
        )
    except ValidationError as exc:
        form.add_service_error(exc)
        return page(request, case, status=400, custody_form=form)
    except PermissionDenied as exc:
        form.add_error(None, refusal_reasons(exc))
        return page(request, case, status=refusal_status(exc), custody_form=form)
    messages.success(request, _("Barang titipan %(nomor)s dicatat. Cetak tanda terimanya.") % {"nomor": item.nomor})
    return redirect(case_url(case))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def custody_release(request, pk):
    """Release a held object: the form, and its submission."""
    item = _get_item(request, pk)
    # The page shows the declaration's object: a read of the declaration, audited like it.
    case = get_declaration(request, item.gratifikasi_id)
    may_act = access.can_act(request.user, case, CUSTODY_ACTION)
    form = CustodyReleaseForm(request.POST if request.method == "POST" else None, item=item)
    status = 200
    if request.method == "POST":
        try:
            access.ensure_can_act(request.user, case, CUSTODY_ACTION)
            if form.is_valid():
                services_custody.custody_release(
                    item=item, actor=request.user, request=request, **form.service_arguments()
                )
                messages.success(
                    request, _("Barang titipan %(nomor)s dicatat sudah dikeluarkan.") % {"nomor": item.nomor}
                )
                return redirect(case_url(case))
            status = 400
        except ValidationError as exc:
            form.add_service_error(exc)
            status = 400
        except PermissionDenied as exc:
            form.add_error(None, refusal_reasons(exc))
            status = refusal_status(exc)
    context = {"item": item, "case": case, "form": form, "may_act": may_act, "case_url": case_url(case)}
    return render(request, "gratifikasi/staff/custody_release.html", context, status=status)


@login_required
@require_safe
def custody_receipt(request, pk):
    """The tanda terima of an object's receipt (?jenis=terima) or release (?jenis=keluar)."""
    item = _get_item(request, pk)
    kind = request.GET.get("jenis", "terima")
    if kind not in RECEIPT_KINDS or (kind == "keluar" and item.is_held):
        raise Http404(_("Tanda terima tidak ditemukan."))
    # Opening the declaration's object is a read of the declaration: audited like it.
    get_declaration(request, item.gratifikasi_id)
    pdf = custody_pdf.render_custody_receipt_pdf(item, release=kind == "keluar")
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"tanda-terima-{kind}-" + item.nomor.replace("/", "-") + ".pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
