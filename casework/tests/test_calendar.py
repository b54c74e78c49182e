"""The working-day calendar: Monday to Friday, less libur nasional and cuti bersama.

Dates below are counted by hand in the comments, so each expectation can be checked
against a printed calendar.
"""

from datetime import date, timedelta

import pytest
from django.contrib import admin

from casework.calendar import add_working_days, is_working_day, next_working_day, working_days_between
from casework.models import Holiday

pytestmark = pytest.mark.django_db


# --- The seeded calendar -------------------------------------------------------------------


def test_the_2026_idul_fitri_block_is_seeded_from_the_skb():
    block = {h.date: h for h in Holiday.objects.filter(date__range=(date(2026, 3, 18), date(2026, 3, 24)))}
    assert sorted(block) == [date(2026, 3, day) for day in range(18, 25)]
    assert block[date(2026, 3, 19)].kind == Holiday.Kind.LIBUR_NASIONAL  # Nyepi
    assert block[date(2026, 3, 18)].kind == Holiday.Kind.CUTI_BERSAMA  # cuti bersama Nyepi
    assert {block[date(2026, 3, d)].kind for d in (20, 23, 24)} == {Holiday.Kind.CUTI_BERSAMA}
    assert {block[date(2026, 3, d)].kind for d in (21, 22)} == {Holiday.Kind.LIBUR_NASIONAL}
    assert all(not h.is_provisional and "SKB" in h.source for h in block.values())


def test_each_seeded_year_has_its_national_holidays_and_cuti_bersama():
    def count(year, kind):
        return Holiday.objects.filter(date__year=year, kind=kind).count()

    assert (count(2025, "libur_nasional"), count(2025, "cuti_bersama")) == (17, 11)  # 10 + 18 Aug 2025
    assert (count(2026, "libur_nasional"), count(2026, "cuti_bersama")) == (17, 8)
    assert count(2027, "libur_nasional") >= 17


def test_2027_is_provisional_until_the_admin_confirms_it():
    rows = Holiday.objects.filter(date__year=2027)
    assert rows.exists()
    assert set(rows.values_list("is_provisional", "source")) == {(True, "perkiraan")}


# --- add_working_days ----------------------------------------------------------------------


def test_monday_plus_three_working_days_is_thursday():
    # July 2026 has no holiday in its first fortnight.
    assert add_working_days(date(2026, 7, 6), 3) == date(2026, 7, 9)


def test_weekends_are_skipped():
    assert add_working_days(date(2026, 7, 10), 1) == date(2026, 7, 13)  # Friday → Monday
    assert add_working_days(date(2026, 7, 11), 1) == date(2026, 7, 13)  # Saturday → Monday
    assert add_working_days(date(2026, 7, 12), 5) == date(2026, 7, 17)  # Sunday → Friday


def test_a_national_holiday_is_skipped():
    # From Wednesday 12 August 2026: Thu 13 (1), Fri 14 (2), weekend, Mon 17 is
    # Proklamasi Kemerdekaan, Tue 18 (3).
    assert add_working_days(date(2026, 8, 12), 3) == date(2026, 8, 18)


def test_a_deadline_started_before_idul_fitri_2026_lands_after_the_whole_block():
    # Started Tuesday 17 March 2026, 3 working days:
    #   Wed 18 cuti bersama Nyepi · Thu 19 Nyepi · Fri 20 cuti bersama Idul Fitri
    #   Sat 21 / Sun 22 Idul Fitri 1447 H · Mon 23, Tue 24 cuti bersama Idul Fitri
    #   Wed 25 (1) · Thu 26 (2) · Fri 27 (3)
    assert add_working_days(date(2026, 3, 17), 3) == date(2026, 3, 27)
    assert working_days_between(date(2026, 3, 17), date(2026, 3, 27)) == 3
    # The whole seven-day block counts as nothing:
    assert working_days_between(date(2026, 3, 17), date(2026, 3, 24)) == 0


def test_a_deadline_crosses_the_year_boundary_2026_to_2027():
    # From Wednesday 23 December 2026, 5 working days:
    #   Thu 24 cuti bersama Natal · Fri 25 Natal · weekend
    #   Mon 28 (1) · Tue 29 (2) · Wed 30 (3) · Thu 31 (4)
    #   Fri 1 Jan 2027 Tahun Baru · weekend · Mon 4 Jan 2027 (5)
    assert add_working_days(date(2026, 12, 23), 5) == date(2027, 1, 4)
    assert working_days_between(date(2026, 12, 23), date(2027, 1, 4)) == 5


def test_zero_working_days_is_the_start_day_itself():
    assert add_working_days(date(2026, 7, 6), 0) == date(2026, 7, 6)
    assert add_working_days(date(2026, 3, 20), 0) == date(2026, 3, 20)  # even on a holiday


def test_a_negative_count_is_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 7, 6), -1)


def test_long_deadlines_agree_with_counting_back():
    # 60 working days (resolution of a complaint) across the whole 2026 holiday season.
    for start in (date(2026, 1, 2), date(2026, 2, 27), date(2026, 11, 20), date(2027, 2, 1)):
        for n in (1, 5, 10, 30, 60):
            due = add_working_days(start, n)
            assert is_working_day(due)
            assert working_days_between(start, due) == n
            assert working_days_between(start, due - timedelta(days=1)) == n - 1


def test_a_calendar_without_any_working_day_is_reported_not_looped():
    start = date(2030, 1, 1)
    Holiday.objects.bulk_create(
        Holiday(date=start + timedelta(days=i), name="Uji", kind=Holiday.Kind.LIBUR_NASIONAL)
        # Every day for nine years: longer than the search is allowed to run.
        for i in range(1, 366 * 9)
    )
    with pytest.raises(ValueError, match="holiday calendar"):
        add_working_days(start, 1)


# --- working_days_between, is_working_day, next_working_day --------------------------------


def test_working_days_between_counts_the_end_but_not_the_start():
    assert working_days_between(date(2026, 7, 6), date(2026, 7, 7)) == 1
    assert working_days_between(date(2026, 7, 6), date(2026, 7, 6)) == 0
    assert working_days_between(date(2026, 7, 9), date(2026, 7, 6)) == 0  # end before start


def test_is_working_day_and_next_working_day():
    assert is_working_day(date(2026, 7, 6))
    assert not is_working_day(date(2026, 7, 11))  # Saturday
    assert not is_working_day(date(2026, 3, 23))  # cuti bersama
    assert next_working_day(date(2026, 3, 18)) == date(2026, 3, 25)
    assert next_working_day(date(2026, 7, 6)) == date(2026, 7, 6)


# --- The calendar is data --------------------------------------------------------------------


def test_adding_a_holiday_moves_results_at_once():
    assert add_working_days(date(2026, 7, 6), 3) == date(2026, 7, 9)
    extra = Holiday.objects.create(
        date=date(2026, 7, 8), name="Cuti bersama tambahan", kind=Holiday.Kind.CUTI_BERSAMA, source="Perubahan SKB"
    )
    assert add_working_days(date(2026, 7, 6), 3) == date(2026, 7, 10)
    assert working_days_between(date(2026, 7, 6), date(2026, 7, 10)) == 3
    extra.delete()
    assert add_working_days(date(2026, 7, 6), 3) == date(2026, 7, 9)


def test_moving_a_holiday_moves_results():
    # Should Maulid Nabi move from Tuesday 25 to Wednesday 26 August 2026, the first working
    # day after Monday 24 becomes Tuesday 25 instead of Wednesday 26.
    assert add_working_days(date(2026, 8, 24), 1) == date(2026, 8, 26)
    Holiday.objects.filter(date=date(2026, 8, 25)).update(date=date(2026, 8, 26))
    assert add_working_days(date(2026, 8, 24), 1) == date(2026, 8, 25)
    assert add_working_days(date(2026, 8, 24), 2) == date(2026, 8, 27)  # Tue 25 (1), Thu 27 (2)


# --- Admin ------------------------------------------------------------------------------------


def test_admin_registers_the_calendar_and_policies_but_no_case_content():
    from casework import models

    registered = {model for model in admin.site._registry if model._meta.app_label == "casework"}
    assert registered == {models.Holiday, models.SlaPolicy}
    for content in (models.Case, models.Message, models.InternalNote, models.Attachment, models.TimelineEntry):
        assert not admin.site.is_registered(content)


def _verified_admin(client, make_user):
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_static.models import StaticDevice

    user = make_user(is_staff=True, is_superuser=True)
    device = StaticDevice.objects.create(user=user, name="uji")
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return user


def test_admin_lists_holidays_by_year_and_kind(client, make_user):
    _verified_admin(client, make_user)
    response = client.get("/admin/casework/holiday/", {"tahun": "2026", "kind__exact": "cuti_bersama"})
    assert response.status_code == 200
    shown = list(response.context["cl"].queryset.values_list("date", flat=True))
    assert shown[0] == date(2026, 2, 16) and len(shown) == 8
    response = client.get("/admin/casework/holiday/", {"q": "Nyepi", "is_provisional__exact": "1"})
    assert list(response.context["cl"].queryset.values_list("date", flat=True)) == [date(2027, 3, 8)]


def test_admin_confirms_provisional_holidays_and_audits_it(client, make_user):
    from security.models import AuditEntry

    user = _verified_admin(client, make_user)
    target = Holiday.objects.get(date=date(2027, 3, 10))
    response = client.post(
        "/admin/casework/holiday/",
        {"action": "confirm", "_selected_action": [target.pk], "index": 0},
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert not target.is_provisional
    entry = AuditEntry.objects.filter(event="admin.change", actor_id=user.pk).latest("id")
    assert entry.data["model"] == "casework.Holiday" and entry.data["fields"] == ["is_provisional"]
