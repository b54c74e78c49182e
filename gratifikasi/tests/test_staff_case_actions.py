"""Each action of a declaration's UPG page, through its own form and endpoint.

Success moves the declaration through its service; a refusal (a missing field, a rule of
the workflow, the wrong state) comes back on the same page with the form as it was typed
and the reason, with status 400; someone who may not handle the declaration gets 404.
"""

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from accounts import roles
from accounts.testing import verified_login
from casework.models import Attachment, Deadline, TimelineEntry
from casework.tests.samples import upload
from gratifikasi.choices import (
    PURPOSE_SK,
    PURPOSE_TANDA_TERIMA,
    Clock,
    HubunganPemberi,
    JenisLaporan,
    JenisPenerimaan,
    JenisPeristiwa,
    JenisTindakLanjut,
    State,
    StatusKpk,
)
from gratifikasi.exemptions import rules_in_force
from gratifikasi.models import BarangTitipan, Gratifikasi
from gratifikasi.services_custody import custody_receive
from gratifikasi.tests.conftest import PATHS, expire_completion_period
from security.models import AuditEntry

NOTE = "Catatan internal: pelapor menelepon dua kali, minta kabar."
PREFIX = {
    "register": "registrasi",
    "request_completion": "minta_kelengkapan",
    "accept_complete": "terima_lengkap",
    "close_incomplete": "tutup_tidak_lengkap",
    "conclude_not_obligatory": "simpulkan_tidak_wajib",
    "forward_to_kpk": "teruskan_kpk",
    "record_sk": "catat_sk",
    "close_refusal": "tutup_penolakan",
    "follow_up": "catat_tindak_lanjut",
}


def url(name, case):
    return reverse(f"gratifikasi_staff:{name}", args=[case.pk])


def post(client, name, case, data=None, **extra):
    """Post an action's form; its fields carry the action's prefix, as the page renders them."""
    data = {f"{PREFIX[name]}-{key}": value for key, value in (data or {}).items()}
    return client.post(url(name, case), data, **extra)


def reload(case) -> Gratifikasi:
    return Gratifikasi.objects.get(pk=case.pk)


def refused(response, *texts, status=400) -> str:
    assert response.status_code == status, response.content.decode()[:3000]
    assert response.templates[0].name == "gratifikasi/staff/detail.html"
    body = response.content.decode()
    assert "Belum tersimpan. Periksa pesan di bawah; isian Anda tetap ada." in body
    for text in texts:
        assert text in body, text
    return body


def today():
    return timezone.localdate()


@pytest.fixture
def as_officer(client, upg_officer):
    verified_login(client, upg_officer)
    return client


# --- Administrasi and verifikasi ----------------------------------------------------------------


def test_register_numbers_the_declaration_and_starts_the_upg_clock(as_officer, submit_declaration):
    case = submit_declaration()
    response = post(as_officer, "register", case, {"note": NOTE})
    assert response.status_code == 302 and response.url == url("detail", case)
    case = reload(case)
    assert case.state == State.VERIFIKASI
    assert case.nomor_registrasi_upg == f"UPG/{today().year}/0001"
    assert Deadline.objects.filter(case=case, clock=Clock.UPG_KPK, completed_at__isnull=True).exists()
    assert TimelineEntry.objects.filter(case=case).last().note == NOTE
    body = as_officer.get(response.url).content.decode()
    assert "Laporan diregistrasi." in body and case.nomor_registrasi_upg in body


def test_an_action_of_another_state_is_refused_with_the_reason(as_officer, declaration_in):
    case = declaration_in(State.VERIFIKASI)
    response = post(as_officer, "register", case, {"note": NOTE})
    refused(response, "Tindakan ini tidak dapat dilakukan pada status", NOTE)
    assert reload(case).state == State.VERIFIKASI


def test_request_completion_sends_the_declaration_back(as_officer, declaration_in):
    case = declaration_in(State.VERIFIKASI)
    response = post(as_officer, "request_completion", case, {"catatan": "Lampirkan foto amplopnya."})
    assert response.status_code == 302
    case = reload(case)
    assert (case.state, case.catatan_kelengkapan) == (State.PERLU_DILENGKAPI, "Lampirkan foto amplopnya.")
    assert Deadline.objects.filter(case=case, clock=Clock.KELENGKAPAN, completed_at__isnull=True).exists()


def test_request_completion_without_saying_what_keeps_the_note(as_officer, declaration_in):
    case = declaration_in(State.VERIFIKASI)
    response = post(as_officer, "request_completion", case, {"catatan": "  ", "note": NOTE})
    refused(response, "Tuliskan apa yang perlu dilengkapi pelapor.", NOTE)
    assert reload(case).state == State.VERIFIKASI


def test_accept_complete_moves_to_analysis(as_officer, declaration_in):
    case = declaration_in(State.VERIFIKASI)
    assert post(as_officer, "accept_complete", case).status_code == 302
    assert reload(case).state == State.ANALISIS


def test_close_incomplete_before_the_period_ran_out_says_from_when(as_officer, declaration_in):
    case = declaration_in(State.PERLU_DILENGKAPI)
    response = post(as_officer, "close_incomplete", case, {"note": "Pelapor tidak menjawab."})
    refused(response, "laporan dapat ditutup sebagai tidak diproses mulai", "Pelapor tidak menjawab.")
    assert reload(case).state == State.PERLU_DILENGKAPI


def test_close_incomplete_needs_a_reason(as_officer, declaration_in):
    case = declaration_in(State.PERLU_DILENGKAPI)
    expire_completion_period(case)
    refused(post(as_officer, "close_incomplete", case, {"note": ""}), "Tuliskan alasan laporan ditutup")
    assert reload(case).state == State.PERLU_DILENGKAPI


def test_close_incomplete_after_the_period(as_officer, declaration_in):
    case = declaration_in(State.PERLU_DILENGKAPI)
    expire_completion_period(case)
    response = post(as_officer, "close_incomplete", case, {"note": "Tidak dilengkapi."})
    assert response.status_code == 302
    case = reload(case)
    assert case.state == State.TIDAK_DIPROSES and case.closed_at is not None


# --- Analisis --------------------------------------------------------------------------------------


def test_conclude_not_obligatory_cites_the_rule(as_officer, declaration_in):
    case = declaration_in(State.ANALISIS, nilai=Decimal(1_000_000), jenis_penerimaan=JenisPenerimaan.BARANG)
    rule = rules_in_force(case.tanggal_terima).get(category="upacara")
    response = post(
        as_officer, "conclude_not_obligatory", case, {"rule": rule.pk, "rekomendasi": "Di bawah batas pernikahan."}
    )
    assert response.status_code == 302
    case = reload(case)
    assert (case.state, case.aturan_dikutip, case.rekomendasi) == (
        State.TIDAK_WAJIB,
        rule,
        "Di bawah batas pernikahan.",
    )
    body = as_officer.get(response.url).content.decode()
    assert "Ketentuan yang dikutip" in body and rule.source in body


def test_citing_a_rule_the_advice_finds_unfitting_needs_the_officers_confirmation(as_officer, declaration_in):
    # Cash from a service user during a service task, cited as a gift within the family.
    case = declaration_in(
        State.ANALISIS,
        hubungan=HubunganPemberi.PENGGUNA_LAYANAN,
        jenis_peristiwa=JenisPeristiwa.TUGAS_PELAYANAN,
        nilai=Decimal(300_000),
    )
    family = rules_in_force(case.tanggal_terima).get(category="keluarga")
    data = {"rule": family.pk, "rekomendasi": "Pemberi ternyata paman pelapor."}
    body = refused(
        post(as_officer, "conclude_not_obligatory", case, data),
        "Tetap simpulkan dengan ketentuan ini",
        "Pemberi ternyata paman pelapor.",
    )
    assert "benturan kepentingan" in body
    assert reload(case).state == State.ANALISIS
    response = post(as_officer, "conclude_not_obligatory", case, {**data, "despite_advice": "on"})
    assert response.status_code == 302
    assert (reload(case).state, reload(case).aturan_dikutip) == (State.TIDAK_WAJIB, family)
    assert AuditEntry.objects.filter(case_id=case.pk, data__despite_advice=True).exists()


def test_conclude_without_a_rule_keeps_the_recommendation(as_officer, declaration_in):
    case = declaration_in(State.ANALISIS)
    response = post(as_officer, "conclude_not_obligatory", case, {"rule": "", "rekomendasi": "Rekomendasi saya."})
    refused(response, "Pilih ketentuan pengecualian yang menjadi dasar kesimpulan.", "Rekomendasi saya.")
    assert reload(case).state == State.ANALISIS


def test_conclude_refuses_a_rule_not_in_force_on_the_day_received(as_officer, declaration_in):
    case = declaration_in(State.ANALISIS, tanggal_terima=date(2026, 1, 20))
    farewell = rules_in_force(date(2026, 1, 19)).get(category="rekan_pisah_sambut")
    response = post(as_officer, "conclude_not_obligatory", case, {"rule": farewell.pk, "rekomendasi": "Pisah sambut."})
    refused(response, "Ketentuan ini tidak berlaku pada tanggal gratifikasi diterima", "Pisah sambut.")
    assert reload(case).state == State.ANALISIS


def test_forward_to_kpk_records_the_reference_and_starts_the_decision_clock(as_officer, declaration_in):
    case = declaration_in(State.ANALISIS)
    response = post(
        as_officer,
        "forward_to_kpk",
        case,
        {"rekomendasi": "Perlu penetapan KPK.", "kpk_nomor": "GOL-2026-777", "kpk_tanggal": today().isoformat()},
    )
    assert response.status_code == 302
    case = reload(case)
    assert (case.state, case.kpk_nomor, case.kpk_tanggal) == (State.DITERUSKAN_KPK, "GOL-2026-777", today())
    assert not Deadline.objects.filter(case=case, clock=Clock.LAPOR_KPK, completed_at__isnull=True).exists()
    assert Deadline.objects.filter(case=case, clock=Clock.KEPUTUSAN_KPK, completed_at__isnull=True).exists()


def test_forward_without_the_kpk_reference_keeps_what_was_typed(as_officer, declaration_in):
    case = declaration_in(State.ANALISIS)
    response = post(
        as_officer, "forward_to_kpk", case, {"rekomendasi": "Perlu penetapan KPK.", "kpk_nomor": "", "kpk_tanggal": ""}
    )
    refused(response, "Isi nomor registrasi laporan di KPK (GOL).", "Isi tanggal laporan diteruskan ke KPK.")
    assert "Perlu penetapan KPK." in response.content.decode()


def test_forward_with_a_date_in_the_future_is_refused_on_its_field(as_officer, declaration_in):
    case = declaration_in(State.ANALISIS)
    tomorrow = (today() + timedelta(days=1)).isoformat()
    response = post(
        as_officer,
        "forward_to_kpk",
        case,
        {"rekomendasi": "Perlu penetapan.", "kpk_nomor": "GOL-1", "kpk_tanggal": tomorrow},
    )
    body = refused(response, "Tanggal penerusan ke KPK tidak boleh setelah hari ini.")
    assert f'value="{tomorrow}"' in body
    assert reload(case).state == State.ANALISIS


def test_forwarding_dated_before_the_employee_reported_is_refused(as_officer, declaration_in):
    # Received three days ago, reported today: a forwarding "yesterday" cannot have been.
    case = declaration_in(State.ANALISIS, tanggal_terima=today() - timedelta(days=3))
    yesterday = (today() - timedelta(days=1)).isoformat()
    response = post(
        as_officer,
        "forward_to_kpk",
        case,
        {"rekomendasi": "Perlu penetapan.", "kpk_nomor": "GOL-9", "kpk_tanggal": yesterday},
    )
    body = refused(response, "Tanggal penerusan ke KPK tidak boleh sebelum laporan ini diterima UPG")
    assert f'value="{yesterday}"' in body and "GOL-9" in body
    case = reload(case)
    assert (case.state, case.kpk_tanggal) == (State.ANALISIS, None)


def test_a_date_typed_wrong_is_refused_with_a_message(as_officer, declaration_in):
    case = declaration_in(State.ANALISIS)
    response = post(
        as_officer,
        "forward_to_kpk",
        case,
        {"rekomendasi": "Perlu penetapan.", "kpk_nomor": "GOL-1", "kpk_tanggal": "31-02-2026"},
    )
    refused(response, "Tanggal tidak valid", "GOL-1")


# --- KPK's decision and the follow-up -------------------------------------------------------------


def sk(scan_file, **overrides):
    return {
        "sk_status": StatusKpk.MILIK_NEGARA,
        "sk_nomor": "SK-77/GTF/2026",
        "sk_tanggal": today().isoformat(),
        "sk_scan": scan_file,
        **overrides,
    }


def test_record_sk_with_its_scan(as_officer, declaration_in, scan):
    case = declaration_in(State.DITERUSKAN_KPK)
    response = post(as_officer, "record_sk", case, sk(scan("sk-kpk.pdf")), format="multipart")
    assert response.status_code == 302
    case = reload(case)
    assert (case.state, case.sk_status, case.sk_nomor) == (State.TINDAK_LANJUT, "milik_negara", "SK-77/GTF/2026")
    stored = Attachment.objects.get(case=case, purpose=PURPOSE_SK)
    assert stored.original_name == "sk-kpk.pdf"
    assert Deadline.objects.filter(case=case, clock=Clock.PENYERAHAN, completed_at__isnull=True).exists()
    body = as_officer.get(response.url).content.decode()
    assert "Pindaian SK KPK" in body and "sk-kpk.pdf" in body


def test_record_sk_without_a_scan_keeps_the_rest(as_officer, declaration_in):
    case = declaration_in(State.DITERUSKAN_KPK)
    response = post(as_officer, "record_sk", case, sk(""))
    body = refused(response, "Lampirkan pindaian SK KPK", "SK-77/GTF/2026")
    assert "Berkas yang tadi dipilih tidak ikut tersimpan" in body
    assert reload(case).state == State.DITERUSKAN_KPK


def test_record_sk_refuses_a_scan_of_another_type(as_officer, declaration_in):
    case = declaration_in(State.DITERUSKAN_KPK)
    # A real WebP: accepted as an attachment elsewhere, not as a scanned SK.
    out = io.BytesIO()
    Image.new("RGB", (10, 10), "blue").save(out, "WEBP")
    webp = upload(out.getvalue(), "sk.webp", "image/webp")
    response = post(as_officer, "record_sk", case, sk(webp), format="multipart")
    refused(response, "pindaian harus berupa PDF, JPEG, atau PNG")
    assert reload(case).state == State.DITERUSKAN_KPK


def test_record_sk_on_a_refusal_is_refused(as_officer, declaration_in, scan):
    case = declaration_in(State.DITERUSKAN_KPK, jenis_laporan=JenisLaporan.PENOLAKAN)
    response = post(as_officer, "record_sk", case, sk(scan()), format="multipart")
    refused(response, "SK penetapan status hanya untuk laporan penerimaan.")
    assert reload(case).state == State.DITERUSKAN_KPK


def test_close_refusal(as_officer, declaration_in):
    case = declaration_in(State.DITERUSKAN_KPK, jenis_laporan=JenisLaporan.PENOLAKAN)
    assert post(as_officer, "close_refusal", case, {"note": "Sudah diterima KPK."}).status_code == 302
    assert reload(case).state == State.SELESAI


def test_close_refusal_on_a_received_gift_is_refused(as_officer, declaration_in):
    case = declaration_in(State.DITERUSKAN_KPK)
    refused(post(as_officer, "close_refusal", case, {"note": NOTE}), "Hanya laporan penolakan", NOTE)
    assert reload(case).state == State.DITERUSKAN_KPK


def test_follow_up_hands_the_held_object_to_the_state(as_officer, declaration_in, upg_officer, scan):
    case = declaration_in(State.DITERUSKAN_KPK, jenis_penerimaan=JenisPenerimaan.BARANG, dititipkan=True)
    item = custody_receive(
        case=case,
        actor=upg_officer,
        uraian="Jam tangan",
        nilai=Decimal(2_000_000),
        diterima_dari="Rina Marlina",
        diterima_tanggal=today(),
        lokasi_simpan="Lemari UPG",
    )
    post(as_officer, "record_sk", case, sk(scan()), format="multipart")
    response = post(
        as_officer,
        "follow_up",
        case,
        {
            "jenis": JenisTindakLanjut.PENYERAHAN,
            "tanggal": today().isoformat(),
            "nomor": "BAST/2026/01",
            "tanda_terima": scan("bast.pdf"),
        },
        format="multipart",
    )
    assert response.status_code == 302
    case = reload(case)
    assert (case.state, case.tindak_lanjut_jenis, case.tindak_lanjut_nomor) == (
        State.SELESAI,
        "penyerahan",
        "BAST/2026/01",
    )
    item = BarangTitipan.objects.get(pk=item.pk)
    assert not item.is_held and item.alasan_keluar == "penyerahan"
    assert Attachment.objects.get(case=case, purpose=PURPOSE_TANDA_TERIMA).original_name == "bast.pdf"


def test_follow_up_compensation_reads_the_value_as_typed(as_officer, declaration_in, advance, scan):
    case = declaration_in(State.DITERUSKAN_KPK)
    advance(case, "catat_sk", sk_status=StatusKpk.MILIK_NEGARA_KOMPENSASI, sk_scan=scan())
    response = post(
        as_officer,
        "follow_up",
        case,
        {
            "jenis": JenisTindakLanjut.KOMPENSASI,
            "tanggal": today().isoformat(),
            "nomor": "NTPN 1234",
            "kompensasi_nilai": "Rp1.500.000",
        },
    )
    assert response.status_code == 302
    case = reload(case)
    assert case.kompensasi_nilai == Decimal(1_500_000) and isinstance(case.kompensasi_nilai, Decimal)


def test_follow_up_with_a_value_typed_wrong_keeps_it(as_officer, declaration_in, advance, scan):
    case = declaration_in(State.DITERUSKAN_KPK)
    advance(case, "catat_sk", sk_status=StatusKpk.MILIK_NEGARA_KOMPENSASI, sk_scan=scan())
    response = post(
        as_officer,
        "follow_up",
        case,
        {"jenis": "kompensasi", "tanggal": today().isoformat(), "nomor": "NTPN 1", "kompensasi_nilai": "1,5"},
    )
    body = refused(response, "Tuliskan nilai dalam rupiah penuh")
    assert 'value="1,5"' in body
    assert reload(case).state == State.TINDAK_LANJUT


def test_follow_up_the_sk_does_not_allow_is_refused(as_officer, declaration_in):
    case = declaration_in(State.TINDAK_LANJUT)  # milik negara: only a handover
    response = post(as_officer, "follow_up", case, {"jenis": "pengembalian", "tanggal": today().isoformat()})
    refused(response, "Tindak lanjut ini tidak sesuai dengan status yang ditetapkan SK KPK.")
    assert reload(case).state == State.TINDAK_LANJUT


def test_a_handover_without_its_receipt_number_is_refused_on_its_field(as_officer, declaration_in):
    case = declaration_in(State.TINDAK_LANJUT)
    response = post(as_officer, "follow_up", case, {"jenis": "penyerahan", "tanggal": today().isoformat()})
    refused(response, "Isi nomor tanda terima penyerahan atau bukti pembayaran.")
    assert reload(case).state == State.TINDAK_LANJUT


def test_nothing_to_move_while_the_upg_holds_the_object_is_refused(
    as_officer, declaration_in, advance, scan, upg_officer
):
    case = declaration_in(State.DITERUSKAN_KPK, jenis_penerimaan=JenisPenerimaan.BARANG)
    custody_receive(
        case=case,
        actor=upg_officer,
        uraian="Tas",
        nilai=Decimal(2_000_000),
        diterima_dari="Rina Marlina",
        diterima_tanggal=today(),
        lokasi_simpan="Lemari UPG",
    )
    advance(case, "catat_sk", sk_status=StatusKpk.MILIK_PENERIMA, sk_scan=scan())
    response = post(as_officer, "follow_up", case, {"jenis": "tidak_ada", "tanggal": today().isoformat()})
    refused(response, "Masih ada barang yang dititipkan di UPG")
    assert reload(case).state == State.TINDAK_LANJUT


# --- Who may act -------------------------------------------------------------------------------

ENDPOINTS = [
    ("register", State.ADMINISTRASI, {}),
    ("request_completion", State.VERIFIKASI, {"catatan": "Lengkapi."}),
    ("accept_complete", State.VERIFIKASI, {}),
    ("close_incomplete", State.PERLU_DILENGKAPI, {"note": "Tutup."}),
    ("conclude_not_obligatory", State.ANALISIS, {"rekomendasi": "Tidak wajib."}),
    ("forward_to_kpk", State.ANALISIS, {"rekomendasi": "KPK.", "kpk_nomor": "GOL-1"}),
    ("record_sk", State.DITERUSKAN_KPK, {"sk_status": "milik_negara", "sk_nomor": "SK-1"}),
    ("close_refusal", State.DITERUSKAN_KPK, {}),
    ("follow_up", State.TINDAK_LANJUT, {"jenis": "penyerahan", "nomor": "BAST-1"}),
]


@pytest.mark.parametrize(("name", "state", "data"), ENDPOINTS)
def test_an_officer_cannot_act_on_their_own_declaration(
    client, submit_declaration, advance, upg_officer, other_officer, name, state, data
):
    # Their colleague brings it this far.
    case = submit_declaration(declarant=upg_officer, nama="Dewi Lestari")
    for step in PATHS[state]:
        if step == "tutup_tidak_lengkap":
            expire_completion_period(case)
        case = advance(case, step, actor=other_officer)
    verified_login(client, upg_officer)
    assert post(client, name, case, data).status_code == 404
    assert reload(case).state == state


@pytest.mark.parametrize("role", [roles.PIMPINAN, roles.ADMIN_SISTEM, roles.PEGAWAI, roles.PENGELOLA_PENGADUAN])
@pytest.mark.parametrize(("name", "state", "data"), ENDPOINTS[:3])
def test_other_roles_get_404_on_every_action(client, make_user, declaration_in, role, name, state, data):
    case = declaration_in(state)
    verified_login(client, make_user(role))
    assert post(client, name, case, data).status_code == 404
    assert reload(case).state == state


def test_an_action_is_post_only(as_officer, submit_declaration):
    case = submit_declaration()
    assert as_officer.get(url("register", case)).status_code == 405


def test_the_close_incomplete_form_waits_for_the_end_of_the_period(as_officer, declaration_in):
    """Until the declarant's period runs out, the page says from when the declaration may
    be closed instead of offering a form that would be refused."""
    case = declaration_in(State.PERLU_DILENGKAPI)
    url = reverse("gratifikasi_staff:detail", args=[case.pk])
    body = as_officer.get(url).content.decode()
    assert 'id="aksi-tutup_tidak_lengkap"' not in body
    assert "laporan dapat ditutup sebagai tidak diproses mulai" in body
    expire_completion_period(case)
    body = as_officer.get(url).content.decode()
    assert 'id="aksi-tutup_tidak_lengkap"' in body
