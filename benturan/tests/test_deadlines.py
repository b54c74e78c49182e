"""The superior's 7 working days to decide (seeded as data from the unit's implementing
rule), and the engine's reminders and escalation through the deadline sweep.

Holidays come from the seeded 2026 calendar: 17 August (Proklamasi) and 25 August (Maulid
Nabi).
"""

import datetime

from django.core import mail

from accounts import roles
from benturan.choices import Clock, State
from casework.models import Deadline, SlaPolicy
from casework.tasks import run_deadline_sweep
from security.models import AuditEntry


def d(month, day):
    return datetime.date(2026, month, day)


def test_the_deadline_is_data_with_its_source(db):
    policy = SlaPolicy.objects.get(kind="benturan", clock=Clock.KEPUTUSAN)
    assert policy.working_days == 7 and not policy.is_waiting_period
    assert "Peraturan pelaksana unit" in policy.source and "PermenPANRB 17/2024" in policy.source


def test_the_decision_is_due_seven_working_days_after_filing(travel, declare):
    travel(d(8, 14))  # Friday before 17 August; 25 August falls inside too
    case = declare()
    deadline = Deadline.objects.get(case=case, clock=Clock.KEPUTUSAN)
    assert (deadline.started_on, deadline.due_date, deadline.working_days) == (d(8, 14), d(8, 27), 7)
    assert case.due_date == d(8, 27)


def test_a_later_rule_governs_cases_filed_after_it(travel, declare):
    SlaPolicy.objects.create(
        kind="benturan", clock=Clock.KEPUTUSAN, label="Keputusan atasan", working_days=5, effective_from=d(9, 1)
    )
    travel(d(8, 31))
    before = declare()
    travel(d(9, 1))
    after = declare()
    assert Deadline.objects.get(case=before).working_days == 7
    assert Deadline.objects.get(case=after).working_days == 5


def test_the_sweep_reminds_the_superior_and_escalates_to_the_next(travel, declare, pegawai, kasi, kabid, kadis, tim):
    travel(d(7, 6))
    case = declare()  # due 15 July
    mail.outbox.clear()
    run_deadline_sweep(today=d(7, 14))
    assert {message.to[0] for message in mail.outbox} == {kasi.email}
    mail.outbox.clear()
    run_deadline_sweep(today=d(7, 16))
    assert {message.to[0] for message in mail.outbox} == {kasi.email, kabid.email}
    assert AuditEntry.objects.filter(case_id=case.pk, event="sla.escalated").exists()
    # Never the declarant, never further up the line; and the mail names the number only.
    assert all("CV Sinar Cetak" not in message.body and "pengadaan" not in message.body for message in mail.outbox)
    assert all(case.reference in message.body for message in mail.outbox)


def test_escalation_skips_a_superior_who_is_a_party(travel, declare, kasi, kabid, kadis):
    travel(d(7, 6))
    declare(pihak_pegawai=[kasi])  # kabid decides, the kadis hears
    mail.outbox.clear()
    run_deadline_sweep(today=d(7, 16))
    assert {message.to[0] for message in mail.outbox} == {kabid.email, kadis.email}


def test_a_case_of_the_tim_reminds_and_escalates_to_the_tim_but_never_a_party(travel, declare, make_user, kadis, tim):
    other_member = make_user(roles.TIM_BENTURAN, jabatan="Anggota Tim")
    travel(d(7, 6))
    declare(declarant=kadis, pihak_pegawai=[other_member])
    mail.outbox.clear()
    run_deadline_sweep(today=d(7, 14))
    assert {message.to[0] for message in mail.outbox} == {tim.email}
    mail.outbox.clear()
    run_deadline_sweep(today=d(7, 16))
    assert {message.to[0] for message in mail.outbox} == {tim.email}


def test_the_decision_stops_the_clock_and_the_reminders(travel, case_in):
    travel(d(7, 6))
    case_in(State.PELAKSANAAN)
    mail.outbox.clear()
    run_deadline_sweep(today=d(7, 16))
    assert mail.outbox == []
