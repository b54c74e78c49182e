"""Kotak Masuk: the open cases waiting for a staff member, across kinds, most urgent first."""

import dataclasses
import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import path, reverse
from django.utils import timezone

from accounts import roles
from accounts.models import UnitKerja
from accounts.testing import verified_login
from casework import kinds
from casework.models import Case
from casework.services import case_open, case_recuse
from casework.views_staff import INBOX_PAGE_SIZE
from config.urls import urlpatterns as project_urlpatterns

INBOX = reverse("casework:inbox")


@pytest.fixture
def staff_client(client, handler):
    verified_login(client, handler)
    return client


@pytest.fixture
def unit(db):
    return UnitKerja.objects.create(name="Seksi Identitas Penduduk", code="seksi-identitas", level="seksi")


def set_due(case, due):
    Case.objects.filter(pk=case.pk).update(due_date=due)


def references(response):
    return [row.case.reference for row in response.context["rows"]]


def test_anonymous_visitor_is_sent_to_login(client, db):
    response = client.get(INBOX)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_empty_inbox_says_so(staff_client):
    response = staff_client.get(INBOX)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Kotak Masuk kosong" in body
    assert "<table" not in body


def test_row_shows_reference_kind_title_state_unit_assignee_and_deadline(staff_client, open_uji, handler, unit):
    case, _ = open_uji(title="Antrean KTP-el mengular", unit=unit)
    Case.objects.filter(pk=case.pk).update(assignee=handler)
    case.refresh_from_db()
    body = staff_client.get(INBOX).content.decode()
    for text in (case.reference, "Kasus uji", "Antrean KTP-el mengular", "Baru", unit.name, handler.full_name):
        assert text in body
    assert case.due_date.isoformat() in body


def test_sorted_by_due_date_with_undated_cases_last_then_by_opening(staff_client, open_uji):
    today = timezone.localdate()
    undated_old, _ = open_uji(title="tanpa batas, lama")
    late, _ = open_uji(title="batas jauh")
    early, _ = open_uji(title="batas dekat")
    undated_new, _ = open_uji(title="tanpa batas, baru")
    set_due(undated_old, None)
    set_due(undated_new, None)
    set_due(late, today + datetime.timedelta(days=20))
    set_due(early, today + datetime.timedelta(days=5))
    Case.objects.filter(pk=undated_old.pk).update(opened_at=timezone.now() - datetime.timedelta(days=3))
    assert references(staff_client.get(INBOX)) == [
        early.reference,
        late.reference,
        undated_old.reference,
        undated_new.reference,
    ]


def test_overdue_and_due_soon_are_marked_in_words(staff_client, open_uji):
    today = timezone.localdate()
    overdue, _ = open_uji(title="sudah lewat")
    soon, _ = open_uji(title="jatuh tempo hari ini")
    relaxed, _ = open_uji(title="masih lama")
    set_due(overdue, today - datetime.timedelta(days=1))
    set_due(soon, today)
    set_due(relaxed, today + datetime.timedelta(days=30))
    response = staff_client.get(INBOX)
    status = {row.case.reference: (row.case.is_overdue, row.case.is_due_soon) for row in response.context["rows"]}
    assert status == {
        overdue.reference: (True, False),
        soon.reference: (False, True),
        relaxed.reference: (False, False),
    }
    body = response.content.decode()
    assert body.count('class="badge badge--overdue">terlambat<') == 1
    assert body.count('class="badge badge--soon">segera jatuh tempo<') == 1


def test_overdue_filter_keeps_only_late_cases(staff_client, open_uji):
    today = timezone.localdate()
    overdue, _ = open_uji()
    on_time, _ = open_uji()
    set_due(overdue, today - datetime.timedelta(days=2))
    set_due(on_time, today + datetime.timedelta(days=10))
    assert references(staff_client.get(INBOX, {"terlambat": "1"})) == [overdue.reference]
    assert set(references(staff_client.get(INBOX))) == {overdue.reference, on_time.reference}


def test_filtered_empty_result_is_not_called_an_empty_inbox(staff_client, open_uji):
    open_uji()
    body = staff_client.get(INBOX, {"terlambat": "1"}).content.decode()
    assert "Tidak ada kasus yang cocok dengan filter ini." in body
    assert "Kotak Masuk kosong" not in body


@pytest.fixture
def second_kind(monkeypatch):
    """A second kind (same model and policy as "uji") so the kind filter has a choice."""
    spec = dataclasses.replace(kinds.get_kind("uji"), code="uji2", prefix="UJD", label="Kasus uji kedua")
    monkeypatch.setitem(kinds._REGISTRY, "uji2", spec)
    return spec


def test_kind_filter(staff_client, open_uji, second_kind):
    first, _ = open_uji()
    second, _ = case_open(kind="uji2", title="Jenis kedua")
    body = staff_client.get(INBOX).content.decode()
    assert "Kasus uji kedua" in body  # offered in the filter and shown in the row
    assert references(staff_client.get(INBOX, {"jenis": "uji2"})) == [second.reference]
    assert references(staff_client.get(INBOX, {"jenis": "uji"})) == [first.reference]
    # An unknown kind is ignored rather than hiding everything.
    assert set(references(staff_client.get(INBOX, {"jenis": "tidak-ada"}))) == {first.reference, second.reference}


def test_pagination_keeps_the_filters(staff_client, open_uji):
    today = timezone.localdate()
    for _ in range(INBOX_PAGE_SIZE + 3):
        case, _ = open_uji()
        set_due(case, today - datetime.timedelta(days=1))
    first = staff_client.get(INBOX, {"terlambat": "1"})
    assert len(first.context["rows"]) == INBOX_PAGE_SIZE
    assert first.context["page"].paginator.num_pages == 2
    body = first.content.decode()
    assert "?terlambat=1&amp;page=2" in body
    second = staff_client.get(INBOX, {"terlambat": "1", "page": "2"})
    assert len(second.context["rows"]) == 3
    assert not set(references(first)) & set(references(second))
    # A page number out of range, too large for a database integer or not a number
    # shows the last page, or the first, instead of an error.
    assert references(staff_client.get(INBOX, {"terlambat": "1", "page": "99"})) == references(second)
    assert references(staff_client.get(INBOX, {"terlambat": "1", "page": "9" * 30})) == references(second)
    for wrong in ("0", "-1", "dua", ""):
        assert references(staff_client.get(INBOX, {"terlambat": "1", "page": wrong})) == references(first)


def test_the_inbox_reads_its_cases_once_to_count_and_choose_them(staff_client, open_uji):
    """The count comes with the page's cases: one pass over the waiting cases, then the
    page's rows; a page past the end costs a count and the last page more."""
    for _ in range(INBOX_PAGE_SIZE + 3):
        open_uji()
    staff_client.get(INBOX)
    with CaptureQueriesContext(connection) as first:
        response = staff_client.get(INBOX)
    assert response.context["page"].paginator.count == INBOX_PAGE_SIZE + 3
    with CaptureQueriesContext(connection) as past_the_end:
        response = staff_client.get(INBOX, {"page": "7"})
    assert response.context["page"].number == 2 and len(response.context["rows"]) == 3
    assert len(past_the_end) == len(first) + 2


def test_recused_case_is_absent(staff_client, open_uji, handler):
    kept, _ = open_uji()
    recused, _ = open_uji()
    case_recuse(case=recused, user=handler, reason="konflik")
    assert references(staff_client.get(INBOX)) == [kept.reference]


def test_cases_of_other_handlers_and_closed_cases_are_absent(staff_client, open_uji, make_user):
    colleague = make_user(roles.PENGELOLA_PENGADUAN)
    mine, _ = open_uji()
    theirs, _ = open_uji()
    closed, _ = open_uji()
    Case.objects.filter(pk=theirs.pk).update(assignee=colleague)
    Case.objects.filter(pk=closed.pk).update(closed_at=timezone.now())
    assert references(staff_client.get(INBOX)) == [mine.reference]


def test_a_user_without_a_handling_role_sees_only_assigned_cases(client, open_uji, make_user):
    clerk = make_user(roles.PEGAWAI)
    open_uji()
    assigned, _ = open_uji()
    Case.objects.filter(pk=assigned.pk).update(assignee=clerk)
    verified_login(client, clerk)
    assert references(client.get(INBOX)) == [assigned.reference]


def detail_stub(request, pk):  # pragma: no cover - only reversed, never called
    raise AssertionError


urlpatterns = [
    *project_urlpatterns,
    path("uji/<int:pk>/", detail_stub, name="uji_detail"),
]


def test_reference_links_to_the_generic_case_page(staff_client, open_uji):
    case, _ = open_uji()
    body = staff_client.get(INBOX).content.decode()
    assert f'<a href="{reverse("case:detail", args=[case.pk])}">{case.reference}</a>' in body


@pytest.mark.urls(__name__)
def test_reference_links_to_the_kinds_own_page_when_it_has_one(staff_client, open_uji, monkeypatch):
    spec = dataclasses.replace(kinds.get_kind("uji"), detail_url_name="uji_detail")
    monkeypatch.setitem(kinds._REGISTRY, "uji", spec)
    case, _ = open_uji()
    body = staff_client.get(INBOX).content.decode()
    assert f'<a href="/uji/{case.pk}/">{case.reference}</a>' in body


def test_query_count_does_not_grow_with_the_rows(staff_client, open_uji, handler, unit, django_assert_max_num_queries):
    today = timezone.localdate()

    def add_cases(n):
        for i in range(n):
            case, _ = open_uji(title=f"Kasus {i}", unit=unit)
            Case.objects.filter(pk=case.pk).update(assignee=handler, due_date=today - datetime.timedelta(days=i % 3))

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            response = staff_client.get(INBOX)
        assert response.status_code == 200
        return len(queries), len(response.context["rows"])

    add_cases(3)
    few, shown = count_queries()
    assert shown == 3
    add_cases(37)
    with django_assert_max_num_queries(few):
        many, shown = count_queries()
    assert shown == INBOX_PAGE_SIZE
    assert many == few
