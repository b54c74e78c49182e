"""The telephone check every kind uses: each failure says what is wrong, so the reporter
can fix it."""

import pytest
from django.core.exceptions import ValidationError

from casework.validators import validate_phone


def message(value):
    with pytest.raises(ValidationError) as excinfo:
        validate_phone(value)
    return excinfo.value.messages


@pytest.mark.parametrize("phone", ["081234567890", "+62 812-3456-7890", "(021) 555 1234", ""])
def test_telephone_numbers_as_people_write_them(phone):
    validate_phone(phone)


def test_a_telephone_number_with_letters_is_explained():
    assert message("0812abc") == [
        "Nomor telepon hanya boleh berisi angka, spasi, tanda +, tanda hubung, dan tanda kurung."
    ]


@pytest.mark.parametrize(("phone", "count"), [("0812", 4), ("0812345678901234", 16)])
def test_a_telephone_number_of_the_wrong_length_is_explained(phone, count):
    assert message(phone) == [f"Nomor telepon harus 8 sampai 15 angka; yang Anda isi {count} angka."]
