"""The Pimpinan's dashboard: who opens it, that every number is what the raw rows say
(recomputed here with plain loops), where the months and semesters begin and end, and
that WBS stays counts only for anyone but its Pengelola."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from accounts.models import UnitKerja
from accounts.testing import verified_login
from bench.generate_cases import generate
from casework import sla
from casework.kinds import get_kind
from casework.reporting import Period, all_reporting
from reports.dashboard import received_days
from reports.dashboard.counts import dashboard_counts, trend_months
from reports.dashboard.page import dashboard_for
from reports.models import ReceivedDayCount, ReceivedDayCoverage

from .dashboard_data import put, raw_cases

DASHBOARD = reverse("reports:dashboard")
TODAY = date(2026, 7, 14)  # a Tuesday in the second semester


@pytest.fixture
def units(db):
    dinas = UnitKerja.objects.create(code="dinas", name="Dinas", level="dinas")
    seksi = UnitKerja.objects.create(code="seksi-a", name="Seksi A", level="seksi", parent=dinas)
    return dinas, seksi


@pytest.fixture
def generated(db):
    """A realistic mix of every kind over three years, with their clocks and histories."""
    generate(300, seed=7)


@pytest.fixture
def cases(units):
    """A few cases of every kind around the boundaries of July 2026 and its semester."""
    _dinas, seksi = units
    put("pengaduan", received=date(2026, 7, 1), state="diterima", due=TODAY - timedelta(days=3))  # overdue
    put("pengaduan", received=date(2026, 7, 13), state="didisposisikan", due=TODAY, unit=seksi)  # due soon
    put("pengaduan", received=date(2026, 7, 2), state="selesai", closed=True, unit=seksi)
    put("pengaduan", received=date(2026, 6, 30), state="selesai", closed=True)  # last day of semester I
    put("pengaduan", received=date(2025, 7, 31), state="diteruskan", closed=True)  # twelve months back: out
    put("pengaduan", received=date(2025, 8, 1), state="diarsipkan", closed=True)  # first month of the trend
    put("wbs", received=date(2026, 7, 3), state="ditelaah", due=TODAY - timedelta(days=1), unit=seksi)
    put("wbs", received=date(2026, 5, 3), state="selesai", closed=True)
    put("gratifikasi", received=date(2026, 7, 6), state="analisis", due=TODAY + timedelta(days=20))
    put("benturan", received=date(2026, 7, 7), state="tidak_ada_konflik", closed=True, unit=seksi)
    put("benturan", received=date(2026, 3, 7), state="analisis", due=TODAY - timedelta(days=30), unit=seksi)


def recomputed(today: date) -> dict:
    """The dashboard's numbers from the raw rows, with plain loops."""
    rows = raw_cases()
    month = Period.month(today.year, today.month)
    semester = Period.semester(today.year, 1 if today.month <= 6 else 2)
    until = sla.due_soon_until(today)
    out = {}
    for reporting in all_reporting():
        final = get_kind(reporting.kind).final_states
        mine = [row for row in rows if row["kind"] == reporting.kind]

        def progress(period, mine=mine, final=final):
            got = [row for row in mine if period.start <= row["received_on"] <= period.end]
            done = sum(1 for row in got if row["state"] in final)
            return (len(got), len(got) - done, done)

        open_due = [row for row in mine if row["closed_at"] is None and row["due_date"] is not None]
        out[reporting.kind] = {
            "month": progress(month),
            "semester": progress(semester),
            "overdue": sum(1 for row in open_due if row["due_date"] < today),
            "due_soon": sum(1 for row in open_due if today <= row["due_date"] <= until),
            "trend": [progress(m)[0] for m in trend_months(today)],
        }
    return out


def as_numbers(counts) -> dict:
    return {
        kind.kind: {
            "month": (kind.month.received, kind.month.in_process, kind.month.finished),
            "semester": (kind.semester.received, kind.semester.in_process, kind.semester.finished),
            "overdue": kind.overdue,
            "due_soon": kind.due_soon,
            "trend": kind.trend,
        }
        for kind in counts.kinds
    }


# --- Who opens it ---------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("role", [roles.PIMPINAN, roles.TIM_PENILAI, roles.INSPEKTORAT])
def test_the_overseers_open_the_dashboard_and_find_it_in_their_menu(client, make_user, role):
    verified_login(client, make_user(role))
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    assert f'href="{DASHBOARD}" aria-current="page"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role",
    [
        roles.PEGAWAI,
        roles.PENGELOLA_PENGADUAN,
        roles.PENGELOLA_WBS,
        roles.PETUGAS_UPG,
        roles.TIM_BENTURAN,
        roles.UNIT_TINDAK_LANJUT,
        roles.ADMIN_SISTEM,
    ],
)
def test_everyone_else_is_refused_and_not_offered_it(client, make_user, role):
    verified_login(client, make_user(role))
    assert client.get(DASHBOARD).status_code == 403
    assert DASHBOARD not in client.get(reverse("casework:inbox")).content.decode()


@pytest.mark.django_db
def test_the_dashboard_needs_the_second_factor(client, make_user):
    user = make_user(roles.PIMPINAN)
    assert client.get(DASHBOARD).status_code == 302
    client.force_login(user, backend="accounts.backends.NipOrEmailBackend")
    response = client.get(DASHBOARD)
    assert response.status_code == 302 and "/akun/" in response["Location"]


# --- The numbers ----------------------------------------------------------------------------


def test_every_number_is_what_the_rows_say(cases):
    assert as_numbers(dashboard_counts(TODAY)) == recomputed(TODAY)


def test_a_case_counts_in_the_month_and_semester_it_was_received(cases):
    numbers = as_numbers(dashboard_counts(TODAY))["pengaduan"]
    # 30 June is the last day of semester I: in June's trend, not in semester II.
    assert numbers["semester"] == (3, 2, 1)
    assert numbers["month"] == (3, 2, 1)
    months = trend_months(TODAY)
    assert (months[0].slug, months[-1].slug) == ("2025-08", "2026-07")
    assert numbers["trend"][months.index(Period.month(2026, 6))] == 1
    # 31 July 2025 lies before the twelve months; 1 August 2025 is their first day.
    assert numbers["trend"][0] == 1 and sum(numbers["trend"]) == 5


def test_overdue_and_due_soon_follow_the_lists_rule(cases):
    numbers = as_numbers(dashboard_counts(TODAY))
    assert (numbers["pengaduan"]["overdue"], numbers["pengaduan"]["due_soon"]) == (1, 1)
    assert (numbers["wbs"]["overdue"], numbers["benturan"]["overdue"]) == (1, 1)
    assert numbers["gratifikasi"]["due_soon"] == 0  # due in twenty days


def test_a_reopened_case_is_in_process_again(units):
    put("pengaduan", received=date(2026, 7, 1), state="diverifikasi")  # reopened: no longer selesai
    put("pengaduan", received=date(2026, 7, 1), state="selesai", closed=True)
    assert as_numbers(dashboard_counts(TODAY))["pengaduan"]["month"] == (2, 1, 1)


def test_a_complaint_moved_to_the_wbs_is_finished_there_and_counts_again_as_a_report(units):
    put("pengaduan", received=date(2026, 7, 1), state="dipindahkan_ke_wbs", closed=True)
    put("wbs", received=date(2026, 7, 8), state="diterima")
    numbers = as_numbers(dashboard_counts(TODAY))
    assert numbers["pengaduan"]["month"] == (1, 0, 1)
    assert numbers["wbs"]["month"] == (1, 1, 0)


def test_the_numbers_match_the_reports_figures_for_the_semester(generated):
    today = timezone.localdate()
    counts = dashboard_counts(today)
    semester = counts.semester
    counts = {kind.kind: kind.semester for kind in counts.kinds}
    assert sum(each.received for each in counts.values()) > 0
    for reporting in all_reporting():
        figures = reporting.figures(semester)
        mine = counts[reporting.kind]
        assert (mine.received, mine.in_process, mine.finished) == (
            figures.received,
            figures.in_process,
            figures.finished,
        )


def test_per_unit_counts_the_open_cases_now(cases, units):
    _dinas, seksi = units
    by_kind = {kind.kind: kind for kind in dashboard_counts(TODAY).kinds}
    complaints, conflicts = by_kind["pengaduan"].units[seksi.pk], by_kind["benturan"].units[seksi.pk]
    assert (complaints.open, complaints.overdue, complaints.due_soon) == (1, 0, 1)  # the finished one is not
    assert (conflicts.open, conflicts.overdue) == (1, 1)  # received in March, still open and late
    assert by_kind["pengaduan"].units[None].overdue == 1
    assert not by_kind["gratifikasi"].has_units


# --- What each reader sees ------------------------------------------------------------------


def test_the_pimpinan_reads_wbs_as_counts_only(client, make_user, cases):
    pimpinan = make_user(roles.PIMPINAN)
    page = dashboard_for(dashboard_counts(TODAY), pimpinan)
    wbs = next(row for row in page.kinds if row.kind == "wbs")
    assert wbs.counts_only
    assert not any((wbs.month.received.url, wbs.semester.in_process.url, wbs.overdue.url))
    # Per unit, WBS does not appear at all: a unit's count of reports says too much.
    assert get_kind("wbs").label not in page.unit_kinds
    verified_login(client, pimpinan)
    body = client.get(DASHBOARD).content.decode()
    assert f'href="{reverse("wbs_staff:list")}?' not in body
    assert "TWBS/" not in body and "WBS/20" not in body  # no reference, ever


def test_the_pengelola_wbs_who_also_leads_follows_the_wbs_figures(make_user, cases):
    both = make_user(roles.PIMPINAN, roles.PENGELOLA_WBS)
    page = dashboard_for(dashboard_counts(TODAY), both)
    wbs = next(row for row in page.kinds if row.kind == "wbs")
    assert not wbs.counts_only
    assert wbs.overdue.url == f"{reverse('wbs_staff:list')}?tenggat=terlambat"


def test_figures_link_only_where_the_readers_list_holds_every_case(make_user, cases):
    counts = dashboard_counts(TODAY)
    by_role = {
        role: {row.kind: row for row in dashboard_for(counts, make_user(role)).kinds}
        for role in (roles.PIMPINAN, roles.TIM_PENILAI, roles.INSPEKTORAT)
    }
    complaints = reverse("pengaduan_staff:list")
    conflicts = reverse("benturan_staff:list")
    assert by_role[roles.PIMPINAN]["pengaduan"].month.received.url == f"{complaints}?periode=2026-07"
    assert by_role[roles.TIM_PENILAI]["pengaduan"].semester.finished.url == (
        f"{complaints}?periode=2026-S2&penyelesaian=selesai"
    )
    # The Pimpinan's list of conflicts holds only those that reached them: no link.
    assert by_role[roles.PIMPINAN]["benturan"].overdue.url == ""
    # The Inspektorat reads every conflict case, and no complaint.
    assert by_role[roles.INSPEKTORAT]["benturan"].overdue.url == f"{conflicts}?tenggat=terlambat"
    assert by_role[roles.INSPEKTORAT]["pengaduan"].month.received.url == ""
    # Gift declarations: only the UPG's list holds them.
    assert all(row.month.received.url == "" for row in (by_role[r]["gratifikasi"] for r in by_role))


def test_a_zero_is_not_a_link(make_user, units):
    page = dashboard_for(dashboard_counts(TODAY), make_user(roles.PIMPINAN))
    complaints = next(row for row in page.kinds if row.kind == "pengaduan")
    assert complaints.month.received.value == 0 and complaints.month.received.url == ""


# --- The days kept counted ---------------------------------------------------------------------


def test_the_kept_day_counts_give_the_same_numbers(cases):
    before = as_numbers(dashboard_counts(TODAY))
    assert received_days.refresh(TODAY) > 0
    assert ReceivedDayCoverage.objects.get().last_day == received_days.frozen_until(TODAY)
    assert as_numbers(dashboard_counts(TODAY)) == before == recomputed(TODAY)
    # A case received today is counted at once: the recent days are always counted live.
    put("wbs", received=TODAY, state="diterima")
    assert as_numbers(dashboard_counts(TODAY))["wbs"]["month"][0] == before["wbs"]["month"][0] + 1


def test_the_kept_days_are_those_no_case_can_be_entered_for_any_more(settings):
    settings.SIGAP_RECEIVED_MAX_DAYS_BACK = 30
    # Staff may enter a case received 30 days ago; a week more for a worker that stopped.
    assert received_days.frozen_until(TODAY) == TODAY - timedelta(days=38)


def test_the_scheduler_keeps_the_day_counts(settings, cases):
    from reports.dashboard.tasks import count_received_days

    assert "reports.dashboard.tasks.count_received_days" in settings.SIGAP_PERIODIC_TASKS
    result = count_received_days.enqueue()
    assert result.return_value["counts"] == ReceivedDayCount.objects.count() > 0
