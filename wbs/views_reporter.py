"""The WBS reporter coming back with the receipt code, under /wbs/ (no account).

/wbs/masuk/ takes the code; each look-up costs a slow hash (wbs.receipts.find_report)
and is throttled per client and across all clients in this process's memory
(wbs.throttle), never in the shared cache. Past the ceiling across all clients the form
asks the browser for a small proof of work (wbs.proof_of_work) instead of refusing, so
that nobody spending the ceiling can keep a reporter with the right code out. The report then opens in this browser
(wbs.reporter_session) and the reporter reads its status and public history, writes to
the handler, answers a request for more information, adds evidence, and sets or forgets
the address that hears "there is news".

Like every reporter page these views never look at who is signed in and pass no request to
a service: nothing about the client is recorded. A refused post shows the page again
with what was typed and why (400; 429 when throttled).
"""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from casework import next_step, selectors
from casework.attachments import attachment_response
from casework.forms_public import ReporterAttachmentForm, ReporterMessageForm
from casework.uploads import release_kept, settle_refused
from casework.views_files import INLINE_TYPES
from casework.views_public import reasons_of, reporter_attachments
from casework.workflow import TransitionBlocked
from security import crypto

from . import receipts, reporter_session, services, throttle
from .choices import Kategori, State
from .forms_report import people_of, terlapor_formset
from .forms_reporter import ContactForm, ReceiptCodeForm, SupplyForm, refused_without_code
from .models import KontakPelapor
from .reporter_session import reporter_view, set_notice
from .selectors import reported_persons

logger = logging.getLogger(__name__)

#: What each stage means for the reporter, under the status.
TOO_MANY = gettext_lazy("Terlalu banyak kiriman dari perangkat ini. Tunggu sebentar, lalu kirim lagi.")
TOO_MANY_TRIES = gettext_lazy("Terlalu banyak percobaan. Silakan coba lagi beberapa saat lagi.")


# --- Coming back with the code -------------------------------------------------------------
def login(request):
    """Enter the receipt code; the right code opens the report in this browser."""
    form = ReceiptCodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        admission = throttle.admit(request, throttle.LOOKUP)
        if admission.refused:
            message = throttle.refusal_message(admission, throttle.LOOKUP, too_many=TOO_MANY_TRIES)
            form = refused_without_code(ReceiptCodeForm, request.POST, message)
            status = 429
        elif form.is_valid():
            case = receipts.find_report(form.cleaned_data["code"])
            if case is not None:
                response = redirect("wbs:report")
                reporter_session.open_report(response, case.pk)
                return response
            form.add_error("code", _("Kode tidak dikenal. Periksa kembali kode Anda."))
    context = {
        "form": form,
        "ended": reporter_session.ENDED in request.GET,
        "left": reporter_session.LEFT in request.GET,
        **throttle.challenge_context(throttle.LOOKUP),
    }
    return render(request, "wbs/reporter/login.html", context, status=status)


@require_POST
def logout(request):
    response = redirect(f"{reverse('wbs:login')}?{reporter_session.LEFT}=1")
    reporter_session.leave(response)
    return response


# --- The report page -----------------------------------------------------------------------


def _question(case) -> str:
    """The handler's latest request for more information."""
    entry = case.timeline.filter(transition="tunda").order_by("-created_at", "-id").first()
    return entry.public_note if entry else ""


def render_report(request, case, *, status=200, **bound):
    """The reporter's page; a bound form in `bound` (by name) replaces its blank one."""
    count = case.attachments.count()
    waiting = case.state == State.DITUNDA
    context = {
        "case": case,
        "kind": case.kind_spec,
        # What the status means and what happens next, by the report's own clocks only.
        "step": next_step.next_step(case),
        "glossary": next_step.glossary(case.kind_spec),
        "kategori": Kategori(case.kategori).label if case.kategori in Kategori.values else case.kategori,
        # What the reporter named, never what a handler added or matched.
        "terlapor": reported_persons(case, from_reporter=True),
        "history": selectors.public_timeline(case),
        "conversation": selectors.conversation(case),
        "files": reporter_attachments(case),
        "has_contact": KontakPelapor.objects.filter(laporan=case).exists(),
        "notice": getattr(request, "wbs_shown_notice", None),
        "question": _question(case) if waiting else "",
        "supply_form": SupplyForm(case=case, already_attached=count) if waiting else None,
        "people": terlapor_formset() if waiting else None,
        "message_form": ReporterMessageForm(),
        "evidence_form": ReporterAttachmentForm(already_attached=count),
        "contact_form": ContactForm(),
        "inline_types": INLINE_TYPES,
        **bound,
    }
    return render(request, "wbs/reporter/report.html", context, status=status)


def _submit(request, case, *, bind, send, notice: str):
    """One post of the reporter: counted against their rate, checked, sent through its
    service, or shown again as typed with the reason (429, 400).

    `bind(files)` makes the page's bound forms by name (the first takes the reasons);
    `files` is None when the post is over the rate, so its files are not even read.
    `send(*forms)` calls the service. `notice` is what the next page says (NOTICES).
    """
    throttled = throttle.hit(request, throttle.POST)
    bound = bind(None if throttled else request.FILES)
    first = next(iter(bound.values()))
    keeping = [form for form in bound.values() if hasattr(form, "held_files")]

    def refused(status: int):
        for form in keeping:
            settle_refused(form)
        return render_report(request, case, status=status, **bound)

    if throttled:
        first.add_error(None, str(TOO_MANY))
        return refused(429)
    if not all([form.is_valid() for form in bound.values()]):
        return refused(400)
    try:
        with transaction.atomic():
            send(*bound.values())
            for form in keeping:
                release_kept(form)
    except (ValidationError, TransitionBlocked) as exc:
        for reason in reasons_of(exc):
            first.add_error(None, reason)
        return refused(400)
    set_notice(request, notice)
    return redirect("wbs:report")


@reporter_view
@require_safe
def report(request, case):
    return render_report(request, case)


@reporter_view
@require_POST
def message(request, case):
    return _submit(
        request,
        case,
        bind=lambda files: {"message_form": ReporterMessageForm(request.POST)},
        send=lambda form: services.wbs_reporter_message(case=case, body=form.cleaned_data["body"]),
        notice="message",
    )


@reporter_view
@require_POST
def supply(request, case):
    """The answer to the handler's request for more information."""

    def bind(files):
        form = SupplyForm(request.POST, files, case=case, already_attached=case.attachments.count())
        return {"supply_form": form, "people": terlapor_formset(request.POST)}

    def send(form, people):
        services.wbs_reporter_supply(
            case=case,
            reply=form.cleaned_data["reply"],
            tambahan=form.tambahan(),
            terlapor=people_of(people),
            bukti=form.cleaned_data["bukti"],
        )

    return _submit(request, case, bind=bind, send=send, notice="supplied")


@reporter_view
@require_POST
def evidence(request, case):
    def bind(files):
        form = ReporterAttachmentForm(request.POST, files, already_attached=case.attachments.count())
        # Over the rate nothing was read: say so, not that no file was chosen.
        form.fields["files"].required = files is not None
        return {"evidence_form": form}

    return _submit(
        request,
        case,
        bind=bind,
        send=lambda form: services.wbs_reporter_add_evidence(case=case, uploads=form.cleaned_data["files"]),
        notice="evidence",
    )


@reporter_view
@require_POST
def contact(request, case):
    return _submit(
        request,
        case,
        bind=lambda files: {"contact_form": ContactForm(request.POST)},
        send=lambda form: services.wbs_reporter_set_contact(case=case, email=form.cleaned_data["email"]),
        notice="contact_set",
    )


@reporter_view
@require_POST
def contact_forget(request, case):
    services.wbs_reporter_forget_contact(case=case)
    set_notice(request, "contact_forgotten")
    return redirect("wbs:report")


@reporter_view
@require_safe
def file(request, case, pk: int):
    """One of the files the reporter may see on their report (404 for any other).
    `?inline=1` shows an image or PDF in the browser instead of saving it."""
    attachment = get_object_or_404(reporter_attachments(case), pk=pk)
    inline = request.GET.get("inline") == "1" and attachment.content_type in INLINE_TYPES
    try:
        return attachment_response(attachment, inline=inline)
    except (FileNotFoundError, crypto.DecryptionError):
        # By id only: the name is content. The reporter sees a plain "not found".
        logger.exception("Attachment %s cannot be read", attachment.pk)
        raise Http404 from None
