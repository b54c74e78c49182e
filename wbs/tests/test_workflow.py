"""The WBS workflow (domain.md §4): which transitions each state allows, and why the
others are refused.

diterima → verifikasi → ditelaah → periksa → diperiksa → selesaikan → selesai
diterima → tunda → ditunda → lengkapi (pelapor) → diterima
ditelaah, diperiksa → teruskan → diteruskan
any open state → hentikan → tidak_dapat_ditindaklanjuti
diterima, ditelaah, diperiksa → kirim_pembaruan → (same state)
"""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from casework.kinds import get_kind
from casework.models import TimelineEntry
from casework.services import run_transition
from casework.workflow import TransitionBlocked, available_transitions
from security.models import AuditEntry
from wbs import services
from wbs.choices import Pemeriksa, State, Temuan, TujuanPenerusan

STAFF_ALLOWED = [
    (State.DITERIMA, "verifikasi", State.DITELAAH),
    (State.DITERIMA, "tunda", State.DITUNDA),
    (State.DITUNDA, "lengkapi", State.DITERIMA),
    (State.DITELAAH, "periksa", State.DIPERIKSA),
    (State.DITELAAH, "teruskan", State.DITERUSKAN),
    (State.DIPERIKSA, "teruskan", State.DITERUSKAN),
    (State.DIPERIKSA, "selesaikan", State.SELESAI),
    (State.DITERIMA, "hentikan", State.TIDAK_DAPAT_DITINDAKLANJUTI),
    (State.DITUNDA, "hentikan", State.TIDAK_DAPAT_DITINDAKLANJUTI),
    (State.DITELAAH, "hentikan", State.TIDAK_DAPAT_DITINDAKLANJUTI),
    (State.DIPERIKSA, "hentikan", State.TIDAK_DAPAT_DITINDAKLANJUTI),
    (State.DITERIMA, "kirim_pembaruan", State.DITERIMA),
    (State.DITELAAH, "kirim_pembaruan", State.DITELAAH),
    (State.DIPERIKSA, "kirim_pembaruan", State.DIPERIKSA),
]
STAFF_TRANSITIONS = sorted({name for _s, name, _t in STAFF_ALLOWED})
FINAL = {State.DITERUSKAN, State.SELESAI, State.TIDAK_DAPAT_DITINDAKLANJUTI}
STAFF_FORBIDDEN = [
    (source, name)
    for source in State
    for name in STAFF_TRANSITIONS
    if (source, name) not in {(s, n) for s, n, _t in STAFF_ALLOWED}
]


def test_the_kind_is_registered_secret_and_anonymous_by_default():
    kind = get_kind("wbs")
    assert (kind.prefix, kind.initial_state, kind.model_label) == ("WBS", "diterima", "wbs.LaporanWbs")
    assert kind.final_states == {"diteruskan", "selesai", "tidak_dapat_ditindaklanjuti"}
    assert (kind.default_confidentiality, kind.default_anonymous) == ("sangat_rahasia", True)
    assert set(kind.state_labels) == set(State.values)


def test_every_state_is_reachable_and_every_transition_is_listed(case_in):
    assert set(STAFF_TRANSITIONS) == {
        "verifikasi",
        "tunda",
        "lengkapi",
        "periksa",
        "teruskan",
        "selesaikan",
        "hentikan",
        "kirim_pembaruan",
    }
    for state in State:
        case = case_in(state)
        declared = set(available_transitions(case))
        assert declared == {name for s, name, _t in STAFF_ALLOWED if s == state}


@pytest.mark.parametrize(("source", "name", "target"), STAFF_ALLOWED)
def test_allowed_staff_transition(case_in, advance, source, name, target):
    case = case_in(source)
    case = advance(case, name)
    assert case.state == target
    assert (case.closed_at is not None) == (target in FINAL)
    entry = TimelineEntry.objects.filter(case=case).last()
    assert (entry.from_state, entry.to_state, entry.transition) == (source, target, name)
    assert entry.actor is not None and not entry.by_reporter
    # The reporter follows every step with the receipt code.
    assert entry.is_public
    assert AuditEntry.objects.filter(case_id=case.pk, event="case.transition", data__transition=name).exists()


@pytest.mark.parametrize(("source", "name"), STAFF_FORBIDDEN)
def test_forbidden_staff_transition_is_refused_with_the_state_named(case_in, wbs_handler, source, name):
    case = case_in(source)
    before = TimelineEntry.objects.filter(case=case).count()
    with pytest.raises(TransitionBlocked) as refused:
        run_transition(case=case, name=name, actor=wbs_handler)
    assert "tidak dapat dilakukan pada status" in refused.value.reasons[0]
    case.refresh_from_db()
    assert case.state == source
    assert TimelineEntry.objects.filter(case=case).count() == before


@pytest.mark.parametrize("source", [s for s in State if s != State.DITUNDA])
def test_the_reporter_may_answer_only_while_asked(case_in, source):
    case = case_in(source)
    with pytest.raises(TransitionBlocked):
        services.wbs_reporter_supply(case=case, reply="Kejadian terakhir Senin lalu.")
    assert not case.messages.exists()


@pytest.mark.parametrize("name", [n for n in STAFF_TRANSITIONS if n != "lengkapi"])
def test_the_reporter_may_run_no_staff_transition(case_in, name):
    source = next(s for s, n, _t in STAFF_ALLOWED if n == name)
    case = case_in(source)
    with pytest.raises(PermissionDenied):
        run_transition(case=case, name=name, by_reporter=True)


# --- Conditions explain the refusal --------------------------------------------------------


def test_an_incomplete_report_needs_the_reporter_or_a_reason(file_wbs, wbs_handler):
    case, _code = file_wbs(kapan="", dimana="")
    assert case.missing_elements() == ["dimana", "kapan"]
    with pytest.raises(TransitionBlocked) as refused:
        services.wbs_verify(case=case, actor=wbs_handler)
    assert "4W+1H" in refused.value.reasons[0]
    case = services.wbs_verify(
        case=case, actor=wbs_handler, alasan="Lokasi dan waktu dapat dipastikan dari jadwal piket loket."
    )
    assert case.state == State.DITELAAH


def test_a_report_without_a_reported_person_misses_who(file_wbs):
    case, _code = file_wbs(terlapor=[])
    assert case.missing_elements() == ["siapa"]


def test_asking_the_reporter_then_their_answer_completes_the_report(file_wbs, wbs_handler):
    case, _code = file_wbs(kapan="", terlapor=[])
    case = services.wbs_request_information(case=case, actor=wbs_handler, question="Kapan, dan siapa petugasnya?")
    assert case.state == State.DITUNDA
    asked = case.timeline.filter(transition="tunda").get()
    assert asked.is_public and asked.public_note == "Kapan, dan siapa petugasnya?"
    from wbs.reported import TerlaporInput

    case = services.wbs_reporter_supply(
        case=case,
        reply="Sudah saya lengkapi.",
        tambahan={"kapan": "Senin, 2 November 2026", "dimana": "Juga di loket 4"},
        terlapor=[TerlaporInput(nama="Petugas Loket Empat")],
    )
    assert case.state == State.DITERIMA and case.missing_elements() == []
    # An addition follows what the reporter wrote before; nothing is overwritten.
    assert case.dimana == "Loket 3, kantor Disdukcapil\n\nJuga di loket 4"
    assert case.messages.get().body == "Sudah saya lengkapi."
    entry = case.timeline.filter(transition="lengkapi").get()
    assert entry.by_reporter and entry.actor is None
    assert services.wbs_verify(case=case, actor=wbs_handler).state == State.DITELAAH


def test_the_reporter_must_write_an_answer(case_in):
    case = case_in(State.DITUNDA)
    with pytest.raises(ValidationError):
        services.wbs_reporter_supply(case=case, reply="  ")
    case.refresh_from_db()
    assert case.state == State.DITUNDA


def test_examination_needs_the_review_and_the_examiner(case_in, wbs_handler):
    case = case_in(State.DITELAAH)
    with pytest.raises(TransitionBlocked) as refused:
        services.wbs_examine(case=case, actor=wbs_handler, hasil_telaah="", pemeriksa="")
    assert len(refused.value.reasons) == 2
    case.refresh_from_db()
    assert case.hasil_telaah == "" and case.state == State.DITELAAH


def test_forwarding_needs_a_target_and_its_reference(case_in, wbs_handler):
    case = case_in(State.DIPERIKSA)
    with pytest.raises(TransitionBlocked) as refused:
        services.wbs_forward(case=case, actor=wbs_handler, forwarded_to=TujuanPenerusan.LAINNYA, forward_reference="")
    assert refused.value.reasons == [
        "Tuliskan nama instansi tujuan penerusan.",
        "Tuliskan nomor surat atau nomor registrasi penerusan.",
    ]
    case = services.wbs_forward(
        case=case,
        actor=wbs_handler,
        forwarded_to=TujuanPenerusan.LAINNYA,
        forwarded_to_name="Badan Kepegawaian Negara",
        forward_reference="800/17/BKN",
    )
    assert (case.state, case.forwarded_to_name, case.forward_reference) == (
        State.DITERUSKAN,
        "Badan Kepegawaian Negara",
        "800/17/BKN",
    )


def test_an_unknown_forwarding_target_is_a_field_error(case_in, wbs_handler):
    case = case_in(State.DITELAAH)
    with pytest.raises(ValidationError) as refused:
        services.wbs_forward(case=case, actor=wbs_handler, forwarded_to="dukun", forward_reference="1")
    assert "forwarded_to" in refused.value.message_dict


def test_a_proven_report_needs_recommendations(case_in, wbs_handler):
    case = case_in(State.DIPERIKSA)
    with pytest.raises(TransitionBlocked) as refused:
        services.wbs_conclude(case=case, actor=wbs_handler, temuan=Temuan.TERBUKTI)
    assert "rekomendasi" in refused.value.reasons[0]
    case = services.wbs_conclude(case=case, actor=wbs_handler, temuan=Temuan.TIDAK_TERBUKTI)
    assert (case.state, case.temuan) == (State.SELESAI, Temuan.TIDAK_TERBUKTI)


def test_the_reason_for_not_following_up_is_what_the_reporter_reads(case_in, wbs_handler):
    case = case_in(State.DITELAAH)
    with pytest.raises(TransitionBlocked):
        services.wbs_discontinue(case=case, actor=wbs_handler, alasan=" ")
    case = services.wbs_discontinue(case=case, actor=wbs_handler, alasan="Perkara sudah diputus pengadilan.")
    entry = case.timeline.filter(transition="hentikan").get()
    assert entry.is_public and entry.public_note == "Perkara sudah diputus pengadilan."


def test_news_without_text_is_refused_and_news_keeps_the_state(case_in, wbs_handler):
    case = case_in(State.DIPERIKSA)
    with pytest.raises(ValidationError):
        services.wbs_send_update(case=case, actor=wbs_handler, update="")
    case = services.wbs_send_update(case=case, actor=wbs_handler, update="Saksi sedang dimintai keterangan.")
    assert case.state == State.DIPERIKSA
    entry = case.timeline.last()
    assert (entry.transition, entry.from_state, entry.to_state) == ("kirim_pembaruan", "diperiksa", "diperiksa")
    assert entry.public_note == "Saksi sedang dimintai keterangan."


def test_a_wbs_report_can_never_be_made_publishable(file_wbs, wbs_handler):
    from casework.services import case_set_confidentiality

    case, _code = file_wbs()
    with pytest.raises(ValidationError):
        case_set_confidentiality(
            case=case, actor=wbs_handler, confidentiality="biasa", is_anonymous=True, reason="Untuk publikasi"
        )
    case.refresh_from_db()
    assert case.confidentiality == "sangat_rahasia"
    # Within the allowed levels the engine's rule applies (loosening needs a reason).
    case = case_set_confidentiality(
        case=case, actor=wbs_handler, confidentiality="rahasia", is_anonymous=True, reason="Perlu koordinasi"
    )
    assert case.confidentiality == "rahasia"


def test_services_refuse_a_case_of_another_kind(open_uji, wbs_handler):
    case, _code = open_uji()
    with pytest.raises(ValueError):
        services.wbs_verify(case=case, actor=wbs_handler)


def test_pemeriksa_choice_is_recorded(case_in, wbs_handler):
    case = case_in(State.DITELAAH)
    case = services.wbs_examine(
        case=case, actor=wbs_handler, hasil_telaah="Layak diperiksa.", pemeriksa=Pemeriksa.INSPEKTORAT
    )
    assert case.pemeriksa == Pemeriksa.INSPEKTORAT
    assert AuditEntry.objects.filter(case_id=case.pk, data__pemeriksa="inspektorat").exists()
