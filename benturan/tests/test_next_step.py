"""What the employee who filed a conflict of interest reads on their own page about each
state: what it means, what happens next and, while a decision is awaited, by which day
(the decision clock the deciding superior's page lists too)."""

import pytest
from django.urls import reverse

from accounts.testing import verified_login
from benturan.choices import Clock, State
from casework import next_step as steps
from casework.views_case import case_deadlines

EXPECTED = {
    State.DIAJUKAN: (Clock.KEPUTUSAN, False),
    State.ANALISIS: (Clock.KEPUTUSAN, False),
    State.PELAKSANAAN: (None, False),
    State.PEMANTAUAN: (None, False),
    State.SELESAI: (None, True),
    State.TIDAK_ADA_KONFLIK: (None, True),
}


def test_every_state_of_a_case_is_described():
    assert set(EXPECTED) == set(State)


@pytest.mark.parametrize("state", list(State))
def test_each_state_says_what_happens_next_with_the_deciders_day(case_in, state):
    clock, closed = EXPECTED[state]
    case = case_in(state)
    step = steps.next_step(case)
    assert step.meaning and step.text and step.is_closed == closed
    if clock is None:
        assert step.due is None
    else:
        [row] = [r for r in case_deadlines(case) if r.deadline.clock == clock and r.deadline.completed_at is None]
        assert step.due == row.deadline.due_date


def test_the_declarant_page_shows_the_step_and_every_state(client, pegawai, case_in):
    case = case_in(State.DIAJUKAN)
    verified_login(client, pegawai)
    body = client.get(reverse("benturan:detail", args=[case.pk])).content.decode()
    section = body.split('id="langkah-berikutnya"')[1].split("</section>")[0]
    due = steps.next_step(case).due.isoformat()
    assert f'<time class="next-step__due" datetime="{due}">' in section
    glossary = body.split('id="arti-status"')[1].split("</section>")[0]
    assert all(str(state.label) in glossary for state in State)
