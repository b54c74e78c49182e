"""The staff member's own account page under /staf/akun/: second-factor status and
new backup codes."""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from .. import flow, services
from ..decorators import otp_verified_required
from .second_factor import NEW_BACKUP_CODES_SESSION_KEY


@otp_verified_required
def account_view(request):
    user = request.user
    context = {
        "totp_device": services.confirmed_totp_device(user),
        "backup_codes_left": services.backup_codes_left(user),
        "roles": sorted(user.groups.values_list("name", flat=True)),
    }
    return render(request, "accounts/account.html", context)


@require_POST
@otp_verified_required
def backup_codes_regenerate_view(request):
    """Replace every backup code with new ones, then show them once."""
    codes = services.backup_codes_issue(user=request.user, request=request)
    request.session[NEW_BACKUP_CODES_SESSION_KEY] = codes
    return redirect(flow.with_next(reverse("accounts:backup_codes"), reverse("accounts_staff:account")))
