"""Every staff page and download needs a login verified with a second factor.

A path guard rather than a decorator on each view: a staff view added later under
/staf/ or /admin/ is protected without anyone remembering to do it.
tests/test_staff_urls_require_otp.py walks every such URL to prove it.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from . import flow

STAFF_PREFIXES = ("/staf/", "/admin/")


def _admin_login_path() -> str | None:
    try:
        return reverse("admin:login")
    except NoReverseMatch:
        return None


class StaffSecondFactorMiddleware:
    """Send anyone not fully signed in to the step they are missing, with ?next=.

    Must come after AuthenticationMiddleware and django_otp's OTPMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(STAFF_PREFIXES):
            response = self._guard(request)
            if response is not None:
                return response
        return self.get_response(request)

    def _guard(self, request):
        user = request.user
        if request.path == _admin_login_path():
            return self._admin_login(request)
        if not (user.is_authenticated and user.is_active):
            return redirect(flow.login_url(request.get_full_path()))
        if not flow.is_fully_signed_in(user):
            return redirect(flow.second_factor_url(user, request.get_full_path()))
        return None

    def _admin_login(self, request):
        # The admin's own login form knows nothing of the second factor, so nobody may
        # use it: everyone goes through our login, then on to where the admin wanted.
        target = flow.safe_next(request, default=reverse("admin:index"))
        user = request.user
        if flow.is_fully_signed_in(user):
            if not admin.site.has_permission(request):
                # The admin would send this user back to its login: refuse instead of looping.
                raise PermissionDenied(_("Akun Anda tidak memiliki akses ke halaman admin."))
            return redirect(target)
        if user.is_authenticated and user.is_active:
            return redirect(flow.second_factor_url(user, target))
        return redirect(flow.login_url(target))
