"""What the complainant reads about each state: what it means, who acts next, by which
day, and when the complaint closes by itself (pengaduan.status_guide through
casework.next_step).

Every date is the due date of one of the complaint's clocks, the row the staff case page
lists. Thursday 13 August 2026 is followed by a weekend and by Independence Day (Monday
17 August), and Tuesday 25 August is Maulid Nabi: the three working days after 13 August
end on Wednesday 19 August, the ten on Monday 31 August.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.testing import verified_login
from casework import next_step as steps
from casework.models import Deadline
from casework.views_case import case_deadlines
from pengaduan import notify, services
from pengaduan.choices import Clock, State

FILED = datetime.date(2026, 8, 13)  # a Thursday
THREE_WORKING_DAYS = datetime.date(2026, 8, 19)  # past the weekend and 17 August
TEN_WORKING_DAYS = datetime.date(2026, 8, 31)  # past 17 and 25 August too
DAY_AFTER_TEN = datetime.date(2026, 9, 1)


@pytest.fixture
def on_filing_day(travel):
    travel(FILED)


def staff_due(case, clock: str) -> datetime.date:
    """The running clock's due date as the staff case page lists it."""
    [row] = [row for row in case_deadlines(case) if row.deadline.clock == clock and row.deadline.completed_at is None]
    return row.deadline.due_date


#: state: (the clock whose date is the next step's, who acts, whether the case is closed)
EXPECTED = {
    State.DITERIMA: (Clock.VERIFIKASI, steps.STAFF, False),
    State.DITUNDA: (Clock.KELENGKAPAN, steps.REPORTER, False),
    State.DIVERIFIKASI: (Clock.PENYELESAIAN, steps.STAFF, False),
    State.DIDISPOSISIKAN: (Clock.TINDAK_LANJUT, steps.STAFF, False),
    State.DITINDAKLANJUTI: (Clock.PENYELESAIAN, steps.STAFF, False),
    State.DIJAWAB: (Clock.KONFIRMASI, steps.REPORTER, False),
    State.MENUNGGU_PERSETUJUAN_WBS: (None, steps.REPORTER, False),
    State.SELESAI: (None, steps.NOBODY, True),
    State.DITERUSKAN: (None, steps.NOBODY, True),
    State.DIARSIPKAN: (None, steps.NOBODY, True),
    State.DIPINDAHKAN_KE_WBS: (None, steps.NOBODY, True),
}


def test_every_state_of_a_complaint_is_described():
    assert set(EXPECTED) == set(State)


@pytest.mark.parametrize("state", list(State))
def test_each_state_names_who_acts_and_the_date_staff_see(on_filing_day, case_in, state):
    clock, actor, closed = EXPECTED[state]
    case = case_in(state)
    step = steps.next_step(case)
    assert step.state == state and step.meaning and step.text
    assert (step.actor, step.is_closed, step.is_late) == (actor, closed, False)
    if clock is None:
        assert step.due is None and "%(" not in step.text
    else:
        assert step.due == staff_due(case, clock) == Deadline.objects.get(case=case, clock=clock).due_date
        assert step.due.strftime("%Y") in step.text


def test_a_new_complaint_is_verified_within_three_working_days_past_a_weekend_and_a_holiday(on_filing_day, case_in):
    step = steps.next_step(case_in(State.DITERIMA))
    assert step.due == THREE_WORKING_DAYS
    assert step.text == "Petugas memverifikasi pengaduan Anda paling lambat Rabu, 19 Agustus 2026."
    assert step.closes_on is None


def test_a_question_gives_the_complainant_ten_working_days_then_a_handler_may_archive(on_filing_day, case_in):
    step = steps.next_step(case_in(State.DITUNDA))
    assert (step.due, step.closes_on) == (TEN_WORKING_DAYS, None)  # a handler archives it, not the clock
    assert step.text == (
        "Jawab pertanyaan petugas di halaman pelacakan paling lambat Senin, 31 Agustus 2026. Jika belum dijawab, "
        "mulai Selasa, 1 September 2026 pengaduan dapat diarsipkan (ditutup) oleh petugas."
    )


def test_an_answer_closes_by_itself_the_day_after_the_complainants_ten_working_days(on_filing_day, case_in):
    case = case_in(State.DIJAWAB)
    step = steps.next_step(case)
    assert (step.due, step.closes_on) == (TEN_WORKING_DAYS, DAY_AFTER_TEN)
    assert step.text == (
        "Baca jawabannya dan beri penilaian. Jika belum puas, Anda dapat meminta pengaduan dibuka kembali (satu "
        "kali). Tanpa permintaan itu sampai Senin, 31 Agustus 2026, pengaduan ditutup otomatis pada Selasa, "
        "1 September 2026."
    )
    # The day named is the day the automatic close really does it.
    assert services.pengaduan_auto_close_due(today=step.due) == []
    assert [closed.pk for closed in services.pengaduan_auto_close_due(today=step.closes_on)] == [case.pk]


def test_an_answer_to_a_reopened_complaint_does_not_offer_reopening_again(on_filing_day, case_in, advance):
    case = case_in(State.DIJAWAB)
    case = services.pengaduan_rate(case=case, rating=1, comment="Belum selesai.", reopen=True)
    for name in ("disposisi", "catat_tindak_lanjut", "jawab"):
        case = advance(case, name)
    step = steps.next_step(case)
    assert step.closes_on == DAY_AFTER_TEN
    assert "sudah pernah dibuka kembali" in step.text and "(satu kali)" not in step.text
    case = advance(case, "selesaikan")
    closed = steps.next_step(case)
    assert "sudah pernah dibuka kembali" in closed.text and "Ombudsman" in closed.text


def test_a_closed_complaint_says_how_to_go_further(on_filing_day, case_in):
    assert "dibuka kembali" in steps.next_step(case_in(State.SELESAI)).text
    assert "instansi tujuan" in steps.next_step(case_in(State.DITERUSKAN)).text
    assert "kirim pengaduan baru" in steps.next_step(case_in(State.DIARSIPKAN)).text
    assert "kode tanda terima WBS" in steps.next_step(case_in(State.DIPINDAHKAN_KE_WBS)).text


def test_a_staff_step_past_its_day_says_so(on_filing_day, case_in, travel):
    case = case_in(State.DITERIMA)
    travel(THREE_WORKING_DAYS)
    assert not steps.next_step(case).is_late  # the day itself is still in time
    travel(THREE_WORKING_DAYS + datetime.timedelta(days=1))
    step = steps.next_step(case)
    assert step.is_late and step.due == THREE_WORKING_DAYS
    assert step.text.endswith(
        "Tanggal itu sudah lewat dan tahap ini belum selesai; Anda dapat menanyakannya kepada petugas melalui pesan."
    )


def test_after_the_answer_period_the_step_says_the_close_is_coming(on_filing_day, case_in, travel):
    case = case_in(State.DIJAWAB)
    travel(DAY_AFTER_TEN)
    step = steps.next_step(case)
    assert step.is_late and step.closes_on == DAY_AFTER_TEN
    assert step.text == "Masa tanggapan Anda berakhir pada Senin, 31 Agustus 2026; pengaduan segera ditutup otomatis."


def test_an_answer_resumes_the_verification_clock_and_the_step_follows_it(on_filing_day, case_in, travel):
    case = case_in(State.DITUNDA)
    # Paused for the four working days 14, 18, 19 and 20 August: the due date moves on by
    # four working days, past Maulid Nabi (25 August).
    travel(datetime.date(2026, 8, 20))
    case = services.pengaduan_supply_information(case=case, reply="Nomor antrean saya 42.")
    step = steps.next_step(case)
    assert step.due == staff_due(case, Clock.VERIFIKASI) == datetime.date(2026, 8, 26)


def test_the_step_is_one_query(on_filing_day, case_in, django_assert_num_queries):
    case = case_in(State.DIDISPOSISIKAN)
    with django_assert_num_queries(1):
        steps.next_step(case)
    closed = case_in(State.DITERUSKAN)
    with django_assert_num_queries(0):
        steps.next_step(closed)


def test_the_dates_read_in_the_language_of_the_page(on_filing_day, case_in):
    step = steps.next_step(case_in(State.DITERIMA))
    with translation.override("en"):
        assert step.due_text == "Wednesday, 19 August 2026"
    assert 'datetime="2026-08-19">Rabu, 19 Agustus 2026</time>' in step.html


def test_the_glossary_lists_every_state_once_in_workflow_order():
    from casework.kinds import get_kind

    entries = steps.glossary(get_kind("pengaduan"))
    assert [entry.state for entry in entries] == list(State.values)
    assert all(entry.meaning for entry in entries)


def test_the_staff_case_page_and_the_tracking_page_show_the_same_day(on_filing_day, client, tracked, handler):
    case = tracked(State.DIDISPOSISIKAN)
    track = client.get(reverse("track_case")).content.decode()
    verified_login(client, handler)
    staff = client.get(reverse("pengaduan_staff:detail", args=[case.pk])).content.decode()
    due = staff_due(case, Clock.TINDAK_LANJUT).isoformat()
    assert f'<time class="next-step__due" datetime="{due}">' in track
    assert f'<time datetime="{due}">' in staff


def test_the_status_notice_carries_the_same_step_and_dates(on_filing_day, case_in):
    case = case_in(State.DIJAWAB)
    notice = notify.status_notice(case, state=State.DIJAWAB, url="https://sigap.example.go.id/lacak/")
    step = steps.next_step(case).text
    assert "pengaduan ditutup otomatis pada Selasa, 1 September 2026." in step
    assert f"Langkah berikutnya: {step}" in notice.body and step in notice.short
    assert "Petugas sudah menjawab pengaduan Anda." in notice.body


def test_a_notice_sent_after_the_state_moved_on_names_no_step(on_filing_day, case_in):
    case = case_in(State.DIJAWAB)
    notice = notify.status_notice(case, state=State.DIVERIFIKASI, url="https://sigap.example.go.id/lacak/")
    assert "Langkah berikutnya" not in notice.body and "paling lambat" not in notice.short
    assert "berubah menjadi: Diverifikasi." in notice.body
