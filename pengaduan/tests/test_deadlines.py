"""The clocks of a complaint, in working days (domain.md §3; seeded as data):
verifikasi 3 from filing, tindak_lanjut 5 from disposition, penyelesaian 60 from
verification, konfirmasi 10 from the answer. Tunda pauses them until the complainant
answers, and the time paused is given back; meanwhile kelengkapan, 10 from the tunda,
counts the complainant's own time to answer.

Dates below are in July 2026 (no holidays) unless a test is about holidays; 6 July 2026
is a Monday.
"""

import datetime

import pytest

from casework.models import Deadline, SlaPolicy
from casework.services import run_transition
from pengaduan import services
from pengaduan.choices import State

MON = datetime.date(2026, 7, 6)


def day(n):
    return datetime.date(2026, 7, n)


def clocks(case):
    """The clocks of the case: {clock: (due date, running?)}."""
    return {d.clock: (d.due_date, d.is_running) for d in Deadline.objects.filter(case=case).order_by("id")}


def test_the_policies_are_seeded_as_data_with_their_source(db):
    rows = {p.clock: p for p in SlaPolicy.objects.filter(kind="pengaduan", effective_from=datetime.date(2013, 1, 1))}
    assert {clock: p.working_days for clock, p in rows.items()} == {
        "verifikasi": 3,
        "tindak_lanjut": 5,
        "penyelesaian": 60,
        "konfirmasi": 10,
        "kelengkapan": 10,
    }
    assert "Perpres 76/2013" in rows["penyelesaian"].source
    assert "SP4N-LAPOR!" in rows["konfirmasi"].source
    # The complainant's time, not the handlers': never overdue, never a reminder.
    assert {clock for clock, p in rows.items() if p.is_waiting_period} == {"konfirmasi", "kelengkapan"}


# PermenPANRB 62/2018 was replaced by PermenPANRB 5/2025. Its figures are not yet checked
# against its text (domain.md §3): the new versions keep the old figures and say so, and
# every clock started since names the regulation in force.
PERMENPANRB_5_2025 = datetime.date(2025, 6, 1)
CITING_SP4N_RULES = ["verifikasi", "tindak_lanjut", "konfirmasi", "kelengkapan"]


def in_force(clock, on):
    return SlaPolicy.objects.filter(kind="pengaduan", clock=clock, effective_from__lte=on).latest("effective_from")


@pytest.mark.parametrize("clock", CITING_SP4N_RULES)
def test_the_sp4n_rules_cite_permenpanrb_5_2025_from_its_date_with_the_same_figures(db, clock):
    old = in_force(clock, PERMENPANRB_5_2025 - datetime.timedelta(days=1))
    new = in_force(clock, PERMENPANRB_5_2025)
    assert new.effective_from == PERMENPANRB_5_2025 and old.effective_from < PERMENPANRB_5_2025
    assert "62/2018" in old.source
    assert "PermenPANRB 5/2025" in new.source and "62/2018" not in new.source
    assert (new.working_days, new.is_waiting_period, new.label) == (old.working_days, old.is_waiting_period, old.label)
    # The figures are kept until checked against the regulation's text, and it says so.
    assert "sampai diperiksa terhadap naskah PermenPANRB 5/2025" in new.note and "62/2018" in new.note


def test_no_clock_started_today_cites_the_replaced_regulation(db):
    for clock in SlaPolicy.objects.filter(kind="pengaduan").values_list("clock", flat=True).distinct():
        assert "62/2018" not in in_force(clock, datetime.date(2026, 7, 6)).source, clock


def test_a_complaint_filed_today_runs_on_the_current_version(travel, file_pengaduan):
    travel(MON)
    case, _code = file_pengaduan()
    deadline = Deadline.objects.get(case=case, clock="verifikasi")
    assert deadline.policy.effective_from == PERMENPANRB_5_2025
    assert "PermenPANRB 5/2025" in deadline.policy.source


def test_filing_starts_the_verification_clock(travel, file_pengaduan):
    travel(MON)
    case, _code = file_pengaduan()
    assert clocks(case) == {"verifikasi": (day(9), True)}
    assert case.due_date == day(9)


def test_each_stage_moves_the_clocks(travel, case_in, advance):
    travel(MON)
    case = case_in(State.DITERIMA)
    travel(day(7))
    case = advance(case, "verifikasi")
    # 60 working days from Tue 7 July, skipping 17 and 25 August (Proklamasi, Maulid Nabi).
    resolution_due = datetime.date(2026, 10, 1)
    assert clocks(case) == {"verifikasi": (day(9), False), "penyelesaian": (resolution_due, True)}
    travel(day(8))
    case = advance(case, "disposisi")
    assert clocks(case)["tindak_lanjut"] == (day(15), True)
    assert case.due_date == day(15)
    travel(day(10))
    case = advance(case, "catat_tindak_lanjut")
    assert clocks(case)["tindak_lanjut"] == (day(15), False)
    travel(day(13))
    case = advance(case, "jawab")
    assert clocks(case) == {
        "verifikasi": (day(9), False),
        "penyelesaian": (resolution_due, False),
        "tindak_lanjut": (day(15), False),
        "konfirmasi": (day(27), True),
    }
    # The konfirmasi period is the complainant's time: nothing is due from the staff.
    assert case.due_date is None
    travel(day(14))
    case = advance(case, "selesaikan")
    assert not any(running for _due, running in clocks(case).values())
    assert case.due_date is None


def test_tunda_pauses_and_the_paused_working_days_are_given_back(travel, case_in, handler):
    travel(MON)  # verification due Thu 9
    case = case_in(State.DITERIMA)
    travel(day(7))  # Tue: two working days left (Wed 8, Thu 9)
    case = services.pengaduan_request_information(case=case, actor=handler, question="Nomor antrean?")
    assert Deadline.objects.get(case=case, clock="verifikasi").paused_on == day(7)
    assert case.due_date is None  # no staff clock is counting while the complainant is asked
    assert clocks(case)["kelengkapan"] == (day(21), True)  # the complainant's 10 days
    travel(day(13))  # Mon: paused Wed 8, Thu 9, Fri 10, Mon 13
    case = services.pengaduan_supply_information(case=case, reply="Nomor 112.")
    # Still two days left: Tue 14, Wed 15; the complainant's clock stopped with the answer.
    assert clocks(case) == {"verifikasi": (day(15), True), "kelengkapan": (day(21), False)}
    assert case.due_date == day(15)


def test_a_pause_over_holidays_gives_back_only_working_days(travel, case_in, handler):
    # Mon 16 March 2026: verification due Thu 26, because 18–24 March are Nyepi and
    # Idul Fitri holidays and cuti bersama.
    travel(datetime.date(2026, 3, 16))
    case = case_in(State.DITERIMA)
    assert clocks(case) == {"verifikasi": (datetime.date(2026, 3, 26), True)}
    travel(datetime.date(2026, 3, 17))
    case = services.pengaduan_request_information(case=case, actor=handler, question="Nomor antrean?")
    travel(datetime.date(2026, 3, 25))  # of the pause only Wed 25 was a working day
    case = services.pengaduan_supply_information(case=case, reply="Nomor 112.")
    # The complainant's 10 days from Tue 17 skip the same holidays and Good Friday (3 April).
    assert clocks(case) == {
        "verifikasi": (datetime.date(2026, 3, 27), True),
        "kelengkapan": (datetime.date(2026, 4, 8), False),
    }


def test_a_final_state_stops_every_clock(case_in, advance):
    for state in (State.DITERUSKAN, State.DIARSIPKAN):
        case = case_in(state)
        assert not Deadline.objects.filter(case=case, completed_at__isnull=True).exists()
        assert case.due_date is None


def test_reopening_restarts_the_resolution_clock_and_stops_the_confirmation(travel, case_in):
    travel(MON)
    case = case_in(State.DIJAWAB)
    travel(day(8))
    case = run_transition(case=case, name="buka_kembali", by_reporter=True)
    running = {d.clock: d.due_date for d in Deadline.objects.filter(case=case, completed_at__isnull=True)}
    assert running == {"penyelesaian": datetime.date(2026, 10, 2)}  # 60 working days from Wed 8 July


@pytest.mark.parametrize("state", [State.DIDISPOSISIKAN, State.DITINDAKLANJUTI])
def test_the_case_due_date_is_the_earliest_running_clock(travel, case_in, state):
    travel(MON)
    case = case_in(state)
    running = Deadline.objects.filter(case=case, completed_at__isnull=True).order_by("due_date")
    assert case.due_date == running.first().due_date
