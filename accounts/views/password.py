"""Setting a password through the one-time link an account's owner receives by e-mail
(accounts.passwords). Django's reset view does the checking: the link's token is moved to
the session and out of the address bar at once, it is refused once the password changed
(so it works once) or after PASSWORD_RESET_TIMEOUT, and never for an inactive account."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import SetPasswordForm
from django.urls import reverse_lazy
from django.views.generic import TemplateView

from .. import passwords


class PasswordSetView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_set.html"
    form_class = SetPasswordForm
    success_url = reverse_lazy("accounts:password_set_done")
    post_reset_login = False
    reset_url_token = "buat"

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        return user if user is not None and user.is_active else None

    def form_valid(self, form):
        response = super().form_valid(form)
        passwords.password_set_recorded(user=form.user, request=self.request)
        return response


password_set_view = PasswordSetView.as_view()
password_set_done_view = TemplateView.as_view(template_name="accounts/password_set_done.html")
