"""What the declarant reads on their own page about each stage: what it means, who acts
next and by which day (the declaration's clocks, which the UPG's page lists too), and
what a closed declaration leaves them to do."""

import pytest
from django.urls import reverse

from accounts.testing import verified_login
from casework import next_step as steps
from casework.views_case import case_deadlines
from gratifikasi.choices import Clock, State

EXPECTED = {
    State.ADMINISTRASI: (Clock.UPG_KPK, steps.STAFF, False),
    State.VERIFIKASI: (Clock.UPG_KPK, steps.STAFF, False),
    State.PERLU_DILENGKAPI: (Clock.KELENGKAPAN, steps.REPORTER, False),
    State.ANALISIS: (Clock.UPG_KPK, steps.STAFF, False),
    State.DITERUSKAN_KPK: (Clock.KEPUTUSAN_KPK, steps.STAFF, False),
    State.TINDAK_LANJUT: (Clock.PENYERAHAN, steps.STAFF, False),
    State.SELESAI: (None, steps.NOBODY, True),
    State.TIDAK_WAJIB: (None, steps.NOBODY, True),
    State.TIDAK_DIPROSES: (None, steps.NOBODY, True),
}


def test_every_stage_of_a_declaration_is_described():
    assert set(EXPECTED) == set(State)


@pytest.mark.parametrize("state", list(State))
def test_each_stage_names_who_acts_and_the_day_the_upg_sees(declaration_in, state):
    clock, actor, closed = EXPECTED[state]
    case = declaration_in(state)
    step = steps.next_step(case)
    assert step.meaning and step.text
    assert (step.actor, step.is_closed) == (actor, closed)
    if clock is None:
        assert step.due is None
    else:
        [row] = [r for r in case_deadlines(case) if r.deadline.clock == clock and r.deadline.completed_at is None]
        assert step.due == row.deadline.due_date


def test_the_declarant_page_shows_the_step_and_every_stage(client, declarant, declaration_in):
    case = declaration_in(State.PERLU_DILENGKAPI)
    verified_login(client, declarant)
    body = client.get(reverse("gratifikasi:detail", args=[case.pk])).content.decode()
    section = body.split('id="langkah-berikutnya"')[1].split("</section>")[0]
    due = steps.next_step(case).due
    assert "Giliran Anda" in section
    assert f'<time class="next-step__due" datetime="{due.isoformat()}">' in section
    assert "laporan dapat ditutup oleh UPG sebagai tidak diproses" in section
    glossary = body.split('id="arti-status"')[1].split("</section>")[0]
    assert all(str(state.label) in glossary for state in State)
