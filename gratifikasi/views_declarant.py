"""The declarant's pages under /gratifikasi/: an employee's own gift declarations.

Every page needs a full sign-in (password and second factor) and shows only the
signed-in employee's own declarations, fetched through gratifikasi.selectors, which
answer 404 for anyone else's: a UPG officer handles declarations on the staff pages,
never here, and the Pimpinan sees only the recap.

The form has two buttons. "Periksa pengecualian" shows the form again with the advice of
gratifikasi.exemptions (which not-obligatory rule may apply, or which limit the gift
exceeds) and saves nothing; the advice never stops the declarant from sending.
"Kirim laporan" files the declaration through gratifikasi.services.declaration_submit.
A refused or checked form keeps everything typed, and its files wait for the next try
(casework.uploads.keep_files; a browser cannot send them again).
"""

from __future__ import annotations

import logging
import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.decorators import otp_verified_required
from casework import next_step
from casework import selectors as case_selectors
from casework import services as case_services
from casework.forms_public import ReporterMessageForm
from casework.kinds import get_kind
from casework.money import format_rupiah
from casework.uploads import release_kept, settle_refused
from casework.views_public import attachment_count, reasons_of, reporter_attachments, reporter_file_response
from casework.workflow import TransitionBlocked
from security import audit

from . import exemptions, giver, selectors, services
from .choices import Clock, State
from .forms_declaration import CompletionForm, DeclarationForm
from .receipt_pdf import render_receipt_pdf

logger = logging.getLogger(__name__)

KIND = "gratifikasi"
PAGE_SIZE = 20
#: The name of the form's button that asks for the advice only.
CHECK = "periksa"


def _private(view):
    """Signed in with both factors: the pages are the declarant's alone (and, like every
    page, kept out of caches by security.no_store)."""
    return otp_verified_required(view)


# --- The list -------------------------------------------------------------------------------


@_private
@require_safe
def declaration_list(request):
    """The employee's own declarations, newest first, with the status and the next date."""
    page = Paginator(selectors.own_declarations_with_next_due(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "gratifikasi/declarant/list.html", {"page": page, "kind": get_kind(KIND)})


# --- The form -------------------------------------------------------------------------------


def _advice_for(form: DeclarationForm, user):
    data = form.cleaned_data
    return exemptions.advise(
        declarant=user,
        tanggal_terima=data["tanggal_terima"],
        jenis_laporan=data["jenis_laporan"],
        jenis_peristiwa=data["jenis_peristiwa"],
        jenis_penerimaan=data["jenis_penerimaan"],
        hubungan=data["hubungan"],
        nilai=data["nilai"],
        pemberi_digest=giver.giver_digest(data["pemberi_nama"]),
        category=data["kategori"],
    )


def _form_page(request, form: DeclarationForm, *, status: int = 200, checked: bool = False):
    advice = None
    if form.is_bound and form.advice_ready():
        advice = _advice_for(form, request.user)
        # Shown back the Indonesian way, however it was typed ("1500000" → "Rp1.500.000").
        form.data["nilai"] = format_rupiah(form.cleaned_data["nilai"])
    context = {
        "form": form,
        "checked": checked,
        "advice": advice,
        "missing_for_advice": form.missing_for_advice() if checked and advice is None else [],
    }
    return render(request, "gratifikasi/declarant/form.html", context, status=status)


@_private
@require_http_methods(["GET", "HEAD", "POST"])
def declaration_new(request):
    """The declaration form; "periksa" shows the advice, "kirim" files the declaration."""
    if request.method != "POST":
        return _form_page(request, DeclarationForm(user=request.user, initial={"kunci_kiriman": uuid.uuid4()}))
    if CHECK in request.POST:
        # Nothing is filed; the photos wait for the "send" that follows.
        form = DeclarationForm(request.POST, request.FILES, user=request.user, checking=True)
        status = 200 if form.is_valid() else 400
        settle_refused(form)
        return _form_page(request, form, status=status, checked=True)

    form = DeclarationForm(request.POST, request.FILES, user=request.user)
    if form.is_valid():
        try:
            with transaction.atomic():
                case = services.declaration_submit(
                    declarant=request.user,
                    data=form.declaration_data(),
                    photos=form.cleaned_data["foto"],
                    category=form.cleaned_data["kategori"],
                    submission_key=form.cleaned_data["kunci_kiriman"],
                    request=request,
                )
                release_kept(form)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            _say_filed(request, case)
            return redirect("gratifikasi:detail", pk=case.pk)
    settle_refused(form)
    return _form_page(request, form, status=400)


def _say_filed(request, case) -> None:
    messages.success(
        request,
        _("Laporan gratifikasi Anda tercatat dengan nomor %(reference)s. UPG akan meregistrasinya.")
        % {"reference": case.reference},
    )
    if case.terlambat_kpk or case.terlambat_upg:
        messages.warning(request, late_text(case))


def late_text(case) -> str:
    """What a late declaration means, in plain words (it is accepted all the same)."""
    if case.terlambat_kpk:
        return _(
            "Laporan ini disampaikan lebih dari 30 hari kerja sejak tanggal penerimaan, batas waktu lapor ke KPK. "
            "Laporan tetap diterima dan diproses, dan keterlambatannya dicatat; KPK dapat menetapkan pemberian "
            "yang terlambat dilaporkan menjadi milik negara."
        )
    return _(
        "Laporan ini disampaikan ke UPG lebih dari 10 hari kerja sejak tanggal penerimaan. Laporan tetap "
        "diterima dan diproses, dan keterlambatannya dicatat; UPG tetap harus meneruskannya ke KPK dalam 30 hari "
        "kerja sejak tanggal penerimaan."
    )


# --- The declaration ------------------------------------------------------------------------


def _detail_page(
    request,
    case,
    *,
    status: int = 200,
    completion_form: CompletionForm | None = None,
    message_form: ReporterMessageForm | None = None,
):
    awaiting = case.state == State.PERLU_DILENGKAPI
    case_services.messages_mark_read(case=case, sender="staff")
    if completion_form is None and awaiting:
        completion_form = CompletionForm(case=case, already_attached=attachment_count(case))
    clocks = selectors.declarant_clocks(case)
    context = {
        "case": case,
        "kind": get_kind(KIND),
        # What the stage means and what happens next, by when (gratifikasi.status_guide).
        "step": next_step.next_step(case),
        "glossary": next_step.glossary(get_kind(KIND)),
        "awaiting_completion": awaiting,
        "completion_form": completion_form,
        "completion_clock": next((c for c in reversed(clocks) if c.clock == Clock.KELENGKAPAN), None),
        "clocks": clocks,
        "history": case_selectors.public_timeline(case),
        "files": reporter_attachments(case),
        "late": late_text(case) if case.terlambat_kpk or case.terlambat_upg else "",
        "registered": bool(case.registered_at),
        # The conversation with the UPG (casework/track/conversation.html).
        "conversation": case_selectors.conversation(case),
        "form": message_form or ReporterMessageForm(),
        "message_action": reverse("gratifikasi:message", args=[case.pk]),
    }
    return render(request, "gratifikasi/declarant/detail.html", context, status=status)


@_private
@require_POST
def declaration_message(request, pk: int):
    """The declarant writes to the UPG about their declaration (while it is open)."""
    case = selectors.get_own_declaration(user=request.user, pk=pk)
    form = ReporterMessageForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, case, status=400, message_form=form)
    try:
        case_services.message_post(
            case=case,
            body=form.cleaned_data["body"],
            by_reporter=True,
            reporter_account=request.user,
            request=request,
        )
    except ValidationError as exc:
        for reason in reasons_of(exc):
            form.add_error(None, reason)
        return _detail_page(request, case, status=400, message_form=form)
    messages.success(request, _("Pesan Anda terkirim kepada UPG."))
    return redirect(reverse("gratifikasi:detail", args=[case.pk]) + "#percakapan")


@_private
@require_safe
def declaration_detail(request, pk: int):
    """Status, deadlines, public history, the UPG's request and the answer form, outcome."""
    case = selectors.get_own_declaration(user=request.user, pk=pk)
    return _detail_page(request, case)


@_private
@require_POST
def declaration_complete(request, pk: int):
    """The declarant's answer to the UPG's request to complete the declaration.

    Accepted while the declaration waits for it, even after the period to complete has
    run out (the UPG decides then); refused with the reason in any other state.
    """
    case = selectors.get_own_declaration(user=request.user, pk=pk)
    form = CompletionForm(
        request.POST, request.FILES, case=case, already_attached=attachment_count(case), owner=request.user
    )

    def refused():
        settle_refused(form)
        return _detail_page(request, case, status=400, completion_form=form)

    if not form.is_valid():
        return refused()
    try:
        with transaction.atomic():
            services.declaration_complete(
                case=case,
                declarant=request.user,
                jawaban=form.cleaned_data["jawaban"],
                data=form.corrections() or None,
                photos=form.cleaned_data["foto"],
                request=request,
            )
            release_kept(form)
    except ValidationError as exc:
        form.add_service_errors(exc)
        return refused()
    except TransitionBlocked as exc:
        for reason in reasons_of(exc):
            form.add_error(None, reason)
        return refused()
    messages.success(request, _("Terima kasih. Jawaban Anda terkirim dan laporan Anda diverifikasi kembali oleh UPG."))
    return redirect("gratifikasi:detail", pk=case.pk)


@_private
@require_safe
def declaration_receipt(request, pk: int):
    """The UPG's receipt of the declaration as a PDF, once the UPG has registered it."""
    case = selectors.get_own_declaration(user=request.user, pk=pk)
    if not case.registered_at:
        messages.warning(
            request, _("Tanda terima tersedia setelah laporan Anda diregistrasi oleh UPG. Silakan cek lagi nanti.")
        )
        return redirect("gratifikasi:detail", pk=case.pk)
    response = HttpResponse(render_receipt_pdf(case), content_type="application/pdf")
    filename = "tanda-terima-" + case.reference.replace("/", "-") + ".pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@_private
@require_safe
def declaration_file(request, pk: int, file_pk: int):
    """One of the declarant's own files on the declaration (or one the UPG shared)."""
    case = selectors.get_own_declaration(user=request.user, pk=pk)

    def audited(attachment):
        audit.record(audit.Event.ATTACHMENT_DOWNLOADED, actor=request.user, case=case, obj=attachment, request=request)

    return reporter_file_response(request, case, file_pk, on_read=audited)
