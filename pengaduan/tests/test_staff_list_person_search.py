"""Staff find a complainant, not only a number: the complaint list's search finds a case
by the complainant's NIK, telephone (however written), e-mail or name, exactly, through
the keyed digests kept beside the ciphertext, and by its SP4N-LAPOR! ticket; the access
policy and recusal hold as before; the database row keeps no identity in clear; and a
search costs the list no query more than no search."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.testing import verified_login
from casework import intake, list_search, person_lookup
from casework.services import case_recuse
from pengaduan import services_wbs
from pengaduan.choices import Channel, State
from pengaduan.models import Pengaduan

LIST = reverse("pengaduan_staff:list")
NIK = "3201234506780001"
PHONE = "0812-3456-7890"
EMAIL = "Siti.Aminah@Contoh.ID"
NAME = "Siti Aminah"
IDENTITY_COLUMNS = ("nama", "nik", "email", "telepon")
DIGEST_COLUMNS = ("nama_digest", "nik_digest", "email_digest", "telepon_digest")


@pytest.fixture
def siti(file_pengaduan):
    case, _code = file_pengaduan(nama=NAME, nik=NIK, email=EMAIL, telepon=PHONE, is_anonymous=False)
    return case


@pytest.fixture
def others(file_pengaduan):
    """Complaints by other people, and one without any identity."""
    file_pengaduan(nama="Budi Santoso", nik="3201011203560001", email="budi@contoh.id", telepon="0813 1111 2222")
    file_pengaduan()


def found(response) -> list[str]:
    assert response.status_code == 200, response.content.decode()[:2000]
    return [row.case.reference for row in response.context["rows"]]


@pytest.mark.parametrize(
    "typed",
    [
        NIK,
        "3201 2345 0678 0001",
        "3201.2345.0678.0001",
        PHONE,
        "081234567890",
        "+62 812 3456 7890",
        "+6281234567890",
        "62812-3456-7890",
        "+62 (0)812 3456 7890",
        "siti.aminah@contoh.id",
        "  SITI.AMINAH@contoh.id ",
        "Siti Aminah",
        "siti   aminah",
        "SITI AMINAH.",
    ],
)
def test_the_complainant_is_found_by_any_of_their_identity(staff, siti, others, typed):
    assert found(staff.get(LIST, {"cari": typed})) == [siti.reference]


@pytest.mark.parametrize("typed", ["Siti", "3201234506780002", "0812-3456-7891", "siti@contoh.id", "Aminah Siti"])
def test_only_the_whole_value_finds_a_person(staff, siti, others, typed):
    """Identity is compared exactly (a digest has no parts): part of a name, another NIK
    or number, another address find nobody."""
    assert found(staff.get(LIST, {"cari": typed})) == []


def test_a_nik_is_not_a_name(staff, file_pengaduan):
    """Each kind of value has its own digest: the same text in another field never matches."""
    case, _code = file_pengaduan(nama=NIK)
    assert case.nik_digest == "" and case.nama_digest != ""
    assert found(staff.get(LIST, {"cari": NIK})) == []


def test_a_lapor_ticket_is_found_whole_and_by_part(staff, file_pengaduan, handler, others):
    lapor, _code = file_pengaduan(actor=handler, channel=Channel.SP4N_LAPOR, lapor_tracking_id="LAP-2026-7781")
    assert found(staff.get(LIST, {"cari": "LAP-2026-7781"})) == [lapor.reference]
    assert found(staff.get(LIST, {"cari": "lap-2026-77"})) == [lapor.reference]


def test_an_all_digit_ticket_that_reads_as_a_telephone_is_found_by_part(staff, file_pengaduan, handler):
    lapor, _code = file_pengaduan(actor=handler, channel=Channel.SP4N_LAPOR, lapor_tracking_id="0812345678")
    assert found(staff.get(LIST, {"cari": "12345678"})) == [lapor.reference]


def test_a_reference_is_still_found_by_part(staff, siti, others):
    number = siti.reference.rsplit("/", 1)[1]
    assert found(staff.get(LIST, {"cari": number})) == [siti.reference]
    assert found(staff.get(LIST, {"cari": siti.reference.lower()})) == [siti.reference]


def test_the_list_says_how_it_read_the_search(staff, siti):
    readings = {
        NIK: "NIK yang sama persis",
        PHONE: "nomor telepon yang sama",
        EMAIL: "alamat e-mail yang sama persis",
        NAME: "nama yang sama persis",
        "000123": "nomor yang memuat kata ini",
    }
    for typed, reading in readings.items():
        body = staff.get(LIST, {"cari": typed}).content.decode()
        assert f"Dicari sebagai: {reading}" in body, typed
    assert "Dicari sebagai" not in staff.get(LIST).content.decode()
    # A search not applied (another filter is wrong) is not said to have been read.
    refused = staff.get(LIST, {"cari": NIK, "status": "hilang"})
    assert refused.status_code == 400 and "Dicari sebagai" not in refused.content.decode()


def test_a_nip_is_refused_here_with_what_can_be_found(staff, siti):
    response = staff.get(LIST, {"cari": "198602142010012001"})
    assert response.status_code == 400
    assert "Daftar ini tidak dapat dicari menurut NIP;" in response.content.decode()


def test_the_search_box_says_whom_it_finds(staff):
    body = staff.get(LIST).content.decode()
    assert "NIK, nomor telepon (0812…, 62812… dan +62812… sama), e-mail, atau nama lengkap" in body
    assert "gelar termasuk nama" in body


# --- What the database holds ----------------------------------------------------------------


def test_the_row_holds_only_ciphertext_and_digests(siti):
    columns = ", ".join((*IDENTITY_COLUMNS, *DIGEST_COLUMNS))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM pengaduan_pengaduan WHERE case_ptr_id = %s", [siti.pk])  # noqa: S608
        row = dict(zip((*IDENTITY_COLUMNS, *DIGEST_COLUMNS), cursor.fetchone(), strict=True))
    stored = " ".join(row.values())
    # Whole values and their normal forms (a short piece could turn up in random ciphertext).
    for clear in (NIK, PHONE, "+6281234567890", EMAIL, EMAIL.lower(), NAME, NAME.lower()):
        assert clear not in stored, clear
    for column in IDENTITY_COLUMNS:
        assert row[column].startswith("enc:v")
    for column in DIGEST_COLUMNS:
        assert len(row[column]) == 64 and int(row[column], 16) >= 0
    assert len(set(row[column] for column in DIGEST_COLUMNS)) == 4


def test_digests_follow_every_way_a_complaint_is_stored(staff, client, filed, kategori):
    """The public form without files goes through the intake queue and is opened by the
    worker without save(): it gets its digests all the same."""
    case, _code = filed(nama=NAME, nik=NIK, email=EMAIL, telepon=PHONE)
    assert case.nik_digest == person_lookup.nik_digest(NIK) != ""
    assert case.telepon_digest == person_lookup.phone_digest("+6281234567890") != ""
    assert intake.open_pending() == 0
    assert found(staff.get(LIST, {"cari": "+62 812 3456 7890"})) == [case.reference]


def test_a_complaint_moved_to_the_wbs_keeps_no_digest_and_is_not_found(staff, siti, handler):
    services_wbs.pengaduan_propose_wbs(case=siti, actor=handler, explanation="Ini perilaku pegawai; WBS lebih aman.")
    services_wbs.pengaduan_move_to_wbs(case=siti)
    moved = Pengaduan.objects.get(pk=siti.pk)
    assert moved.state == State.DIPINDAHKAN_KE_WBS
    assert all(getattr(moved, column) == "" for column in DIGEST_COLUMNS)
    for typed in (NIK, PHONE, EMAIL, NAME):
        assert found(staff.get(LIST, {"cari": typed})) == []


def test_saving_some_fields_refreshes_only_their_digests(siti):
    row = Pengaduan.objects.only("pk", "telepon", "telepon_digest").get(pk=siti.pk)
    row.telepon = "0899 0000 1111"
    row.save(update_fields=["telepon"])
    fresh = Pengaduan.objects.get(pk=siti.pk)
    assert fresh.telepon_digest == person_lookup.phone_digest("+62 899 0000 1111")
    assert fresh.nik_digest == person_lookup.nik_digest(NIK)


# --- The access policy ----------------------------------------------------------------------


def test_a_search_never_reveals_a_complaint_the_user_may_not_see(client, siti, unit_member):
    """A unit member sees only what was dispositioned to their unit: the NIK of another
    complaint's complainant finds nothing there."""
    verified_login(client, unit_member)
    assert found(client.get(LIST, {"cari": NIK})) == []
    assert found(client.get(LIST, {"cari": NAME})) == []


def test_a_recused_handler_does_not_find_the_case_by_its_complainant(staff, siti, handler, others):
    case_recuse(case=siti, user=handler, reason="konflik")
    for typed in (NIK, PHONE, EMAIL, NAME):
        assert found(staff.get(LIST, {"cari": typed})) == []


# --- Cost -----------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", [NIK, PHONE, EMAIL, NAME, "000001"])
def test_a_search_costs_one_query_more_than_no_search(staff, siti, others, typed, django_assert_num_queries):
    staff.get(LIST)  # the filters' lists, which the process then keeps (casework.choice_rows)
    with CaptureQueriesContext(connection) as plain:
        assert len(found(staff.get(LIST))) == 3
    # How broad the search is among the newest cases, and else its keys up to a bound
    # (casework.list_search.narrow): one statement, whatever the number of cases.
    with django_assert_num_queries(len(plain) + 1):
        assert found(staff.get(LIST, {"cari": typed})) == [siti.reference]


@pytest.mark.parametrize(
    ("typed", "column", "clear"),
    [
        (NIK, "nik_digest", NIK),
        (PHONE, "telepon_digest", "3456-7890"),
        (EMAIL, "email_digest", "aminah@contoh"),
        (NAME, "nama_digest", NAME),
    ],
)
@pytest.mark.parametrize("broad_by", [None, "BROAD_SHARE", "PROBE_LIMIT"])
def test_a_person_reaches_the_database_only_as_a_digest(staff, siti, typed, column, clear, broad_by, monkeypatch):
    """The digests are compared inside the list's queries, never by loading and
    decrypting rows; and what was typed is in none of them (nor in a log of them),
    whether the search narrows the list by the keys it gathered, row by row, or by
    every key its lookups find."""
    if broad_by:
        monkeypatch.setattr(list_search, broad_by, 0)
    with CaptureQueriesContext(connection) as captured:
        assert found(staff.get(LIST, {"cari": typed})) == [siti.reference]
    sql = "\n".join(query["sql"] for query in captured.captured_queries)
    assert column in sql
    assert clear.casefold() not in sql.casefold()


# --- A new lookup key -----------------------------------------------------------------------


def test_a_new_lookup_key_needs_the_digests_recomputed(staff, siti):
    with override_settings(SIGAP_LOOKUP_KEY="a-new-lookup-key-after-a-leak"):
        assert found(staff.get(LIST, {"cari": NIK})) == []
        call_command("recompute_lookup_digests", stdout=io.StringIO())
        assert found(staff.get(LIST, {"cari": NIK})) == [siti.reference]
        assert found(staff.get(LIST, {"cari": "+62 812 3456 7890"})) == [siti.reference]
    # Back under the old key, the old digests are gone.
    assert found(staff.get(LIST, {"cari": NIK})) == []


def test_the_service_keeps_the_identity_as_entered(siti):
    """The digests never replace what the complainant wrote: the handler still reads it."""
    fresh = Pengaduan.objects.get(pk=siti.pk)
    assert (fresh.nama, fresh.nik, fresh.telepon) == (NAME, NIK, PHONE)
    assert fresh.email == EMAIL.lower()


@pytest.mark.parametrize("broad_by", ["BROAD_SHARE", "PROBE_LIMIT"])
@pytest.mark.parametrize("typed", [NIK, PHONE, EMAIL, NAME, "PGD/"])
def test_a_broad_search_finds_the_same_complaints(staff, siti, others, typed, broad_by, monkeypatch):
    """A search that many of the newest cases match is checked on each row as the list
    is read; one that finds more than the probe's bound, but hardly any among the
    newest, narrows the list to every key its lookups find: the same complaints as by
    the gathered keys, in the same order."""
    by_keys = found(staff.get(LIST, {"cari": typed}))
    monkeypatch.setattr(list_search, broad_by, 0)
    assert found(staff.get(LIST, {"cari": typed})) == by_keys
