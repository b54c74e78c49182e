from django import forms
from django.utils.translation import gettext_lazy as _

from . import tracking
from .uploads import AttachmentsField


class TrackingCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Kode pelacakan"),
        max_length=40,
        help_text=_("16 huruf dan angka yang Anda terima saat melapor, misalnya 7KQM-4XRT-9HWB-2NCF."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )

    def clean_code(self):
        code = self.cleaned_data["code"]
        if tracking.normalize(code) is None:
            raise forms.ValidationError(
                _("Kode harus terdiri atas 16 huruf dan angka (tanda hubung boleh ada atau tidak).")
            )
        return code


class ReporterMessageForm(forms.Form):
    body = forms.CharField(
        label=_("Pesan Anda"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("Pesan terlalu panjang: paling banyak %(limit_value)d karakter.")},
    )


class ReporterAttachmentForm(forms.Form):
    """Files the reporter adds to their case; the per-case limit counts those already there."""

    files = AttachmentsField(
        required=True,
        label=_("Tambahkan lampiran"),
        error_messages={"required": _("Pilih setidaknya satu berkas untuk dilampirkan.")},
    )

    def __init__(self, *args, already_attached: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].already_attached = already_attached


def show_limits_to_browser(form) -> None:
    """Tell the browser each field's length limit and which fields are required, so a
    phone stops the typing at the limit and a screen reader says "required" — before a
    round trip to the server. The server still checks both."""
    for field in form.fields.values():
        if getattr(field, "max_length", None):
            field.widget.attrs.setdefault("maxlength", str(field.max_length))
        if field.required:
            field.widget.attrs.setdefault("aria-required", "true")
