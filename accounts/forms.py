"""Forms of the staff login: password, then a code. They check the shape of input only;
the checks against the account live in authenticate() and accounts.services."""

import re

from django import forms
from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _

from .backends import normalise_identifier


class LoginForm(forms.Form):
    # The field is named "username" because django-axes reads that name
    # (settings.AXES_USERNAME_FORM_FIELD).
    username = forms.CharField(
        label=_("NIP atau alamat e-mail"),
        max_length=254,
        widget=forms.TextInput(
            attrs={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false", "autofocus": True}
        ),
    )
    password = forms.CharField(
        label=_("Kata sandi"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        # One message for a wrong identifier, a wrong password and an inactive account,
        # so the form never tells which accounts exist.
        "invalid_login": _("NIP/e-mail atau kata sandi salah. Periksa kembali lalu coba lagi."),
    }

    def __init__(self, request, *args, **kwargs):
        self.request = request
        self.user = None
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        identifier = normalise_identifier(cleaned.get("username", ""))
        password = cleaned.get("password")
        if identifier and password:
            # authenticate() also runs the axes lockout check and, on failure, sends the
            # user_login_failed signal that axes and the audit log count.
            self.user = authenticate(self.request, username=identifier, password=password)
            if self.user is None:
                raise forms.ValidationError(self.error_messages["invalid_login"], code="invalid_login")
        return cleaned


def _token_widget():
    return forms.TextInput(
        attrs={
            "autocomplete": "one-time-code",
            "inputmode": "numeric",
            "pattern": r"[0-9 ]*",
            "maxlength": "9",
            "autocapitalize": "none",
            "spellcheck": "false",
        }
    )


class TokenForm(forms.Form):
    """A six-digit code from the authenticator app (enrolment and verification)."""

    token = forms.CharField(
        label=_("Kode 6 angka dari aplikasi autentikator"),
        max_length=9,
        widget=_token_widget(),
    )

    def clean_token(self):
        token = re.sub(r"\s", "", self.cleaned_data["token"])
        if not re.fullmatch(r"\d{6}", token):
            raise forms.ValidationError(_("Kode terdiri atas 6 angka."), code="shape")
        return token


class BackupCodeForm(forms.Form):
    """One of the printed backup codes (eight letters and digits)."""

    backup_code = forms.CharField(
        label=_("Kode cadangan"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false", "maxlength": "20"}
        ),
    )

    def clean_backup_code(self):
        code = re.sub(r"[\s-]", "", self.cleaned_data["backup_code"])
        if not re.fullmatch(r"[A-Za-z0-9]{8}", code):
            raise forms.ValidationError(_("Kode cadangan terdiri atas 8 huruf dan angka."), code="shape")
        return code


class DecisionForm(forms.Form):
    """The decider's note on a request for a reading role or a second-factor reset."""

    note = forms.CharField(
        label=_("Catatan keputusan"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Wajib bila menolak; peminta membacanya."),
    )
