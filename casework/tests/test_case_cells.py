"""The cells every case list draws per row (casework.templatetags.case_cells): what each
says in each state, in both languages, with what a person typed escaped."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from casework.templatetags.case_cells import assignee_cell, due_cell, received_cell

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 9)


def row(**values):
    """A list row's case, as the list's query gives it (with the due status)."""
    fields = {
        "assignee": None,
        "received_on": DAY,
        "opened_at": timezone.make_aware(datetime.datetime(2026, 3, 9, 10)),
        "due_date": None,
        "closed_at": None,
        "waiting_until": None,
        "is_overdue": False,
        "is_due_soon": False,
        "is_waiting_over": False,
    }
    fields.update(values)
    case = SimpleNamespace(**fields)
    case.entered_late = case.received_on != timezone.localdate(case.opened_at)
    return case


def person(full_name, username="petugas1"):
    return SimpleNamespace(get_full_name=lambda: full_name, get_username=lambda: username)


def test_the_assignee_cell_names_the_handler_escaped_or_says_nobody_is_assigned():
    assert assignee_cell(row(assignee=person("Siti <b>Aminah</b>"))) == (
        '<td data-label="Petugas">Siti &lt;b&gt;Aminah&lt;/b&gt;</td>'
    )
    assert assignee_cell(row(assignee=person(""))) == '<td data-label="Petugas">petugas1</td>'
    assert assignee_cell(row()) == '<td data-label="Petugas"><span class="muted">Belum ditugaskan</span></td>'


def test_the_received_cell_gives_the_day_received_and_the_day_entered_when_later():
    assert received_cell(row()) == (
        '<td data-label="Diterima" class="nowrap"><time datetime="2026-03-09">9 Mar 2026</time></td>'
    )
    late = received_cell(row(opened_at=timezone.make_aware(datetime.datetime(2026, 3, 12, 8))))
    assert late.endswith('</time><br><span class="muted">dicatat 12 Mar 2026</span></td>')


@pytest.mark.parametrize(
    ("values", "shown", "badges"),
    [
        (
            {"due_date": DAY, "is_overdue": True},
            '<time class="nowrap" datetime="2026-03-09">9 Mar 2026</time>',
            ["terlambat"],
        ),
        ({"due_date": DAY, "is_due_soon": True}, "9 Mar 2026", ["segera jatuh tempo"]),
        ({"closed_at": timezone.now()}, '<span class="muted">Ditutup</span>', []),
        (
            {"waiting_until": DAY, "is_waiting_over": True},
            'menunggu pihak lain s.d. <time datetime="2026-03-09">9 Mar 2026</time>',
            ["masa tunggu berakhir"],
        ),
        ({}, '<span class="muted">Tidak ada</span>', []),
    ],
)
def test_the_deadline_cell_says_the_due_date_or_why_there_is_none_with_its_badges(values, shown, badges):
    cell = due_cell(row(**values))
    assert cell.startswith('<td data-label="Batas waktu"><span>') and shown in cell
    assert [badge in cell for badge in ("terlambat", "segera jatuh tempo", "masa tunggu berakhir")] == [
        badge in badges for badge in ("terlambat", "segera jatuh tempo", "masa tunggu berakhir")
    ]


def test_the_cells_speak_english_on_request():
    with translation.override("en"):
        cells = Template("{% load case_cells %}{% assignee_cell c %}{% received_cell c %}{% due_cell c %}").render(
            Context({"c": row(waiting_until=DAY)})
        )
    assert '<td data-label="Officer"><span class="muted">Not assigned</span></td>' in cells
    assert '<td data-label="Received" class="nowrap">' in cells
    assert 'waiting for another party until <time datetime="2026-03-09">' in cells


def test_a_day_is_written_in_the_language_of_the_page_that_shows_it():
    """The cells keep each day's written form per language: the same day on an Indonesian
    page and then on an English one is written in each page's own words."""
    august = datetime.date(2026, 8, 17)
    with translation.override("id"):
        first = received_cell(row(received_on=august, opened_at=timezone.make_aware(datetime.datetime(2026, 8, 17))))
    with translation.override("en"):
        second = received_cell(row(received_on=august, opened_at=timezone.make_aware(datetime.datetime(2026, 8, 17))))
    with translation.override("id"):
        third = received_cell(row(received_on=august, opened_at=timezone.make_aware(datetime.datetime(2026, 8, 17))))
    assert ">17 Agu 2026</time>" in first and ">17 Aug 2026</time>" in second and third == first


def test_a_row_escapes_what_people_typed_and_keeps_its_own_markup():
    from casework.templatetags.case_cells import case_row, cell, lines, number_cell

    typed = '<script>alert("x")</script>'
    html = case_row(
        row(is_overdue=True),
        [
            number_cell("/staf/kasus/1/", "PGD/2026/000001", note=typed),
            cell("Judul", typed),
            cell("Pejabat", lines(typed, "Seksi <b>")),
            cell("Nilai", "Rp1.500.000", nowrap=True),
        ],
    )
    assert "<script>" not in html and "&lt;script&gt;" in html and "Seksi &lt;b&gt;" in html
    assert html.startswith('<tr class="is-overdue"><th scope="row" data-label="Nomor"><a href="/staf/kasus/1/">')
    assert '<td data-label="Nilai" class="nowrap">Rp1.500.000</td>' in html
    assert case_row(row(is_due_soon=True), []) == '<tr class="is-due-soon"></tr>'
    assert case_row(row(), []) == '<tr class=""></tr>'


def test_a_moment_is_shown_on_its_local_day():
    from casework.templatetags.case_cells import moment_cell

    late_evening_utc = datetime.datetime(2026, 3, 9, 20, 0, tzinfo=datetime.UTC)  # 10 March in Jakarta
    assert moment_cell("Diajukan", late_evening_utc) == (
        '<td data-label="Diajukan" class="nowrap"><time datetime="2026-03-10T03:00:00+07:00">10 Mar 2026</time></td>'
    )
