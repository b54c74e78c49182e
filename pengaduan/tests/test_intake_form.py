"""The public complaint form: filing a complaint from a phone without an account, privacy
safe by default, nothing typed ever lost, robots and floods refused without any outside
service, and malformed input answered with a message rather than a server error."""

import io
import re
import time

import pytest
from django.urls import reverse
from PIL import Image

from accounts.models import UnitKerja
from casework import intake
from casework.formstamp import sign_started
from casework.models import Attachment, PendingCase
from pengaduan.choices import Channel, Jenis, State
from pengaduan.models import KategoriLayanan, Pengaduan

URL = "/pengaduan/baru/"
STORY = "Saya menunggu enam jam untuk perekaman KTP-el di loket tiga."


@pytest.fixture
def form_data(kategori):
    """A complete, valid post of the form, as a person sends it a minute after opening it."""

    def make(**changes):
        data = {
            "jenis": Jenis.PENGADUAN,
            "title": "Antrean KTP-el terlalu lama",
            "isi": STORY,
            "tanggal_kejadian": "2026-01-05",
            "lokasi": "Kantor Dinas, loket 3",
            "kategori": str(kategori.pk),
            "unit_tujuan": "",
            "nama": "",
            "nik": "",
            "email": "",
            "telepon": "",
            "anonim": "on",
            "rahasia": "on",
            "keterangan_tambahan": "",
            "dimulai": sign_started(time.time() - 60),
        }
        data.update(changes)
        return {key: value for key, value in data.items() if value is not None}

    return make


def png_upload(name="foto.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = name
    return buffer


def refused(response, status=400):
    """The form came back: the status says why, and no complaint was filed."""
    assert response.status_code == status
    assert not Pengaduan.objects.exists() and not PendingCase.objects.exists()
    return response.content.decode()


# --- The page -------------------------------------------------------------------------------


def test_the_form_speaks_indonesian_and_is_safe_by_default(client, db):
    response = client.get(reverse("pengaduan:create"))
    assert response.status_code == 200 and response["Cache-Control"].startswith("no-store")
    body = response.content.decode()
    assert '<html lang="id">' in body and "Buat pengaduan" in body
    for label in ("Judul", "Isi pengaduan atau kronologi", "Tanggal kejadian", "Lokasi kejadian", "Kategori layanan"):
        assert label in body
    assert 'name="anonim" aria-describedby="anonim-help" id="id_anonim" checked' in body
    assert 'name="rahasia" aria-describedby="rahasia-help" id="id_rahasia" checked' in body
    assert "Pihak yang Anda adukan dan masyarakat tidak akan tahu siapa Anda." in body
    assert "Isi pengaduan dan identitas Anda tidak pernah diumumkan, dicentang atau tidak." in body
    assert 'enctype="multipart/form-data"' in body and 'type="file"' in body
    assert 'value="pengaduan" aria-required="true" id="id_jenis_1" required checked' in body


def test_the_form_lists_only_active_categories_and_units(client, kategori, units):
    retired = KategoriLayanan.objects.create(name="Layanan lama", slug="lama", is_active=False)
    UnitKerja.objects.create(code="tutup", name="Seksi yang ditutup", level=UnitKerja.Level.SEKSI, is_active=False)
    body = client.get(URL).content.decode()
    assert kategori.name in body and retired.name not in body
    assert "Seksi Identitas" in body and "Seksi yang ditutup" not in body


def test_the_form_speaks_english_after_the_switch(client, db):
    client.post(reverse("set_language"), {"language": "en", "next": URL})
    body = client.get(URL).content.decode()
    assert '<html lang="en">' in body


def test_the_trap_field_is_hidden_from_people_and_autofill(client, db):
    body = client.get(URL).content.decode()
    trap = body.split('<div class="trap" aria-hidden="true">')[1].split("</div>")[0]
    [field] = re.findall(r"<input[^>]*>", trap)
    assert 'name="keterangan_tambahan"' in field
    assert 'autocomplete="off"' in field and 'tabindex="-1"' in field
    assert re.search(r'<input type="hidden" name="dimulai" value="[^"]+:[^"]+"', body)


# --- Filing -------------------------------------------------------------------------------


def test_a_complaint_is_filed_and_the_browser_goes_to_the_receipt(client, form_data, kategori, units):
    response = client.post(URL, form_data(unit_tujuan=str(units["identitas"].pk), jenis=Jenis.ASPIRASI))
    assert response.status_code == 302 and response["Location"] == reverse("pengaduan:receipt")
    assert intake.open_pending() == 1
    case = Pengaduan.objects.get()
    assert (case.state, case.channel, case.jenis) == (State.DITERIMA, Channel.WEB, Jenis.ASPIRASI)
    assert (case.title, case.isi, case.lokasi) == ("Antrean KTP-el terlalu lama", STORY, "Kantor Dinas, loket 3")
    assert case.kategori == kategori and case.unit_tujuan == units["identitas"]
    assert str(case.tanggal_kejadian) == "2026-01-05"
    assert (case.confidentiality, case.is_anonymous) == ("rahasia", True)


def test_identity_is_optional_and_kept_when_given(client, form_data):
    response = client.post(
        URL,
        form_data(nama="Budi Santoso", nik="3201 0145 0690 0002", email="Budi@Contoh.ID", telepon="0812-3456-7890"),
    )
    assert response.status_code == 302
    assert intake.open_pending() == 1
    case = Pengaduan.objects.get()
    assert (case.nama, case.nik, case.email, case.telepon) == (
        "Budi Santoso",
        "3201014506900002",
        "budi@contoh.id",
        "0812-3456-7890",
    )


def test_unticking_the_privacy_boxes_is_the_complainants_choice(client, form_data):
    data = form_data()
    del data["anonim"], data["rahasia"]
    assert client.post(URL, data).status_code == 302
    assert intake.open_pending() == 1
    case = Pengaduan.objects.get()
    assert (case.confidentiality, case.is_anonymous) == ("biasa", False)


def test_attachments_are_stored_with_the_complaint(client, form_data):
    data = form_data(lampiran=[png_upload("antrean.png"), png_upload("loket.png")])
    assert client.post(URL, data).status_code == 302
    # Opened at once: its files must belong to a case to be stored.
    assert not PendingCase.objects.exists()
    case = Pengaduan.objects.get()
    files = Attachment.objects.filter(case=case)
    assert sorted(f.original_name for f in files) == ["antrean.png", "loket.png"]
    assert all(f.from_reporter and f.visible_to_reporter and f.uploaded_by is None for f in files)


def test_a_refused_file_refuses_the_whole_complaint_and_keeps_the_text(client, form_data):
    fake = io.BytesIO(b"#!/bin/sh\necho bukan gambar\n")
    fake.name = "bukti.png"
    body = refused(client.post(URL, form_data(lampiran=[png_upload(), fake])))
    assert "bukti.png:" in body and STORY in body
    assert not Attachment.objects.exists()


# --- Nothing typed is lost ----------------------------------------------------------------------


def test_a_failed_validation_keeps_every_text_and_says_what_to_fix(client, form_data):
    data = form_data(title="", nama="Budi", email="budi@contoh.id", telepon="0812345678", lokasi="Loket 3")
    body = refused(client.post(URL, data))
    assert "Pengaduan Anda belum terkirim." in body and "Judul wajib diisi." in body
    for typed in (STORY, "Budi", "budi@contoh.id", "0812345678", "Loket 3", 'value="2026-01-05"'):
        assert typed in body


def test_files_come_back_kept_and_the_page_names_them(client, form_data):
    body = refused(client.post(URL, form_data(title="", lampiran=[png_upload("foto-antrean.png")])))
    assert "Berkas Anda tersimpan." in body and "foto-antrean.png" in body
    assert "Pilih kembali berkas Anda." not in body


def test_files_of_a_post_taken_for_a_robot_are_not_kept_and_the_page_says_so(client, form_data):
    data = form_data(keterangan_tambahan="https://spam.example", lampiran=[png_upload("foto-antrean.png")])
    body = refused(client.post(URL, data))
    assert "Pilih kembali berkas Anda." in body and "foto-antrean.png" in body
    assert "Berkas Anda tersimpan." not in body


def test_no_file_no_notice_about_files(client, form_data):
    body = refused(client.post(URL, form_data(title="")))
    assert "Pilih kembali berkas Anda." not in body


def test_unticked_privacy_boxes_stay_unticked_after_an_error(client, form_data):
    data = form_data(title="")
    del data["anonim"]
    body = refused(client.post(URL, data))
    assert 'id="id_anonim" checked' not in body and 'id="id_rahasia" checked' in body


@pytest.mark.parametrize(
    ("nik", "message"),
    [
        ("3201A14506900002", "NIK hanya boleh berisi angka."),
        ("320101450690", "NIK harus 16 angka; yang Anda isi 12 angka."),
        ("3201013506900002", "Angka ke-7 dan ke-8 NIK adalah tanggal lahir"),
        ("3201014513900002", "Angka ke-9 dan ke-10 NIK adalah bulan lahir: 01–12; yang Anda isi 13."),
        ("٣٢٠١٠١٤٥٠٦٩٠٠٠٠٢", "NIK hanya boleh berisi angka."),
    ],
)
def test_the_nik_is_checked_with_a_message_that_says_what_is_wrong(client, form_data, nik, message):
    body = refused(client.post(URL, form_data(nik=nik)))
    assert message in body and nik in body


# --- Robots and floods -------------------------------------------------------------------


def test_a_filled_trap_field_is_refused_with_a_message_and_the_text_kept(client, form_data):
    body = refused(client.post(URL, form_data(keterangan_tambahan="https://spam.example")))
    assert "ternyata terisi" in body and STORY in body
    assert "https://spam.example" not in body  # emptied for the next try


def test_a_post_faster_than_a_person_is_refused_and_can_be_sent_again(client, form_data, settings, monkeypatch):
    settings.SIGAP_PENGADUAN_MIN_FILL_SECONDS = 5
    data = form_data(dimulai=sign_started(time.time() - 1))
    body = refused(client.post(URL, data))
    assert "terlalu cepat" in body and STORY in body
    # The form comes back with the stamp of its first showing: once a person's time has
    # passed since then, the same page goes through.
    carried = body.split('name="dimulai" value="')[1].split('"')[0]
    assert carried == data["dimulai"]
    later = time.time() + 5
    monkeypatch.setattr(time, "time", lambda: later)
    assert client.post(URL, form_data(dimulai=carried)).status_code == 302


@pytest.mark.parametrize("stamp", [None, "", "1700000000", "1700000000:forged-signature", "x" * 500])
def test_a_missing_or_forged_stamp_is_refused_with_the_text_kept(client, form_data, stamp):
    body = refused(client.post(URL, form_data(dimulai=stamp)))
    assert "tidak lengkap atau sudah berubah" in body and STORY in body


def test_too_many_complaints_from_one_client_are_refused_with_the_text_kept(client, form_data, settings):
    settings.SIGAP_PENGADUAN_SUBMIT_RATE = "2/h"
    assert client.post(URL, form_data()).status_code == 302
    assert client.post(URL, form_data()).status_code == 302
    response = client.post(URL, form_data(isi="Pengaduan ketiga dalam satu jam."))
    assert response.status_code == 429
    body = response.content.decode()
    assert "Terlalu banyak pengaduan" in body and "Pengaduan ketiga dalam satu jam." in body
    # It says how long to wait, and does not ask to correct what is not wrong.
    assert "paling lama 60 menit lagi" in body and "Perbaiki bagian" not in body
    assert PendingCase.objects.count() == 2
    # Another client is not affected.
    other = client.post(URL, form_data(), REMOTE_ADDR="192.0.2.77")
    assert other.status_code == 302


def test_clients_behind_one_proxy_each_have_their_own_allowance(form_data, settings):
    from django.test import Client

    settings.SIGAP_PROXY_COUNT = 1
    settings.SIGAP_PENGADUAN_SUBMIT_RATE = "1/h"
    first = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.31")
    assert first.post(URL, form_data()).status_code == 302
    assert first.post(URL, form_data()).status_code == 429
    second = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.32")
    assert second.post(URL, form_data()).status_code == 302


def test_a_forged_forwarded_header_does_not_buy_more_complaints(form_data, settings):
    from django.test import Client

    settings.SIGAP_PENGADUAN_SUBMIT_RATE = "1/h"
    assert Client(REMOTE_ADDR="203.0.113.33", HTTP_X_FORWARDED_FOR="10.0.0.1").post(URL, form_data()).status_code == 302
    forger = Client(REMOTE_ADDR="203.0.113.33", HTTP_X_FORWARDED_FOR="10.0.0.2")
    assert forger.post(URL, form_data()).status_code == 429


def test_invalid_posts_do_not_use_up_the_limit(client, form_data, settings):
    settings.SIGAP_PENGADUAN_SUBMIT_RATE = "1/h"
    for _ in range(3):
        refused(client.post(URL, form_data(title="")))
    assert client.post(URL, form_data()).status_code == 302


# --- Malformed input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": "J" * 201}, "title", "paling banyak 200 karakter"),
        ({"isi": "x" * 10_001}, "isi", "paling banyak 10000 karakter"),
        ({"lokasi": "L" * 301}, "lokasi", "paling banyak 300 karakter"),
        ({"nama": "N" * 201}, "nama", "paling banyak 200 karakter"),
        ({"title": "Judul\x00dengan NUL"}, "title", "Karakter null tidak diizinkan."),
        ({"isi": "Isi\x00"}, "isi", "Karakter null tidak diizinkan."),
        ({"tanggal_kejadian": "2025-02-30"}, "tanggal_kejadian", "Tanggal tidak valid."),
        ({"tanggal_kejadian": "kemarin"}, "tanggal_kejadian", "Tanggal tidak valid."),
        ({"tanggal_kejadian": "2025-01-01\x00"}, "tanggal_kejadian", "Tanggal tidak valid."),
        ({"tanggal_kejadian": "9999-12-31"}, "tanggal_kejadian", "Tanggal kejadian tidak boleh setelah hari ini."),
        ({"tanggal_kejadian": "2" * 400}, "tanggal_kejadian", "Tanggal tidak valid."),
        ({"jenis": "pengaduan_palsu"}, "jenis", "Pilih salah satu jenis laporan yang tersedia."),
        ({"jenis": ""}, "jenis", "Pilih jenis laporan."),
        ({"kategori": "999999"}, "kategori", "Kategori yang dipilih tidak tersedia."),
        ({"kategori": "1 OR 1=1"}, "kategori", "Kategori yang dipilih tidak tersedia."),
        ({"kategori": "9" * 40}, "kategori", "Kategori yang dipilih tidak tersedia."),
        ({"kategori": "-1"}, "kategori", "Kategori yang dipilih tidak tersedia."),
        ({"kategori": "1\x00"}, "kategori", "Kategori yang dipilih tidak tersedia."),
        ({"kategori": "١"}, "kategori", "Kategori yang dipilih tidak tersedia."),
        ({"kategori": ""}, "kategori", "Pilih kategori layanan yang Anda adukan."),
        ({"unit_tujuan": "424242"}, "unit_tujuan", "Unit yang dipilih tidak tersedia."),
        ({"email": "bukan-email"}, "email", "Alamat e-mail tidak valid"),
        ({"email": "a@b.id\x00"}, "email", "Karakter null tidak diizinkan."),
        ({"telepon": "0812-ABCD-7890"}, "telepon", "Nomor telepon hanya boleh berisi angka"),
        ({"telepon": "0812"}, "telepon", "Nomor telepon harus 8 sampai 15 angka"),
        ({"nik": "1" * 41}, "nik", "paling banyak 40 karakter"),
    ],
)
def test_malformed_input_gets_a_message_on_its_field_never_a_server_error(client, form_data, changes, field, message):
    body = refused(client.post(URL, form_data(**changes)))
    errors = body.split(f'id="id_{field}_error">')[1].split("</ul>")[0]
    assert message in errors


def test_a_retired_category_is_refused_even_if_its_id_is_sent(client, form_data):
    retired = KategoriLayanan.objects.create(name="Layanan lama", slug="lama", is_active=False)
    body = refused(client.post(URL, form_data(kategori=str(retired.pk))))
    assert "Kategori yang dipilih tidak tersedia." in body


def test_a_refusal_by_the_service_is_shown_on_its_field(client, form_data, monkeypatch):
    from django.core.exceptions import ValidationError

    from pengaduan import services

    def refuse(**kwargs):
        raise ValidationError({"kategori": ["Kategori layanan ini sudah tidak dipakai; pilih kategori lain."]})

    monkeypatch.setattr(services, "pengaduan_submit", refuse)
    body = refused(client.post(URL, form_data()))
    assert "Kategori layanan ini sudah tidak dipakai; pilih kategori lain." in body and STORY in body


def test_a_get_with_junk_in_the_query_is_just_the_form(client, db):
    assert client.get(URL + "?kategori=%00&title=<script>").status_code == 200


# --- Script in text is inert ------------------------------------------------------------------


def test_script_typed_in_any_field_comes_back_as_text(client, form_data):
    script = '<script>alert("x")</script>'
    data = form_data(title="", isi=script, lokasi=script, nama=script, nik=script, telepon=script)
    data["lampiran"] = [png_upload('"><img src=x onerror=alert(1)>.png')]
    body = refused(client.post(URL, data))
    assert "<script>alert" not in body and "<img src=x" not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body


def test_a_request_too_big_to_read_is_refused_not_a_server_error(client, form_data):
    # Text beyond DATA_UPLOAD_MAX_MEMORY_SIZE never reaches the form; Django answers 400.
    assert client.post(URL, form_data(isi="x" * 3_000_000)).status_code == 400
    assert not Pengaduan.objects.exists()


def test_more_files_than_a_request_may_carry_are_refused_not_a_server_error(client, form_data, settings):
    files = [png_upload(f"foto-{n}.png") for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1)]
    assert client.post(URL, form_data(lampiran=files)).status_code == 400
    assert not Pengaduan.objects.exists()


def test_eleven_files_are_refused_with_the_limit_named(client, form_data, settings):
    files = [png_upload(f"foto-{n}.png") for n in range(settings.SIGAP_ATTACHMENT_MAX_COUNT + 1)]
    body = refused(client.post(URL, form_data(lampiran=files)))
    assert "Terlalu banyak lampiran" in body and STORY in body


def test_one_report_of_the_complaint_type_is_named_in_the_singular_in_english(client, db):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    form = client.get(reverse("pengaduan:create")).context["form"]
    labels = [str(label) for _value, label in form.fields["jenis"].choices]
    assert "Complaint" in labels and "Complaints" not in labels
