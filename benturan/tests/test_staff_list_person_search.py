"""The conflict-case list finds a case by the official concerned or an employee named
among the other parties, by their account's NIP, e-mail or full name, within what the
user may see and at the same query count as no search."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.testing import verified_login

LIST = reverse("benturan_staff:list")


def shown(response) -> list[str]:
    assert response.status_code == 200, response.content.decode()[:2000]
    return [row.case.reference for row in response.context["rows"]]


def test_the_official_is_found_by_nip_email_or_name(client, tim, declare, colleague, pegawai):
    rina = declare()
    dedi = declare(declarant=colleague)
    verified_login(client, tim)
    for typed in (pegawai.nip, pegawai.email.upper(), "rina   marlina", "RINA MARLINA"):
        assert shown(client.get(LIST, {"cari": typed})) == [rina.reference], typed
    assert shown(client.get(LIST, {"cari": "Dedi Kurniawan"})) == [dedi.reference]
    assert shown(client.get(LIST, {"cari": "Rina"})) == []


def test_an_employee_named_among_the_parties_is_found(client, tim, declare, colleague):
    case = declare(pihak_pegawai=[colleague])
    verified_login(client, tim)
    assert set(shown(client.get(LIST, {"cari": "Dedi Kurniawan"}))) == {case.reference}


@pytest.mark.parametrize("read_by", [None, "BROAD_SHARE", "PROBE_LIMIT"])
def test_the_official_and_a_party_are_found_however_the_search_is_read(
    client, tim, declare, colleague, pegawai, read_by, monkeypatch
):
    """By the keys its lookups gather, row by row (a search many of the newest cases
    match), or by every key (one that matches more than the probe's bound): the same
    cases (casework.list_search.narrow)."""
    from casework import list_search

    rina_official = declare()
    # Dedi the official, Rina named among the other parties.
    rina_party = declare(declarant=colleague, pihak_pegawai=[pegawai])
    dedi_official = declare(declarant=colleague)
    if read_by:
        monkeypatch.setattr(list_search, read_by, 0)
    verified_login(client, tim)
    assert set(shown(client.get(LIST, {"cari": pegawai.nip}))) == {rina_official.reference, rina_party.reference}
    assert set(shown(client.get(LIST, {"cari": "Dedi Kurniawan"}))) == {rina_party.reference, dedi_official.reference}


def test_a_search_finds_nothing_the_user_may_not_see(client, kasi, declare, outsider):
    """The seksi head decides their own seksi's cases: another seksi's official, searched
    by name, is not found."""
    declare(declarant=outsider)
    verified_login(client, kasi)
    assert shown(client.get(LIST, {"cari": "Wulan Sari"})) == []


@pytest.mark.parametrize("typed", ["199507302019031005", "Rina Marlina"])
def test_a_search_costs_one_query_more_than_no_search(client, tim, declare, typed, django_assert_num_queries):
    case = declare()
    verified_login(client, tim)
    with CaptureQueriesContext(connection) as plain:
        assert shown(client.get(LIST)) == [case.reference]
    # How broad the search is among the newest cases, and else its keys up to a bound
    # (casework.list_search.narrow): one statement, whatever the number of cases.
    with django_assert_num_queries(len(plain) + 1):
        assert shown(client.get(LIST, {"cari": typed})) == [case.reference]


def test_a_telephone_is_refused_with_what_can_be_found(client, tim, declare):
    """No conflict case keeps a telephone: the search says so and keeps what was typed,
    rather than finding nothing or sending the number to the database."""
    declare()
    verified_login(client, tim)
    response = client.get(LIST, {"cari": "0812 3456 7890"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Daftar ini tidak dapat dicari menurut nomor telepon;" in body
    assert 'value="0812 3456 7890"' in body
