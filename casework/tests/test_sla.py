"""SLA clocks: which policy governs a clock, how pausing moves it, what a case shows as due.

The "uji" kind (tests/casekind) has two clocks from the sla_uji fixture: verifikasi, 3
working days, and penyelesaian, 60 working days, both in force since 1 January 2020.
"""

from datetime import date

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from casework import sla
from casework.calendar import add_working_days, working_days_between
from casework.models import Case, Deadline, SlaPolicy
from casework.services import case_open, run_transition

pytestmark = pytest.mark.django_db

MON_6_JULY = date(2026, 7, 6)  # a fortnight without holidays: 6–17 July 2026


@pytest.fixture
def case(sla_uji):
    """A case with no clock yet, so each test starts clocks on the dates it names."""
    return case_open(kind="uji", title="Pelayanan KTP lambat", opening_clocks=[])[0]


def running(case):
    return Deadline.objects.filter(case=case, completed_at__isnull=True)


# --- Which policy governs a clock -----------------------------------------------------------


def test_a_clock_takes_its_working_days_from_the_policy_in_force_on_its_start(case):
    deadline = sla.start_clock(case=case, clock="verifikasi", on=MON_6_JULY)
    assert (deadline.working_days, deadline.started_on, deadline.due_date) == (3, MON_6_JULY, date(2026, 7, 9))
    assert deadline.policy.effective_from == date(2020, 1, 1)


def test_a_policy_change_mid_year_does_not_move_a_running_clock(case):
    before = sla.start_clock(case=case, clock="verifikasi", on=date(2026, 6, 30))  # Tue → Fri 3 July
    SlaPolicy.objects.create(
        kind="uji", clock="verifikasi", label="Verifikasi", working_days=5, effective_from=date(2026, 7, 1)
    )
    before.refresh_from_db()
    assert (before.working_days, before.due_date) == (3, date(2026, 7, 3))


def test_a_clock_started_after_the_change_uses_the_new_value(case):
    SlaPolicy.objects.create(
        kind="uji", clock="verifikasi", label="Verifikasi", working_days=5, effective_from=date(2026, 7, 1)
    )
    # On the last day of the old rule: 3 days. On the first day of the new: 5 days,
    # Wed 1 July → Thu 2 (1), Fri 3 (2), Mon 6 (3), Tue 7 (4), Wed 8 (5).
    assert sla.policy_for("uji", "verifikasi", date(2026, 6, 30)).working_days == 3
    after = sla.start_clock(case=case, clock="verifikasi", on=date(2026, 7, 1))
    assert (after.working_days, after.due_date) == (5, date(2026, 7, 8))


def test_a_clock_without_a_policy_in_force_is_refused(case):
    with pytest.raises(sla.MissingPolicy):
        sla.start_clock(case=case, clock="verifikasi", on=date(2019, 12, 31))
    with pytest.raises(sla.MissingPolicy):
        sla.start_clock(case=case, clock="tidak_ada", on=MON_6_JULY)


def test_restarting_a_clock_keeps_one_running_copy(case):
    sla.start_clock(case=case, clock="verifikasi", on=MON_6_JULY)
    sla.start_clock(case=case, clock="verifikasi", on=date(2026, 7, 8))
    assert list(running(case).values_list("due_date", flat=True)) == [date(2026, 7, 13)]
    assert Deadline.objects.filter(case=case, completed_at__isnull=False).count() == 1


# --- Pause and resume ---------------------------------------------------------------------------


def test_resuming_moves_the_due_date_by_the_working_days_paused(case):
    sla.start_clock(case=case, clock="verifikasi", on=MON_6_JULY)  # due Thu 9 July
    sla.pause_clocks(case=case, on=date(2026, 7, 7))  # Tue: Wed 8 and Thu 9 are left
    sla.resume_clocks(case=case, on=date(2026, 7, 13))  # Mon: paused Wed 8, Thu 9, Fri 10, Mon 13
    # 9 July + 4 working days = Wed 15 July: the two days left are Tue 14 and Wed 15.
    assert running(case).get().due_date == date(2026, 7, 15)


def test_holidays_during_a_pause_are_not_paused_time(case):
    # Mon 16 March 2026: Tue 17 (1), the Nyepi–Idul Fitri block, Wed 25 (2), Thu 26 (3).
    sla.start_clock(case=case, clock="verifikasi", on=date(2026, 3, 16))
    assert running(case).get().due_date == date(2026, 3, 26)
    # Paused on Tue 17 with two days left; resumed on Wed 25: of the pause only Wed 25
    # was a working day, so the two days left are Thu 26 and Fri 27.
    sla.pause_clocks(case=case, on=date(2026, 3, 17))
    sla.resume_clocks(case=case, on=date(2026, 3, 25))
    assert running(case).get().due_date == date(2026, 3, 27)


def test_resuming_on_the_day_of_the_pause_changes_nothing(case):
    sla.start_clock(case=case, clock="verifikasi", on=MON_6_JULY)
    sla.pause_clocks(case=case, on=date(2026, 7, 7))
    sla.resume_clocks(case=case, on=date(2026, 7, 7))
    assert running(case).get().due_date == date(2026, 7, 9)


def test_a_clock_paused_while_late_stays_as_late(case):
    sla.start_clock(case=case, clock="verifikasi", on=MON_6_JULY)  # due Thu 9
    sla.pause_clocks(case=case, on=date(2026, 7, 13))  # Mon 13: 2 working days late
    sla.resume_clocks(case=case, on=date(2026, 7, 15))  # Wed 15
    deadline = running(case).get()
    assert working_days_between(deadline.due_date, date(2026, 7, 15)) == 2


def test_a_paused_clock_does_not_count_for_the_case_due_date(case):
    sla.start_clock(case=case, clock="verifikasi", on=MON_6_JULY)
    sla.refresh_due_date(case)
    assert case.due_date == date(2026, 7, 9)
    sla.pause_clocks(case=case, on=date(2026, 7, 7))
    sla.refresh_due_date(case)
    assert case.due_date is None
    assert Case.objects.get(pk=case.pk).due_date is None
    sla.resume_clocks(case=case, on=date(2026, 7, 8))
    sla.refresh_due_date(case)
    assert case.due_date == date(2026, 7, 10)


def test_pausing_twice_keeps_the_first_pause_date(case):
    sla.start_clock(case=case, clock="verifikasi", on=MON_6_JULY)
    sla.pause_clocks(case=case, on=date(2026, 7, 7))
    assert sla.pause_clocks(case=case, on=date(2026, 7, 9)) == 0
    assert running(case).get().paused_on == date(2026, 7, 7)


def test_a_resumed_clock_can_be_reminded_again_and_escalated_again_only_if_no_longer_late(case):
    now = timezone.now()
    sla.start_clock(case=case, clock="verifikasi", on=MON_6_JULY)
    running(case).update(reminded_at=now)
    sla.pause_clocks(case=case, on=date(2026, 7, 8))
    sla.resume_clocks(case=case, on=date(2026, 7, 10))
    assert running(case).get().reminded_at is None

    running(case).update(escalated_at=now)
    sla.pause_clocks(case=case, on=date(2026, 7, 20))  # due Mon 13 (moved): late since Tue 14
    sla.resume_clocks(case=case, on=date(2026, 7, 22))
    assert running(case).get().escalated_at == now  # still late: no second escalation


def test_transitions_pause_and_resume_through_the_services(open_uji, handler):
    case, _ = open_uji()
    due = case.due_date
    case = run_transition(case=case, name="tunda", actor=handler, public_note="Mohon lengkapi KTP")
    assert case.due_date is None and running(case).get().paused_on == timezone.localdate()
    case = run_transition(case=case, name="lengkapi", by_reporter=True)
    assert case.due_date == due  # resumed the same day: nothing was lost


# --- Case.due_date mirrors the earliest running clock ----------------------------------------


def test_the_case_due_date_is_the_earliest_running_clock(case):
    sla.start_clock(case=case, clock="penyelesaian", on=MON_6_JULY)
    sla.start_clock(case=case, clock="verifikasi", on=MON_6_JULY)
    sla.refresh_due_date(case)
    assert case.due_date == date(2026, 7, 9)
    sla.stop_clock(case=case, clock="verifikasi")
    sla.refresh_due_date(case)
    assert case.due_date == add_working_days(MON_6_JULY, 60)
    sla.stop_all_clocks(case=case)
    sla.refresh_due_date(case)
    assert case.due_date is None


def test_a_final_transition_stops_every_clock(open_uji, handler):
    case, _ = open_uji()
    case = run_transition(case=case, name="tolak", actor=handler)
    assert case.closed_at is not None and case.due_date is None
    assert not running(case).exists()


# --- Due status in the database ---------------------------------------------------------------

TODAY = date(2026, 7, 8)  # Wednesday; "due soon" (2 working days) runs to Friday 10 July


def _case_due(due, *, closed=False):
    """A case whose mirrored due date is `due` (the column the annotation reads)."""
    case = case_open(kind="uji", title="Kasus", opening_clocks=[])[0]
    Case.objects.filter(pk=case.pk).update(due_date=due, closed_at=timezone.now() if closed else None)
    return case


@pytest.fixture
def cases(sla_uji):
    return {
        "late": _case_due(date(2026, 7, 7)),
        "today": _case_due(TODAY),
        "friday": _case_due(date(2026, 7, 10)),
        "monday": _case_due(date(2026, 7, 13)),
        "closed_late": _case_due(date(2026, 7, 1), closed=True),
        "paused": _case_due(None),
    }


def pks(cases):
    return [case.pk for case in cases]


def _status(cases, today=TODAY):
    by_pk = {case.pk: name for name, case in cases.items()}
    rows = sla.annotate_due_status(Case.objects.filter(pk__in=by_pk), today)
    return {by_pk[row.pk]: (row.is_overdue, row.is_due_soon) for row in rows}


def test_due_status_is_computed_in_sql_with_a_fixed_number_of_queries(cases, django_assert_num_queries):
    # One query reads the holidays for the threshold, one reads the cases: however many.
    with django_assert_num_queries(2):
        status = _status(cases)
    assert status == {
        "late": (True, False),
        "today": (False, True),
        "friday": (False, True),
        "monday": (False, False),
        "closed_late": (False, False),
        "paused": (False, False),
    }


def test_due_status_can_be_filtered_and_sorted_in_the_database(cases):
    qs = sla.annotate_due_status(Case.objects.all(), TODAY).filter(is_due_soon=True).order_by("due_date")
    assert pks(qs) == pks([cases["today"], cases["friday"]])


@override_settings(SIGAP_DUE_SOON_WORKING_DAYS=3)
def test_the_due_soon_window_is_a_setting(cases):
    assert _status(cases)["monday"] == (False, True)


@override_settings(SIGAP_DUE_SOON_WORKING_DAYS=0)
def test_with_a_zero_window_only_today_is_due_soon(cases):
    assert _status(cases)["today"] == (False, True)
    assert _status(cases)["friday"] == (False, False)


def test_the_due_soon_window_counts_working_days_across_holidays(sla_uji):
    # On Tue 17 March 2026, two working days ahead is Thu 26 March (25 and 26).
    in_window = _case_due(date(2026, 3, 26))
    after = _case_due(date(2026, 3, 27))
    status = _status({"in": in_window, "after": after}, today=date(2026, 3, 17))
    assert status == {"in": (False, True), "after": (False, False)}


def test_overdue_and_due_soon_selectors(cases):
    assert pks(sla.overdue_cases(TODAY)) == pks([cases["late"]])
    assert pks(sla.due_soon_cases(TODAY)) == pks([cases["today"], cases["friday"]])
    scoped = Case.objects.filter(pk=cases["friday"].pk)
    assert pks(sla.due_soon_cases(TODAY, queryset=scoped)) == pks([cases["friday"]])


# --- Seeding policies from a case kind's data migration ---------------------------------------

ROWS = [
    ("verifikasi", "Verifikasi", 3, "2020-01-01", "Perpres 76/2013"),
    ("jawaban", "Jawaban pertama", 5, date(2025, 1, 1), "SP4N-LAPOR!"),
]


def test_seed_policies_adds_missing_rows_once():
    assert sla.seed_policies(None, "contoh", ROWS) == 2
    assert sla.seed_policies(None, "contoh", ROWS) == 0
    policy = SlaPolicy.objects.get(kind="contoh", clock="verifikasi")
    assert (policy.working_days, policy.effective_from, policy.source) == (3, date(2020, 1, 1), "Perpres 76/2013")


def test_seed_policies_works_with_a_migration_app_registry_and_keeps_admin_edits():
    sla.seed_policies(django_apps, "contoh", ROWS)
    SlaPolicy.objects.filter(kind="contoh", clock="jawaban").update(working_days=7)
    sla.seed_policies(django_apps, "contoh", ROWS)
    assert SlaPolicy.objects.get(kind="contoh", clock="jawaban").working_days == 7


def test_seed_policies_refuses_a_bad_row():
    with pytest.raises(ValueError):
        sla.seed_policies(None, "contoh", [("", "Tanpa nama", 3, "2020-01-01", "Perpres 76/2013")])


def test_seed_policies_refuses_a_row_without_its_source():
    # Staff see the source beside every deadline: a figure nobody can trace is refused.
    with pytest.raises(ValueError):
        sla.seed_policies(None, "contoh", [("verifikasi", "Verifikasi", 3, "2020-01-01", " ")])
    assert not SlaPolicy.objects.filter(kind="contoh").exists()


def test_seed_policies_keeps_a_note_on_the_version():
    note = "Angka belum diperiksa terhadap naskah peraturan."
    sla.seed_policies(None, "contoh", [("verifikasi", "Verifikasi", 3, "2025-06-01", "PermenPANRB 5/2025", note)])
    assert SlaPolicy.objects.get(kind="contoh", clock="verifikasi").note == note


def test_a_policy_without_its_source_is_refused_in_the_admin_form():
    policy = SlaPolicy(
        kind="contoh", clock="verifikasi", label="Verifikasi", working_days=3, effective_from=date(2026, 1, 1)
    )
    with pytest.raises(ValidationError) as refused:
        policy.full_clean()
    assert "source" in refused.value.message_dict


LAIN = [("lain", "Lain", 2, "2020-01-01", "Ketentuan uji")]


def test_unseed_policies_keeps_policies_that_clocks_used(sla_uji):
    sla.seed_policies(None, "uji", LAIN)
    case = case_open(kind="uji", title="Kasus", opening_clocks=["lain"])[0]
    assert sla.unseed_policies(None, "uji", LAIN) == 0
    Deadline.objects.filter(case=case).delete()
    assert sla.unseed_policies(None, "uji", LAIN) == 1


# --- Admin of policies ------------------------------------------------------------------------


def test_a_used_policy_is_read_only_in_the_admin(case):
    from django.contrib import admin

    policy_admin = admin.site._registry[SlaPolicy]
    unused = SlaPolicy.objects.create(
        kind="uji", clock="verifikasi", label="Verifikasi", working_days=5, effective_from=date(2027, 1, 1)
    )
    assert policy_admin.get_readonly_fields(None, unused) == []
    used = sla.start_clock(case=case, clock="verifikasi", on=MON_6_JULY).policy
    assert "working_days" in policy_admin.get_readonly_fields(None, used)


# --- Waiting periods: the reporter's time, not the staff's ---------------------------------


@pytest.fixture
def tanggapan(sla_uji):
    return SlaPolicy.objects.create(
        kind="uji",
        clock="tanggapan",
        label="Tanggapan pelapor",
        working_days=10,
        effective_from=date(2020, 1, 1),
        is_waiting_period=True,
    )


def test_a_waiting_period_runs_but_is_left_out_of_the_due_date(case, tanggapan):
    waiting = sla.start_clock(case=case, clock="tanggapan", on=MON_6_JULY)
    assert waiting.is_waiting_period and waiting.due_date == date(2026, 7, 20)
    sla.refresh_due_date(case)
    assert Case.objects.get(pk=case.pk).due_date is None

    staff = sla.start_clock(case=case, clock="penyelesaian", on=MON_6_JULY)
    sla.refresh_due_date(case)
    # The later staff clock, not the earlier waiting period, is what the case is due by.
    assert Case.objects.get(pk=case.pk).due_date == staff.due_date > waiting.due_date


def test_a_waiting_period_past_its_end_is_not_overdue_nor_swept(case, tanggapan):
    waiting = sla.start_clock(case=case, clock="tanggapan", on=MON_6_JULY)
    sla.refresh_due_date(case)
    later = add_working_days(waiting.due_date, 5)
    assert not sla.overdue_cases(later).filter(pk=case.pk).exists()
    assert not sla.running_deadlines().filter(pk=waiting.pk).exists()
    annotated = sla.annotate_due_status(Case.objects.filter(pk=case.pk), today=later).get()
    assert not annotated.is_overdue and not annotated.is_due_soon


def test_the_flag_is_copied_when_the_clock_starts_so_a_later_edit_moves_nothing(case, tanggapan):
    waiting = sla.start_clock(case=case, clock="tanggapan", on=MON_6_JULY)
    SlaPolicy.objects.filter(pk=tanggapan.pk).update(is_waiting_period=False)
    waiting.refresh_from_db()
    assert waiting.is_waiting_period


def test_seeding_names_the_waiting_periods(db):
    rows = [
        ("kerja", "Kerja petugas", 5, "2020-01-01", "uji"),
        ("tunggu", "Tunggu pelapor", 10, "2020-01-01", "uji"),
    ]
    assert sla.seed_policies(None, "uji", rows, waiting_periods=["tunggu"]) == 2
    flags = dict(SlaPolicy.objects.filter(kind="uji").values_list("clock", "is_waiting_period"))
    assert flags == {"kerja": False, "tunggu": True}


# --- A clock is a waiting period in every version or in none ---------------------------------


def test_a_new_version_of_a_waiting_period_must_be_one_too(tanggapan):
    unticked = SlaPolicy(
        kind="uji",
        clock="tanggapan",
        label="Tanggapan pelapor",
        working_days=14,
        effective_from=date(2027, 1, 1),
        source="Ketentuan uji",
    )
    with pytest.raises(ValidationError) as refused:
        unticked.full_clean()
    assert "tanggapan" in refused.value.message_dict["is_waiting_period"][0]
    unticked.is_waiting_period = True
    unticked.full_clean()
    # Nor may a staff clock's new version become the reporter's time.
    ticked = SlaPolicy(
        kind="uji",
        clock="verifikasi",
        label="Verifikasi",
        working_days=5,
        effective_from=date(2027, 1, 1),
        is_waiting_period=True,
        source="Ketentuan uji",
    )
    with pytest.raises(ValidationError) as refused:
        ticked.full_clean()
    assert "verifikasi" in refused.value.message_dict["is_waiting_period"][0]


def test_the_admin_starts_a_new_version_with_the_clocks_flag(tanggapan, rf):
    from django.contrib import admin

    policy_admin = admin.site._registry[SlaPolicy]
    request = rf.get("/admin/casework/slapolicy/add/", {"kind": "uji", "clock": "tanggapan"})
    assert policy_admin.get_changeform_initial_data(request)["is_waiting_period"] is True
    request = rf.get("/admin/casework/slapolicy/add/", {"kind": "uji", "clock": "verifikasi"})
    assert policy_admin.get_changeform_initial_data(request)["is_waiting_period"] is False


def test_a_later_seed_without_waiting_periods_keeps_the_clocks_flag(tanggapan):
    rows = [("tanggapan", "Tanggapan pelapor", 14, "2027-01-01", "aturan baru")]
    assert sla.seed_policies(None, "uji", rows) == 1
    assert SlaPolicy.objects.get(kind="uji", clock="tanggapan", effective_from=date(2027, 1, 1)).is_waiting_period


# --- A waiting period that has ended ------------------------------------------------------


def _waiting(case, *, due, paused=False, done=False):
    deadline = Deadline.objects.create(
        case=case,
        clock="penyelesaian",
        working_days=3,
        is_waiting_period=True,
        started_on=date(2026, 7, 1),
        due_date=due,
        paused_on=date(2026, 7, 2) if paused else None,
        completed_at=timezone.now() if done else None,
    )
    sla.refresh_due_date(case)  # as the engine does after every change of clocks
    return deadline


def _waiting_over(case, today):
    return sla.annotate_due_status(Case.objects.filter(pk=case.pk), today=today).get().is_waiting_over


def test_a_waiting_period_counts_as_ended_only_after_its_due_date(case):
    _waiting(case, due=MON_6_JULY)
    assert _waiting_over(case, MON_6_JULY) is False  # the due date is still the other party's
    assert _waiting_over(case, date(2026, 7, 7)) is True
    assert sla.clock_ran_out(case, "penyelesaian", today=date(2026, 7, 7))
    # Never lateness: the case has no staff due date from it.
    annotated = sla.annotate_due_status(Case.objects.filter(pk=case.pk), today=date(2026, 7, 7)).get()
    assert annotated.is_overdue is False


@pytest.mark.parametrize("state", ["paused", "done"])
def test_a_paused_or_stopped_waiting_period_never_counts_as_ended(case, state):
    _waiting(case, due=MON_6_JULY, paused=state == "paused", done=state == "done")
    assert _waiting_over(case, date(2026, 8, 3)) is False
    assert not sla.clock_ran_out(case, "penyelesaian", today=date(2026, 8, 3))


def test_a_late_staff_clock_is_lateness_not_an_ended_waiting_period(case):
    sla.start_clock(case=case, clock="verifikasi", on=MON_6_JULY)
    sla.refresh_due_date(case)
    annotated = sla.annotate_due_status(Case.objects.filter(pk=case.pk), today=date(2026, 7, 20)).get()
    assert (annotated.is_overdue, annotated.is_waiting_over) == (True, False)


def test_a_case_says_until_when_it_waits_for_another_party(case):
    def until():
        return sla.annotate_due_status(Case.objects.filter(pk=case.pk), today=MON_6_JULY).get().waiting_until

    assert until() is None
    _waiting(case, due=date(2026, 7, 20), done=True)
    _waiting(case, due=date(2026, 7, 15), paused=True)
    assert until() is None  # neither runs
    _waiting(case, due=date(2026, 7, 10))
    _waiting(case, due=date(2026, 7, 17))
    assert until() == date(2026, 7, 10)  # the nearest


def test_the_deadline_cell_names_the_end_of_the_wait_when_staff_have_no_due_date(case):
    from casework.templatetags.case_cells import due_cell

    _waiting(case, due=MON_6_JULY)
    annotated = sla.annotate_due_status(Case.objects.filter(pk=case.pk), today=date(2026, 7, 7)).get()
    cell = due_cell(annotated)
    assert "menunggu pihak lain s.d." in cell and "6 Jul 2026" in cell and "masa tunggu berakhir" in cell
    assert "Tidak ada" not in cell


@pytest.mark.parametrize("state", ["running", "paused", "done", "due today"])
def test_the_clocks_a_page_read_answer_as_the_database_does(case, state, django_assert_num_queries):
    """The case page reads every clock once (page_clocks); the conditions and refusals it
    explains read them there, with the same answer and no query of their own."""
    due = date(2026, 8, 3) if state == "due today" else MON_6_JULY
    _waiting(case, due=due, paused=state == "paused", done=state == "done")
    today = date(2026, 8, 3)
    expected = (sla.clock_ran_out(case, "penyelesaian", today=today), sla.running_clock(case, "penyelesaian"))
    page = Case.objects.get(pk=case.pk)
    sla.page_clocks(page)
    with django_assert_num_queries(0):
        answered = (sla.clock_ran_out(page, "penyelesaian", today=today), sla.running_clock(page, "penyelesaian"))
    assert answered == expected
    assert expected[0] is (state == "running")


@pytest.mark.parametrize(
    ("due", "closed", "expected"),
    [
        (date(2026, 7, 3), False, (True, False, True)),  # overdue
        (MON_6_JULY, False, (False, True, True)),  # due today
        (date(2026, 7, 8), False, (False, True, True)),  # the last day still "due soon"
        (date(2026, 7, 9), False, (False, False, False)),  # later
        (date(2026, 7, 3), True, (False, False, False)),  # closed
        (None, False, (False, False, False)),  # no deadline of the staff's own
    ],
)
def test_at_risk_is_overdue_or_due_soon_said_as_one_range(case, due, closed, expected):
    Case.objects.filter(pk=case.pk).update(due_date=due, closed_at=timezone.now() if closed else None)
    until = date(2026, 7, 8)
    row = sla.annotate_due_status(Case.objects.filter(pk=case.pk), today=MON_6_JULY, until=until).get()
    assert (row.is_overdue, row.is_due_soon, row.is_at_risk) == expected
