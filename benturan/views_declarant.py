"""An employee's own pages under /benturan/: the conflicts they declared or reported,
the forms to do either, and the controls decided about them in others' reports.

Every page needs a full sign-in (password and second factor) and shows only what is the
signed-in employee's own, fetched through benturan.selectors, which answer 404 for
anyone else's: the superior and the Tim work on the staff pages, never here. A refused
form keeps everything typed, and its files wait for the next try
(casework.uploads.keep_files; a browser cannot send them again).
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
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
from casework.uploads import release_kept, settle_refused
from casework.views_public import reasons_of, reporter_attachments, reporter_file_response
from security import audit

from . import selectors, services
from .choices import PENDING_STATES, Jenis
from .forms_declaration import DeclarationForm, ReportForm
from .policy import POLICY

KIND = "benturan"
PAGE_SIZE = 20


def _private(view):
    """Signed in with both factors (the no-store middleware keeps the pages out of every
    cache: they are the employee's alone)."""
    return otp_verified_required(view)


@_private
@require_safe
def case_list(request):
    """The employee's own cases, newest first, and the controls decided about them."""
    page = Paginator(selectors.own_cases(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "benturan/declarant/list.html",
        {
            "page": page,
            "notices": selectors.notices_for(request.user),
            "kind": get_kind(KIND),
            # A superior finds the cases they decide here (the menu names the list only
            # for the Tim and the Inspektorat).
            "staff_list": POLICY.may_open_list(request.user),
        },
    )


def _form_page(request, form, *, template: str, status: int = 200):
    context = {"form": form, "aktual": Jenis.AKTUAL}
    return render(request, template, context, status=status)


def _filing_view(form_class, template: str, submit):
    """The GET/POST view of a filing form: `submit(request, form)` files the case."""

    @_private
    @require_http_methods(["GET", "HEAD", "POST"])
    def view(request):
        if request.method != "POST":
            form = form_class(user=request.user, initial={"kunci_kiriman": uuid.uuid4()})
            return _form_page(request, form, template=template)
        form = form_class(request.POST, request.FILES, user=request.user)
        return filed_or_refused(
            request,
            form,
            submit=lambda: submit(request, form),
            refused=lambda: _form_page(request, form, template=template, status=400),
        )

    return view


def filed_or_refused(request, form, *, submit, refused):
    """The answer to a posted filing form: `submit()` files the case, in one transaction
    with the release of the form's kept files, and the filer goes to it; a form or a
    service that refuses keeps the files for the next try and `refused()` shows it again."""
    if form.is_valid():
        try:
            with transaction.atomic():
                case = submit()
                release_kept(form)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(
                request,
                _("Tercatat dengan nomor %(reference)s dan diteruskan kepada %(decider)s.")
                % {"reference": case.reference, "decider": decider_name(case)},
            )
            return redirect("benturan:detail", pk=case.pk)
    settle_refused(form)
    return refused()


def decider_name(case) -> str:
    """Who decides the case, as the one who filed it reads it."""
    return str(case.atasan) if case.atasan_id else _("Tim Benturan Kepentingan")


def _declare(request, form):
    data = form.cleaned_data
    return services.benturan_declare(
        declarant=request.user,
        data=form.filed_data(),
        pihak_pegawai=data["pihak_pegawai"],
        files=data["files"],
        jabatan=data.get("jabatan", ""),
        submission_key=data["kunci_kiriman"],
        request=request,
    )


def _report(request, form):
    data = form.cleaned_data
    return services.benturan_report(
        reporter=request.user,
        pejabat=data["pejabat"],
        data=form.filed_data(),
        pihak_pegawai=data["pihak_pegawai"],
        files=data["files"],
        submission_key=data["kunci_kiriman"],
        request=request,
    )


declare = _filing_view(DeclarationForm, "benturan/declarant/declare.html", _declare)
declare.__doc__ = "The declaration of the employee's own conflict of interest."
report = _filing_view(ReportForm, "benturan/declarant/report.html", _report)
report.__doc__ = "The report of another employee's conflict of interest."


def _detail_page(request, case, *, status: int = 200, message_form: ReporterMessageForm | None = None):
    case_services.messages_mark_read(case=case, sender="staff")
    context = {
        "case": case,
        "kind": get_kind(KIND),
        # What the state means and what happens next, by when (benturan.status_guide).
        "step": next_step.next_step(case),
        "glossary": next_step.glossary(get_kind(KIND)),
        "decider": decider_name(case),
        # Only the official holds the decision: a reporter has none to hold.
        "hold_decision": case.state in PENDING_STATES and not case.is_report,
        "deadline": selectors.decision_deadline(case),
        # The control binds the official; a reporter learns the outcome, not its terms.
        "controls": [] if case.is_report else list(selectors.controls_of(case)),
        "history": case_selectors.public_timeline(case),
        "files": reporter_attachments(case),
        "others": list(case.pihak_pegawai.all()),
        "conversation": case_selectors.conversation(case),
        "form": message_form or ReporterMessageForm(),
        "message_action": reverse("benturan:message", args=[case.pk]),
    }
    return render(request, "benturan/declarant/detail.html", context, status=status)


@_private
@require_safe
def case_detail(request, pk: int):
    """What was filed, who decides, the deadline, the decision and the history."""
    return _detail_page(request, selectors.get_own_case(user=request.user, pk=pk))


@_private
@require_POST
def case_message(request, pk: int):
    """The one who filed writes to whoever decides (while the case is open)."""
    case = selectors.get_own_case(user=request.user, pk=pk)
    form = ReporterMessageForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, case, status=400, message_form=form)
    try:
        case_services.message_post(
            case=case, body=form.cleaned_data["body"], by_reporter=True, reporter_account=request.user, request=request
        )
    except ValidationError as exc:
        for reason in reasons_of(exc):
            form.add_error(None, reason)
        return _detail_page(request, case, status=400, message_form=form)
    messages.success(request, _("Pesan Anda terkirim."))
    return redirect(reverse("benturan:detail", args=[case.pk]) + "#percakapan")


@_private
@require_safe
def case_file(request, pk: int, file_pk: int):
    """One of the employee's own files on their case."""
    case = selectors.get_own_case(user=request.user, pk=pk)

    def audited(attachment):
        audit.record(audit.Event.ATTACHMENT_DOWNLOADED, actor=request.user, case=case, obj=attachment, request=request)

    return reporter_file_response(request, case, file_pk, on_read=audited)


@_private
@require_safe
def notice_detail(request, pk: int):
    """The control decided about the employee in someone else's report: what they must
    do, and why. Never who reported, what they wrote, or the other parties."""
    case = selectors.get_notice(user=request.user, pk=pk)
    audit.record(audit.Event.CASE_VIEWED, actor=request.user, case=case, request=request)
    context = {"case": case, "kind": get_kind(KIND), "controls": list(selectors.controls_of(case))}
    return render(request, "benturan/declarant/notice.html", context)
