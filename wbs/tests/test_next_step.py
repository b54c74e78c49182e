"""What the WBS reporter reads on their receipt-code page about each state: what it means,
who acts next and by which day (the report's own clocks, the rows its handler's page
lists), and what the closed states leave them to do. Nothing of it says who the reporter
is: the words are per state, the dates are the clocks'."""

import datetime

import pytest
from django.test import Client

from casework import next_step as steps
from casework.models import Deadline
from casework.views_case import case_deadlines
from wbs.choices import Clock, State

LOGIN = "/wbs/masuk/"
REPORT = "/wbs/laporan/"
FILED = datetime.date(2026, 8, 13)  # a Thursday before a weekend and Independence Day

EXPECTED = {
    State.DITERIMA: (Clock.TANGGAPAN_AWAL, steps.STAFF, False),
    State.DITUNDA: (None, steps.REPORTER, False),
    State.DITELAAH: (Clock.PEMBARUAN, steps.STAFF, False),
    State.DIPERIKSA: (Clock.PEMBARUAN, steps.STAFF, False),
    State.DITERUSKAN: (None, steps.NOBODY, True),
    State.SELESAI: (None, steps.NOBODY, True),
    State.TIDAK_DAPAT_DITINDAKLANJUTI: (None, steps.NOBODY, True),
}


def test_every_state_of_a_report_is_described():
    assert set(EXPECTED) == set(State)


@pytest.mark.parametrize("state", list(State))
def test_each_state_names_who_acts_and_the_day_the_handler_sees(travel, case_in, state):
    travel(FILED)
    clock, actor, closed = EXPECTED[state]
    case = case_in(state)
    step = steps.next_step(case)
    assert step.meaning and step.text
    assert (step.actor, step.is_closed, step.closes_on) == (actor, closed, None)
    if clock is None:
        assert step.due is None
    else:
        [row] = [r for r in case_deadlines(case) if r.deadline.clock == clock and r.deadline.completed_at is None]
        assert step.due == row.deadline.due_date


def test_the_first_response_counts_working_days_past_a_weekend_and_a_holiday(travel, case_in):
    travel(FILED)
    step = steps.next_step(case_in(State.DITERIMA))
    due = Deadline.objects.get(clock=Clock.TANGGAPAN_AWAL).due_date
    # Seven working days from Thursday 13 August 2026: 14, 18 (after 17 August), 19, 20,
    # 21, 24 and 26 (after Maulid Nabi on the 25th).
    assert due == datetime.date(2026, 8, 26) == step.due
    assert step.text == "Petugas menanggapi laporan Anda paling lambat Rabu, 26 Agustus 2026."


def test_after_an_answer_to_a_question_the_next_date_is_the_periodic_news(travel, case_in, advance):
    travel(FILED)
    case = advance(case_in(State.DITUNDA), "lengkapi")
    assert case.state == State.DITERIMA
    step = steps.next_step(case)
    assert step.due == Deadline.objects.get(case=case, clock=Clock.PEMBARUAN, completed_at__isnull=True).due_date


def test_the_receipt_code_page_shows_the_step_and_every_status(travel, file_wbs, with_identity):
    travel(FILED)
    case, code = file_wbs(identitas=with_identity)
    browser = Client()
    assert browser.post(LOGIN, {"code": code})["Location"] == REPORT
    body = browser.get(REPORT).content.decode()
    section = body.split('id="langkah-berikutnya"')[1].split("</section>")[0]
    assert 'Petugas menanggapi laporan Anda paling lambat <time datetime="2026-08-26">' in section
    assert '<time class="next-step__due" datetime="2026-08-26">Rabu, 26 Agustus 2026</time>' in section
    glossary = body.split('id="arti-status"')[1].split("</section>")[0]
    for state in State:
        assert str(state.label) in glossary
    # The step and the list say nothing of the reporter, whose identity is sealed.
    for private in (with_identity.nama, with_identity.nip, with_identity.telepon):
        assert private not in section and private not in glossary
