"""The two clocks of a WBS report, in working days (domain.md §4; seeded as data): the
first response within 7, then news for the reporter at least every 20 (about a month),
restarted at every step the reporter sees. Asking the reporter pauses them.

Holidays come from the seeded 2026 calendar: 17 August (Proklamasi) and 25 August
(Maulid Nabi); 18–24 March (Nyepi, Idul Fitri and cuti bersama); 3 April (Wafat Yesus
Kristus) and 1 May (Hari Buruh).
"""

import datetime

from django.core import mail

from casework.models import Deadline, SlaPolicy
from casework.tasks import run_deadline_sweep
from security.models import AuditEntry
from wbs import services
from wbs.choices import State
from wbs.reported import TerlaporInput


def d(month, day):
    return datetime.date(2026, month, day)


def clocks(case):
    """{clock: (due date, running?)} of the newest clock of each name."""
    return {dl.clock: (dl.due_date, dl.is_running) for dl in Deadline.objects.filter(case=case).order_by("id")}


def test_the_policies_are_seeded_as_data_with_their_source(db):
    rows = {p.clock: p for p in SlaPolicy.objects.filter(kind="wbs")}
    assert {clock: p.working_days for clock, p in rows.items()} == {"tanggapan_awal": 7, "pembaruan": 20}
    assert all(p.source for p in rows.values()) and not any(p.is_waiting_period for p in rows.values())


def test_the_first_response_skips_a_holiday_week(travel, file_wbs):
    travel(d(3, 17))  # Tuesday before Nyepi and Idul Fitri
    case, _code = file_wbs()
    assert clocks(case) == {"tanggapan_awal": (d(4, 2), True)}
    assert case.due_date == d(4, 2)


def test_the_first_response_skips_single_holidays(travel, file_wbs):
    travel(d(8, 14))  # Friday before 17 August; 25 August falls inside too
    case, _code = file_wbs()
    assert case.due_date == d(8, 27)


def test_verification_answers_and_starts_the_monthly_news(travel, file_wbs, advance):
    travel(d(3, 17))
    case, _code = file_wbs()
    travel(d(4, 2))
    case = advance(case, "verifikasi")
    # 20 working days from Thursday 2 April, skipping Good Friday and 1 May.
    assert clocks(case) == {"tanggapan_awal": (d(4, 2), False), "pembaruan": (d(5, 4), True)}
    assert case.due_date == d(5, 4)


def test_every_step_the_reporter_sees_restarts_the_news_clock(travel, file_wbs, advance):
    travel(d(7, 6))
    case, _code = file_wbs()
    case = advance(case, "verifikasi")
    assert case.due_date == d(8, 3)
    travel(d(7, 20))
    case = advance(case, "kirim_pembaruan")
    assert case.due_date == d(8, 18)  # 17 August skipped
    travel(d(7, 27))
    case = advance(case, "periksa")
    assert case.due_date == d(8, 26)  # 17 and 25 August skipped
    running = Deadline.objects.filter(case=case, completed_at__isnull=True)
    assert list(running.values_list("clock", flat=True)) == ["pembaruan"]


def test_news_counts_as_the_first_response(travel, file_wbs, advance):
    travel(d(7, 6))
    case, _code = file_wbs()
    case = advance(case, "kirim_pembaruan")
    assert clocks(case)["tanggapan_awal"] == (d(7, 15), False)
    assert clocks(case)["pembaruan"] == (d(8, 3), True)


def test_asking_the_reporter_answers_and_pauses_until_they_reply(travel, file_wbs, advance):
    travel(d(7, 6))
    case, _code = file_wbs()
    travel(d(7, 8))
    case = advance(case, "tunda")
    assert case.due_date is None
    assert not Deadline.objects.filter(case=case, completed_at__isnull=True, paused_on__isnull=True).exists()
    travel(d(8, 14))
    case = services.wbs_reporter_supply(case=case, reply="Kejadian terakhir 29 Juni.")
    # The answer is news to act on: a month's clock from the reply.
    assert case.due_date == d(9, 15)  # 17 and 25 August skipped


def test_a_paused_news_clock_keeps_its_time_left(travel, case_in, wbs_handler):
    travel(d(7, 6))
    case = case_in(State.DITERIMA)
    case = services.wbs_send_update(case=case, actor=wbs_handler, update="Kami mulai menelaah.")
    assert case.due_date == d(8, 3)
    travel(d(7, 7))
    case = services.wbs_request_information(case=case, actor=wbs_handler, question="Siapa saksinya?")
    paused = Deadline.objects.get(case=case, clock="pembaruan", completed_at__isnull=True)
    assert paused.paused_on == d(7, 7) and case.due_date is None


def test_a_closed_report_has_no_running_clock(case_in):
    for state in (State.SELESAI, State.DITERUSKAN, State.TIDAK_DAPAT_DITINDAKLANJUTI):
        case = case_in(state)
        assert case.due_date is None
        assert not Deadline.objects.filter(case=case, completed_at__isnull=True).exists()


def test_the_sweep_reminds_the_handlers_and_escalates_within_the_wbs_role(
    travel, file_wbs, wbs_handler, second_handler, kepala_dinas, inspektorat
):
    travel(d(7, 6))
    case, _code = file_wbs()
    mail.outbox.clear()
    run_deadline_sweep(today=d(7, 14))  # due 15 July: due soon
    reminded = {message.to[0] for message in mail.outbox}
    assert reminded >= {wbs_handler.email, second_handler.email}
    assert kepala_dinas.email not in reminded
    mail.outbox.clear()
    run_deadline_sweep(today=d(7, 16))  # overdue
    escalated = {message.to[0] for message in mail.outbox}
    assert {wbs_handler.email, second_handler.email} <= escalated
    # Never the line management: the Kepala Dinas heads the unit and is Pimpinan.
    assert kepala_dinas.email not in escalated
    assert AuditEntry.objects.filter(case_id=case.pk, event="sla.escalated").exists()
    # The mail names the reference only, never what the report says.
    assert all("Pungutan liar" not in message.body and "loket" not in message.body for message in mail.outbox)


def test_a_report_on_the_leadership_escalates_to_the_inspektorat_only(
    travel, file_wbs, kepala_dinas, inspektorat, wbs_handler
):
    travel(d(7, 6))
    case, _code = file_wbs(terlapor=[TerlaporInput(nama="Suharto Wibowo")])
    mail.outbox.clear()
    run_deadline_sweep(today=d(7, 16))
    escalated = {message.to[0] for message in mail.outbox if "terlampaui" in message.subject}
    assert inspektorat.email in escalated
    assert kepala_dinas.email not in escalated and wbs_handler.email not in escalated
