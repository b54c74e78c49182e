"""An amount of money encrypted at rest, handled as a Decimal (never a float).

The loss figure of a report ("how much") is content like the rest of the report, so it
is stored as casework's encrypted text (key rotation finds it like any encrypted field)
holding the exact decimal string; Python code only ever sees Decimal.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.core import validators
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from security import crypto
from security.fields import Ciphertext, EncryptedTextField


class EncryptedDecimalField(EncryptedTextField):
    description = "Decimal amount encrypted at rest"

    def __init__(self, *args, max_digits: int = 15, decimal_places: int = 2, **kwargs):
        self.max_digits = max_digits
        self.decimal_places = decimal_places
        super().__init__(*args, **kwargs)

    @cached_property
    def validators(self):
        return [
            *super().validators,
            validators.MinValueValidator(Decimal(0), message=_("Nilai tidak boleh negatif.")),
            validators.DecimalValidator(self.max_digits, self.decimal_places),
        ]

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["max_digits"] = self.max_digits
        kwargs["decimal_places"] = self.decimal_places
        return name, path, args, kwargs

    def to_python(self, value):
        if value is None or value == "":
            return None
        if isinstance(value, float):
            # A float has already lost cents; refuse it rather than store a rounded amount.
            raise ValidationError(_("Nilai uang harus ditulis sebagai angka desimal, bukan pecahan biner."))
        if isinstance(value, Decimal):
            return value
        try:
            return Decimal(str(value).strip())
        except InvalidOperation:
            raise ValidationError(_("Tuliskan nilai dengan angka, misalnya 1500000."), code="invalid") from None

    def from_db_value(self, value, expression, connection):
        plaintext = super().from_db_value(value, expression, connection)
        return self.to_python(plaintext)

    def get_prep_value(self, value):
        if value is None or value == "":
            return None
        if isinstance(value, Ciphertext):
            return str(value)
        return crypto.encrypt_text(format(self.to_python(value), "f"))

    def formfield(self, **kwargs):
        defaults = {
            "form_class": forms.DecimalField,
            "max_digits": self.max_digits,
            "decimal_places": self.decimal_places,
            "min_value": 0,
        }
        defaults.update(kwargs)
        # Field's own formfield: TextField's would force a textarea on a number.
        return models.Field.formfield(self, **defaults)
