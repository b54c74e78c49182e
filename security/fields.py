"""Model fields whose values are encrypted at rest (see security.crypto)."""

from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.functional import cached_property

from . import crypto


class Ciphertext(str):
    """A value that is already encrypted; an encrypted field stores it unchanged."""


class EncryptedTextField(models.TextField):
    """A text value stored encrypted; Python code sees plaintext.

    Encrypted values cannot be filtered or ordered in the database: search over them
    belongs to a separate keyed-digest column where a lookup is needed.
    """

    description = "Text encrypted at rest"

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return crypto.decrypt_text(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        if isinstance(value, Ciphertext):
            # Key rotation writes ciphertexts it made itself; never re-encrypt those.
            return str(value)
        return crypto.encrypt_text(value)


class EncryptedCharField(EncryptedTextField):
    """EncryptedTextField for short text: a single-line input, and a plaintext length limit
    that model validation enforces too (services validate with full_clean, not forms)."""

    def __init__(self, *args, plaintext_max_length=None, **kwargs):
        self.plaintext_max_length = plaintext_max_length
        super().__init__(*args, **kwargs)

    @cached_property
    def validators(self):
        limit = [MaxLengthValidator(self.plaintext_max_length)] if self.plaintext_max_length else []
        return [*super().validators, *limit]

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.plaintext_max_length is not None:
            kwargs["plaintext_max_length"] = self.plaintext_max_length
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        from django import forms

        defaults = {"form_class": forms.CharField, "max_length": self.plaintext_max_length}
        defaults.update(kwargs)
        return models.Field.formfield(self, **defaults)
