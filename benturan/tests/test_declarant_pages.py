"""An employee's own pages: declaring their conflict, reporting someone else's, following
what they filed. A refused form keeps what was typed."""

import re
import uuid

import pytest
from django.urls import reverse

from accounts.testing import verified_login
from benturan.choices import PURPOSE_PENDUKUNG, Asal, Jenis, JenisHal, State, Sumber
from benturan.models import Benturan
from casework.models import Attachment, HeldUpload, Message
from casework.tests.samples import pdf_with_metadata, upload

DECLARE = reverse("benturan:declare")
REPORT = reverse("benturan:report")
LIST = reverse("benturan:list")


@pytest.fixture
def signed_in(client, pegawai):
    verified_login(client, pegawai)
    return client


def form_data(**overrides):
    data = {
        "jenis": Jenis.POTENSIAL,
        "sumber": Sumber.AFILIASI_USAHA,
        "hal_jenis": JenisHal.PERIZINAN,
        "hal": "Verifikasi permohonan izin usaha CV Sinar Cetak",
        "rujukan_kasus": "",
        "kepentingan": "Saya pemegang saham kecil di CV Sinar Cetak.",
        "pihak_lain": "CV Sinar Cetak",
        "kunci_kiriman": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def document(name="akta-perusahaan.pdf"):
    return upload(pdf_with_metadata(), name, "application/pdf")


# --- Signing in ----------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [LIST, DECLARE, REPORT])
def test_a_visitor_is_sent_to_sign_in(client, db, url):
    response = client.get(url)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_a_password_alone_is_not_enough(client, pegawai):
    client.force_login(pegawai)
    response = client.get(DECLARE)
    assert response.status_code == 302 and response["Location"].startswith("/akun/masuk/")
    assert response["Location"] != reverse("accounts:login") + "?next=" + DECLARE


# --- The declaration ----------------------------------------------------------------------------


def test_the_form_shows_the_identity_from_the_account_and_that_an_actual_conflict_must_be_declared(signed_in, pegawai):
    response = signed_in.get(DECLARE)
    body = response.content.decode()
    assert response.status_code == 200
    for value in ("Rina Marlina", "199507302019031005", "Pengadministrasi Kependudukan", "Seksi Identitas Penduduk"):
        assert value in body
    assert "Benturan kepentingan aktual wajib dinyatakan kepada atasan." in body
    assert 'name="jabatan"' not in body  # the account has it
    assert 'name="nama"' not in body and 'name="nip"' not in body
    assert response.context["form"]["kunci_kiriman"].value()
    # The declarant is not offered as one of the other parties.
    assert pegawai not in response.context["form"].fields["pihak_pegawai"].queryset


def test_an_account_without_a_position_is_asked_for_one(client, pegawai):
    pegawai.jabatan = ""
    pegawai.save()
    verified_login(client, pegawai)
    assert 'name="jabatan"' in client.get(DECLARE).content.decode()
    refused = client.post(DECLARE, form_data())
    assert refused.status_code == 400 and refused.context["form"].errors["jabatan"] == ["Jabatan wajib diisi."]
    accepted = client.post(DECLARE, form_data(jabatan="Operator Loket"))
    assert accepted.status_code == 302
    assert Benturan.objects.get().pejabat_jabatan == "Operator Loket"


def test_a_declaration_is_filed_and_routed_to_the_superior(signed_in, pegawai, kasi, colleague):
    response = signed_in.post(
        DECLARE, form_data(pihak_pegawai=[colleague.pk], files=[document()], rujukan_kasus="btk/2026/000001")
    )
    case = Benturan.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("benturan:detail", args=[case.pk])
    assert (case.declarant, case.pejabat, case.asal, case.atasan) == (pegawai, pegawai, Asal.DEKLARASI, kasi)
    assert case.hal == "Verifikasi permohonan izin usaha CV Sinar Cetak" and case.sumber == Sumber.AFILIASI_USAHA
    assert case.rujukan_kasus == "BTK/2026/000001"
    assert list(case.pihak_pegawai.all()) == [colleague]
    stored = Attachment.objects.get(case=case)
    assert stored.purpose == PURPOSE_PENDUKUNG and stored.from_reporter and stored.visible_to_reporter
    page = signed_in.get(response["Location"])
    body = page.content.decode()
    assert f"Tercatat dengan nomor {case.reference} dan diteruskan kepada Hendra Gunawan." in body
    assert "Tunda keputusan atau tugas yang terdampak." in body
    assert "Verifikasi permohonan izin usaha CV Sinar Cetak" in body
    assert "akta-perusahaan.pdf" in body


def test_a_refused_declaration_keeps_what_was_typed(signed_in, colleague, outsider):
    data = form_data(
        jenis=Jenis.AKTUAL,
        kepentingan="",
        rujukan_kasus="nomor-asal",
        pihak_pegawai=[colleague.pk, outsider.pk],
        files=[document("bukti-saham.pdf")],
    )
    response = signed_in.post(DECLARE, data)
    assert response.status_code == 400
    assert not Benturan.objects.exists() and not Attachment.objects.exists()
    form = response.context["form"]
    assert form.errors["kepentingan"] == ["Uraikan kepentingan yang berbenturan."]
    assert form.errors["rujukan_kasus"] == ["Tulis nomor kasus SIGAP seperti PGD/2026/000123, atau kosongkan."]
    body = response.content.decode()
    assert 'value="Verifikasi permohonan izin usaha CV Sinar Cetak"' in body
    assert "CV Sinar Cetak</textarea>" in body
    assert 'value="nomor-asal"' in body
    assert re.search(r'<input type="radio" name="jenis" value="aktual"[^>]* checked', body)
    assert f'value="{Sumber.AFILIASI_USAHA}" selected' in body
    assert f'value="{colleague.pk}" selected' in body and f'value="{outsider.pk}" selected' in body
    assert form["kunci_kiriman"].value() == data["kunci_kiriman"]
    # A browser cannot send a chosen file again: the page keeps it for the next try.
    assert re.search(r'class="held-files__name">bukti-saham.pdf<', body)
    assert "Belum terkirim." in body
    # Corrected and sent without picking it again: the case has it, nothing waits.
    token = form.held_files.signed_token()
    fixed = {**data, "kepentingan": "Saya pemegang saham CV Sinar Cetak.", "rujukan_kasus": ""}
    response = signed_in.post(DECLARE, {**fixed, "files": [], "berkas_simpanan": token})
    assert response.status_code == 302
    case = Benturan.objects.get()
    assert [a.original_name for a in Attachment.objects.filter(case=case)] == ["bukti-saham.pdf"]
    assert not HeldUpload.objects.exists()


def test_a_document_kept_on_the_declaration_form_is_not_found_from_the_report_form(signed_in, colleague):
    response = signed_in.post(DECLARE, form_data(kepentingan="", files=[document("bukti-saham.pdf")]))
    token = response.context["form"].held_files.signed_token()
    response = signed_in.post(REPORT, {**form_data(pejabat=colleague.pk), "berkas_simpanan": token})
    assert response.status_code == 302
    assert not Attachment.objects.exists() and HeldUpload.objects.count() == 1


def test_a_declaration_sent_twice_files_one_case(signed_in):
    data = form_data()
    first = signed_in.post(DECLARE, data)
    second = signed_in.post(DECLARE, data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] and Benturan.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("jenis", "", "Pilih apakah benturan kepentingan ini aktual atau potensial."),
        ("sumber", "kekerabatan", "Pilih salah satu dari daftar."),
        ("hal", "", "Tuliskan keputusan, kegiatan, pengadaan, atau perizinan yang terdampak."),
        ("hal", "x" * 301, "Teks terlalu panjang: paling banyak 300 karakter."),
    ],
)
def test_each_wrong_field_says_what_to_correct(signed_in, field, value, message):
    response = signed_in.post(DECLARE, form_data(**{field: value}))
    assert response.status_code == 400 and response.context["form"].errors[field] == [message]


# --- The report --------------------------------------------------------------------------------


def test_a_report_names_another_employee_and_never_oneself(signed_in, pegawai, colleague, kasi):
    form = signed_in.get(REPORT).context["form"]
    assert pegawai not in form.fields["pejabat"].queryset and colleague in form.fields["pejabat"].queryset
    forged = signed_in.post(REPORT, form_data(pejabat=pegawai.pk))
    assert forged.status_code == 400
    assert forged.context["form"].errors["pejabat"] == ["Pegawai yang dipilih tidak tersedia. Pilih dari daftar."]
    response = signed_in.post(REPORT, form_data(pejabat=colleague.pk))
    case = Benturan.objects.get()
    assert response.status_code == 302
    assert (case.declarant, case.pejabat, case.asal, case.atasan) == (pegawai, colleague, Asal.LAPORAN, kasi)
    body = signed_in.get(response["Location"]).content.decode()
    assert "Laporan benturan kepentingan" in body and colleague.full_name in body
    # The reporter has no decision to hold.
    assert "Tunda keputusan atau tugas yang terdampak." not in body


def test_a_refused_report_keeps_what_was_typed(signed_in, colleague):
    response = signed_in.post(REPORT, form_data(pejabat=colleague.pk, hal_jenis=""))
    assert response.status_code == 400 and not Benturan.objects.exists()
    body = response.content.decode()
    assert f'value="{colleague.pk}" selected' in body
    assert "Saya pemegang saham kecil di CV Sinar Cetak.</textarea>" in body
    assert response.context["form"].errors["hal_jenis"] == [
        "Pilih apa yang terdampak: keputusan, kegiatan, pengadaan, atau perizinan."
    ]


def test_an_inactive_employee_cannot_be_reported(signed_in, colleague):
    colleague.is_active = False
    colleague.save()
    response = signed_in.post(REPORT, form_data(pejabat=colleague.pk))
    assert response.status_code == 400 and "pejabat" in response.context["form"].errors


# --- Following a case ------------------------------------------------------------------------------


def test_the_list_shows_only_ones_own_cases(signed_in, declare, colleague, pegawai):
    own = declare()
    other = declare(declarant=colleague)
    body = signed_in.get(LIST).content.decode()
    assert own.reference in body and other.reference not in body


def test_the_hold_notice_goes_with_the_decision(signed_in, case_in):
    pending = case_in(State.ANALISIS)
    decided = case_in(State.PELAKSANAAN)
    assert (
        "Tunda keputusan atau tugas yang terdampak."
        in signed_in.get(reverse("benturan:detail", args=[pending.pk])).content.decode()
    )
    body = signed_in.get(reverse("benturan:detail", args=[decided.pk])).content.decode()
    assert "Tunda keputusan atau tugas yang terdampak." not in body
    assert "Pengendalian yang harus Anda laksanakan" in body
    assert "Tidak ikut mengambil keputusan (recusal)" in body
    assert "Hubungan keluarga dengan peserta dapat memengaruhi penilaian." in body


def test_the_declarant_writes_to_the_superior(signed_in, declare, client, kasi):
    case = declare()
    response = signed_in.post(reverse("benturan:message", args=[case.pk]), {"body": "Rapat evaluasi hari Kamis."})
    assert response.status_code == 302
    message = Message.objects.get(case=case)
    assert message.sender == Message.Sender.REPORTER and message.body == "Rapat evaluasi hari Kamis."
    verified_login(client, kasi)
    assert "Rapat evaluasi hari Kamis." in client.get(reverse("benturan_staff:detail", args=[case.pk])).content.decode()


def test_an_empty_message_is_refused_on_the_page(signed_in, declare):
    case = declare()
    response = signed_in.post(reverse("benturan:message", args=[case.pk]), {"body": ""})
    assert response.status_code == 400 and not Message.objects.exists()


def test_the_declarant_downloads_their_file_and_nobody_else_does(signed_in, declare, client, colleague):
    case = declare(files=[document()])
    stored = Attachment.objects.get(case=case)
    url = reverse("benturan:file", args=[case.pk, stored.pk])
    assert signed_in.get(url).status_code == 200
    verified_login(client, colleague)
    assert client.get(url).status_code == 404


def test_a_huge_id_is_missing(signed_in):
    assert signed_in.get(f"/benturan/{2**70}/").status_code == 404
