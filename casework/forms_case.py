"""Forms of the staff case pages: the generic page's, and the base of every kind's
action forms. They check only the shape of input."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from security.request_values import IdChoiceField

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


def add_service_errors(form, exc: ValidationError, field_for=None) -> None:
    """Show a service's ValidationError on `form`: each error on the field it names when
    the form has that field (`field_for(name)` maps a model field to the form's), else
    above the form."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for name, errors in exc.message_dict.items():
        field = field_for(name) if field_for is not None else name
        form.add_error(field if field in form.fields else None, errors)


class StaffMessageForm(forms.Form):
    body = _text_field(_("Pesan untuk pelapor"))


class InternalNoteForm(forms.Form):
    body = _text_field(_("Catatan internal (tidak terlihat oleh pelapor)"))


class TransitionForm(forms.Form):
    note = _text_field(_("Catatan internal"), required=False, rows=2)
    public_note = _text_field(_("Keterangan untuk pelapor"), required=False, rows=2)


class ActionForm(TransitionForm):
    """Base of a kind's staff action forms, one form per action and each feeding one
    service: the notes, the service's arguments, and where a service's refusal is shown.

    Every kind's case page works this way, so the notes and the errors look and behave
    alike on all of them. Every form is made for one case and the user acting on it
    (`case`, `user`).
    """

    NOTES = ("note", "public_note")

    def __init__(self, *args, case, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.user = user
        # The action's own fields first, the notes last.
        self.order_fields([name for name in self.fields if name not in self.NOTES])

    def service_arguments(self) -> dict:
        """The keyword arguments of the action's service, from the cleaned input."""
        arguments = {"note": self.cleaned_data["note"]}
        if "public_note" in self.fields:
            arguments["public_note"] = self.cleaned_data["public_note"]
        return arguments

    def add_service_error(self, exc: ValidationError) -> None:
        """Show a service's ValidationError: on the field it names when this form has
        that field, otherwise above the form."""
        add_service_errors(self, exc, self.error_field_for)

    def error_field_for(self, model_field: str) -> str:
        """The form field where an error on `model_field` of the case belongs."""
        return model_field


class AssignForm(forms.Form):
    assignee = IdChoiceField(
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

    def __init__(self, *args, levels=frozenset(), **kwargs):
        """`levels`: the levels the case's kind allows (CaseKind.confidentiality_levels;
        empty for all), the only ones offered."""
        super().__init__(*args, **kwargs)
        if levels:
            self.fields["confidentiality"].choices = [
                (value, label) for value, label in Confidentiality.choices if value in levels
            ]
