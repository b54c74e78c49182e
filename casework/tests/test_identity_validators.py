"""NIK checks: each failure says what is wrong, so the complainant can fix it.

A NIK is 16 digits: province, regency, district (2 each), birth date as DDMMYY with 40
added to the day for women, and a 4-digit serial.
"""

import pytest
from django.core.exceptions import ValidationError

from casework.validators import normalize_nik, validate_nik


def message(validator, value):
    with pytest.raises(ValidationError) as excinfo:
        validator(value)
    return excinfo.value.messages


@pytest.mark.parametrize(
    "nik",
    [
        "3201011203560001",  # a man born 12 March 1956
        "3201015508900002",  # a woman born 15 August 1990 (55 = 15 + 40)
        "3201010101000003",  # 1 January 2000
        "3201013112990004",  # 31 December 1999
        "3201017112990005",  # a woman born 31 December 1999
        "3201014101000006",  # a woman born 1 January 2000
    ],
)
def test_plausible_niks_pass(nik):
    validate_nik(nik)


def test_an_empty_nik_is_allowed_because_identity_is_optional():
    validate_nik("")


def test_letters_are_named():
    assert message(validate_nik, "32010112345600AB") == ["NIK hanya boleh berisi angka."]


@pytest.mark.parametrize(("nik", "count"), [("320101123456", 12), ("32010112345600012", 17)])
def test_the_wrong_length_says_how_many_digits_were_given(nik, count):
    assert message(validate_nik, nik) == [f"NIK harus 16 angka; yang Anda isi {count} angka."]


@pytest.mark.parametrize("day", ["00", "32", "40", "72", "99"])
def test_an_impossible_birth_day_is_explained(day):
    nik = f"320101{day}01900001"
    assert message(validate_nik, nik) == [
        f"Angka ke-7 dan ke-8 NIK adalah tanggal lahir: 01–31, atau 41–71 untuk perempuan; yang Anda isi {day}."
    ]


@pytest.mark.parametrize("month", ["00", "13", "99"])
def test_an_impossible_birth_month_is_explained(month):
    nik = f"32010115{month}900001"
    assert message(validate_nik, nik) == [f"Angka ke-9 dan ke-10 NIK adalah bulan lahir: 01–12; yang Anda isi {month}."]


def test_spaces_dots_and_dashes_between_groups_are_removed():
    assert normalize_nik(" 3201.0115-0890 0001 ") == "3201011508900001"
