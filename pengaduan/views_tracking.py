"""What the complainant does on the tracking page, and the public monthly page.

The tracking page itself is the engine's (casework.views_public); a complaint adds its
panel (templates/pengaduan/track_panel.html, filled by track_panel_context below): the
handler's question and the answer to it while the case waits for information, the
handler's answer, and the rating. Each endpoint acts only on the case of this browser's
tracking session (casework.views_public.reporter_view), calls one service without the
request (so nothing about the client is recorded), and shows the page again with the
submitted form when the input or the service refuses.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from casework import selectors as case_selectors
from casework.models import TimelineEntry
from casework.named_persons import persons_of
from casework.services import message_post
from casework.uploads import release_kept, settle_refused
from casework.views_public import (
    TOO_MANY_POSTS,
    attach_reporter_files,
    attachment_count,
    reasons_of,
    refuse,
    refuse_throttled,
    render_track_page,
    reporter_view,
    throttled,
)
from casework.workflow import TransitionBlocked
from security.request_values import FIRST_YEAR

from . import monthly, services, services_wbs
from .choices import State
from .forms_tracking import MonthForm, RatingForm, SupplyInformationForm

KIND = "pengaduan"
ANSWERED = (State.DIJAWAB, State.SELESAI)
MONTHLY_PAGE_SIZE = 50


def _latest_public_note(case, transition: str) -> str:
    entry = case_selectors.public_timeline(case).filter(transition=transition).order_by("-created_at", "-id").first()
    return entry.public_note if entry is not None else ""


def _question(case) -> str:
    """The handler's latest request for information, as the complainant reads it."""
    return _latest_public_note(case, "tunda")


def _rated_this_answer(case) -> bool:
    """Whether the complainant rated the answer now shown (a reopened case answered again
    asks for a new rating, though the earlier one is still on the row)."""
    if case.rating is None or case.answered_at is None:
        return False
    return TimelineEntry.objects.filter(case=case, transition="rating", created_at__gte=case.answered_at).exists()


def track_panel_context(request, case) -> dict:
    """The complaint's part of the tracking page (called by casework.views_public)."""
    context = {
        "awaiting_information": case.state == State.DITUNDA,
        "answered": case.state in ANSWERED,
        "dissatisfied_max": services.dissatisfied_max_rating(),
        "may_reopen": case.reopened_count == 0,
        # The staff the complainant said it is about; never those a handler added.
        "named_staff": persons_of(case, from_reporter=True),
    }
    if context["awaiting_information"]:
        context["question"] = _question(case)
        # By when to answer, and what follows, is the page's next step (status_guide).
        context["reply_form"] = SupplyInformationForm(case=case, already_attached=attachment_count(case))
        # The answer to the question is the way to write while the case waits.
        context["replaces_message_form"] = True
    if case.state == State.MENUNGGU_PERSETUJUAN_WBS:
        context["wbs_explanation"] = _latest_public_note(case, "usulkan_wbs")
        context["wbs_proposed"] = True
    if context["answered"]:
        rated = _rated_this_answer(case)
        context["rated"] = rated
        context["rating_form"] = RatingForm(
            initial={"rating": case.rating, "comment": case.rating_comment} if rated else None
        )
    return context


@reporter_view(kind=KIND)
@require_POST
def reply(request, case):
    """The complainant answers the handler's question (with files if asked).

    While the complaint waits for information, the answer resumes its deadlines
    (pengaduan_supply_information). If it no longer waits (a handler resumed it after a
    phone call, or the page was old), the text is kept as a plain message.
    """
    form_name = "reply_form"
    if throttled(request):
        form = SupplyInformationForm(request.POST, case=case, already_attached=attachment_count(case))
        settle_refused(form)
        return refuse_throttled(request, case, form_name=form_name, form=form)
    form = SupplyInformationForm(request.POST, request.FILES, case=case, already_attached=attachment_count(case))
    if not form.is_valid():
        settle_refused(form)
        return render_track_page(request, case, status=400, **{form_name: form})
    body, files = form.cleaned_data["body"], form.cleaned_data["lampiran"]
    try:
        # One transaction: the answer and its files are kept together or not at all.
        with transaction.atomic():
            try:
                services.pengaduan_supply_information(case=case, reply=body)
                resumed = True
            except TransitionBlocked:
                message_post(case=case, body=body, by_reporter=True)
                resumed = False
            attach_reporter_files(case, files)
            release_kept(form)
    except (ValidationError, TransitionBlocked) as exc:
        settle_refused(form)
        return refuse(request, case, form_name=form_name, form=form, reasons=reasons_of(exc))
    if resumed:
        messages.success(request, _("Terima kasih. Jawaban Anda terkirim dan pengaduan Anda diproses kembali."))
    else:
        messages.success(request, _("Pesan Anda terkirim."))
    return redirect("track_case")


@reporter_view(kind=KIND)
@require_POST
def rate(request, case):
    """The complainant rates the answer, and may ask once to have the case reopened."""
    form = RatingForm(request.POST)
    if throttled(request):
        return refuse_throttled(request, case, form_name="rating_form", form=form)
    if not form.is_valid():
        return render_track_page(request, case, status=400, rating_form=form)
    reopen = form.cleaned_data["reopen"]
    try:
        services.pengaduan_rate(
            case=case, rating=form.cleaned_data["rating"], comment=form.cleaned_data["comment"], reopen=reopen
        )
    except (ValidationError, TransitionBlocked) as exc:
        # Among them: a second reopening, refused with its reason; the comment stays.
        return refuse(request, case, form_name="rating_form", form=form, reasons=reasons_of(exc))
    if reopen:
        messages.success(request, _("Pengaduan Anda dibuka kembali dan akan ditangani lagi oleh petugas."))
    else:
        messages.success(request, _("Terima kasih atas penilaian Anda."))
    return redirect("track_case")


@reporter_view(kind=KIND)
@require_POST
def wbs_decline(request, case):
    """The complainant declines the proposal to move the complaint to the WBS: it stays a
    complaint, back in triage. (Consent is taken on a WBS page: wbs.views_from_complaint.)"""
    if throttled(request):
        messages.error(request, str(TOO_MANY_POSTS))
        return render_track_page(request, case, status=429)
    try:
        services_wbs.pengaduan_keep_as_complaint(case=case)
    except TransitionBlocked as exc:
        messages.error(request, " ".join(reasons_of(exc)))
        return redirect("track_case")
    messages.success(request, _("Pengaduan Anda tetap ditangani sebagai pengaduan."))
    return redirect("track_case")


@require_safe
def monthly_report(request):
    """The public monthly follow-up page (?bulan=2026-10; default the last complete month).

    A value that is not a month, or a month still to come, is answered with the form and
    its message (400), never with another month's figures.
    """
    form = MonthForm(request.GET)
    if not form.is_valid():
        return render(request, "pengaduan/monthly.html", {"form": form}, status=400)
    month = form.cleaned_data["bulan"]
    this_month = monthly.Month.of(timezone.localdate())
    page = Paginator(monthly.published(month), MONTHLY_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": MonthForm(initial={"bulan": month.param}),
        "month": month,
        "summary": monthly.summarize(month),
        "page": page,
        "rows": monthly.public_rows(page.object_list, first_number=page.start_index()),
        "is_current_month": month == this_month,
        "previous_month": month.previous() if month.previous() >= monthly.Month(FIRST_YEAR, 1) else None,
        "next_month": month.next() if month < this_month else None,
    }
    return render(request, "pengaduan/monthly.html", context)
