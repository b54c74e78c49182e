"""Forms of the generic staff case page. They check only the shape of input."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .models import Confidentiality

TEXT_LIMIT = 5000


def _text_field(label, *, required=True, rows=3):
    return forms.CharField(
        label=label,
        required=required,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"max_length": _("Teks terlalu panjang: paling banyak %(limit_value)d karakter.")},
    )


class StaffMessageForm(forms.Form):
    body = _text_field(_("Pesan untuk pelapor"))


class InternalNoteForm(forms.Form):
    body = _text_field(_("Catatan internal (tidak terlihat oleh pelapor)"))


class TransitionForm(forms.Form):
    note = _text_field(_("Catatan internal"), required=False, rows=2)
    public_note = _text_field(_("Keterangan untuk pelapor"), required=False, rows=2)


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=_("Petugas"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("— belum ditugaskan —"),
    )
    note = forms.CharField(label=_("Catatan"), required=False, max_length=500)

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        if candidates is not None:
            self.fields["assignee"].queryset = candidates


class ConfidentialityForm(forms.Form):
    confidentiality = forms.ChoiceField(label=_("Kerahasiaan"), choices=Confidentiality.choices)
    is_anonymous = forms.BooleanField(label=_("Identitas pelapor disembunyikan (anonim)"), required=False)
    reason = forms.CharField(
        label=_("Alasan (wajib bila melonggarkan)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
