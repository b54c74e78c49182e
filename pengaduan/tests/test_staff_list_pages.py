"""Reaching every complaint of a long staff list without page numbers (casework.keyset):
first, previous, next and last in every order, with ties and cases without a deadline;
a jump by date or by case number; a wrong cursor or jump said, not failed; the count
bounded; and nothing outside the user's list reached through a position."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts import roles
from accounts.testing import verified_login
from casework import lists
from casework.services import case_recuse
from pengaduan.choices import State

from .test_staff_list import LIST, local, set_case, shown

pytestmark = pytest.mark.django_db

ORDERS = ("terbaru", "terlama", "batas", "batas_terjauh")


@pytest.fixture
def many(case_in):
    """23 complaints: opening times with ties (three at the same second), deadlines with
    ties, closed ones without a deadline, and two entered days after they were received
    (among the cases of the day they came, before those entered earlier that day)."""
    today = timezone.localdate()
    cases = []
    for i in range(23):
        case = case_in(State.SELESAI if i % 5 == 0 else State.DITERIMA)
        opened = local(2026, 1, 1 + i // 3) if i < 9 else local(2026, 2, 1 + i)
        due = None if i % 5 == 0 else today + datetime.timedelta(days=i % 4)
        received = {"received_on": datetime.date(2026, 2, 12)} if i in (16, 19) else {}
        cases.append(set_case(case, opened_at=opened, due_date=due, **received))
    return cases


def expected(cases, order):
    """The list's order computed here, from the rows' own values."""

    def newest(case):
        return (-case.opened_at.timestamp(), -case.pk)

    if order == "terbaru":
        key = lambda case: (-case.received_on.toordinal(), *newest(case))  # noqa: E731
    elif order == "terlama":
        key = lambda case: (case.received_on.toordinal(), case.opened_at.timestamp(), case.pk)  # noqa: E731
    elif order == "batas":
        key = lambda case: (case.due_date is None, case.due_date or datetime.date.min, *newest(case))  # noqa: E731
    else:
        key = lambda case: (case.due_date is None, -(case.due_date or datetime.date.min).toordinal(), *newest(case))  # noqa: E731
    return [case.reference for case in sorted(cases, key=key)]


def link(response, rel):
    found = re.search(rf'href="([^"]+)" rel="{rel}"', response.content.decode())
    return found.group(1).replace("&amp;", "&") if found else None


def walk(client, first, rel):
    """The rows of every page from `first` on, following the `rel` links."""
    pages = [shown(first)]
    response = first
    while (address := link(response, rel)) is not None:
        response = client.get(LIST + address)
        pages.append(shown(response))
        assert len(pages) < 10
    return pages


@pytest.mark.parametrize("order", ORDERS)
def test_next_and_previous_reach_every_complaint_once_in_order(staff, many, order):
    want = expected(many, order)
    first = staff.get(LIST, {"urut": order, "per_halaman": 10})
    assert link(first, "prev") is None and link(first, "first") is None
    forward = walk(staff, first, "next")
    assert [len(page) for page in forward] == [10, 10, 3]
    assert sum(forward, []) == want
    last = staff.get(LIST, {"urut": order, "per_halaman": 10, "akhir": 1})
    assert shown(last) == want[-10:] and link(last, "next") is None
    backward = walk(staff, last, "prev")
    # Reading back, the page before the last starts ten earlier; the first page is full.
    assert backward[-1] == want[:10]
    assert set(sum(backward, [])) == set(want)


def test_a_jump_by_date_starts_at_that_day(staff, many):
    response = staff.get(LIST, {"lompat": "2026-01-02", "per_halaman": 10})
    newest_that_day = [ref for ref in expected(many, "terbaru") if ref in {c.reference for c in many[3:6]}][0]
    assert shown(response)[0] == newest_that_day
    assert link(response, "prev") and link(response, "first") == "?per_halaman=10"
    # Oldest first, the jump starts at the first case of that day.
    response = staff.get(LIST, {"lompat": "02/01/2026", "urut": "terlama"})
    assert shown(response)[0] == many[3].reference


def test_a_jump_by_number_starts_at_that_case_in_any_spelling(staff, many):
    target = many[7]
    prefix, year, number = target.reference.split("/")
    for typed in (target.reference, f"{year}/{int(number)}", f" {prefix.lower()}/{year}/{number} "):
        response = staff.get(LIST, {"lompat": typed, "per_halaman": 10})
        assert shown(response)[0] == target.reference, typed


@pytest.mark.parametrize(
    "params",
    [
        {"lompat": "2025-12-01"},  # newest first: older than every complaint
        {"lompat": "2026-12-01", "urut": "terlama"},  # oldest first: newer than every one
        {"setelah": "20200101.20200101T000000000000.1"},  # a link to rows since gone
    ],
)
def test_a_position_past_the_end_shows_the_last_page_not_an_empty_list(staff, many, params):
    response = staff.get(LIST, {"per_halaman": 10, **params})
    assert shown(response) == expected(many, params.get("urut", "terbaru"))[-10:]
    assert link(response, "prev") and link(response, "next") is None
    body = response.content.decode()
    assert "Belum ada pengaduan" not in body
    if "lompat" in params:
        assert f'value="{params["lompat"]}"' in body  # the jump box stays, with what was typed


def test_a_number_outside_the_filtered_list_is_said_and_the_list_starts_at_its_top(staff, many):
    closed = many[0]
    response = staff.get(LIST, {"status": State.DITERIMA, "lompat": closed.reference})
    assert response.status_code == 200
    body = response.content.decode()
    assert "tidak ada dalam daftar ini dengan filter yang berlaku" in body
    assert f'value="{closed.reference}"' in body  # what was typed stays in the box
    assert shown(response)[0] == expected([c for c in many if c.state == State.DITERIMA], "terbaru")[0]


@pytest.mark.parametrize(
    "params, message",
    [
        ({"setelah": "20260101T000000000000.abc"}, "Tautan halaman ini tidak berlaku lagi"),
        ({"sebelum": "x" * 60}, "Tautan halaman ini tidak berlaku lagi"),
        ({"setelah": "99999999T999999999999.1"}, "Tautan halaman ini tidak berlaku lagi"),
        ({"urut": "batas", "setelah": "20260101T000000000000.5"}, "Tautan halaman ini tidak berlaku lagi"),
        ({"lompat": "besok pagi"}, "Tulis tanggal (2026-03-31) atau nomor kasus"),
        ({"lompat": "1900-01-01"}, "Tanggal harus antara tahun 2000 dan 2100"),
        ({"lompat": "PGD/1999/000001"}, "Tulis tanggal (2026-03-31) atau nomor kasus"),
    ],
)
def test_a_wrong_position_is_said_and_the_list_shows_from_its_top(staff, many, params, message):
    response = staff.get(LIST, {"per_halaman": 10, **params})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert shown(response) == expected(many, params.get("urut", "terbaru"))[:10]


def test_the_count_is_exact_up_to_its_bound_then_says_more_than(staff, many, monkeypatch):
    assert "23 pengaduan" in staff.get(LIST).content.decode()
    monkeypatch.setattr(lists, "COUNT_LIMIT", 20)
    body = staff.get(LIST).content.decode()
    assert "lebih dari 20 pengaduan" in body and "jumlah pastinya" in body
    assert "5 pengaduan" in staff.get(LIST, {"status": State.SELESAI}).content.decode()


def queries(client, params) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(LIST, params).status_code == 200
    return len(captured)


def test_a_deep_page_costs_what_the_first_costs(staff, many):
    staff.get(LIST)
    first = queries(staff, {"per_halaman": 10})
    cursor = staff.get(LIST, {"per_halaman": 10}).context["page"].next_cursor
    assert queries(staff, {"per_halaman": 10, "setelah": cursor}) == first
    # Back onto the top of the list, the first page is read again to show it full.
    assert queries(staff, {"per_halaman": 10, "sebelum": cursor}) == first + 2
    assert queries(staff, {"per_halaman": 10, "akhir": 1}) == first
    assert queries(staff, {"per_halaman": 10, "lompat": "2026-01-02"}) == first
    # A case number is looked up once among the filtered cases.
    assert queries(staff, {"per_halaman": 10, "lompat": many[4].reference}) == first + 1


def test_a_position_never_reaches_a_complaint_outside_the_users_list(client, staff, many, make_user, handler):
    hidden = many[11]
    case_recuse(case=hidden, user=handler, reason="konflik")
    everything = expected(many, "terbaru")
    # The cursor of the row just before the hidden one, and a jump to it by number.
    before_hidden = next(c for c in many if c.reference == everything[everything.index(hidden.reference) - 1])
    cursor = staff.get(LIST).context["page"].next_cursor  # any valid cursor shape
    assert cursor
    response = staff.get(LIST, {"lompat": hidden.reference})
    assert hidden.reference not in shown(response)
    assert "tidak ada dalam daftar ini" in response.content.decode()
    from casework.keyset import write_cursor

    response = staff.get(
        LIST, {"setelah": write_cursor((before_hidden.received_on, before_hidden.opened_at, before_hidden.pk))}
    )
    assert hidden.reference not in shown(response)
    # Someone who sees no complaint at all gets no page, whatever the position.
    other = make_user(roles.PEGAWAI)
    verified_login(client, other)
    assert client.get(LIST, {"setelah": cursor}).status_code == 403
