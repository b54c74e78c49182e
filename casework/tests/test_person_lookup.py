"""The one normal form of each kind of identity, its keyed digest, and how the search box
reads what was typed into it (casework.validators, casework.person_lookup,
casework.list_search)."""

import pytest
from django.test import override_settings

from casework import list_search, person_lookup
from casework.validators import normalize_email, normalize_phone


@pytest.mark.parametrize(
    "written",
    [
        "0812-3456-7890",
        "0812 3456 7890",
        "081234567890",
        "62812 3456 7890",
        "+62 812 3456 7890",
        "+62 (0)812-3456-7890",
        "(0812) 3456.7890",
        "812 3456 7890",
        "0062 812 3456 7890",
    ],
)
def test_every_usual_way_of_writing_a_number_is_one_number(written):
    assert normalize_phone(written) == "+6281234567890"


def test_a_landline_and_a_foreign_number_keep_their_codes():
    assert normalize_phone("(022) 765 4321") == "+62227654321"
    assert normalize_phone("+65 6123 4567") == "+6561234567"
    assert normalize_phone("0065 6123 4567") == "+6561234567"


@pytest.mark.parametrize("written", ["", "   ", "1234567", "0812 3456 7890 1234 5", "0812-ABC-7890", "0812/3456"])
def test_what_is_not_a_number_has_no_normal_form(written):
    assert normalize_phone(written) == ""


def test_an_address_is_trimmed_and_case_folded():
    assert normalize_email("  Siti.Aminah@Contoh.ID ") == "siti.aminah@contoh.id"


def test_each_kind_has_its_own_digest_and_empty_is_nothing():
    digits = "3201234506780001"
    assert person_lookup.nik_digest(digits) == person_lookup.nik_digest("3201 2345.0678-0001")
    assert person_lookup.nik_digest(digits) != person_lookup.name_digest(digits)
    assert person_lookup.phone_digest("0812 3456 7890") == person_lookup.phone_digest("+6281234567890")
    assert person_lookup.email_digest("A@B.ID") == person_lookup.email_digest("a@b.id")
    for digest in person_lookup.DIGESTS.values():
        assert digest("") == ""
    # Not a NIK, not a number, not an address, a name too short to mean anyone.
    assert person_lookup.nik_digest("320123450678") == ""
    assert person_lookup.phone_digest("12") == ""
    assert person_lookup.email_digest("siti") == ""
    assert person_lookup.name_digest("Bu") == ""


def test_a_digest_is_keyed():
    digest = person_lookup.nik_digest("3201234506780001")
    assert len(digest) == 64 and "3201234506780001" not in digest
    with override_settings(SIGAP_LOOKUP_KEY="another-key"):
        assert person_lookup.nik_digest("3201234506780001") != digest


@pytest.mark.parametrize(
    ("typed", "kind", "value"),
    [
        ("3201234506780001", person_lookup.NIK, "3201234506780001"),
        ("3201 2345 0678 0001", person_lookup.NIK, "3201234506780001"),
        ("198602142010012001", list_search.NIP, "198602142010012001"),
        ("0812-3456-7890", person_lookup.PHONE, "+6281234567890"),
        ("+62 812 3456 7890", person_lookup.PHONE, "+6281234567890"),
        ("62812345678", person_lookup.PHONE, "+62812345678"),
        ("Siti@Contoh.id", person_lookup.EMAIL, "siti@contoh.id"),
        ("PGD/2026/000123", list_search.NUMBER, ""),
        ("000123", list_search.NUMBER, ""),
        ("12345678", list_search.NUMBER, ""),
        ("LAP-2026-7781", list_search.NUMBER, ""),
        ("pgd/", list_search.NUMBER, ""),
        ("grt", list_search.NUMBER, ""),
        ("LAP-", list_search.NUMBER, ""),
        ("Nur-Aini", person_lookup.NAME, "Nur-Aini"),
        ("Siti  Aminah", person_lookup.NAME, "Siti Aminah"),
    ],
)
def test_the_search_box_guesses_what_it_was_given(typed, kind, value):
    term = list_search.guess(typed)
    assert (term.kind, term.value) == (kind, value)
    assert term.text == " ".join(typed.split())
    # Only a number stored in clear is compared in clear.
    assert term.finds_numbers == (kind == list_search.NUMBER)


def test_nothing_typed_is_no_search():
    assert list_search.guess("") is None
    assert list_search.guess("   ") is None
