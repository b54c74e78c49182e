"""The pengaduan workflow: which transitions each state allows, and why the others are refused.

diterima → verifikasi → diverifikasi → disposisi → didisposisikan
         → catat_tindak_lanjut → ditindaklanjuti → jawab → dijawab → selesaikan → selesai
diterima → tunda → ditunda → lengkapi (pelapor) → diterima
ditunda → arsipkan_tidak_lengkap (after the complainant's time) → diarsipkan
diterima → bukan_wewenang → diteruskan;  diterima → arsipkan → diarsipkan
dijawab / selesai → buka_kembali (pelapor, sekali) → diverifikasi
"""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from casework.kinds import get_kind
from casework.models import TimelineEntry
from casework.services import run_transition
from casework.workflow import TransitionBlocked, available_transitions, transition_custom
from pengaduan import services, services_wbs
from pengaduan.choices import State
from security.models import AuditEntry

from .conftest import PATHS

STAFF_ALLOWED = [
    (State.DITERIMA, "verifikasi", State.DIVERIFIKASI),
    (State.DITERIMA, "tunda", State.DITUNDA),
    (State.DITERIMA, "bukan_wewenang", State.DITERUSKAN),
    (State.DITERIMA, "arsipkan", State.DIARSIPKAN),
    (State.DITUNDA, "arsipkan_tidak_lengkap", State.DIARSIPKAN),  # once the complainant's time ran out
    (State.DIVERIFIKASI, "disposisi", State.DIDISPOSISIKAN),
    (State.DIDISPOSISIKAN, "catat_tindak_lanjut", State.DITINDAKLANJUTI),
    (State.DITINDAKLANJUTI, "jawab", State.DIJAWAB),
    (State.DIJAWAB, "selesaikan", State.SELESAI),
    (State.DITERIMA, "usulkan_wbs", State.MENUNGGU_PERSETUJUAN_WBS),
    (State.MENUNGGU_PERSETUJUAN_WBS, "tolak_wbs", State.DITERIMA),  # a handler withdraws the proposal
]
STAFF_TRANSITIONS = [
    "verifikasi",
    "tunda",
    "bukan_wewenang",
    "arsipkan",
    "arsipkan_tidak_lengkap",
    "disposisi",
    "catat_tindak_lanjut",
    "jawab",
    "selesaikan",
    "usulkan_wbs",
    "tolak_wbs",
]
REPORTER_ALLOWED = [
    (State.DITUNDA, "lengkapi", State.DITERIMA),
    (State.DIJAWAB, "buka_kembali", State.DIVERIFIKASI),
    (State.SELESAI, "buka_kembali", State.DIVERIFIKASI),
    (State.MENUNGGU_PERSETUJUAN_WBS, "setujui_wbs", State.DIPINDAHKAN_KE_WBS),
    (State.MENUNGGU_PERSETUJUAN_WBS, "tolak_wbs", State.DITERIMA),
]
REPORTER_TRANSITIONS = ["lengkapi", "buka_kembali", "setujui_wbs", "tolak_wbs"]
FINAL = {State.DITERUSKAN, State.DIARSIPKAN, State.SELESAI, State.DIPINDAHKAN_KE_WBS}


def test_the_kind_is_registered_with_safe_defaults():
    kind = get_kind("pengaduan")
    assert (kind.prefix, kind.initial_state, kind.model_label) == ("PGD", "diterima", "pengaduan.Pengaduan")
    assert kind.final_states == {"diteruskan", "diarsipkan", "selesai", "dipindahkan_ke_wbs"}
    assert (kind.default_confidentiality, kind.default_anonymous) == ("rahasia", True)
    assert set(kind.state_labels) == set(State.values)
    assert kind.state_label("ditunda") == "Ditunda, menunggu kelengkapan dari pelapor"


@pytest.mark.parametrize(("source", "name", "target"), STAFF_ALLOWED)
def test_allowed_staff_transition(case_in, advance, source, name, target):
    case = case_in(source)
    case = advance(case, name)
    assert case.state == target
    assert (case.closed_at is not None) == (target in FINAL)
    entry = TimelineEntry.objects.filter(case=case).last()
    assert (entry.from_state, entry.to_state, entry.transition) == (source, target, name)
    assert entry.actor is not None and not entry.by_reporter
    assert AuditEntry.objects.filter(case_id=case.pk, event="case.transition", data__transition=name).exists()


STAFF_FORBIDDEN = [
    (source, name)
    for source in State
    for name in STAFF_TRANSITIONS
    if (source, name) not in {(s, n) for s, n, _t in STAFF_ALLOWED}
]


@pytest.mark.parametrize(("source", "name"), STAFF_FORBIDDEN)
def test_forbidden_staff_transition_is_refused_with_a_reason(case_in, advance, handler, source, name):
    case = case_in(source)
    before = TimelineEntry.objects.filter(case=case).count()
    with pytest.raises(TransitionBlocked) as excinfo:
        advance(case, name, actor=handler)  # the handler may run every staff transition
    assert excinfo.value.reasons == [
        f"Tindakan ini tidak dapat dilakukan pada status “{case.kind_spec.state_label(source)}”."
    ]
    case.refresh_from_db()
    assert case.state == source
    assert TimelineEntry.objects.filter(case=case).count() == before


@pytest.mark.parametrize(("source", "name", "target"), REPORTER_ALLOWED)
def test_allowed_reporter_transition(case_in, source, name, target):
    case = case_in(source)
    case = run_transition(case=case, name=name, by_reporter=True)
    assert case.state == target and (case.closed_at is not None) == (target in FINAL)
    entry = TimelineEntry.objects.filter(case=case).last()
    assert entry.by_reporter and entry.actor is None and entry.is_public


REPORTER_FORBIDDEN = [
    (source, name)
    for source in State
    for name in REPORTER_TRANSITIONS
    if (source, name) not in {(s, n) for s, n, _t in REPORTER_ALLOWED}
]


REPORTER_SERVICES = {
    "lengkapi": lambda case: services.pengaduan_supply_information(case=case, reply="Nomor antrean saya 112."),
    "buka_kembali": lambda case: services.pengaduan_rate(case=case, rating=1, reopen=True),
    "setujui_wbs": lambda case: services_wbs.pengaduan_move_to_wbs(case=case),
    "tolak_wbs": lambda case: services_wbs.pengaduan_keep_as_complaint(case=case),
}


@pytest.mark.parametrize(("source", "name"), REPORTER_FORBIDDEN)
def test_forbidden_reporter_transition_is_refused_with_a_reason(case_in, source, name):
    case = case_in(source)
    with pytest.raises((TransitionBlocked, ValidationError)) as excinfo:
        REPORTER_SERVICES[name](case)
    if name != "buka_kembali":
        assert "tidak dapat dilakukan pada status" in excinfo.value.reasons[0]
    else:
        assert excinfo.value.messages == ["Jawaban dapat dinilai setelah pengaduan dijawab."]
    # The engine's own path refuses too (with a less precise reason, see the report).
    with pytest.raises((TransitionBlocked, PermissionDenied)):
        run_transition(case=case, name=name, by_reporter=True)
    case.refresh_from_db()
    assert case.state == source and not case.messages.exists()


@pytest.mark.parametrize("name", [n for n in STAFF_TRANSITIONS if n not in REPORTER_TRANSITIONS])
def test_the_complainant_cannot_run_a_staff_transition(case_in, name):
    source = next(s for s, n, _t in STAFF_ALLOWED if n == name)
    case = case_in(source)
    with pytest.raises(PermissionDenied):
        run_transition(case=case, name=name, by_reporter=True)


def test_no_staff_member_reopens_for_the_complainant(case_in, handler):
    case = case_in(State.DIJAWAB)
    with pytest.raises(PermissionDenied):
        run_transition(case=case, name="buka_kembali", actor=handler)


def test_a_handler_may_record_information_given_by_phone(case_in, handler):
    case = case_in(State.DITUNDA)
    case = run_transition(case=case, name="lengkapi", actor=handler, note="Pelapor menelepon: antrean nomor 112.")
    assert case.state == State.DITERIMA


def test_every_transition_is_labelled_and_public():
    """The complainant is told of every status change (domain.md §3)."""
    for source, name, _target in STAFF_ALLOWED + REPORTER_ALLOWED:
        from pengaduan.models import Pengaduan

        case = Pengaduan(state=source)
        custom = transition_custom(case, name)
        assert custom["public"] is True
        assert str(custom["label"])


def test_the_available_transitions_of_each_state():
    from pengaduan.models import Pengaduan

    expected = {
        State.DITERIMA: {"verifikasi", "tunda", "bukan_wewenang", "arsipkan", "usulkan_wbs"},
        State.DITUNDA: {"lengkapi", "arsipkan_tidak_lengkap"},
        State.DIVERIFIKASI: {"disposisi"},
        State.DIDISPOSISIKAN: {"catat_tindak_lanjut"},
        State.DITINDAKLANJUTI: {"jawab"},
        State.DIJAWAB: {"selesaikan", "buka_kembali"},
        State.SELESAI: {"buka_kembali"},
        State.DITERUSKAN: set(),
        State.DIARSIPKAN: set(),
        State.MENUNGGU_PERSETUJUAN_WBS: {"setujui_wbs", "tolak_wbs"},
        State.DIPINDAHKAN_KE_WBS: set(),
    }
    assert set(expected) == set(State)
    for state, names in expected.items():
        assert set(available_transitions(Pengaduan(state=state))) == names, state


def test_the_paths_of_the_fixtures_cover_every_state():
    assert set(PATHS) == set(State)


def test_the_state_cannot_be_set_directly(case_in):
    case = case_in(State.DITERIMA)
    with pytest.raises(AttributeError):
        case.state = State.SELESAI


def test_the_answer_is_dated_and_shown_to_the_complainant(case_in, advance):
    case = advance(case_in(State.DITINDAKLANJUTI), "jawab")
    assert case.answered_at is not None
    entry = TimelineEntry.objects.filter(case=case, transition="jawab").get()
    assert entry.is_public and entry.public_note == case.jawaban


def test_the_complainant_supplies_the_missing_information(case_in):
    case = case_in(State.DITUNDA)
    request_entry = TimelineEntry.objects.get(case=case, transition="tunda")
    assert request_entry.is_public and request_entry.public_note == "Mohon sebutkan nomor antrean Anda."
    case = services.pengaduan_supply_information(case=case, reply="Nomor antrean saya 112.")
    assert case.state == State.DITERIMA
    assert case.messages.get().body == "Nomor antrean saya 112."


def test_supplying_information_to_a_case_that_did_not_ask_changes_nothing(case_in):
    case = case_in(State.DIVERIFIKASI)
    with pytest.raises(TransitionBlocked):
        services.pengaduan_supply_information(case=case, reply="Informasi tambahan.")
    assert not case.messages.exists()


# --- Conditions and the data each transition needs ------------------------------------------


def test_forwarding_needs_the_body_it_goes_to(case_in, handler):
    case = case_in(State.DITERIMA)
    with pytest.raises(TransitionBlocked) as excinfo:
        services.pengaduan_forward(case=case, actor=handler, forwarded_to="  ")
    assert excinfo.value.reasons == [
        "Tuliskan instansi tujuan penerusan (misalnya OPD lain, Ombudsman, KPK, atau kepolisian)."
    ]
    case.refresh_from_db()
    assert case.state == State.DITERIMA


def test_forwarding_records_where(case_in, handler):
    case = services.pengaduan_forward(case=case_in(State.DITERIMA), actor=handler, forwarded_to="Polres Kota")
    assert (case.state, case.forwarded_to) == (State.DITERUSKAN, "Polres Kota")


def test_the_generic_transition_path_explains_missing_data(case_in, handler):
    """The engine's generic case page runs transitions without the kind's data: it says why."""
    case = case_in(State.DITERIMA)
    with pytest.raises(TransitionBlocked) as excinfo:
        run_transition(case=case, name="arsipkan", actor=handler)
    assert excinfo.value.reasons == ["Pilih alasan pengarsipan."]
    case = case_in(State.DIVERIFIKASI)
    with pytest.raises(TransitionBlocked) as excinfo:
        run_transition(case=case, name="disposisi", actor=handler)
    assert excinfo.value.reasons == ["Pilih unit kerja tujuan disposisi."]
    case = case_in(State.DIDISPOSISIKAN)
    with pytest.raises(TransitionBlocked) as excinfo:
        run_transition(case=case, name="catat_tindak_lanjut", actor=handler)
    assert excinfo.value.reasons == ["Uraian tindak lanjut wajib diisi."]
    case = case_in(State.DITINDAKLANJUTI)
    with pytest.raises(TransitionBlocked) as excinfo:
        run_transition(case=case, name="jawab", actor=handler)
    assert excinfo.value.reasons == ["Jawaban untuk pelapor wajib diisi."]


def test_an_empty_follow_up_or_answer_is_refused(case_in, handler, unit_member):
    case = case_in(State.DIDISPOSISIKAN)
    with pytest.raises(TransitionBlocked, match="Uraian tindak lanjut wajib diisi"):
        services.pengaduan_record_follow_up(case=case, actor=unit_member, summary=" ")
    case = case_in(State.DITINDAKLANJUTI)
    with pytest.raises(TransitionBlocked, match="Jawaban untuk pelapor wajib diisi"):
        services.pengaduan_answer(case=case, actor=handler, answer="")


def test_asking_for_information_needs_the_question(case_in, handler):
    with pytest.raises(ValidationError, match="informasi apa yang perlu dilengkapi"):
        services.pengaduan_request_information(case=case_in(State.DITERIMA), actor=handler, question="")


@pytest.mark.parametrize("reason", ["spam", "kasar", "tidak_jelas"])
def test_archiving_for_a_reason(case_in, handler, reason):
    case = services.pengaduan_archive(case=case_in(State.DITERIMA), actor=handler, reason=reason)
    assert (case.state, case.archive_reason, case.duplicate_of) == (State.DIARSIPKAN, reason, None)
    assert AuditEntry.objects.get(case_id=case.pk, data__transition="arsipkan").data["reason"] == reason


def test_an_unknown_archive_reason_is_refused(case_in, handler):
    case = case_in(State.DITERIMA)
    with pytest.raises(ValidationError) as excinfo:
        services.pengaduan_archive(case=case, actor=handler, reason="bosan")
    assert "archive_reason" in excinfo.value.message_dict
    case.refresh_from_db()
    assert case.state == State.DITERIMA and case.archive_reason == ""


def test_a_duplicate_names_its_original(case_in, handler):
    case = case_in(State.DITERIMA)
    with pytest.raises(TransitionBlocked) as excinfo:
        services.pengaduan_archive(case=case, actor=handler, reason="duplikat")
    assert excinfo.value.reasons == ["Pengaduan duplikat harus menyebut pengaduan asalnya."]
    original = case_in(State.DIVERIFIKASI)
    case = services.pengaduan_archive(case=case, actor=handler, reason="duplikat", duplicate_of=original)
    assert case.duplicate_of == original
    assert list(original.duplicates.all()) == [case]


def test_a_duplicate_of_itself_or_of_a_closed_case_is_refused(case_in, handler):
    case = case_in(State.DITERIMA)
    with pytest.raises(ValidationError, match="dirinya sendiri"):
        services.pengaduan_archive(case=case, actor=handler, reason="duplikat", duplicate_of=case)
    closed = case_in(State.DIARSIPKAN)
    with pytest.raises(ValidationError, match="sudah ditutup"):
        services.pengaduan_archive(case=case, actor=handler, reason="duplikat", duplicate_of=closed)


def test_the_original_of_a_duplicate_is_only_for_duplicates(case_in, handler):
    case, original = case_in(State.DITERIMA), case_in(State.DITERIMA)
    with pytest.raises(ValidationError) as excinfo:
        services.pengaduan_archive(case=case, actor=handler, reason="spam", duplicate_of=original)
    assert excinfo.value.message_dict["duplicate_of"] == [
        "Pengaduan asal hanya diisi untuk pengaduan yang diarsipkan sebagai duplikat."
    ]


def test_disposition_needs_an_active_unit(case_in, handler, units):
    case = case_in(State.DIVERIFIKASI)
    units["kelahiran"].is_active = False
    units["kelahiran"].save()
    with pytest.raises(ValidationError, match="unit kerja yang aktif"):
        services.pengaduan_route_to_unit(case=case, actor=handler, unit=units["kelahiran"])
    case.refresh_from_db()
    assert case.unit is None


def test_verification_may_correct_the_category_and_type(case_in, handler):
    from pengaduan.models import KategoriLayanan

    kk = KategoriLayanan.objects.get(slug="kk")
    case = services.pengaduan_verify(
        case=case_in(State.DITERIMA), actor=handler, kategori=kk, jenis="permintaan_informasi"
    )
    case.refresh_from_db()
    assert (case.kategori, case.jenis) == (kk, "permintaan_informasi")


def test_a_refused_transition_keeps_none_of_its_data(case_in, handler):
    case = case_in(State.DIVERIFIKASI)
    with pytest.raises(TransitionBlocked):
        services.pengaduan_forward(case=case, actor=handler, forwarded_to="Ombudsman RI")
    case.refresh_from_db()
    assert case.forwarded_to == ""


# --- Reopen once -----------------------------------------------------------------------------


def test_reopen_only_once(case_in, advance):
    case = case_in(State.DIJAWAB)
    case = run_transition(case=case, name="buka_kembali", by_reporter=True)
    assert (case.state, case.reopened_count) == (State.DIVERIFIKASI, 1)
    for name in ["disposisi", "catat_tindak_lanjut", "jawab"]:
        case = advance(case, name)
    with pytest.raises(TransitionBlocked) as excinfo:
        run_transition(case=case, name="buka_kembali", by_reporter=True)
    assert excinfo.value.reasons == [
        "Pengaduan hanya dapat dibuka kembali satu kali, dan pengaduan ini sudah pernah dibuka kembali."
    ]
    case.refresh_from_db()
    assert (case.state, case.reopened_count) == (State.DIJAWAB, 1)


def test_reopening_a_closed_case_opens_it_again(case_in):
    case = case_in(State.SELESAI)
    assert case.closed_at is not None
    case = run_transition(case=case, name="buka_kembali", by_reporter=True)
    assert case.closed_at is None and case.is_open
