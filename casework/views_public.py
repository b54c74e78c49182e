"""Public pages: the landing page and the tracking page for people without an account.

The tracking session holds only the id of the case whose code was entered; no address,
user agent or account is recorded for these requests (see casework.audit.record).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import ratelimit, selectors, services, tracking
from .forms_public import ReporterMessageForm, TrackingCodeForm
from .models import Case

SESSION_KEY = "sigap_tracking_case"


def home(request):
    return render(request, "home.html")


def _no_store(response):
    response["Cache-Control"] = "no-store, max-age=0"
    response["Referrer-Policy"] = "no-referrer"
    return response


@never_cache
def track(request):
    """Enter a tracking code; on success the case opens for this browser session."""
    form = TrackingCodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if ratelimit.hit(request, group="track"):
            form.add_error(None, _("Terlalu banyak percobaan dari perangkat ini. Silakan coba lagi nanti."))
            status = 429
        elif form.is_valid():
            case = tracking.find_case(form.cleaned_data["code"])
            if case is not None:
                # A new session id, so a code entered on a shared computer is not replayable.
                request.session.cycle_key()
                request.session[SESSION_KEY] = case.pk
                return redirect("track_case")
            form.add_error("code", _("Kode tidak dikenal. Periksa kembali kode Anda."))
    return _no_store(render(request, "casework/track.html", {"form": form}, status=status))


def _tracked_case(request):
    pk = request.session.get(SESSION_KEY)
    return Case.objects.filter(pk=pk).first() if pk else None


@never_cache
def track_case(request):
    """The reporter's view of their case: public history, messages, and a reply form."""
    case = _tracked_case(request)
    if case is None:
        return redirect("track")
    form = ReporterMessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.message_post(case=case, body=form.cleaned_data["body"], by_reporter=True)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Pesan Anda terkirim."))
            return redirect("track_case")
    services.messages_mark_read(case=case, sender="staff")
    context = {
        "case": case,
        "kind": case.kind_spec,
        "history": selectors.public_timeline(case),
        "conversation": selectors.conversation(case),
        "form": form,
    }
    return _no_store(render(request, "casework/track_case.html", context))


@require_POST
def track_leave(request):
    request.session.pop(SESSION_KEY, None)
    request.session.cycle_key()
    return redirect("track")
