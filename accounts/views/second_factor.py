"""Step two of the staff login: enrol an authenticator app, or verify a code from it
(or a backup code); then show new backup codes once."""

import math

import django_otp
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timeuntil
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.debug import sensitive_post_parameters

from .. import flow, qr, services
from ..decorators import otp_verified_required, password_step_required
from ..forms import BackupCodeForm, TokenForm

# The authenticator shown on the enrolment page belongs to the session that saw it.
PENDING_DEVICE_SESSION_KEY = "accounts_pending_totp_id"
# New backup codes wait here for the one page that shows them, which removes them.
NEW_BACKUP_CODES_SESSION_KEY = "accounts_new_backup_codes"
# Fewer codes than this left after using one: remind the user to make new ones.
LOW_BACKUP_CODES = 3


def throttled_message(locked_until) -> str:
    seconds = max(1, math.ceil((locked_until - timezone.now()).total_seconds()))
    if seconds < 60:
        wait = ngettext("%(n)d detik", "%(n)d detik", seconds) % {"n": seconds}
    else:
        wait = timeuntil(locked_until)
    return _("Terlalu banyak kode yang salah. Demi keamanan, coba lagi dalam %(wait)s.") % {"wait": wait}


def _failure_message(result) -> str:
    if result.throttled:
        return throttled_message(result.locked_until)
    if result.method == services.METHOD_BACKUP:
        return _("Kode cadangan tidak cocok atau sudah pernah dipakai.")
    return _("Kode tidak cocok. Pastikan jam di ponsel Anda tepat, lalu masukkan kode yang sedang tampil.")


def _mark_verified(request, device) -> None:
    django_otp.login(request, device)
    # A new session key for the more trusted session, as django.contrib.auth does at login.
    request.session.cycle_key()


def _after_login(request) -> str:
    return flow.safe_next(request)


@sensitive_post_parameters("token")
@password_step_required
def enrol_view(request):
    """First login (or after an admin reset): set up the authenticator app."""
    user = request.user
    next_url = flow.safe_next(request, default="")
    if flow.is_fully_signed_in(user):
        return redirect(_after_login(request))
    if services.confirmed_totp_device(user) is not None:
        # Replacing an authenticator needs the old one first (or an admin reset).
        return redirect(flow.with_next(reverse("accounts:otp_verify"), next_url))

    device = services.totp_enrolment_start(user=user, pending_device_id=request.session.get(PENDING_DEVICE_SESSION_KEY))
    request.session[PENDING_DEVICE_SESSION_KEY] = device.pk
    form = TokenForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        result = services.totp_enrolment_confirm(
            user=user, device=device, token=form.cleaned_data["token"], request=request
        )
        if result.ok:
            codes = services.backup_codes_issue(user=user, request=request)
            _mark_verified(request, result.device)
            request.session.pop(PENDING_DEVICE_SESSION_KEY, None)
            request.session[NEW_BACKUP_CODES_SESSION_KEY] = codes
            return redirect(flow.with_next(reverse("accounts:backup_codes"), next_url))
        form.add_error("token", _failure_message(result))

    uri = qr.totp_uri(device)
    context = {
        "form": form,
        "next": next_url,
        "qr_svg": qr.qr_svg(uri, label=_("Kode QR untuk aplikasi autentikator")),
        "secret": qr.totp_secret_grouped(device),
        "issuer": qr.issuer(),
        "account_label": user.nip or user.email,
    }
    return render(request, "accounts/otp_enrol.html", context)


@sensitive_post_parameters("token", "backup_code")
@password_step_required
def verify_view(request):
    """Every later login: a code from the authenticator app, or a backup code."""
    user = request.user
    next_url = flow.safe_next(request, default="")
    if flow.is_fully_signed_in(user):
        return redirect(_after_login(request))
    if services.confirmed_totp_device(user) is None:
        return redirect(flow.with_next(reverse("accounts:otp_enrol"), next_url))

    is_post = request.method == "POST"
    token_form = TokenForm(request.POST if is_post and "token" in request.POST else None)
    backup_form = BackupCodeForm(request.POST if is_post and "backup_code" in request.POST else None)
    for form, field in ((token_form, "token"), (backup_form, "backup_code")):
        if not form.is_valid():
            continue
        result = services.second_factor_verify(user=user, code=form.cleaned_data[field], request=request)
        if result.ok:
            _mark_verified(request, result.device)
            if result.backup_codes_left is not None:
                _remind_backup_codes(request, result.backup_codes_left)
            return redirect(_after_login(request))
        form.add_error(field, _failure_message(result))

    context = {
        "token_form": token_form,
        "backup_form": backup_form,
        "backup_open": backup_form.is_bound,
        "next": next_url,
    }
    return render(request, "accounts/otp_verify.html", context)


def _remind_backup_codes(request, left: int) -> None:
    text = ngettext(
        "Anda masuk dengan kode cadangan. Tersisa %(n)d kode cadangan.",
        "Anda masuk dengan kode cadangan. Tersisa %(n)d kode cadangan.",
        left,
    ) % {"n": left}
    if left < LOW_BACKUP_CODES:
        text += " " + _("Buat kode cadangan baru di halaman Akun Saya.")
        messages.warning(request, text)
    else:
        messages.info(request, text)


@otp_verified_required
def backup_codes_view(request):
    """Show freshly made backup codes, once: they are removed from the session here."""
    codes = request.session.pop(NEW_BACKUP_CODES_SESSION_KEY, None)
    next_url = _after_login(request)
    if not codes:
        messages.info(request, _("Kode cadangan hanya ditampilkan sekali. Jika hilang, buat kode cadangan baru."))
        return redirect(next_url)
    return render(request, "accounts/backup_codes.html", {"codes": codes, "next": next_url})
