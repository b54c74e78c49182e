"""A text field of a form, one line or (with `rows`) several, that says in the user's
language how long it may be: the one way every kind and the reports build their text
inputs."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

TOO_LONG = _("Teks terlalu panjang: paling banyak %(limit_value)d karakter.")


def text_field(
    label,
    *,
    max_length: int,
    required: bool = True,
    rows: int | None = None,
    help_text="",
    required_message=None,
    too_long=TOO_LONG,
    autocomplete: str | None = None,
) -> forms.CharField:
    attrs = {"rows": rows} if rows else {}
    if autocomplete:
        attrs["autocomplete"] = autocomplete
    messages = {"max_length": too_long}
    if required_message:
        messages["required"] = required_message
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs=attrs) if rows else forms.TextInput(attrs=attrs),
        error_messages=messages,
    )
