"""Step one of the staff login (NIP or e-mail and password) and logout."""

from django.contrib import auth
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters

from .. import flow, throttle
from ..forms import LoginForm


@sensitive_post_parameters("password")
@csrf_protect
def login_view(request):
    """Check the password, then send the user on to the second factor.

    django.contrib.auth.login() runs here, so the session belongs to the user from now
    on; StaffSecondFactorMiddleware keeps every staff page closed until the session is
    also OTP-verified. (django-axes turns a locked-out attempt into its lockout page.)
    """
    next_url = flow.safe_next(request, default="")
    if flow.is_fully_signed_in(request.user):
        return redirect(next_url or flow.safe_next(request))

    status, blocked_message = 200, ""
    form = LoginForm(request, data=request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if throttle.login_blocked(request):
            # Refused before the password is checked, so a blocked client learns nothing.
            form = LoginForm(request, initial={"username": request.POST.get("username", "")[:254]})
            blocked_message = _(
                "Terlalu banyak percobaan masuk yang gagal dari jaringan Anda. Tunggu beberapa menit lalu coba lagi."
            )
            status = 429
        elif form.is_valid():
            auth.login(request, form.user)
            return redirect(flow.second_factor_url(form.user, next_url))
        else:
            throttle.count_login_failure(request)
    context = {"form": form, "next": next_url, "blocked_message": blocked_message}
    return render(request, "accounts/login.html", context, status=status)


# Django's LogoutView accepts POST only (a link or image cannot log anyone out) and sends
# user_logged_out, which the audit log records.
logout_view = auth_views.LogoutView.as_view()
