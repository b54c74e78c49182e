"""Rupiah amounts: read as people type them, shown the Indonesian way, always Decimal.

A value in rupiah is written with dots between thousands and, rarely, a comma before sen:
"Rp1.500.000", "1.500.000,00". Parsing and formatting here never depend on the active
locale (an English page still shows "Rp1.500.000") and never pass through float: every
amount that decides something (an exemption threshold, a yearly sum) is compared exactly.

Model fields for money are `models.DecimalField(max_digits=MAX_DIGITS, decimal_places=0)`.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

#: Digits a stored amount may have (the model fields' max_digits): up to Rp999 triliun.
MAX_DIGITS = 15

_PREFIX = re.compile(r"^rp\.?\s*", re.IGNORECASE)
# Whole rupiah, either grouped by dots in threes or as plain digits; then optionally sen
# after a comma (",00") or the ",-" that closes an amount on Indonesian forms.
_GROUPED = re.compile(r"^(?P<whole>\d{1,3}(?:\.\d{3})+|\d+)(?:,(?P<sen>\d{1,2})|,-)?$", re.ASCII)


class RupiahError(ValueError):
    """An amount that cannot be read; str() is a message for the person who typed it."""


def parse_rupiah(text: str) -> Decimal:
    """The whole-rupiah amount in `text` as an integral Decimal.

    Accepts "Rp1.500.000", "Rp 1.500.000", "rp1.500.000", "1.500.000", "1500000",
    "1.500.000,00" and "1.500.000,-". Raises RupiahError (a ValueError) with a message
    saying what to correct for an empty text, a negative amount, letters, sen other than
    zero ("1,5"), dots in the wrong places ("1.50.000") or more than MAX_DIGITS digits.
    """
    value = (text or "").strip()
    if not value:
        raise RupiahError(_("Nilai wajib diisi, misalnya Rp1.500.000."))
    value = _PREFIX.sub("", value).strip()
    if value.startswith("-"):
        raise RupiahError(_("Nilai tidak boleh negatif."))
    if not value or any(ch.isalpha() for ch in value):
        raise RupiahError(_("Tuliskan nilai dengan angka, misalnya Rp1.500.000."))
    match = _GROUPED.match(value)
    if match is None:
        if "," in value and not re.search(r",(\d{1,2}|-)$", value, re.ASCII):
            raise RupiahError(_("Gunakan titik sebagai pemisah ribuan, misalnya Rp1.500.000."))
        raise RupiahError(
            _("Penulisan nilai tidak dikenali: gunakan titik di antara setiap tiga angka, misalnya Rp1.500.000.")
        )
    sen = match.group("sen")
    if sen is not None and int(sen) != 0:
        raise RupiahError(_("Tuliskan nilai dalam rupiah penuh, tanpa sen (misalnya Rp1.500.000)."))
    digits = match.group("whole").replace(".", "").lstrip("0") or "0"
    if len(digits) > MAX_DIGITS:
        raise RupiahError(_("Nilai terlalu besar: paling banyak %(digits)d angka.") % {"digits": MAX_DIGITS})
    return Decimal(digits)


def as_amount(value, *, name: str = "value") -> Decimal:
    """`value` as a Decimal amount, for code that receives money from a caller: an int or
    a Decimal passes, anything else (a float above all, a bool, a string) is refused with
    TypeError, because an amount that went through float may already be wrong."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"{name} must be a Decimal (or int), never {type(value).__name__}")
    return Decimal(value)


def format_rupiah(value: Decimal | int | None) -> str:
    """ "Rp1.500.000" for 1500000: no space, dots between thousands, whatever the active
    language. "Rp0" for zero, "" for None. Sen, should an amount have any, follow a comma.
    Refuses float: an amount that went through float may already be wrong."""
    if value is None:
        return ""
    amount = as_amount(value, name="format_rupiah's value")
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    whole = int(amount)
    text = f"{whole:,}".replace(",", ".")
    fraction = amount - whole
    if fraction:
        sen = int((fraction * 100).to_integral_value())
        text += f",{sen:02d}"
    return f"{sign}Rp{text}"


class RupiahField(forms.Field):
    """A rupiah amount typed the Indonesian way; cleans to an integral Decimal.

    What the person typed comes back unchanged when the form is shown again with an
    error; an initial amount is shown formatted ("Rp1.500.000"). `min_value` and
    `max_value` (Decimal) are inclusive bounds, stated in rupiah when broken.
    """

    widget = forms.TextInput

    def __init__(self, *, min_value: Decimal | None = None, max_value: Decimal | None = None, **kwargs):
        self.min_value, self.max_value = min_value, max_value
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "numeric")
        self.widget.attrs.setdefault("placeholder", gettext_lazy("Rp1.500.000"))
        self.widget.attrs.setdefault("autocomplete", "off")

    def prepare_value(self, value):
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            return format_rupiah(value)
        return value

    def to_python(self, value):
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            return Decimal(value)
        try:
            return parse_rupiah(str(value))
        except RupiahError as exc:
            raise ValidationError(str(exc), code="rupiah") from None

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        if self.min_value is not None and value < self.min_value:
            raise ValidationError(
                _("Nilai paling sedikit %(min)s.") % {"min": format_rupiah(self.min_value)}, code="min_value"
            )
        if self.max_value is not None and value > self.max_value:
            raise ValidationError(
                _("Nilai paling banyak %(max)s.") % {"max": format_rupiah(self.max_value)}, code="max_value"
            )
