"""Every allowed and every forbidden step of a declaration, and who may take it.

administrasi → verifikasi ⇄ perlu_dilengkapi → (tidak_diproses); verifikasi → analisis
→ tidak_wajib | diteruskan_kpk → tindak_lanjut → selesai (penerimaan) | selesai
(penolakan). Each step through its service, by a Petugas UPG who is not the declarant.
"""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from accounts import roles
from casework import access
from casework.models import TimelineEntry
from casework.services import run_transition
from casework.workflow import TransitionBlocked
from gratifikasi import selectors
from gratifikasi.choices import JenisLaporan, State, StatusKpk
from gratifikasi.tests.conftest import PATHS, expire_completion_period
from security.models import AuditEntry

pytestmark = pytest.mark.django_db

STAFF_STEPS = [
    "registrasi",
    "minta_kelengkapan",
    "terima_lengkap",
    "tutup_tidak_lengkap",
    "simpulkan_tidak_wajib",
    "teruskan_kpk",
    "catat_sk",
    "tutup_penolakan",
    "catat_tindak_lanjut",
]
ALLOWED = [
    (State.ADMINISTRASI, "registrasi", State.VERIFIKASI),
    (State.VERIFIKASI, "minta_kelengkapan", State.PERLU_DILENGKAPI),
    (State.VERIFIKASI, "terima_lengkap", State.ANALISIS),
    (State.PERLU_DILENGKAPI, "tutup_tidak_lengkap", State.TIDAK_DIPROSES),
    (State.ANALISIS, "simpulkan_tidak_wajib", State.TIDAK_WAJIB),
    (State.ANALISIS, "teruskan_kpk", State.DITERUSKAN_KPK),
    (State.DITERUSKAN_KPK, "catat_sk", State.TINDAK_LANJUT),
    (State.TINDAK_LANJUT, "catat_tindak_lanjut", State.SELESAI),
]
# Declared from the state but refused by a condition for a penerimaan (see below).
BY_CONDITION = {(State.DITERUSKAN_KPK, "tutup_penolakan")}
FORBIDDEN = [
    (state, name)
    for state in PATHS
    for name in STAFF_STEPS
    if (state, name) not in {(s, n) for s, n, _ in ALLOWED} | BY_CONDITION
]
OTHER_ROLES = [role for role in roles.ROLE_NAMES if role != roles.PETUGAS_UPG]


@pytest.mark.parametrize(("source", "name", "target"), ALLOWED)
def test_allowed_step(declaration_in, advance, upg_officer, source, name, target):
    case = declaration_in(source, nilai=1_000_000)
    if name == "tutup_tidak_lengkap":
        expire_completion_period(case)
    case = advance(case, name)
    assert case.state == target
    entry = TimelineEntry.objects.filter(case=case).last()
    assert (entry.from_state, entry.to_state, entry.transition) == (source, target, name)
    assert entry.actor == upg_officer and not entry.by_reporter and entry.is_public
    audit = AuditEntry.objects.filter(case_id=case.pk, event="case.transition").last()
    assert audit.actor_id == upg_officer.pk and audit.data["transition"] == name
    assert (case.closed_at is not None) == (target in (State.SELESAI, State.TIDAK_WAJIB, State.TIDAK_DIPROSES))


@pytest.mark.parametrize(("source", "name"), FORBIDDEN)
def test_forbidden_step_is_refused_and_leaves_nothing(declaration_in, advance, source, name):
    case = declaration_in(source)
    history = TimelineEntry.objects.filter(case=case).count()
    with pytest.raises(TransitionBlocked) as excinfo:
        advance(case, name)
    assert "tidak dapat dilakukan pada status" in excinfo.value.reasons[0]
    case.refresh_from_db()
    assert case.state == source
    assert TimelineEntry.objects.filter(case=case).count() == history


# --- A refused gift ---------------------------------------------------------------------------


def test_a_refusal_is_forwarded_then_closed(declaration_in, advance):
    case = declaration_in(State.DITERUSKAN_KPK, jenis_laporan=JenisLaporan.PENOLAKAN)
    case = advance(case, "tutup_penolakan")
    assert case.state == State.SELESAI and case.closed_at is not None


def test_a_refusal_gets_no_sk(declaration_in, advance):
    case = declaration_in(State.DITERUSKAN_KPK, jenis_laporan=JenisLaporan.PENOLAKAN)
    with pytest.raises(ValidationError) as excinfo:
        advance(case, "catat_sk")
    assert "sk_status" in excinfo.value.message_dict
    case.refresh_from_db()
    assert case.state == State.DITERUSKAN_KPK and case.sk_status == ""


def test_a_received_gift_is_not_closed_as_a_refusal(declaration_in, advance):
    case = declaration_in(State.DITERUSKAN_KPK)
    with pytest.raises(TransitionBlocked) as excinfo:
        advance(case, "tutup_penolakan")
    assert excinfo.value.reasons == ["Hanya laporan penolakan yang ditutup tanpa keputusan KPK."]


def test_a_refusal_is_not_concluded_not_obligatory(declaration_in, advance):
    case = declaration_in(State.ANALISIS, jenis_laporan=JenisLaporan.PENOLAKAN)
    with pytest.raises(TransitionBlocked) as excinfo:
        advance(case, "simpulkan_tidak_wajib")
    assert "Hanya laporan penerimaan" in excinfo.value.reasons[0]


# --- What each step needs ---------------------------------------------------------------------


def test_registration_numbers_the_declaration(declaration_in):
    first = declaration_in(State.VERIFIKASI)
    second = declaration_in(State.VERIFIKASI)
    assert first.reference.startswith("GRT/")
    assert first.registered_at is not None
    year = first.registered_at.year
    assert (first.nomor_registrasi_upg, second.nomor_registrasi_upg) == (f"UPG/{year}/0001", f"UPG/{year}/0002")


def test_a_completion_request_says_what_to_complete(declaration_in, advance):
    case = declaration_in(State.VERIFIKASI)
    with pytest.raises(TransitionBlocked) as excinfo:
        advance(case, "minta_kelengkapan", catatan="  ")
    assert excinfo.value.reasons == ["Tuliskan apa yang perlu dilengkapi pelapor."]
    case = advance(case, "minta_kelengkapan", catatan="Lampirkan foto.")
    assert case.catatan_kelengkapan == "Lampirkan foto."
    assert TimelineEntry.objects.filter(case=case).last().public_note == "Lampirkan foto."


def test_not_obligatory_needs_a_rule_in_force_on_the_day_received(declaration_in, advance):
    from datetime import date

    from gratifikasi.models import ExemptionRule

    case = declaration_in(State.ANALISIS, nilai=1_000_000)
    with pytest.raises(ValidationError) as excinfo:
        advance(case, "simpulkan_tidak_wajib", rule=None)
    assert excinfo.value.message_dict == {"rule": ["Pilih ketentuan yang menjadi dasar kesimpulan."]}
    deleted = ExemptionRule.objects.get(category="upacara", effective_from=date(2019, 1, 1))
    with pytest.raises(ValidationError) as excinfo:
        advance(case, "simpulkan_tidak_wajib", rule=deleted)
    assert "tidak berlaku pada tanggal gratifikasi diterima" in excinfo.value.message_dict["rule"][0]
    case = advance(case, "simpulkan_tidak_wajib")
    assert case.aturan_dikutip.category == "upacara"
    assert "Peraturan KPK 2/2019 Pasal 2 ayat (3) huruf l" in TimelineEntry.objects.filter(case=case).last().public_note


def test_forwarding_needs_the_kpk_reference(declaration_in, advance):
    case = declaration_in(State.ANALISIS)
    with pytest.raises(TransitionBlocked) as excinfo:
        advance(case, "teruskan_kpk", kpk_nomor="", kpk_tanggal=None)
    assert excinfo.value.reasons == ["Isi nomor registrasi KPK (GOL) dan tanggal penerusan ke KPK."]
    with pytest.raises(TransitionBlocked):
        advance(case, "teruskan_kpk", rekomendasi="")


def test_an_sk_needs_its_scan_of_an_accepted_type(declaration_in, advance):
    from casework.tests.samples import HTML_PAGE, upload

    case = declaration_in(State.DITERUSKAN_KPK)
    with pytest.raises(ValidationError) as excinfo:
        advance(case, "catat_sk", sk_scan=None)
    assert list(excinfo.value.message_dict) == ["sk_scan"]
    with pytest.raises(ValidationError) as excinfo:
        advance(case, "catat_sk", sk_scan=upload(HTML_PAGE, "sk.html", "text/html"))
    assert list(excinfo.value.message_dict) == ["sk_scan"]
    case.refresh_from_db()
    assert case.state == State.DITERUSKAN_KPK and not case.attachments.exists()
    case = advance(case, "catat_sk")
    sk = case.attachments.get()
    assert (sk.purpose, sk.content_type, sk.visible_to_reporter) == ("sk_kpk", "application/pdf", True)


def test_the_follow_up_must_fit_the_decision(declaration_in, advance):
    case = declaration_in(State.TINDAK_LANJUT)  # milik negara
    with pytest.raises(ValidationError) as excinfo:
        advance(case, "catat_tindak_lanjut", jenis="tidak_ada")
    assert "tindak_lanjut_jenis" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        advance(case, "catat_tindak_lanjut", nomor="")
    assert "tindak_lanjut_nomor" in excinfo.value.message_dict
    case.refresh_from_db()
    assert case.state == State.TINDAK_LANJUT


def test_compensation_records_its_value(declaration_in, advance):
    from decimal import Decimal

    case = declaration_in(State.DITERUSKAN_KPK)
    case = advance(case, "catat_sk", sk_status=StatusKpk.MILIK_NEGARA_KOMPENSASI)
    with pytest.raises(TypeError):
        advance(case, "catat_tindak_lanjut", jenis="kompensasi", kompensasi_nilai=2_000_000.0)
    case = advance(case, "catat_tindak_lanjut", jenis="kompensasi", kompensasi_nilai=Decimal(2_000_000))
    assert case.state == State.SELESAI and case.kompensasi_nilai == Decimal(2_000_000)


def test_owners_gift_needs_no_receipt_number(declaration_in, advance):
    case = declaration_in(State.DITERUSKAN_KPK)
    case = advance(case, "catat_sk", sk_status=StatusKpk.MILIK_PENERIMA)
    case = advance(case, "catat_tindak_lanjut", jenis="tidak_ada", nomor="")
    assert case.state == State.SELESAI


def test_a_receipt_scan_is_kept_with_the_follow_up(declaration_in, advance, scan):
    case = declaration_in(State.TINDAK_LANJUT)
    case = advance(case, "catat_tindak_lanjut", receipt=scan("bast.pdf"))
    assert case.attachments.filter(purpose="tanda_terima_tindak_lanjut").count() == 1


# --- Who may act ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_no_other_role_sees_or_handles_a_declaration(declaration_in, advance, make_user, role):
    case = declaration_in(State.ADMINISTRASI)
    outsider = make_user(role)
    assert not access.can_view(outsider, case)
    assert not access.visible_cases(outsider, kind="gratifikasi").exists()
    with pytest.raises(Http404):
        access.get_case_for_user(outsider, case.pk)
    with pytest.raises(PermissionDenied):
        advance(case, "registrasi", actor=outsider)
    case.refresh_from_db()
    assert case.state == State.ADMINISTRASI


@pytest.mark.parametrize(("source", "name", "_target"), ALLOWED)
def test_every_step_is_refused_to_a_role_without_it(
    declaration_in, advance, pimpinan, admin_sistem, source, name, _target
):
    case = declaration_in(source)
    for outsider in (pimpinan, admin_sistem, case.declarant):
        with pytest.raises(PermissionDenied):
            advance(case, name, actor=outsider)
    case.refresh_from_db()
    assert case.state == source


def test_an_officer_never_handles_their_own_declaration(submit_declaration, advance, upg_officer, other_officer):
    case = submit_declaration(declarant=upg_officer)
    assert not access.can_view(upg_officer, case)
    assert not access.inbox_cases(upg_officer).filter(pk=case.pk).exists()
    with pytest.raises(PermissionDenied):
        advance(case, "registrasi", actor=upg_officer)
    # Not even through a bare case row, as the engine locks some changes.
    assert not case.kind_spec.policy.can_act(upg_officer, case.case_ptr, "registrasi")
    assert access.can_view(other_officer, case)
    assert access.inbox_cases(other_officer).filter(pk=case.pk).exists()
    case = advance(case, "registrasi", actor=other_officer)
    assert case.state == State.VERIFIKASI


def test_the_officer_still_sees_their_declaration_as_its_declarant(submit_declaration, upg_officer):
    case = submit_declaration(declarant=upg_officer)
    assert selectors.get_own_declaration(user=upg_officer, pk=case.pk) == case


def test_a_declarant_reaches_only_their_own(submit_declaration, declarant, make_user):
    mine = submit_declaration()
    someone = make_user(roles.PEGAWAI)
    theirs = submit_declaration(declarant=someone)
    assert list(selectors.own_declarations(declarant)) == [mine]
    with pytest.raises(Http404):
        selectors.get_own_declaration(user=declarant, pk=theirs.pk)
    assert not access.can_view(declarant, mine)


def test_pimpinan_reads_the_recap_only(pimpinan, admin_sistem, upg_officer, declarant):
    from gratifikasi.policy import can_see_recap

    assert can_see_recap(pimpinan) and can_see_recap(upg_officer)
    assert not can_see_recap(admin_sistem) and not can_see_recap(declarant)


def test_a_recused_officer_is_out(declaration_in, advance, upg_officer):
    from casework.services import case_recuse

    case = declaration_in(State.ADMINISTRASI)
    case_recuse(case=case, user=upg_officer, reason="konflik")
    assert not access.can_view(upg_officer, case)
    with pytest.raises(PermissionDenied):
        advance(case, "registrasi")


def test_no_officer_completes_for_the_declarant(declaration_in, upg_officer):
    case = declaration_in(State.PERLU_DILENGKAPI)
    with pytest.raises(PermissionDenied):
        run_transition(case=case, name="lengkapi", actor=upg_officer)


def test_escalation_goes_to_officers_but_not_the_declarant(submit_declaration, upg_officer, other_officer):
    case = submit_declaration(declarant=upg_officer)
    assert case.kind_spec.policy.escalation_targets(case) == [other_officer]
