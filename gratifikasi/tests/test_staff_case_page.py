"""A declaration's UPG page: everything declared, the advice and the rules in force on the
day received, the clocks, the photos, the history, and one form per action the state
allows; who may open it (a Petugas UPG, never on their own declaration) and who gets 404."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts import roles
from accounts.testing import verified_login
from casework.models import Recusal
from casework.services import case_recuse
from gratifikasi.choices import JenisLaporan, JenisPenerimaan, State, StatusKpk
from gratifikasi.exemptions import rules_in_force
from gratifikasi.models import ExemptionRule
from gratifikasi.services_custody import custody_receive


def url(name, case, **kwargs):
    return reverse(f"gratifikasi_staff:{name}", args=[case.pk])


def forms_on(body: str) -> set[str]:
    """The action forms shown, by the endpoint they post to."""
    return set(re.findall(r'<form method="post" action="/staf/gratifikasi/\d+/([a-z-]+)/"', body))


@pytest.fixture
def as_officer(client, upg_officer):
    verified_login(client, upg_officer)
    return client


# --- What the page shows ---------------------------------------------------------------------


def test_the_page_shows_every_field_of_the_declaration(as_officer, submit_declaration, photo):
    case = submit_declaration(photos=[photo("amplop.jpg")])
    response = as_officer.get(url("detail", case))
    assert response.status_code == 200
    body = response.content.decode()
    for text in (
        case.reference,
        "Penerimaan gratifikasi",
        "Rina Marlina",
        "3201014507950001",
        "199507302019031005",
        "Pengadministrasi Kependudukan",
        "Seksi Identitas Penduduk",
        "Jl. Merdeka No. 10, Bandung",
        "0812",
        "Budi Santoso",
        "CV Maju Jaya",
        "Jl. Asia Afrika No. 5, Bandung",
        "Lainnya",
        "Pernikahan",
        "Uang",
        "Rp2.000.000",
        "Gedung Serbaguna, Bandung",
        "Amplop berisi uang tunai pada resepsi pernikahan adik saya.",
        "Pemberi datang ke resepsi dan menyerahkan amplop kepada saya.",
        "amplop.jpg",
        "Tepat waktu",
    ):
        assert text in body, text
    # The photo is shown, through the audited file download.
    attachment = case.attachments.get()
    assert f'<img src="{reverse("files:download", args=[attachment.pk])}?inline=1"' in body


def test_the_page_shows_the_clocks_with_their_due_dates(as_officer, declaration_in):
    case = declaration_in(State.VERIFIKASI)
    body = as_officer.get(url("detail", case)).content.decode()
    assert "Batas waktu per tahap (hari kerja)" in body
    for deadline in case.deadlines.select_related("policy"):
        assert deadline.policy.label in body
        assert f'datetime="{deadline.due_date:%Y-%m-%d}"' in body
        # Beside each deadline, the rule it comes from.
        assert deadline.policy.source in body


def test_the_page_shows_the_advice_recorded_and_the_rules_in_force_on_the_day_received(as_officer, submit_declaration):
    # A wedding gift of Rp1.200.000 received on 19 January 2026 exceeds the 2019 cap...
    before = submit_declaration(
        tanggal_terima=date(2026, 1, 19), nilai=Decimal(1_200_000), jenis_penerimaan=JenisPenerimaan.BARANG
    )
    body = as_officer.get(url("detail", before)).content.decode()
    assert "Ketentuan yang berlaku pada 19 Januari 2026" in body
    assert "melebihi batas" in body and "Rp1.000.000" in body
    assert "Saat pelaporan, tidak ada ketentuan pengecualian yang disarankan." in body
    # ...and the same gift a day later, under the 2026 rules, is within it.
    after = submit_declaration(
        tanggal_terima=date(2026, 1, 20), nilai=Decimal(1_200_000), jenis_penerimaan=JenisPenerimaan.BARANG
    )
    assert after.saran_pengecualian is not None
    body = as_officer.get(url("detail", after)).content.decode()
    assert "Ketentuan yang berlaku pada 20 Januari 2026" in body
    assert after.saran_pengecualian.title in body and after.saran_pengecualian.source in body
    assert "mungkin berlaku" in body and "Rp1.500.000" in body
    # The list of letters says n was deleted on that day, not jump from m to o.
    assert "<strong>n.</strong> Dihapus oleh Peraturan KPK 1/2026: tidak berlaku lagi sejak 20 Januari 2026" in body
    before_body = as_officer.get(url("detail", before)).content.decode()
    assert "<strong>n.</strong> Dihapus" not in before_body


def test_the_page_shows_the_history(as_officer, declaration_in):
    case = declaration_in(State.ANALISIS)
    body = as_officer.get(url("detail", case)).content.decode()
    assert "Riwayat" in body
    assert "Verifikasi kelengkapan" in body and "Analisis" in body
    assert "Dewi Lestari" in body  # the officer who registered it


def test_a_refusal_is_shown_as_a_refusal(as_officer, declaration_in):
    case = declaration_in(State.DITERUSKAN_KPK, jenis_laporan=JenisLaporan.PENOLAKAN)
    body = as_officer.get(url("detail", case)).content.decode()
    assert "III. Data penolakan" in body and "Tanggal ditolak" in body
    assert "Objek dititipkan kepada UPG" not in body


def test_the_kpk_form_is_offered(as_officer, submit_declaration):
    case = submit_declaration()
    body = as_officer.get(url("detail", case)).content.decode()
    assert f'href="{url("kpk_form", case)}"' in body


# --- One form per action the state allows -------------------------------------------------


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (State.ADMINISTRASI, {"registrasi", "titipan"}),
        (State.VERIFIKASI, {"minta-kelengkapan", "lengkap", "titipan"}),
        # Closing as not processed waits for the end of the declarant's period.
        (State.PERLU_DILENGKAPI, {"titipan"}),
        (State.ANALISIS, {"tidak-wajib", "teruskan-kpk", "titipan"}),
        (State.DITERUSKAN_KPK, {"sk-kpk", "titipan"}),
        (State.TINDAK_LANJUT, {"tindak-lanjut", "titipan"}),
        (State.SELESAI, set()),
        (State.TIDAK_WAJIB, set()),
        (State.TIDAK_DIPROSES, set()),
    ],
)
def test_only_the_forms_of_the_state_are_offered(as_officer, declaration_in, state, expected):
    case = declaration_in(state)
    body = as_officer.get(url("detail", case)).content.decode()
    assert forms_on(body) == expected
    if not expected:
        assert "Tidak ada tindakan pada status ini." in body


def test_a_forwarded_refusal_is_offered_its_closing_not_an_sk(as_officer, declaration_in):
    case = declaration_in(State.DITERUSKAN_KPK, jenis_laporan=JenisLaporan.PENOLAKAN)
    body = as_officer.get(url("detail", case)).content.decode()
    # Nothing to hold either: a refused gift is not with the declarant.
    assert forms_on(body) == {"selesaikan-penolakan"}


def test_a_received_gift_is_not_offered_the_closing_of_a_refusal(as_officer, declaration_in):
    case = declaration_in(State.ANALISIS, jenis_penerimaan=JenisPenerimaan.BARANG)
    body = as_officer.get(url("detail", case)).content.decode()
    assert "tidak-wajib" in forms_on(body)
    case = declaration_in(State.ANALISIS, jenis_laporan=JenisLaporan.PENOLAKAN)
    body = as_officer.get(url("detail", case)).content.decode()
    # Not obligatory concerns received gifts only.
    assert forms_on(body) == {"teruskan-kpk"}


def rule_choices(body: str) -> list[str]:
    select = body.split('name="simpulkan_tidak_wajib-rule"')[1].split("</select>")[0]
    return re.findall(r'<option value="(\d+)"', select)


def test_the_rule_select_offers_the_rules_in_force_on_the_day_received(as_officer, declaration_in):
    farewell = ExemptionRule.objects.get(category="rekan_pisah_sambut")
    before = declaration_in(State.ANALISIS, tanggal_terima=date(2026, 1, 19))
    offered = rule_choices(as_officer.get(url("detail", before)).content.decode())
    assert offered == [str(rule.pk) for rule in rules_in_force(date(2026, 1, 19))]
    assert str(farewell.pk) in offered
    # Deleted from 20 January 2026: no longer offered for a gift received that day.
    after = declaration_in(State.ANALISIS, tanggal_terima=date(2026, 1, 20))
    offered = rule_choices(as_officer.get(url("detail", after)).content.decode())
    assert offered == [str(rule.pk) for rule in rules_in_force(date(2026, 1, 20))]
    assert str(farewell.pk) not in offered


@pytest.mark.parametrize(
    ("status", "offered"),
    [
        (StatusKpk.MILIK_NEGARA, ["penyerahan"]),
        (StatusKpk.MILIK_NEGARA_KOMPENSASI, ["penyerahan", "kompensasi"]),
        (StatusKpk.MILIK_PENERIMA, ["tidak_ada"]),
        (StatusKpk.TIDAK_DAPAT_DITETAPKAN, ["tidak_ada"]),
    ],
)
def test_the_follow_up_form_offers_only_what_the_sk_allows(as_officer, declaration_in, advance, scan, status, offered):
    case = declaration_in(State.DITERUSKAN_KPK)
    advance(case, "catat_sk", sk_status=status, sk_scan=scan())
    body = as_officer.get(url("detail", case)).content.decode()
    values = re.findall(r'name="catat_tindak_lanjut-jenis" value="([a-z_]+)"', body)
    assert sorted(values) == sorted(offered)


def test_a_return_is_offered_only_while_the_upg_holds_the_object(
    as_officer, declaration_in, advance, scan, upg_officer
):
    case = declaration_in(State.DITERUSKAN_KPK, jenis_penerimaan=JenisPenerimaan.BARANG, dititipkan=True)
    custody_receive(
        case=case,
        actor=upg_officer,
        uraian="Jam tangan",
        nilai=Decimal(2_000_000),
        diterima_dari="Rina Marlina",
        diterima_tanggal=date.today(),
        lokasi_simpan="Lemari UPG",
    )
    advance(case, "catat_sk", sk_status=StatusKpk.MILIK_PENERIMA, sk_scan=scan())
    body = as_officer.get(url("detail", case)).content.decode()
    values = re.findall(r'name="catat_tindak_lanjut-jenis" value="([a-z_]+)"', body)
    assert sorted(values) == ["pengembalian", "tidak_ada"]


def test_the_page_says_when_it_waits_for_the_declarant(as_officer, declaration_in):
    case = declaration_in(State.PERLU_DILENGKAPI)
    body = as_officer.get(url("detail", case)).content.decode()
    assert "Menunggu pelapor melengkapi laporan." in body
    assert "Lampirkan foto amplop dan sebutkan alamat lengkap pemberi." in body


def test_a_shared_form_refused_comes_back_on_this_page(as_officer, submit_declaration):
    case = submit_declaration()
    response = as_officer.post(reverse("case:note", args=[case.pk]), {"body": ""})
    assert response.status_code == 400
    assert response.templates[0].name == "gratifikasi/staff/detail.html"


# --- Who may open it ---------------------------------------------------------------------------


def test_a_visitor_is_sent_to_sign_in(client, submit_declaration):
    case = submit_declaration()
    response = client.get(url("detail", case))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_an_officer_never_opens_their_own_declaration(client, submit_declaration, upg_officer, other_officer):
    own = submit_declaration(declarant=upg_officer, nama="Dewi Lestari")
    verified_login(client, upg_officer)
    assert client.get(url("detail", own)).status_code == 404
    assert client.get(url("kpk_form", own)).status_code == 404
    # Their colleague handles it.
    verified_login(client, other_officer)
    assert client.get(url("detail", own)).status_code == 200


def test_a_recused_officer_gets_404(client, submit_declaration, upg_officer, other_officer):
    case = submit_declaration()
    case_recuse(case=case, user=upg_officer, reason=Recusal.Reason.KONFLIK, actor=other_officer)
    verified_login(client, upg_officer)
    assert client.get(url("detail", case)).status_code == 404


@pytest.mark.parametrize(
    "role",
    [
        roles.PIMPINAN,
        roles.ADMIN_SISTEM,
        roles.PEGAWAI,
        roles.PENGELOLA_PENGADUAN,
        roles.PENGELOLA_WBS,
        roles.TIM_BENTURAN,
        roles.UNIT_TINDAK_LANJUT,
        roles.INSPEKTORAT,
        roles.TIM_PENILAI,
    ],
)
def test_every_other_role_gets_404_on_the_page_and_the_pdf(client, make_user, submit_declaration, role):
    case = submit_declaration()
    verified_login(client, make_user(role))
    assert client.get(url("detail", case)).status_code == 404
    assert client.get(url("kpk_form", case)).status_code == 404


def test_the_declarant_reaches_their_declaration_only_through_their_own_pages(client, submit_declaration, declarant):
    case = submit_declaration()
    verified_login(client, declarant)
    assert client.get(url("detail", case)).status_code == 404
    assert client.get(url("kpk_form", case)).status_code == 404


# --- Text typed by people is shown as text ----------------------------------------------------

SCRIPT = '<script>alert("x")</script>'


def test_script_typed_in_any_field_is_inert(as_officer, submit_declaration, declaration_in, photo, advance):
    case = declaration_in(
        State.VERIFIKASI,
        nama=f"Rina {SCRIPT}",
        alamat=f"Jl. {SCRIPT}",
        jabatan=f"Staf {SCRIPT}",
        pemberi_nama=f"Budi {SCRIPT}",
        pemberi_instansi=SCRIPT,
        pemberi_alamat=SCRIPT,
        uraian=SCRIPT,
        tempat_terima=SCRIPT,
        kronologi=SCRIPT,
    )
    advance(case, "minta_kelengkapan", catatan=SCRIPT, note=SCRIPT)
    body = as_officer.get(url("detail", case)).content.decode()
    assert SCRIPT not in body
    assert body.count("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;") >= 10


def test_the_officer_reads_the_conflict_note_about_the_receiver_not_about_themself(as_officer, submit_declaration):
    from gratifikasi.choices import HubunganPemberi

    case = submit_declaration(hubungan=HubunganPemberi.PENGGUNA_LAYANAN)
    body = as_officer.get(url("detail", case)).content.decode()
    assert "berurusan dengan jabatan atau layanan penerima" in body
    assert "layanan Anda" not in body
