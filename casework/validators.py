"""Checks of contact details any kind asks a reporter for, each failing with a message
that says what is wrong, so a member of the public can correct the input without
guessing."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_PHONE_CHARACTERS = re.compile(r"^\+?[\d\s\-().]+$")
PHONE_MIN_DIGITS = 8
PHONE_MAX_DIGITS = 15  # E.164


def validate_phone(value: str) -> None:
    """A telephone or WhatsApp number as people write it: digits with an optional leading
    +, spaces, dashes, dots or brackets; 8 to 15 digits in all."""
    if not value:
        return
    if not _PHONE_CHARACTERS.match(value):
        raise ValidationError(
            _("Nomor telepon hanya boleh berisi angka, spasi, tanda +, tanda hubung, dan tanda kurung."),
            code="phone_characters",
        )
    digits = sum(ch.isdigit() for ch in value)
    if not PHONE_MIN_DIGITS <= digits <= PHONE_MAX_DIGITS:
        raise ValidationError(
            _("Nomor telepon harus 8 sampai 15 angka; yang Anda isi %(count)d angka."),
            code="phone_length",
            params={"count": digits},
        )
