"""A declaration's deadlines in working days, across the 2026 holidays (the SKB 3 Menteri
rows the calendar migration seeds), by the rule in force on the day each clock starts.

Around Nyepi and Idul Fitri 2026 the days 18, 19, 20, 23 and 24 March are holidays, 3
April (Good Friday) and 1 May too. A gift received on Monday 16 March 2026 must reach the
UPG by 7 April (10 working days) and KPK by 6 May (30).
"""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from casework.calendar import add_working_days
from casework.models import Deadline
from casework.workflow import TransitionBlocked
from gratifikasi import clocks, selectors, services
from gratifikasi.choices import Clock, JenisTindakLanjut, State, StatusKpk

pytestmark = pytest.mark.django_db

RECEIVED = date(2026, 3, 16)
UPG_DUE = date(2026, 4, 7)
KPK_DUE = date(2026, 5, 6)


def test_hand_counted_limits_across_the_holidays():
    late = clocks.lateness(RECEIVED, RECEIVED)
    assert (late.upg_due, late.kpk_due) == (UPG_DUE, KPK_DUE)


@pytest.mark.parametrize(
    ("submitted", "late_upg", "late_kpk"),
    [
        (RECEIVED, False, False),
        (UPG_DUE, False, False),
        (UPG_DUE + timedelta(days=1), True, False),
        (KPK_DUE, True, False),
        (KPK_DUE + timedelta(days=1), True, True),
    ],
)
def test_late_flags_at_their_boundaries(travel, submit_declaration, submitted, late_upg, late_kpk):
    travel(submitted)
    case = submit_declaration(tanggal_terima=RECEIVED)
    assert (case.terlambat_upg, case.terlambat_kpk) == (late_upg, late_kpk)
    assert Deadline.objects.get(case=case, clock=Clock.LAPOR_KPK).due_date == KPK_DUE
    # A late declaration is accepted; the case is due by the legal limit or the UPG's own
    # 10 days from its arrival, whichever comes first.
    case.refresh_from_db()
    assert case.due_date == min(KPK_DUE, add_working_days(submitted, 10))


def test_the_upg_forwarding_clock_starts_when_the_declaration_reaches_the_upg(travel, submit_declaration, advance):
    travel(date(2026, 3, 17))
    case = submit_declaration(tanggal_terima=RECEIVED)
    # Registered days later: the days it waited count against the UPG.
    travel(date(2026, 3, 25))
    case = advance(case, "registrasi")
    clock = Deadline.objects.get(case=case, clock=Clock.UPG_KPK)
    # From Tuesday 17 March: 25, 26, 27, 30, 31 March, 1, 2, 6, 7, 8 April.
    assert (clock.started_on, clock.due_date, clock.working_days) == (date(2026, 3, 17), date(2026, 4, 8), 10)
    case.refresh_from_db()
    assert case.due_date == date(2026, 4, 8)


@pytest.mark.parametrize(("sent_back", "days"), [(date(2026, 1, 19), 30), (date(2026, 1, 20), 20)])
def test_completion_period_by_the_send_back_date(travel, submit_declaration, advance, sent_back, days):
    travel(date(2026, 1, 12))
    case = advance(submit_declaration(tanggal_terima=date(2026, 1, 12)), "registrasi")
    travel(sent_back)
    case = advance(case, "minta_kelengkapan")
    clock = Deadline.objects.get(case=case, clock=Clock.KELENGKAPAN)
    assert clock.working_days == days and clock.is_waiting_period
    assert clock.due_date == add_working_days(sent_back, days)
    # The declarant's time makes no case overdue; the UPG's own clock waits, but the
    # legal limit to KPK does not stop for a report sent back.
    upg, legal = (Deadline.objects.get(case=case, clock=clock) for clock in (Clock.UPG_KPK, Clock.LAPOR_KPK))
    assert upg.paused_on == sent_back and legal.paused_on is None
    case.refresh_from_db()
    assert case.due_date == legal.due_date


def test_completion_resumes_the_upg_clocks_shifted(travel, submit_declaration, advance, declarant):
    travel(date(2026, 3, 16))
    case = advance(submit_declaration(tanggal_terima=date(2026, 3, 16)), "registrasi")
    before = {d.clock: d.due_date for d in Deadline.objects.filter(case=case, completed_at__isnull=True)}
    case = advance(case, "minta_kelengkapan")
    travel(date(2026, 3, 25))  # 17 and 25 March: two working days later
    case = services.declaration_complete(case=case, declarant=declarant, jawaban="Sudah.")
    after = {d.clock: d.due_date for d in Deadline.objects.filter(case=case, completed_at__isnull=True)}
    assert set(after) == {Clock.LAPOR_KPK, Clock.UPG_KPK}
    # The UPG's clock gets its two waiting days back; the legal limit never stopped.
    assert after[Clock.UPG_KPK] == add_working_days(before[Clock.UPG_KPK], 2)
    assert after[Clock.LAPOR_KPK] == before[Clock.LAPOR_KPK]
    assert Deadline.objects.get(case=case, clock=Clock.KELENGKAPAN).completed_at is not None


def test_closing_as_not_processed_waits_for_the_end_of_the_period(travel, submit_declaration, advance):
    travel(date(2026, 3, 2))
    case = advance(submit_declaration(tanggal_terima=date(2026, 3, 2)), "registrasi")
    case = advance(case, "minta_kelengkapan")
    due = Deadline.objects.get(case=case, clock=Clock.KELENGKAPAN).due_date
    # 20 working days from 2 March, across the March holidays.
    assert due == date(2026, 4, 7)
    travel(due)
    with pytest.raises(TransitionBlocked) as excinfo:
        advance(case, "tutup_tidak_lengkap")
    assert excinfo.value.reasons == [
        "Batas waktu melengkapi laporan adalah 7 April 2026; laporan dapat ditutup sebagai tidak diproses mulai "
        "8 April 2026."
    ]
    travel(due + timedelta(days=1))
    case = advance(case, "tutup_tidak_lengkap")
    assert case.state == State.TIDAK_DIPROSES and case.closed_at is not None
    assert not Deadline.objects.filter(case=case, completed_at__isnull=True).exists()


def test_forwarding_stops_the_reporting_limits_and_awaits_kpk(travel, declaration_in, advance):
    travel(date(2026, 3, 2))
    case = declaration_in(State.ANALISIS, tanggal_terima=date(2026, 2, 27))
    case = advance(case, "teruskan_kpk", kpk_tanggal=date(2026, 3, 2))
    done = Deadline.objects.filter(case=case, clock__in=[Clock.LAPOR_KPK, Clock.UPG_KPK])
    assert all(deadline.completed_at is not None for deadline in done)
    decision = Deadline.objects.get(case=case, clock=Clock.KEPUTUSAN_KPK)
    assert decision.started_on == date(2026, 3, 2) and decision.is_waiting_period
    case.refresh_from_db()
    assert case.due_date is None  # KPK's time, not the UPG's


def test_no_decision_clock_for_a_refusal(declaration_in):
    case = declaration_in(State.DITERUSKAN_KPK, jenis_laporan="penolakan")
    assert not Deadline.objects.filter(case=case, clock=Clock.KEPUTUSAN_KPK).exists()


def test_the_handover_clock_runs_from_the_sk_date(travel, declaration_in, advance):
    travel(date(2026, 3, 13))
    case = declaration_in(State.DITERUSKAN_KPK, tanggal_terima=date(2026, 3, 2))
    travel(date(2026, 3, 27))
    case = advance(case, "catat_sk", sk_tanggal=date(2026, 3, 16), sk_status=StatusKpk.MILIK_NEGARA)
    clock = Deadline.objects.get(case=case, clock=Clock.PENYERAHAN)
    # 7 working days from the SK of 16 March: 17, 25, 26, 27, 30, 31 March, 1 April.
    assert (clock.started_on, clock.due_date, clock.is_waiting_period) == (date(2026, 3, 16), date(2026, 4, 1), False)
    assert Deadline.objects.get(case=case, clock=Clock.KEPUTUSAN_KPK).completed_at is not None
    case.refresh_from_db()
    assert case.due_date == date(2026, 4, 1)


@pytest.mark.parametrize(
    ("status", "handover"),
    [
        (StatusKpk.MILIK_NEGARA, True),
        (StatusKpk.MILIK_NEGARA_KOMPENSASI, True),
        (StatusKpk.MILIK_PENERIMA, False),
        (StatusKpk.TIDAK_DAPAT_DITETAPKAN, False),
    ],
)
def test_only_state_property_is_handed_over(declaration_in, advance, status, handover):
    case = advance(declaration_in(State.DITERUSKAN_KPK), "catat_sk", sk_status=status)
    assert Deadline.objects.filter(case=case, clock=Clock.PENYERAHAN).exists() is handover


def test_the_declarant_sees_their_clocks(travel, submit_declaration, advance):
    travel(date(2026, 3, 27))
    case = submit_declaration(tanggal_terima=RECEIVED)
    views = {view.clock: view for view in selectors.declarant_clocks(case)}
    assert list(views) == [Clock.LAPOR_UPG, Clock.LAPOR_KPK]
    upg = views[Clock.LAPOR_UPG]
    assert (upg.due_date, upg.status, upg.completed_on) == (UPG_DUE, clocks.TERPENUHI, date(2026, 3, 27))
    kpk = views[Clock.LAPOR_KPK]
    assert (kpk.status, kpk.due_date) == (clocks.BERJALAN, KPK_DUE)
    # 27 March to 6 May: 30 working days less the 4 already passed (17, 25, 26, 27 March).
    assert kpk.days_left == 26
    case = advance(advance(case, "registrasi"), "minta_kelengkapan")
    views = {view.clock: view for view in selectors.declarant_clocks(case)}
    # The legal limit keeps running while the report waits for the declarant.
    assert views[Clock.LAPOR_KPK].status == clocks.BERJALAN and views[Clock.LAPOR_KPK].days_left == 26
    assert views[Clock.KELENGKAPAN].status == clocks.BERJALAN
    assert views[Clock.KELENGKAPAN].days_left == 20
    assert Clock.UPG_KPK not in views
    travel(KPK_DUE + timedelta(days=7))
    views = {view.clock: view for view in selectors.declarant_clocks(case)}
    kelengkapan = views[Clock.KELENGKAPAN]
    assert kelengkapan.status == clocks.TERLAMBAT and kelengkapan.days_left < 0
    assert kelengkapan.status_label == "Terlambat"


def test_a_late_declaration_shows_its_upg_limit_missed(travel, submit_declaration):
    travel(UPG_DUE + timedelta(days=1))
    case = submit_declaration(tanggal_terima=RECEIVED)
    upg = selectors.declarant_clocks(case)[0]
    assert upg.status == clocks.TERLAMBAT


def test_today_is_a_working_day_count_of_zero(travel, submit_declaration):
    travel(KPK_DUE)
    case = submit_declaration(tanggal_terima=RECEIVED)
    kpk = [view for view in selectors.declarant_clocks(case) if view.clock == Clock.LAPOR_KPK][0]
    assert kpk.days_left == 0 and kpk.status == clocks.BERJALAN
    assert timezone.localdate() == KPK_DUE


def test_a_limit_is_judged_on_the_date_recorded_not_the_day_it_was_typed_in(travel, submit_declaration, advance):
    """Forwarded to KPK on 10 March, within the 30 days, but entered in May: the legal
    limit was met. Handed over on 16 March, entered at the end of April: on time too."""
    travel(date(2026, 3, 2))
    case = advance(advance(submit_declaration(tanggal_terima=date(2026, 3, 2)), "registrasi"), "terima_lengkap")
    travel(date(2026, 5, 20))
    case = advance(case, "teruskan_kpk", kpk_tanggal=date(2026, 3, 10))
    legal = Deadline.objects.get(case=case, clock=Clock.LAPOR_KPK)
    assert timezone.localdate(legal.completed_at) == date(2026, 3, 10) < legal.due_date
    views = {view.clock: view for view in selectors.declarant_clocks(case)}
    assert views[Clock.LAPOR_KPK].status == clocks.TERPENUHI

    case = advance(case, "catat_sk", sk_tanggal=date(2026, 3, 12))
    assert timezone.localdate(Deadline.objects.get(case=case, clock=Clock.KEPUTUSAN_KPK).completed_at) == date(
        2026, 3, 12
    )
    handover = Deadline.objects.get(case=case, clock=Clock.PENYERAHAN)
    assert handover.started_on == date(2026, 3, 12)
    case = advance(case, "catat_tindak_lanjut", tanggal=date(2026, 3, 16))
    handover.refresh_from_db()
    assert timezone.localdate(handover.completed_at) == date(2026, 3, 16) <= handover.due_date
    views = {view.clock: view for view in selectors.declarant_clocks(case)}
    assert all(view.status == clocks.TERPENUHI for view in views.values())


@pytest.mark.parametrize("state", [State.TIDAK_WAJIB, State.TIDAK_DIPROSES])
def test_a_declaration_closed_before_kpk_shows_the_legal_limit_as_no_longer_applying(declaration_in, state):
    case = declaration_in(state)
    legal = {view.clock: view for view in selectors.declarant_clocks(case)}[Clock.LAPOR_KPK]
    assert legal.status == clocks.TIDAK_BERLAKU and legal.status_label == "Tidak berlaku lagi: laporan ditutup"


def test_the_sweep_reminds_and_escalates_to_the_upg_never_the_declarant(
    travel, submit_declaration, upg_officer, other_officer, declarant
):
    """The engine's deadline sweep works on declarations: an unassigned declaration due
    soon reminds every UPG officer who may handle it, an overdue one escalates to them;
    the declarant hears of neither, and no mail carries the gift."""
    from django.core import mail

    from casework.tasks import run_deadline_sweep

    travel(date(2026, 3, 16))
    case = submit_declaration(tanggal_terima=date(2026, 3, 16), uraian="Jam tangan emas")
    upg = Deadline.objects.get(case=case, clock=Clock.UPG_KPK)
    assert run_deadline_sweep(today=upg.due_date - timedelta(days=1))["reminders"] >= 1
    reminded = {address for message in mail.outbox for address in message.to}
    assert {upg_officer.email, other_officer.email} <= reminded and declarant.email not in reminded
    mail.outbox.clear()
    assert run_deadline_sweep(today=upg.due_date + timedelta(days=1))["escalations"] >= 1
    escalated = {address for message in mail.outbox for address in message.to}
    assert upg_officer.email in escalated and declarant.email not in escalated
    assert all(case.reference in m.body and "Jam tangan" not in m.body for m in mail.outbox)


def test_a_report_closed_as_not_completed_does_not_show_its_completion_as_done(declaration_in):
    case = declaration_in(State.TIDAK_DIPROSES)
    completion = {view.clock: view for view in selectors.declarant_clocks(case)}[Clock.KELENGKAPAN]
    assert completion.status == clocks.TIDAK_BERLAKU


def test_an_object_paid_for_shows_no_handover(declaration_in, advance):
    case = advance(declaration_in(State.DITERUSKAN_KPK), "catat_sk", sk_status=StatusKpk.MILIK_NEGARA_KOMPENSASI)
    case = advance(
        case, "catat_tindak_lanjut", jenis=JenisTindakLanjut.KOMPENSASI, nomor="NTPN 1", kompensasi_nilai=case.nilai
    )
    views = {view.clock: view for view in selectors.declarant_clocks(case)}
    assert views[Clock.PENYERAHAN].status == clocks.TIDAK_BERLAKU
    assert views[Clock.KEPUTUSAN_KPK].status == clocks.TERPENUHI
