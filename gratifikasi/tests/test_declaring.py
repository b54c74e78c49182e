"""The declarant's two steps: declaring a gift, and completing a declaration sent back.

Both name the signed-in declarant in the history and the audit log; photos lose their
metadata and are stored encrypted; bad input is refused naming the field, and nothing is
stored then.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory
from django.utils import timezone

from casework.attachments import read_attachment, storage_path
from casework.models import Case, Deadline, TimelineEntry
from casework.tests.samples import METADATA_CANARIES
from casework.workflow import TransitionBlocked
from gratifikasi import services
from gratifikasi.choices import Clock, JenisLaporan, State
from gratifikasi.giver import giver_digest
from gratifikasi.tests.conftest import expire_completion_period
from security.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_a_declaration_is_filed_by_its_signed_in_declarant(submit_declaration, declarant, photo):
    request = RequestFactory().post("/", REMOTE_ADDR="10.0.0.7")
    case = submit_declaration(photos=[photo(), photo("kado.jpg")], request=request)
    assert case.state == State.ADMINISTRASI
    assert case.reference.startswith("GRT/")
    assert case.declarant == declarant and not case.is_anonymous and case.confidentiality == "rahasia"
    assert isinstance(case.nilai, Decimal) and case.nilai == Decimal(2_000_000)
    assert case.pemberi_digest == giver_digest("budi santoso")
    assert case.title == "Amplop berisi uang tunai pada resepsi pernikahan adik saya."
    entry = TimelineEntry.objects.get(case=case)
    assert entry.actor == declarant and entry.by_reporter and entry.is_public
    audit = AuditEntry.objects.get(case_id=case.pk, event="case.opened")
    assert audit.actor_id == declarant.pk and audit.data["client"] == "10.0.0.7"


def test_photos_are_stored_encrypted_without_their_metadata(submit_declaration, photo):
    case = submit_declaration(photos=[photo()])
    stored = case.attachments.get()
    assert (stored.purpose, stored.from_reporter, stored.visible_to_reporter) == ("foto", True, True)
    data = read_attachment(stored)
    assert data.startswith(b"\xff\xd8")
    assert not any(canary in data for canary in METADATA_CANARIES)
    assert b"\xff\xd8" not in storage_path(stored).read_bytes()[:2]


def test_the_legal_clock_starts_on_the_day_received(submit_declaration):
    received = timezone.localdate() - timedelta(days=2)
    case = submit_declaration(tanggal_terima=received)
    clock = Deadline.objects.get(case=case, clock=Clock.LAPOR_KPK)
    assert clock.started_on == received and clock.working_days == 30 and not clock.is_waiting_period
    upg = Deadline.objects.get(case=case, clock=Clock.UPG_KPK)
    assert upg.started_on == timezone.localdate() and upg.working_days == 10
    case.refresh_from_db()
    assert case.due_date == min(clock.due_date, upg.due_date)


def test_the_advice_is_recorded_but_never_blocks(submit_declaration):
    over = submit_declaration(nilai=Decimal(2_000_000))
    assert over.saran_pengecualian is None
    # Another guest at the same wedding: the first guest's gift is not theirs to sum.
    within = submit_declaration(nilai=Decimal(1_000_000), pemberi_nama="Tamu Lain")
    assert within.saran_pengecualian.category == "upacara"
    picked = submit_declaration(nilai=Decimal(100), category="investasi")
    assert picked.saran_pengecualian.category == "investasi"


def test_a_refusal_is_filed_with_no_advice(submit_declaration):
    case = submit_declaration(jenis_laporan=JenisLaporan.PENOLAKAN, nilai=Decimal(500_000))
    assert case.jenis_laporan == JenisLaporan.PENOLAKAN and case.saran_pengecualian is None


def test_a_refused_gift_cannot_be_handed_for_custody(submit_declaration):
    with pytest.raises(ValidationError) as excinfo:
        submit_declaration(jenis_laporan=JenisLaporan.PENOLAKAN, dititipkan=True)
    assert "dititipkan" in excinfo.value.message_dict


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"nama": ""}, "nama"),
        ({"nik": "12345"}, "nik"),
        ({"nik": "3201٠١4507950001"}, "nik"),
        ({"telepon": "telepon saya"}, "telepon"),
        ({"email": "bukan-email"}, "email"),
        ({"pemberi_nama": "  "}, "pemberi_nama"),
        ({"uraian": ""}, "uraian"),
        ({"nilai": Decimal(-1)}, "nilai"),
        ({"nilai": None}, "nilai"),
        ({"tanggal_terima": None}, "tanggal_terima"),
        ({"tanggal_terima": date(2000, 1, 3)}, "tanggal_terima"),
        ({"hubungan": "musuh"}, "hubungan"),
        ({"jenis_peristiwa": "pesta"}, "jenis_peristiwa"),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_stored(submit_declaration, overrides, field):
    with pytest.raises(ValidationError) as excinfo:
        submit_declaration(**overrides)
    assert field in excinfo.value.message_dict
    assert not Case.objects.exists()


def test_a_gift_received_in_the_future_is_refused(submit_declaration):
    with pytest.raises(ValidationError) as excinfo:
        submit_declaration(tanggal_terima=timezone.localdate() + timedelta(days=1))
    assert excinfo.value.message_dict["tanggal_terima"] == ["Tanggal diterima tidak boleh setelah hari ini."]


def test_nik_is_stored_without_separators(submit_declaration):
    case = submit_declaration(nik="3201 0145.0795-0001", email="Rina@Example.TEST")
    assert case.nik == "3201014507950001" and case.email == "rina@example.test"


def test_money_never_as_float(submit_declaration):
    with pytest.raises(TypeError):
        submit_declaration(nilai=2_000_000.0)
    assert not Case.objects.exists()


def test_too_many_photos_are_refused(submit_declaration, photo, settings):
    settings.SIGAP_ATTACHMENT_MAX_COUNT = 2
    with pytest.raises(ValidationError) as excinfo:
        submit_declaration(photos=[photo(), photo(), photo()])
    assert "foto" in excinfo.value.message_dict
    assert not Case.objects.exists()


def test_unknown_data_is_a_programming_error(submit_declaration):
    with pytest.raises(ValueError):
        submit_declaration(state="selesai")


def test_an_inactive_account_cannot_declare(submit_declaration, declarant):
    declarant.is_active = False
    declarant.save()
    with pytest.raises(PermissionDenied):
        submit_declaration()


# --- Completing a declaration sent back -------------------------------------------------------


def test_the_declarant_completes_with_corrections_recorded(declaration_in, declarant, photo):
    case = declaration_in(State.PERLU_DILENGKAPI)
    case = services.declaration_complete(
        case=case,
        declarant=declarant,
        jawaban="Foto amplop terlampir; alamat pemberi Jl. Asia Afrika 5.",
        data={"pemberi_nama": "Budi Santosa", "nilai": Decimal(2_500_000), "uraian": case.uraian},
        photos=[photo()],
        request=RequestFactory().post("/", REMOTE_ADDR="10.0.0.8"),
    )
    assert case.state == State.VERIFIKASI
    assert case.jawaban_kelengkapan.startswith("Foto amplop")
    assert case.nilai == Decimal(2_500_000)
    assert case.pemberi_digest == giver_digest("Budi Santosa")
    entry = TimelineEntry.objects.filter(case=case).last()
    assert entry.actor == declarant and entry.by_reporter and entry.transition == "lengkapi"
    assert entry.public_note == case.jawaban_kelengkapan
    assert "nama pemberi: Budi Santoso → Budi Santosa" in entry.note
    assert "Rp2.000.000 → Rp2.500.000" in entry.note
    assert "uraian" not in entry.note  # unchanged fields are not listed
    audit = AuditEntry.objects.filter(case_id=case.pk, event="case.transition").last()
    assert audit.actor_id == declarant.pk and audit.data["changed"] == ["nilai", "pemberi_nama"]
    assert audit.data["by"] == "reporter" and audit.data["client"] == "10.0.0.8"
    assert case.attachments.filter(purpose="foto", from_reporter=True).count() == 1


def test_a_corrected_date_received_moves_the_legal_limit_and_the_flags(declaration_in, declarant):
    case = declaration_in(State.PERLU_DILENGKAPI)
    earlier = case.tanggal_terima - timedelta(days=60)
    case = services.declaration_complete(
        case=case, declarant=declarant, jawaban="Tanggal yang benar.", data={"tanggal_terima": earlier}
    )
    clock = Deadline.objects.get(case=case, clock=Clock.LAPOR_KPK)
    assert clock.started_on == earlier
    assert case.terlambat_upg and case.terlambat_kpk


def test_a_completion_needs_an_answer(declaration_in, declarant):
    case = declaration_in(State.PERLU_DILENGKAPI)
    with pytest.raises(ValidationError):
        services.declaration_complete(case=case, declarant=declarant, jawaban="  ")
    case.refresh_from_db()
    assert case.state == State.PERLU_DILENGKAPI


def test_someone_else_cannot_complete_a_declaration(declaration_in, upg_officer, make_user):
    case = declaration_in(State.PERLU_DILENGKAPI)
    for other in (upg_officer, make_user("Pegawai")):
        with pytest.raises(PermissionDenied):
            services.declaration_complete(case=case, declarant=other, jawaban="Saya lengkapi.")
    case.refresh_from_db()
    assert case.state == State.PERLU_DILENGKAPI


def test_a_completion_is_refused_when_nothing_was_asked(declaration_in, declarant):
    case = declaration_in(State.VERIFIKASI)
    with pytest.raises(TransitionBlocked) as excinfo:
        services.declaration_complete(case=case, declarant=declarant, jawaban="Jawaban.")
    assert "tidak dapat dilakukan pada status" in excinfo.value.reasons[0]


def test_a_late_completion_is_accepted(declaration_in, declarant):
    case = declaration_in(State.PERLU_DILENGKAPI)
    expire_completion_period(case)
    case = services.declaration_complete(case=case, declarant=declarant, jawaban="Maaf terlambat.")
    assert case.state == State.VERIFIKASI


def test_corrections_only_of_the_giver_and_the_gift(declaration_in, declarant):
    case = declaration_in(State.PERLU_DILENGKAPI)
    with pytest.raises(ValueError):
        services.declaration_complete(case=case, declarant=declarant, jawaban="x", data={"nik": "3201014507950002"})


def test_a_form_sent_twice_at_once_files_one_declaration(declarant, declaration_data, monkeypatch):
    """The second request got past the first look-up before the first one committed: the
    database refuses its copy and the service answers with the declaration filed."""
    import uuid

    from gratifikasi.models import Gratifikasi

    key = uuid.uuid4()
    first = services.declaration_submit(declarant=declarant, data=declaration_data(), submission_key=key)
    real = services._filed_with
    calls = []

    def not_yet_then_real(*args):
        calls.append(1)
        return None if len(calls) == 1 else real(*args)

    monkeypatch.setattr(services, "_filed_with", not_yet_then_real)
    again = services.declaration_submit(declarant=declarant, data=declaration_data(), submission_key=key)
    assert again.pk == first.pk and len(calls) == 2
    assert Gratifikasi.objects.count() == 1


def test_a_corrected_gift_is_advised_afresh(declaration_in, declarant):
    """A wedding gift within the cap (suggested: the ceremony rule) corrected to a gift
    for a bereavement is judged again, and the bereavement rule is suggested instead."""
    from gratifikasi.choices import JenisPeristiwa

    case = declaration_in(State.PERLU_DILENGKAPI, nilai=Decimal(1_000_000))
    assert case.saran_pengecualian.category == "upacara"
    case = services.declaration_complete(
        case=case,
        declarant=declarant,
        jawaban="Yang benar: bantuan saat ayah saya wafat.",
        data={"jenis_peristiwa": JenisPeristiwa.MUSIBAH, "uraian": case.uraian},
    )
    assert case.saran_pengecualian.category == "musibah"


def test_a_rule_the_declarant_picked_stays_while_it_still_applies(submit_declaration, advance, declarant):
    case = advance(
        advance(submit_declaration(nilai=Decimal(100), category="investasi"), "registrasi"), "minta_kelengkapan"
    )
    case = services.declaration_complete(
        case=case, declarant=declarant, jawaban="Nilainya sedikit lebih.", data={"nilai": Decimal(150)}
    )
    assert case.saran_pengecualian.category == "investasi"
