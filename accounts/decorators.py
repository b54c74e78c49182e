"""View guards for the two login steps.

StaffSecondFactorMiddleware already guards /staf/ and /admin/; these guard the account
pages that live outside those prefixes, and make each view safe wherever it is mounted.
"""

from functools import wraps

from django.shortcuts import redirect

from . import flow


def password_step_required(view):
    """The password step is done (the second factor may still be missing)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not (request.user.is_authenticated and request.user.is_active):
            return redirect(flow.login_url(flow.safe_next(request, default="") or None))
        return view(request, *args, **kwargs)

    return wrapper


def otp_verified_required(view):
    """Both steps are done: password and second factor, in this session."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not (user.is_authenticated and user.is_active):
            return redirect(flow.login_url(request.get_full_path()))
        if not flow.is_fully_signed_in(user):
            return redirect(flow.second_factor_url(user, request.get_full_path()))
        return view(request, *args, **kwargs)

    return wrapper
