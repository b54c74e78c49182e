"""The engine's one path for state changes, proven on the test-only kind "uji".

Kind "uji": baru → diverifikasi → selesai (needs a summary); baru ⇄ ditunda (the reporter
completes); baru/diverifikasi → ditolak; selesai → diverifikasi (reporter reopens).
"""

import pytest
from django.core.exceptions import PermissionDenied

from accounts import roles
from casework import access
from casework.models import TimelineEntry
from casework.services import case_recuse, run_transition, transition_blockers
from casework.workflow import TransitionBlocked, available_transitions
from security.models import AuditEntry

ALLOWED = [
    ("baru", "verifikasi", "diverifikasi"),
    ("baru", "tunda", "ditunda"),
    ("baru", "tolak", "ditolak"),
    ("diverifikasi", "tolak", "ditolak"),
    ("diverifikasi", "selesaikan", "selesai"),
]
ALL_STAFF_TRANSITIONS = ["verifikasi", "tunda", "tolak", "selesaikan"]
PATHS = {
    "baru": [],
    "diverifikasi": ["verifikasi"],
    "ditunda": ["tunda"],
    "selesai": ["verifikasi", "selesaikan"],
    "ditolak": ["tolak"],
}


@pytest.fixture
def case_in(open_uji, handler):
    def make(state):
        case, _ = open_uji()
        if state in ("selesai",):
            case.summary = "Sudah ditindaklanjuti"
            case.save()
        for name in PATHS[state]:
            case = run_transition(case=case, name=name, actor=handler)
        assert case.state == state
        return case

    return make


@pytest.mark.parametrize(("source", "name", "target"), ALLOWED)
def test_allowed_transition(case_in, handler, source, name, target):
    case = case_in(source)
    if name == "selesaikan":
        case.summary = "Sudah ditindaklanjuti"
        case.save()
    case = run_transition(case=case, name=name, actor=handler, note="catatan")
    assert case.state == target
    entry = TimelineEntry.objects.filter(case=case).last()
    assert (entry.from_state, entry.to_state, entry.transition, entry.actor) == (source, target, name, handler)
    assert AuditEntry.objects.filter(case_id=case.pk, event="case.transition", data__transition=name).exists()


FORBIDDEN = [
    (source, name)
    for source in PATHS
    for name in ALL_STAFF_TRANSITIONS
    if (source, name) not in {(s, n) for s, n, _ in ALLOWED}
]


@pytest.mark.parametrize(("source", "name"), FORBIDDEN)
def test_forbidden_transition_is_refused_with_a_reason(case_in, handler, source, name):
    case = case_in(source)
    before = TimelineEntry.objects.filter(case=case).count()
    with pytest.raises(TransitionBlocked) as excinfo:
        run_transition(case=case, name=name, actor=handler)
    assert "tidak dapat dilakukan pada status" in excinfo.value.reasons[0]
    case.refresh_from_db()
    assert case.state == source
    assert TimelineEntry.objects.filter(case=case).count() == before


def test_condition_failure_says_why(case_in, handler):
    case = case_in("diverifikasi")
    with pytest.raises(TransitionBlocked) as excinfo:
        run_transition(case=case, name="selesaikan", actor=handler)
    assert excinfo.value.reasons == ["Ringkasan tindak lanjut wajib diisi."]
    assert transition_blockers(case=case, name="selesaikan", actor=handler) == ["Ringkasan tindak lanjut wajib diisi."]


def test_final_state_closes_and_reopening_clears_closed_at(case_in, handler):
    case = case_in("selesai")
    assert case.closed_at is not None
    assert not case.deadlines.filter(completed_at__isnull=True).exists()
    case = run_transition(case=case, name="buka_kembali", by_reporter=True)
    assert case.state == "diverifikasi" and case.closed_at is None


def test_reporter_may_run_only_reporter_transitions(case_in):
    case = case_in("baru")
    with pytest.raises(PermissionDenied):
        run_transition(case=case, name="verifikasi", by_reporter=True)
    case = case_in("ditunda")
    case = run_transition(case=case, name="lengkapi", by_reporter=True)
    assert case.state == "baru"
    entry = TimelineEntry.objects.filter(case=case).last()
    assert entry.by_reporter and entry.actor is None


def test_state_cannot_be_set_directly(case_in):
    case = case_in("baru")
    with pytest.raises(AttributeError):
        case.state = "selesai"


@pytest.mark.parametrize("role", [r for r in roles.ROLE_NAMES if r != roles.PENGELOLA_PENGADUAN])
def test_role_without_the_kind_may_neither_see_nor_act(case_in, make_user, role):
    case = case_in("baru")
    outsider = make_user(role)
    assert not access.can_view(outsider, case)
    assert not access.visible_cases(outsider).filter(pk=case.pk).exists()
    with pytest.raises(PermissionDenied):
        run_transition(case=case, name="verifikasi", actor=outsider)


def test_assignee_sees_but_cannot_act_without_the_role(case_in, make_user, handler):
    from casework.services import case_assign

    case = case_in("baru")
    helper = make_user(roles.UNIT_TINDAK_LANJUT)
    # Assignment to someone who may not see the kind is refused.
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        case_assign(case=case, actor=handler, assignee=helper)


def test_recused_handler_can_neither_see_nor_act(case_in, make_user):
    case = case_in("baru")
    reported = make_user(roles.PENGELOLA_PENGADUAN)
    assert access.can_view(reported, case)
    case_recuse(case=case, user=reported, reason="terlapor")
    assert not access.can_view(reported, case)
    assert not access.inbox_cases(reported).filter(pk=case.pk).exists()
    from django.http import Http404

    with pytest.raises(Http404):
        access.get_case_for_user(reported, case.pk)
    with pytest.raises(PermissionDenied, match="dikecualikan"):
        run_transition(case=case, name="verifikasi", actor=reported)


def test_recusal_removes_the_assignment(case_in, handler):
    from casework.services import case_assign

    case = case_in("baru")
    case_assign(case=case, actor=handler, assignee=handler)
    case_recuse(case=case, user=handler, reason="konflik")
    case.refresh_from_db()
    assert case.assignee is None


def test_viewing_a_case_is_audited(case_in, handler):
    case = case_in("baru")
    access.get_case_for_user(handler, case.pk)
    assert AuditEntry.objects.filter(event="case.viewed", case_id=case.pk, actor_id=handler.pk).exists()


def test_available_transitions_lists_the_current_state(case_in):
    assert set(available_transitions(case_in("baru"))) == {"verifikasi", "tunda", "tolak"}


def test_the_system_may_run_a_transition_without_an_actor(case_in):
    case = case_in("diverifikasi")
    case = run_transition(case=case, name="tolak", by_system=True, public_note="Ditutup otomatis.")
    entry = TimelineEntry.objects.filter(case=case).last()
    assert case.state == "ditolak" and entry.actor is None and not entry.by_reporter
    assert AuditEntry.objects.filter(case_id=case.pk, data__by="system").exists()


def test_a_transition_has_exactly_one_origin(case_in, handler):
    case = case_in("baru")
    with pytest.raises(ValueError):
        run_transition(case=case, name="verifikasi", actor=handler, by_system=True)
    with pytest.raises(ValueError):
        run_transition(case=case, name="verifikasi")


def test_reporter_in_the_wrong_state_is_told_the_state_not_the_role(case_in):
    case = case_in("baru")
    with pytest.raises(TransitionBlocked, match="tidak dapat dilakukan pada status"):
        run_transition(case=case, name="buka_kembali", by_reporter=True)


def test_staff_cannot_run_a_reporter_only_transition(case_in, handler):
    case = case_in("selesai")
    with pytest.raises(PermissionDenied, match="hanya dapat dilakukan oleh pelapor"):
        run_transition(case=case, name="buka_kembali", actor=handler)


def test_a_transition_sets_its_own_data_under_the_lock(case_in, handler):
    case = case_in("diverifikasi")
    case = run_transition(case=case, name="selesaikan", actor=handler, changes={"summary": "Loket dibuka pukul 7"})
    case.refresh_from_db()
    assert case.state == "selesai" and case.summary == "Loket dibuka pukul 7"


def test_data_for_a_transition_in_the_wrong_state_is_refused_and_not_kept(case_in, handler):
    case = case_in("baru")
    with pytest.raises(TransitionBlocked, match="tidak dapat dilakukan pada status"):
        run_transition(case=case, name="selesaikan", actor=handler, changes={"summary": "ringkasan"})
    case.refresh_from_db()
    assert case.summary == ""


def test_an_outsider_learns_nothing_from_the_data_check(case_in, make_user):
    case = case_in("diverifikasi")
    outsider = make_user(roles.PETUGAS_UPG)
    with pytest.raises(PermissionDenied):
        run_transition(case=case, name="selesaikan", actor=outsider, changes={"summary": "x" * 10})
    case.refresh_from_db()
    assert case.summary == ""


def test_invalid_data_is_refused_with_the_field_named(case_in, handler):
    from django.core.exceptions import ValidationError

    case = case_in("diverifikasi")
    with pytest.raises(ValidationError) as excinfo:
        run_transition(case=case, name="selesaikan", actor=handler, changes={"title": "x" * 201})
    assert "title" in excinfo.value.message_dict
    case.refresh_from_db()
    assert case.state == "diverifikasi"
