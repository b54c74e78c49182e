"""Public pages: the landing page and the tracking page for people without an account.

The tracking session holds only the id of the case whose code was entered. Every page and
action of the reporter takes its case from that session (never from the URL), so a
browser can reach one case only: the one whose code it entered. None of these requests
leaves anything about the client behind: services are called without the request, so no
address, user agent or account is written (see security.audit.record); like every page,
responses are never stored by the browser or a proxy (security.no_store).

A kind adds its own reporter sections and actions without the engine knowing it, by two
conventions:

- ``templates/<kind>/track_panel.html`` is included at the top of the tracking page
  (under the status) when it exists;
- ``<app>/views_tracking.py`` may define ``track_panel_context(request, case) -> dict``
  whose items go into the page context (the forms and data of the panel). The key
  ``replaces_message_form`` set to True hides the plain message and upload forms while
  the kind's panel offers its own way to write and send files (e.g. the answer to a
  request for information).

Above the kind's panel the page says what the status means and what happens next, by
when (casework.next_step, from the kind's status guide), and below the history it lists
every status of the kind.

The kind's own POST endpoints wrap their views in ``reporter_view(kind=...)`` and, when
input is refused, show the whole page again through ``render_track_page(request, case,
status=400, <form name>=<bound form>)`` so that nothing typed is lost.
"""

from __future__ import annotations

import logging
from functools import wraps
from importlib import import_module

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import select_template
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from accounts import profiles
from security import crypto, ratelimit

from . import intake, next_step, selectors, services, tracking
from .attachments import add_attachment, attachment_response, read_attachment
from .forms_public import ReporterAttachmentForm, ReporterMessageForm, TrackingCodeForm
from .models import Attachment, Case
from .views_files import INLINE_TYPES

logger = logging.getLogger(__name__)

SESSION_KEY = "sigap_tracking_case"
# The module of a case app that may add to the tracking page, and its function.
PANEL_MODULE = "views_tracking"
PANEL_CONTEXT = "track_panel_context"
# Reporter posts (messages, files, answers, ratings) allowed per client and window.
DEFAULT_POST_RATE = "30/h"


def home(request):
    return render(request, "home.html")


def agency_logo(request):
    """The logo of the unit running this SIGAP (accounts.UnitProfile), for the home page."""
    profile = profiles.top_profile()
    if profile is None or not profile.logo:
        raise Http404
    return HttpResponse(bytes(profile.logo), content_type=profile.logo_type or "image/png")


TRACK_GROUP = "track"


def _too_many_tries() -> str:
    return _(
        "Terlalu banyak kode yang salah dari perangkat ini. Anda dapat mencoba lagi paling lama %(minutes)d menit lagi."
    ) % {"minutes": ratelimit.wait_minutes(settings.SIGAP_CODE_LOOKUP_RATE)}


def track(request):
    """Enter a tracking code; on success the case opens for this browser session."""
    form = TrackingCodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        # Only codes that open nothing are counted: they are what guessing produces, and a
        # complainant who checks their complaint often must not be locked out by it.
        if ratelimit.blocked(request, group=TRACK_GROUP):
            form.add_error(None, _too_many_tries())
            status = 429
        elif form.is_valid():
            code = form.cleaned_data["code"]
            case = tracking.find_case(code)
            if case is not None:
                # A new session id, so a code entered on a shared computer is not replayable.
                request.session.cycle_key()
                request.session[SESSION_KEY] = case.pk
                return redirect("track_case")
            pending = intake.find_pending(code)
            if pending is not None:
                # Accepted moments ago and not opened yet: say so rather than "unknown",
                # and keep the code in the field for the next try.
                return render(request, "casework/track.html", {"form": form, "pending": pending})
            if ratelimit.hit(request, group=TRACK_GROUP):
                form.add_error(None, _too_many_tries())
                status = 429
            else:
                form.add_error("code", _("Kode tidak dikenal. Periksa kembali kode Anda."))
        else:
            ratelimit.hit(request, group=TRACK_GROUP)
    return render(request, "casework/track.html", {"form": form}, status=status)


# The reporter's session --------------------------------------------------------------


def tracked_case(request):
    """The case of this browser's tracking session, as its kind's model, or None."""
    pk = request.session.get(SESSION_KEY)
    case = Case.objects.filter(pk=pk).first() if pk else None
    return case.as_kind() if case is not None else None


def reporter_view(kind: str | None = None):
    """Decorate every view of the reporter: `view(request, case, ...)`.

    The case is the one of the tracking session, and with `kind` it must be of that kind
    (404 otherwise: a kind's endpoints act on nothing else). Without a session the
    reporter is sent to enter the code again. Every response, errors included, is no-store.
    """

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            case = tracked_case(request)
            if case is None:
                if request.method == "POST":
                    messages.warning(
                        request,
                        _(
                            "Sesi pelacakan Anda sudah berakhir, sehingga kiriman terakhir belum tersimpan. "
                            "Masukkan kode pelacakan lagi, lalu kirim ulang."
                        ),
                    )
                return redirect("track")
            try:
                if kind is not None and case.kind != kind:
                    raise Http404
                response = view(request, case, *args, **kwargs)
            except Http404:
                # Another kind's case: "not found", as for an address that does not exist.
                response = render(request, "404.html", status=404)
            return response

        return wrapper

    return decorate


def post_rate() -> str:
    """Reporter posts allowed per client (SIGAP_TRACKING_POST_RATE, default 30 an hour)."""
    return getattr(settings, "SIGAP_TRACKING_POST_RATE", DEFAULT_POST_RATE)


def throttled(request) -> bool:
    """Count one reporter post from this client; True when it is over the limit.

    The client is known to the limiter only by a keyed hash of its address, kept in the
    cache for the window, never in the database.
    """
    return ratelimit.hit(request, group="track_post", rate=post_rate())


TOO_MANY_POSTS = gettext_lazy("Terlalu banyak kiriman dari perangkat ini. Tunggu sebentar, lalu kirim lagi.")


def reasons_of(exc) -> list[str]:
    """What a refusing service said, for the user (TransitionBlocked or ValidationError)."""
    return list(getattr(exc, "reasons", None) or exc.messages)


def refuse(request, case, *, form_name: str, form, reasons, status: int = 400):
    """Show the page again with `form` as submitted and why it was refused."""
    for reason in reasons:
        form.add_error(None, reason)
    return render_track_page(request, case, status=status, **{form_name: form})


def refuse_throttled(request, case, *, form_name: str, form):
    """The answer to a post over the rate limit: the typed text stays, with the reason."""
    return refuse(request, case, form_name=form_name, form=form, reasons=[str(TOO_MANY_POSTS)], status=429)


# The page ----------------------------------------------------------------------------


def reporter_attachments(case):
    """The files the reporter may see: their own and those a handler chose to share."""
    return Attachment.objects.filter(case=case).filter(Q(from_reporter=True) | Q(visible_to_reporter=True))


def attachment_count(case) -> int:
    """How many files the case holds (the per-case limit counts all of them)."""
    return Attachment.objects.filter(case=case).count()


def _kind_panel(request, case) -> tuple:
    """The kind's panel template (or None) and its context, found by convention."""
    try:
        template = select_template([f"{case.kind}/track_panel.html"])
    except TemplateDoesNotExist:
        template = None
    app = case.kind_spec.model._meta.app_config
    context = {}
    if module_has_submodule(app.module, PANEL_MODULE):
        build = getattr(import_module(f"{app.name}.{PANEL_MODULE}"), PANEL_CONTEXT, None)
        if build is not None:
            context = build(request, case)
    return template, context


def render_track_page(request, case, *, status: int = 200, **bound_forms):
    """The reporter's page for `case`; any bound form given replaces its blank one."""
    panel_template, panel_context = _kind_panel(request, case)
    services.messages_mark_read(case=case, sender="staff")
    context = {
        "case": case,
        "kind": case.kind_spec,
        "step": next_step.next_step(case),
        "glossary": next_step.glossary(case.kind_spec),
        "history": selectors.public_timeline(case),
        "conversation": selectors.conversation(case),
        "attachments": reporter_attachments(case),
        "form": ReporterMessageForm(),
        "attachment_form": ReporterAttachmentForm(already_attached=attachment_count(case)),
        "panel_template": panel_template,
        "replaces_message_form": False,
        **panel_context,
        **bound_forms,
    }
    return render(request, "casework/track_case.html", context, status=status)


def attach_reporter_files(case, files) -> None:
    """Store files the reporter sent (already checked by AttachmentsField) on the case.

    Marked as the reporter's, so they see them in their list; nothing about the request
    is recorded. Refused once the case is closed: a closed case takes no more evidence.
    """
    if files and not case.is_open:
        raise ValidationError(_("Kasus sudah ditutup; lampiran tidak dapat ditambahkan lagi."))
    for clean in files:
        add_attachment(case=case, upload=clean, from_reporter=True)


# Views -------------------------------------------------------------------------------


@reporter_view()
def track_case(request, case):
    """The reporter's view of their case: public history, messages, files, and a reply form."""
    if request.method != "POST":
        return render_track_page(request, case)
    form = ReporterMessageForm(request.POST)
    if throttled(request):
        return refuse_throttled(request, case, form_name="form", form=form)
    if not form.is_valid():
        return render_track_page(request, case, status=400, form=form)
    try:
        services.message_post(case=case, body=form.cleaned_data["body"], by_reporter=True)
    except ValidationError as exc:
        return refuse(request, case, form_name="form", form=form, reasons=reasons_of(exc))
    messages.success(request, _("Pesan Anda terkirim."))
    return redirect("track_case")


@reporter_view()
@require_POST
def track_attach(request, case):
    """Add files to the case from the tracking page while it is open."""
    if throttled(request):
        # The files are not even read (the form gets none, and may): nothing else was typed.
        form = ReporterAttachmentForm(request.POST, already_attached=attachment_count(case))
        form.fields["files"].required = False
        return refuse_throttled(request, case, form_name="attachment_form", form=form)
    form = ReporterAttachmentForm(request.POST, request.FILES, already_attached=attachment_count(case))
    if not form.is_valid():
        return render_track_page(request, case, status=400, attachment_form=form)
    try:
        attach_reporter_files(case, form.cleaned_data["files"])
    except ValidationError as exc:
        return refuse(request, case, form_name="attachment_form", form=form, reasons=reasons_of(exc))
    count = len(form.cleaned_data["files"])
    messages.success(request, _("%(count)d berkas terlampir.") % {"count": count})
    return redirect("track_case")


@reporter_view()
@require_safe
def track_file(request, case, pk: int):
    """Hand the reporter one of the files they may see on their case (404 for any other).

    `?inline=1` shows an image or PDF in the browser instead of saving it.
    """
    return reporter_file_response(request, case, pk)


def reporter_file_response(request, case, pk: int, *, on_read=None):
    """One of the files the reporter may see on `case`, or 404: for the tracking page and
    for a signed-in reporter's own pages (a declarant), which audits the read through
    `on_read(attachment)`. `?inline=1` shows an image or PDF instead of saving it."""
    attachment = reporter_attachments(case).filter(pk=pk).first()
    if attachment is None:
        raise Http404
    try:
        data = read_attachment(attachment)
    except (FileNotFoundError, crypto.DecryptionError):
        # Logged by id only; the name is sensitive. The reporter sees a plain "not found".
        logger.exception("Attachment %s cannot be read", attachment.pk)
        raise Http404 from None
    if on_read is not None:
        on_read(attachment)
    inline = request.GET.get("inline") == "1" and attachment.content_type in INLINE_TYPES
    return attachment_response(attachment, inline=inline, data=data)


@require_POST
def track_leave(request):
    request.session.pop(SESSION_KEY, None)
    request.session.cycle_key()
    return redirect("track")
