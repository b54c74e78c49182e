"""The UPG finds a declaration by its declarant (NIP in clear; NIK, telephone, e-mail and
name through keyed digests) or its giver's name, exactly, within the same access policy
and at the same query count; the row keeps no identity in clear."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.testing import verified_login
from casework.services import case_recuse
from gratifikasi import services
from gratifikasi.choices import State
from gratifikasi.giver import giver_digest
from gratifikasi.models import Gratifikasi

LIST = reverse("gratifikasi_staff:list")
DIGEST_COLUMNS = ("nama_digest", "nik_digest", "email_digest", "telepon_digest", "pemberi_digest")


@pytest.fixture
def staff(client, upg_officer):
    verified_login(client, upg_officer)
    return client


@pytest.fixture
def rina(submit_declaration):
    return submit_declaration()


def found(response) -> list[str]:
    assert response.status_code == 200, response.content.decode()[:2000]
    return [row.case.reference for row in response.context["rows"]]


def test_the_declarant_and_the_giver_are_found_by_who_they_are(staff, rina, declarant):
    for typed in (
        declarant.nip,
        declarant.nik,
        "+62 812-3456-7890",
        declarant.email.upper(),
        "rina  MARLINA",
        "Budi Santoso",
        "budi santoso.",
    ):
        assert found(staff.get(LIST, {"cari": typed})) == [rina.reference], typed
    for typed in ("Rina", "Budi", "CV Maju Jaya", "3201014507950002", "199507302019031006"):
        assert found(staff.get(LIST, {"cari": typed})) == [], typed


def test_a_corrected_giver_is_found_by_the_new_name(staff, declaration_in, declarant):
    case = declaration_in(State.PERLU_DILENGKAPI)
    services.declaration_complete(
        case=case, declarant=declarant, jawaban="Nama pemberi saya perbaiki.", data={"pemberi_nama": "Budi Santosa"}
    )
    assert Gratifikasi.objects.get(pk=case.pk).pemberi_digest == giver_digest("budi santosa")
    assert found(staff.get(LIST, {"cari": "Budi Santosa"})) == [case.reference]
    assert found(staff.get(LIST, {"cari": "Budi Santoso"})) == []


def test_the_row_holds_only_ciphertext_and_digests(rina, declarant):
    columns = ("nama", "nik", "email", "telepon", "pemberi_nama", *DIGEST_COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(columns)} FROM gratifikasi_gratifikasi WHERE case_ptr_id = %s",  # noqa: S608
            [rina.pk],
        )
        row = dict(zip(columns, cursor.fetchone(), strict=True))
    stored = " ".join(row.values())
    # Whole values and their normal forms (a short piece could turn up in random ciphertext).
    for clear in (declarant.nik, "0812 3456 7890", "+6281234567890", declarant.email, "Rina Marlina", "rina marlina"):
        assert clear not in stored, clear
    assert "Budi Santoso" not in stored and "budi santoso" not in stored
    assert all(row[column].startswith("enc:v") for column in ("nama", "nik", "email", "telepon", "pemberi_nama"))
    assert all(len(row[column]) == 64 for column in DIGEST_COLUMNS)


def test_a_search_never_reveals_a_declaration_the_officer_may_not_see(
    client, staff, upg_officer, rina, declarant, submit_declaration
):
    case_recuse(case=rina, user=upg_officer, reason="konflik")
    assert found(staff.get(LIST, {"cari": declarant.nik})) == []
    assert found(staff.get(LIST, {"cari": "Budi Santoso"})) == []
    # Nor their own declaration: the policy leaves it out, by whatever it is searched.
    own = submit_declaration(declarant=upg_officer, nik="3201014507950003", telepon="0813 0000 1111")
    assert found(staff.get(LIST, {"cari": "3201014507950003"})) == []
    assert found(staff.get(LIST, {"cari": own.reference})) == []


@pytest.mark.parametrize("typed", ["199507302019031005", "3201014507950001", "0812 3456 7890", "Budi Santoso"])
def test_a_search_costs_one_query_more_than_no_search(staff, rina, typed, django_assert_num_queries):
    with CaptureQueriesContext(connection) as plain:
        assert found(staff.get(LIST)) == [rina.reference]
    # How broad the search is among the newest cases, and else its keys up to a bound
    # (casework.list_search.narrow): one statement, whatever the number of cases.
    with django_assert_num_queries(len(plain) + 1):
        assert found(staff.get(LIST, {"cari": typed})) == [rina.reference]


def test_the_search_box_says_whom_it_finds(staff):
    body = staff.get(LIST).content.decode()
    assert "Pelapor dapat dicari menurut NIP, NIK, nomor telepon" in body
    assert "pemberi menurut namanya" in body
