"""Checks of identity and contact details more than one kind asks for (the NIK of a
complainant or a gift's declarant, a reporter's phone), each failing with a message that
says what is wrong, so a person can correct the input without guessing; and the one
normal form of each, so that two ways of writing the same number or address compare
equal (casework.person_lookup)."""

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


def normalize_phone(value: str) -> str:
    """A telephone number in E.164 form (+ and the digits), as Indonesians write it in any
    of its usual ways: "0812-3456-7890", "62 812 3456 7890", "+62 812 3456 7890",
    "+62 (0)812 3456 7890" and "812 3456 7890" (the trunk 0 left out) are all
    "+6281234567890"; "00" before a country code is "+" ("0065 …" is "+65…"). "" for what
    validate_phone refuses."""
    text = (value or "").strip()
    if not text or not _PHONE_CHARACTERS.match(text):
        return ""
    digits = "".join(ch for ch in text if ch.isdigit())
    if not PHONE_MIN_DIGITS <= len(digits) <= PHONE_MAX_DIGITS:
        return ""
    if text.startswith("+"):
        international = digits
    elif digits.startswith("00"):
        international = digits[2:]
    elif digits.startswith(INDONESIA_CALLING_CODE):
        international = digits
    else:
        # A national number: its trunk 0 stands for +62.
        international = INDONESIA_CALLING_CODE + digits.removeprefix("0")
    national = international.removeprefix(INDONESIA_CALLING_CODE)
    if national != international:
        # An Indonesian number never starts with its trunk 0 after +62: "+62 (0)812…".
        international = INDONESIA_CALLING_CODE + national.removeprefix("0")
    return "+" + international


INDONESIA_CALLING_CODE = "62"


def normalize_email(value: str) -> str:
    """An e-mail address trimmed and case-folded: "Siti@Contoh.ID " is "siti@contoh.id".
    (The part before @ may be case-sensitive in theory; no provider people use treats it
    so, and a complainant rarely types it the same way twice.)"""
    return (value or "").strip().casefold()


NIK_LENGTH = 16
# People type a NIK as printed on the card or copied from a form: in groups, with dots.
_NIK_SEPARATORS = re.compile(r"[\s.\-]")


def normalize_nik(value: str) -> str:
    """The NIK without the spaces, dots and dashes people type between its groups."""
    return _NIK_SEPARATORS.sub("", value or "")


def validate_nik(value: str) -> None:
    """A NIK (Nomor Induk Kependudukan) is 16 digits: region (6), birth date as DDMMYY
    with 40 added to the day for women, then a 4-digit serial. Only its shape and
    birth-date part can be checked without the population register."""
    if not value:
        return
    if not value.isdigit():
        raise ValidationError(_("NIK hanya boleh berisi angka."), code="nik_not_digits")
    if len(value) != NIK_LENGTH:
        raise ValidationError(
            _("NIK harus 16 angka; yang Anda isi %(count)d angka."),
            code="nik_length",
            params={"count": len(value)},
        )
    day, month = int(value[6:8]), int(value[8:10])
    if not (1 <= day <= 31 or 41 <= day <= 71):
        raise ValidationError(
            _(
                "Angka ke-7 dan ke-8 NIK adalah tanggal lahir: 01–31, atau 41–71 untuk perempuan; "
                "yang Anda isi %(value)s."
            ),
            code="nik_day",
            params={"value": value[6:8]},
        )
    if not 1 <= month <= 12:
        raise ValidationError(
            _("Angka ke-9 dan ke-10 NIK adalah bulan lahir: 01–12; yang Anda isi %(value)s."),
            code="nik_month",
            params={"value": value[8:10]},
        )
