"""The engine asks who handles one report, not one kind: a report routed to the
Inspektorat is assigned to, and reminds, the Inspektorat alone; one handled by the
Pengelola WBS never reaches the Inspektorat (casework.selectors.handler_roles_for)."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from casework.notifications import reminder_recipients
from casework.selectors import assignable_users, handler_roles_for
from casework.services import case_assign
from casework.tasks import run_deadline_sweep
from wbs.reported import TerlaporInput


@pytest.fixture
def on_the_leadership(file_wbs, kepala_dinas):
    case, _code = file_wbs(terlapor=[TerlaporInput(nama="Suharto Wibowo")])
    return case


def test_a_report_on_the_leadership_is_assigned_within_the_inspektorat_only(
    on_the_leadership, inspektorat, second_inspektorat, wbs_handler, second_handler
):
    assert handler_roles_for(on_the_leadership) == ("Inspektorat",)
    assert set(assignable_users(on_the_leadership)) == {inspektorat, second_inspektorat}
    with pytest.raises(ValidationError):
        case_assign(case=on_the_leadership, actor=inspektorat, assignee=wbs_handler)
    assert case_assign(case=on_the_leadership, actor=inspektorat, assignee=second_inspektorat).assignee == (
        second_inspektorat
    )


def test_a_report_for_the_pengelola_is_never_assigned_to_the_inspektorat(file_wbs, wbs_handler, inspektorat):
    case, _code = file_wbs()
    assert set(assignable_users(case)) == {wbs_handler}
    with pytest.raises(ValidationError):
        case_assign(case=case, actor=wbs_handler, assignee=inspektorat)


def test_an_unassigned_report_reminds_only_the_role_that_handles_it(
    file_wbs, on_the_leadership, inspektorat, wbs_handler, travel
):
    ordinary, _code = file_wbs()
    assert reminder_recipients(on_the_leadership) == [inspektorat]
    assert reminder_recipients(ordinary) == [wbs_handler]


def test_the_deadline_sweep_reminds_the_inspektorat_of_its_report_only(
    travel, file_wbs, kepala_dinas, inspektorat, wbs_handler
):
    travel(datetime.date(2026, 7, 6))
    case, _code = file_wbs(terlapor=[TerlaporInput(nama="Suharto Wibowo")])
    mail.outbox.clear()
    run_deadline_sweep(today=datetime.date(2026, 7, 14))  # due soon
    reminded = {message.to[0] for message in mail.outbox if case.reference in message.subject}
    assert reminded == {inspektorat.email}


def test_a_kind_without_a_per_case_rule_keeps_its_handler_roles(open_uji):
    case, _code = open_uji()
    assert handler_roles_for(case) == tuple(case.kind_spec.policy.handler_roles)
