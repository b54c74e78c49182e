"""The handlers' WBS list (/staf/wbs/): the reports the user may see, filtered by state,
subject, deadline, date and number, at a query count that grows with neither the page
nor the table."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import roles
from accounts.testing import verified_login
from wbs.choices import Kategori, State
from wbs.reported import TerlaporInput

from .test_access import OTHER_ROLES

URL = "/staf/wbs/"


def rows(response) -> list[str]:
    return [row.case.reference for row in response.context["rows"]]


@pytest.fixture
def handler_client(client, wbs_handler):
    verified_login(client, wbs_handler)
    return client


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_the_list_is_not_found_for_every_other_role(client, make_user, file_wbs, role):
    file_wbs()
    verified_login(client, make_user(role))
    assert client.get(URL).status_code == 404


def test_the_handler_sees_their_reports_and_not_those_on_the_leadership_or_on_themselves(
    handler_client, file_wbs, kepala_dinas, inspektorat, second_handler, client
):
    mine, _c = file_wbs()
    leadership, _c = file_wbs(terlapor=[TerlaporInput(nama="Suharto Wibowo")])
    on_me, _c = file_wbs(terlapor=[TerlaporInput(nama="Agus Salim")])  # the handler (second remains)
    response = handler_client.get(URL)
    assert response.status_code == 200
    assert rows(response) == [mine.reference]
    verified_login(client, inspektorat)
    assert rows(client.get(URL)) == [leadership.reference]
    verified_login(client, second_handler)
    assert set(rows(client.get(URL))) == {mine.reference, on_me.reference}


def test_filters_by_state_subject_deadline_date_and_number(handler_client, file_wbs, case_in, travel, wbs_handler):
    travel(datetime.date(2026, 7, 6))
    old = case_in(State.DITELAAH, kategori=Kategori.NEPOTISME)
    travel(datetime.date(2026, 7, 20))
    new, _c = file_wbs()
    verified_login(handler_client, wbs_handler)

    def listed(**query):
        response = handler_client.get(URL, query)
        assert response.status_code == 200, response.context["form"].errors
        return rows(response)

    assert listed() == [new.reference, old.reference]
    assert listed(status="ditelaah") == [old.reference]
    assert listed(kategori="nepotisme") == [old.reference]
    assert listed(dari="2026-07-10") == [new.reference]
    assert listed(sampai="2026-07-06") == [old.reference]
    assert listed(cari=new.reference[-6:]) == [new.reference]
    assert listed(urut="terlama") == [old.reference, new.reference]
    # On 20 July the first response to the new report is due on 29 July; the old one's
    # monthly news on 3 August.
    assert listed(tenggat="terlambat") == []
    travel(datetime.date(2026, 7, 28))
    verified_login(handler_client, wbs_handler)  # a week later: signed in again
    assert listed(tenggat="segera") == [new.reference]


def test_a_wrong_filter_is_said_and_shows_no_unfiltered_list(handler_client, file_wbs):
    file_wbs()
    response = handler_client.get(URL, {"status": "dihapus", "dari": "kemarin"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Status ini tidak ada" in body and "Tanggal tidak valid" in body and response.context["rows"] == []


def _queries(client, **query) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL, query)
    assert response.status_code == 200
    return len(captured)


def test_the_query_count_grows_with_neither_the_page_nor_the_table(handler_client, file_wbs, wbs_handler):
    from casework.services import case_assign

    for _ in range(3):
        case, _c = file_wbs()
        case_assign(case=case, actor=wbs_handler, assignee=wbs_handler)
    small = _queries(handler_client, per_halaman=10)
    # A deadline filter reads the holidays once more, for the filter's own threshold.
    filtered = {"per_halaman": 10, "tenggat": "terlambat_atau_segera", "kategori": "korupsi"}
    small_filtered = _queries(handler_client, **filtered)
    for n in range(27):
        file_wbs(kategori=list(Kategori)[n % len(Kategori)])
    assert _queries(handler_client, per_halaman=10) == small
    assert _queries(handler_client, per_halaman=25) == small
    second = handler_client.get(URL, {"per_halaman": 10}).context["page"].next_cursor
    assert _queries(handler_client, per_halaman=10, setelah=second) == small
    assert _queries(handler_client, per_halaman=10, akhir=1) == small
    assert _queries(handler_client, **filtered) == small_filtered <= small + 1


def test_the_pimpinan_decides_identity_requests_but_has_no_list(client, make_user):
    verified_login(client, make_user(roles.PIMPINAN))
    assert client.get(URL).status_code == 404
    assert client.get(reverse("wbs_staff:identity_requests")).status_code == 200


@pytest.mark.parametrize("query", [{"dari": "0001-01-01"}, {"sampai": "9999-12-31"}])
def test_a_date_beyond_the_calendar_is_said_not_a_server_error(handler_client, file_wbs, query):
    file_wbs()
    response = handler_client.get(URL, query)
    assert response.status_code == 400
    assert "Tanggal harus antara tahun 2000 dan 2100." in response.content.decode()
