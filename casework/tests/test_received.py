"""When a case was received: the day every opening clock counts from.

A case entered by staff for someone else (a letter from the kotak pengaduan typed in a
week later) was received before it was entered. The engine keeps both: Case.received_on
(the day received, which the opening clocks start from) and Case.opened_at (the moment
it was entered); the opening history entry keeps the reason for the late entry. A case
filed by its reporter (the public form, an employee's own declaration) is received the
day it is filed, and nobody may date it otherwise.

March 2026 (the seeded calendar): Tuesday 17 is a working day; 18 is cuti bersama for
Nyepi, 19 Nyepi, 20 cuti bersama for Idul Fitri, 21-22 Idul Fitri (a weekend too), 23
and 24 cuti bersama; 25 (Wednesday) is the first working day after them.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from casework import received
from casework.models import Deadline, TimelineEntry
from security.models import AuditEntry

TUE_17 = datetime.date(2026, 3, 17)
WED_25 = datetime.date(2026, 3, 25)
REASON = "Surat dari kotak pengaduan baru dibuka setelah libur Lebaran."


def verification(case):
    return Deadline.objects.get(case=case, clock="verifikasi")


def test_the_clocks_count_from_the_day_received_not_the_day_entered(open_uji, handler, travel):
    travel(WED_25)
    case, _code = open_uji(actor=handler, received_on=TUE_17, late_entry_reason=REASON)
    # 3 working days after Tuesday 17 March: 18-24 are holidays, cuti bersama or the
    # weekend, so Wed 25 (1), Thu 26 (2), Fri 27 (3). Counted from the day entered it
    # would be Mon 30 March.
    assert verification(case).started_on == TUE_17
    assert verification(case).due_date == datetime.date(2026, 3, 27)
    assert case.due_date == datetime.date(2026, 3, 27)
    case.refresh_from_db()
    assert case.received_on == TUE_17
    assert timezone.localdate(case.opened_at) == WED_25
    assert case.entered_late


def test_the_history_keeps_both_dates_and_the_reason(open_uji, handler, travel):
    travel(WED_25)
    case, _code = open_uji(actor=handler, received_on=TUE_17, late_entry_reason=f"  {REASON} ")
    opening = TimelineEntry.objects.get(case=case)
    assert timezone.localdate(opening.created_at) == WED_25
    assert opening.note == REASON
    entry = AuditEntry.objects.get(event="case.opened", case_id=case.pk)
    assert entry.data["received_on"] == "2026-03-17"


def test_by_default_a_case_is_received_the_day_it_is_opened(open_uji, travel):
    travel(WED_25)
    case, _code = open_uji()
    assert case.received_on == WED_25 and not case.entered_late
    assert verification(case).started_on == WED_25
    assert TimelineEntry.objects.get(case=case).note == ""


def test_received_late_in_the_evening_is_that_local_day(open_uji, monkeypatch):
    # 23:30 in Jakarta on 31 October is 16:30 UTC: still 31 October.
    moment = timezone.make_aware(datetime.datetime(2026, 10, 31, 23, 30))
    monkeypatch.setattr(timezone, "now", lambda: moment)
    case, _code = open_uji()
    assert case.received_on == datetime.date(2026, 10, 31)


def test_entered_today_needs_no_reason(open_uji, handler, travel):
    travel(WED_25)
    case, _code = open_uji(actor=handler, received_on=WED_25)
    assert not case.entered_late


def test_a_day_received_in_the_future_is_refused(open_uji, handler, travel):
    travel(WED_25)
    with pytest.raises(ValidationError) as refused:
        open_uji(actor=handler, received_on=WED_25 + datetime.timedelta(days=1), late_entry_reason=REASON)
    assert refused.value.message_dict == {"received_on": ["Tanggal diterima tidak boleh setelah hari ini."]}


def test_a_late_entry_needs_its_reason(open_uji, handler, travel):
    travel(WED_25)
    with pytest.raises(ValidationError) as refused:
        open_uji(actor=handler, received_on=TUE_17, late_entry_reason="  ")
    assert list(refused.value.message_dict) == ["late_entry_reason"]
    assert "alasan" in refused.value.message_dict["late_entry_reason"][0].lower()


@override_settings(SIGAP_RECEIVED_MAX_DAYS_BACK=30)
def test_the_day_received_is_at_most_the_bounded_period_back(open_uji, handler, travel):
    travel(WED_25)
    earliest = WED_25 - datetime.timedelta(days=30)
    case, _code = open_uji(actor=handler, received_on=earliest, late_entry_reason=REASON)
    assert case.received_on == datetime.date(2026, 2, 23)
    with pytest.raises(ValidationError) as refused:
        open_uji(actor=handler, received_on=earliest - datetime.timedelta(days=1), late_entry_reason=REASON)
    assert refused.value.message_dict["received_on"] == [
        "Tanggal diterima paling lama 30 hari sebelum hari ini (paling awal 23 Februari 2026). Periksa tanggalnya."
    ]


@override_settings(SIGAP_RECEIVED_MAX_DAYS_BACK=7)
def test_the_period_is_a_setting(open_uji, handler, travel):
    travel(WED_25)
    with pytest.raises(ValidationError):
        open_uji(actor=handler, received_on=TUE_17, late_entry_reason=REASON)
    assert received.earliest_received(WED_25) == datetime.date(2026, 3, 18)


@pytest.mark.parametrize("reporter", ["public", "own_account"])
def test_a_case_filed_by_its_reporter_cannot_be_dated_earlier(open_uji, make_user, travel, reporter):
    travel(WED_25)
    who = {} if reporter == "public" else {"reporter_account": make_user()}
    with pytest.raises(ValueError):
        open_uji(received_on=TUE_17, late_entry_reason=REASON, **who)


def test_cases_opened_before_were_received_the_local_day_they_were_opened(open_uji):
    import importlib

    from django.apps import apps

    from casework.models import Case

    case, _code = open_uji()
    # 23:30 in Jakarta on 31 October is 16:30 UTC: received on 31 October.
    evening = timezone.make_aware(datetime.datetime(2026, 10, 31, 23, 30))
    Case.objects.filter(pk=case.pk).update(opened_at=evening, received_on=datetime.date(2000, 1, 1))
    importlib.import_module("casework.migrations.0009_case_received_on").forwards(apps, None)
    case.refresh_from_db()
    assert case.received_on == datetime.date(2026, 10, 31)
