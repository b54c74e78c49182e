"""Every step of a conflict case, who may take it and who may not, from which state, and
what each step records."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from benturan import services
from benturan.choices import PURPOSE_BUKTI_PELAKSANAAN, Clock, JenisPengendalian, Keputusan, State
from benturan.models import Benturan, Pengendalian
from casework.models import Attachment, Deadline
from casework.tests.samples import pdf_with_metadata, upload
from casework.workflow import TransitionBlocked

from .conftest import PEOPLE, escalate

#: Each staff step, the state it starts from and the state it leads to.
STEPS = {
    "mulai_analisis": (State.DIAJUKAN, State.ANALISIS),
    "putuskan_pengendalian": (State.ANALISIS, State.PELAKSANAAN),
    "putuskan_tidak_ada_konflik": (State.ANALISIS, State.TIDAK_ADA_KONFLIK),
    "catat_pelaksanaan": (State.PELAKSANAAN, State.PEMANTAUAN),
    "selesaikan": (State.PEMANTAUAN, State.SELESAI),
}
DECISIONS = ("mulai_analisis", "putuskan_pengendalian", "putuskan_tidak_ada_konflik")
FOLLOW_UPS = ("catat_pelaksanaan", "selesaikan")


def _case_at(case_in, step, **kwargs):
    return case_in(STEPS[step][0], **kwargs)


def _allowed(step, *, decides, tim_may_follow=True):
    people = set(decides)
    if step in FOLLOW_UPS and tim_may_follow:
        people.add("tim")
    return people


# --- A declaration by the pegawai, decided by their kasi --------------------------------------


@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize("step", STEPS)
def test_who_may_take_each_step_of_a_declaration(request, case_in, advance, step, person):
    case = _case_at(case_in, step)
    actor = request.getfixturevalue(person)
    if person in _allowed(step, decides={"kasi"}):
        assert advance(case, step, actor=actor).state == STEPS[step][1]
    else:
        with pytest.raises(PermissionDenied):
            advance(case, step, actor=actor)
        assert Benturan.objects.get(pk=case.pk).state == STEPS[step][0]


@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize("step", STEPS)
def test_who_may_take_each_step_of_a_report(request, case_in, advance, step, person):
    """The colleague reports the pegawai: neither the reporter nor the reported may act."""
    case = _case_at(case_in, step, report_it=True)
    actor = request.getfixturevalue(person)
    if person in _allowed(step, decides={"kasi"}):
        assert advance(case, step, actor=actor).state == STEPS[step][1]
    else:
        with pytest.raises(PermissionDenied):
            advance(case, step, actor=actor)


@pytest.mark.parametrize("person", ["tim", "kabid", "kadis", "inspektorat"])
@pytest.mark.parametrize("step", STEPS)
def test_a_case_of_the_head_of_the_dinas_is_decided_by_the_tim(request, case_in, advance, kadis, step, person):
    case = _case_at(case_in, step, declarant=kadis)
    actor = request.getfixturevalue(person)
    if person == "tim":
        assert advance(case, step, actor=actor).state == STEPS[step][1]
    else:
        with pytest.raises(PermissionDenied):
            advance(case, step, actor=actor)


@pytest.mark.parametrize("step", STEPS)
def test_a_tim_member_who_is_a_party_takes_no_step(case_in, advance, tim, step):
    case = _case_at(case_in, step, declarant=tim)
    with pytest.raises(PermissionDenied):
        advance(case, step, actor=tim)


@pytest.mark.parametrize("step", STEPS)
def test_a_superior_who_is_a_party_takes_no_step(case_in, advance, kasi, kabid, step):
    case = _case_at(case_in, step, pihak_pegawai=[kasi])
    with pytest.raises(PermissionDenied):
        advance(case, step, actor=kasi)
    assert advance(case, step, actor=kabid).state == STEPS[step][1]


# --- Escalation: the next superior decides once the decision was late --------------------------


@pytest.mark.parametrize("step", DECISIONS)
def test_the_next_superior_decides_only_after_escalation(case_in, advance, kabid, kasi, step):
    case = _case_at(case_in, step)
    with pytest.raises(PermissionDenied):
        advance(case, step, actor=kabid)
    escalate(case)
    assert advance(case, step, actor=kabid).state == STEPS[step][1]


def test_the_superior_still_decides_after_escalation(case_in, advance, kasi):
    case = case_in(State.ANALISIS)
    escalate(case)
    assert advance(case, "putuskan_tidak_ada_konflik", actor=kasi).state == State.TIDAK_ADA_KONFLIK


def test_with_nobody_above_escalation_reaches_the_tim(case_in, advance, kasi, kabid, tim):
    case = case_in(State.ANALISIS, pihak_pegawai=[kasi])  # kabid decides, nobody but the kadis above
    assert case.atasan == kabid
    case_top = case_in(State.ANALISIS, pihak_pegawai=[kasi, kabid])
    assert case_top.atasan is not None and case_top.eskalasi_ke is None
    with pytest.raises(PermissionDenied):
        advance(case_top, "putuskan_tidak_ada_konflik", actor=tim)
    escalate(case_top)
    assert advance(case_top, "putuskan_tidak_ada_konflik", actor=tim).state == State.TIDAK_ADA_KONFLIK


# --- Steps from the wrong state -----------------------------------------------------------------


@pytest.mark.parametrize("state", [state for state in State if state not in (State.SELESAI,)])
@pytest.mark.parametrize("step", STEPS)
def test_a_step_from_another_state_is_refused_and_says_why(case_in, advance, kasi, step, state):
    if STEPS[step][0] == state:
        return
    case = case_in(state)
    with pytest.raises(TransitionBlocked) as refused:
        advance(case, step, actor=kasi)
    assert refused.value.reasons[0].startswith("Tindakan ini tidak dapat dilakukan pada status")
    assert Benturan.objects.get(pk=case.pk).state == state


@pytest.mark.parametrize("step", STEPS)
def test_a_finished_case_takes_no_step(case_in, advance, kasi, step):
    case = case_in(State.SELESAI)
    with pytest.raises((TransitionBlocked, PermissionDenied)):
        advance(case, step, actor=kasi)


# --- What the decision records ---------------------------------------------------------------------


def test_each_control_is_its_own_record(case_in, advance, pegawai, kasi, outsider, colleague):
    case = case_in(State.ANALISIS, rujukan_kasus="")
    case = advance(
        case,
        "putuskan_pengendalian",
        controls=[JenisPengendalian.RECUSAL, JenisPengendalian.PENGALIHAN_TUGAS, JenisPengendalian.PENCATATAN],
        pengganti=outsider,
        pihak_nama="CV Sinar Cetak",
        pihak_pegawai=colleague,
        uraian="Berlaku untuk seluruh pengadaan tahun 2026.",
    )
    assert case.state == State.PELAKSANAAN
    assert case.keputusan == Keputusan.KONFLIK and case.diputuskan_oleh == kasi and case.diputuskan_pada
    controls = {control.jenis: control for control in Pengendalian.objects.filter(benturan=case)}
    assert set(controls) == {"recusal", "pengalihan_tugas", "pencatatan"}
    for control in controls.values():
        assert control.pejabat == pegawai
        assert control.hal == "Evaluasi dan penetapan pemenang pengadaan blangko KTP-el 2026"
        assert control.pihak_nama == "CV Sinar Cetak" and control.pihak_pegawai == colleague
        assert control.diputuskan_oleh == kasi
    # Only the handover names who takes the task over.
    assert controls["pengalihan_tugas"].pengganti == outsider
    assert controls["recusal"].pengganti is None and controls["pencatatan"].pengganti is None
    deadline = Deadline.objects.get(case=case, clock=Clock.KEPUTUSAN)
    assert deadline.completed_at is not None and case.due_date is None


def test_a_control_names_the_sigap_case_the_declaration_named(case_in, advance, declare):
    other = declare(hal="Penerbitan akta")
    case = case_in(State.PELAKSANAAN, rujukan_kasus=f" {other.reference.lower()} ")
    assert case.rujukan_kasus == other.reference and case.kasus_terkait_id == other.pk
    assert {control.kasus_id for control in Pengendalian.objects.filter(benturan=case)} == {other.pk}


def test_a_number_that_names_no_case_is_kept_as_written(case_in):
    case = case_in(State.DIAJUKAN, rujukan_kasus="PGD/2026/999999")
    assert case.rujukan_kasus == "PGD/2026/999999" and case.kasus_terkait is None


@pytest.mark.parametrize(
    ("arguments", "field", "message"),
    [
        ({"controls": []}, "controls", "Pilih setidaknya satu bentuk pengendalian."),
        ({"controls": ["pemecatan"]}, "controls", "Bentuk pengendalian yang dipilih tidak dikenal. Pilih dari daftar."),
        ({"hal": "  "}, "hal", "Tuliskan keputusan, kegiatan, atau tugas yang dikendalikan."),
        ({"pengganti": None}, "pengganti", "Pilih pegawai yang mengambil alih tugas."),
    ],
)
def test_a_decision_missing_something_is_refused_on_its_field(case_in, advance, arguments, field, message):
    case = case_in(State.ANALISIS)
    with pytest.raises(ValidationError) as refused:
        advance(case, "putuskan_pengendalian", **arguments)
    assert refused.value.message_dict[field] == [message]
    assert not Pengendalian.objects.filter(benturan=case).exists()
    assert Benturan.objects.get(pk=case.pk).state == State.ANALISIS


@pytest.mark.parametrize("who", ["pegawai", "colleague"])
def test_the_colleague_who_takes_over_is_no_party(request, case_in, advance, colleague, who):
    case = case_in(State.ANALISIS, pihak_pegawai=[colleague])
    with pytest.raises(ValidationError) as refused:
        advance(case, "putuskan_pengendalian", pengganti=request.getfixturevalue(who))
    assert "pengganti" in refused.value.message_dict
    assert not Pengendalian.objects.filter(benturan=case).exists()


def test_a_successor_is_dropped_from_a_decision_without_handover(case_in, advance, outsider):
    case = advance(case_in(State.ANALISIS), "putuskan_pengendalian", controls=["recusal"], pengganti=outsider)
    assert Pengendalian.objects.get(benturan=case).pengganti is None


def test_a_decision_without_reasons_is_refused(case_in, advance):
    case = case_in(State.ANALISIS)
    with pytest.raises(TransitionBlocked) as refused:
        advance(case, "putuskan_pengendalian", alasan="  ")
    assert refused.value.reasons == ["Tuliskan alasan keputusan."]
    assert not Pengendalian.objects.filter(benturan=case).exists()


def test_an_undeclared_conflict_in_a_report_records_the_recommended_sanction(case_in, advance):
    case = case_in(State.ANALISIS, report_it=True)
    case = advance(
        case,
        "putuskan_pengendalian",
        tidak_dideklarasikan=True,
        rekomendasi_sanksi="Teguran tertulis sesuai PP 94/2021.",
    )
    assert case.tidak_dideklarasikan and case.rekomendasi_sanksi == "Teguran tertulis sesuai PP 94/2021."


def test_an_undeclared_conflict_needs_a_sanction_and_a_sanction_needs_one(case_in, advance):
    case = case_in(State.ANALISIS, report_it=True)
    with pytest.raises(TransitionBlocked):
        advance(case, "putuskan_pengendalian", tidak_dideklarasikan=True)
    with pytest.raises(TransitionBlocked):
        advance(case, "putuskan_pengendalian", rekomendasi_sanksi="Teguran tertulis.")
    assert not Pengendalian.objects.filter(benturan=case).exists()


def test_a_declared_conflict_is_never_recorded_as_undeclared(case_in, advance):
    case = case_in(State.ANALISIS)
    with pytest.raises(ValidationError) as refused:
        advance(case, "putuskan_pengendalian", tidak_dideklarasikan=True, rekomendasi_sanksi="Teguran.")
    assert "tidak_dideklarasikan" in refused.value.message_dict


def test_no_conflict_closes_the_case_and_stops_the_clock(case_in, advance, kasi):
    case = advance(case_in(State.ANALISIS), "putuskan_tidak_ada_konflik")
    assert case.state == State.TIDAK_ADA_KONFLIK and case.closed_at is not None
    assert case.keputusan == Keputusan.TIDAK_KONFLIK and case.diputuskan_oleh == kasi
    assert not Deadline.objects.filter(case=case, completed_at__isnull=True).exists()


def test_no_conflict_takes_no_sanction(case_in, advance):
    case = case_in(State.ANALISIS, report_it=True)
    locked = Benturan.objects.get(pk=case.pk)
    locked.rekomendasi_sanksi = "Teguran."
    locked.save(update_fields=["rekomendasi_sanksi"])
    with pytest.raises(TransitionBlocked):
        advance(locked, "putuskan_tidak_ada_konflik")


# --- Implementation and monitoring ---------------------------------------------------------------


def test_the_implementation_is_recorded_with_its_documents(case_in, advance, kasi):
    case = case_in(State.PELAKSANAAN)
    document = upload(pdf_with_metadata(), "surat-tugas.pdf", "application/pdf")
    case = advance(case, "catat_pelaksanaan", files=[document])
    assert case.state == State.PEMANTAUAN
    assert case.bukti_pelaksanaan == "Surat tugas pengganti Nomor 800/12/2026."
    stored = Attachment.objects.get(case=case)
    assert stored.purpose == PURPOSE_BUKTI_PELAKSANAAN and stored.uploaded_by == kasi
    assert not stored.visible_to_reporter


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (1, "Tanggal pelaksanaan tidak boleh setelah hari ini."),
        (-3, "Tanggal pelaksanaan tidak boleh sebelum tanggal keputusan."),
        (None, "Isi tanggal pengendalian mulai dilaksanakan."),
    ],
)
def test_the_implementation_date_is_checked(case_in, advance, day, message):
    case = case_in(State.PELAKSANAAN)
    tanggal = None if day is None else timezone.localdate() + timedelta(days=day)
    with pytest.raises(ValidationError) as refused:
        advance(case, "catat_pelaksanaan", tanggal=tanggal)
    assert refused.value.message_dict["tanggal_pelaksanaan"] == [message]


def test_monitoring_ends_the_case(case_in, advance):
    case = advance(case_in(State.PEMANTAUAN), "selesaikan")
    assert case.state == State.SELESAI and case.closed_at is not None
    assert case.hasil_pemantauan == "Penetapan pemenang dilakukan tanpa keikutsertaan pejabat."


def test_monitoring_without_a_result_is_refused(case_in, advance):
    with pytest.raises(TransitionBlocked) as refused:
        advance(case_in(State.PEMANTAUAN), "selesaikan", hasil="")
    assert refused.value.reasons == ["Tuliskan hasil pemantauan."]


def test_a_step_on_another_kind_of_case_is_a_programming_error(open_uji, kasi):
    other, _code = open_uji()
    with pytest.raises(ValueError):
        services.benturan_start_analysis(case=other, actor=kasi)
