"""Demo complaints made by `manage.py seed_demo`: one per interesting state, made once."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from casework import access
from casework.models import TimelineEntry
from pengaduan.choices import State
from pengaduan.models import Pengaduan


def seed():
    call_command("seed_demo", "--no-qr", stdout=io.StringIO())


@pytest.fixture
def seeded(db):
    seed()


def test_the_demo_has_a_complaint_in_each_interesting_state(seeded):
    assert sorted(Pengaduan.objects.values_list("state", flat=True)) == sorted(
        [
            State.DITERIMA,
            State.DITUNDA,
            State.DITUNDA,  # one past the complainant's time to answer
            State.DIVERIFIKASI,
            State.DIDISPOSISIKAN,
            State.DIJAWAB,
            State.DITERUSKAN,
        ]
    )


def test_one_demo_complaint_is_overdue(seeded):
    late = Pengaduan.objects.filter(closed_at__isnull=True, due_date__lt=timezone.localdate())
    assert list(late.values_list("state", flat=True)) == [State.DITERIMA]


def test_one_demo_complaint_waits_past_its_complainants_time(seeded):
    from casework import sla
    from pengaduan.conditions import completion_time_passed

    [unanswered] = [
        case for case in sla.annotate_due_status(Pengaduan.objects.filter(state=State.DITUNDA)) if case.is_waiting_over
    ]
    assert completion_time_passed(unanswered)
    assert not unanswered.is_overdue


def test_every_demo_case_mirrors_its_running_clocks(seeded):
    """Case.due_date and Case.waiting_until say what the clocks say, however the case
    got there (opened in a request, by the worker, moved on by transitions)."""
    from casework import sla
    from casework.models import Case, Deadline

    for case in Case.objects.all():
        running = list(Deadline.objects.filter(case=case, completed_at__isnull=True))
        assert (case.due_date, case.waiting_until) == (
            sla.earliest_staff_due(running),
            sla.earliest_waiting_end(running),
        ), case.reference
    assert Case.objects.filter(waiting_until__isnull=False).exists()


def test_the_demo_unit_sees_what_was_dispositioned_to_it(seeded):
    unit_user = User.objects.get(username="tindaklanjut")
    assert set(access.visible_cases(unit_user, kind="pengaduan").values_list("state", flat=True)) == {
        State.DIDISPOSISIKAN,
        State.DIJAWAB,
    }
    assert list(access.inbox_cases(unit_user).filter(kind="pengaduan").values_list("state", flat=True)) == [
        State.DIDISPOSISIKAN
    ]


def test_seeding_again_adds_nothing(seeded):
    counts = (Pengaduan.objects.count(), TimelineEntry.objects.count())
    seed()
    assert (Pengaduan.objects.count(), TimelineEntry.objects.count()) == counts


def test_two_demo_complaints_open_with_their_published_codes(seeded):
    from casework import tracking
    from pengaduan.demo import DEMO_TRACKING_CODES

    assert tracking.find_case(DEMO_TRACKING_CODES["ditunda"]).state == State.DITUNDA
    assert tracking.find_case(DEMO_TRACKING_CODES["dijawab"]).state == State.DIJAWAB
