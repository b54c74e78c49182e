"""The declaration form of a signed-in employee: identity from the account, the gift typed
the Indonesian way, input refused with a message and nothing typed lost, the advisory
exemption check that saves nothing and never blocks, and the declaration filed with its
photos stored encrypted and without their metadata."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from accounts.testing import verified_login
from casework.attachments import read_attachment, storage_path
from casework.models import Attachment, HeldUpload
from casework.tests.samples import METADATA_CANARIES
from gratifikasi.choices import HubunganPemberi, JenisLaporan, JenisPenerimaan, JenisPeristiwa, State
from gratifikasi.models import Gratifikasi
from security import crypto

URL = "/gratifikasi/baru/"
BEFORE = date(2026, 1, 19)
AMENDED = date(2026, 1, 20)


@pytest.fixture
def signed_in(client, declarant):
    verified_login(client, declarant)
    return client


def post_data(**changes):
    """A complete post of the form for a declarant whose account holds their identity."""
    data = {
        "jenis_laporan": JenisLaporan.PENERIMAAN,
        "pemberi_nama": "Budi Santoso",
        "pemberi_instansi": "CV Maju Jaya",
        "pemberi_alamat": "Jl. Asia Afrika No. 5, Bandung",
        "hubungan": HubunganPemberi.LAINNYA,
        "jenis_peristiwa": JenisPeristiwa.PERNIKAHAN,
        "jenis_penerimaan": JenisPenerimaan.BARANG,
        "uraian": "Satu set peralatan makan pada resepsi pernikahan adik saya.",
        "nilai": "Rp2.000.000",
        "tanggal_terima": (timezone.localdate() - timedelta(days=2)).isoformat(),
        "tempat_terima": "Gedung Serbaguna, Bandung",
        "kronologi": "Pemberi datang ke resepsi dan menyerahkan bingkisan kepada saya.",
        "kategori": "",
        "kirim": "1",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def check(**changes):
    """The same post with the "Periksa pengecualian" button instead of "Kirim laporan"."""
    data = post_data(**changes)
    data.pop("kirim")
    data["periksa"] = "1"
    return data


def field_value(body: str, name: str) -> str:
    match = re.search(rf'<input[^>]*name="{name}"[^>]*>', body)
    assert match, f"no input {name}"
    value = re.search(r'value="([^"]*)"', match.group(0))
    return value.group(1) if value else ""


# --- The page -------------------------------------------------------------------------------


def test_the_form_is_made_for_a_phone_and_filled_from_the_account(signed_in, declarant):
    response = signed_in.get(URL)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in body
    assert 'enctype="multipart/form-data"' in body and 'type="file"' in body
    assert 'inputmode="numeric"' in body and 'placeholder="Rp1.500.000"' in body
    # What the account holds is shown as text, not as inputs to retype.
    details = body.split('<dl class="summary">', 1)[1].split("</dl>", 1)[0]
    for label, value in [
        ("Nama lengkap", "Rina Marlina"),
        ("NIK", "3201014507950001"),
        ("NIP", "199507302019031005"),
        ("Jabatan", "Pengadministrasi Kependudukan"),
        ("Unit kerja", "Seksi Identitas Penduduk"),
        ("Alamat rumah", "Jl. Merdeka No. 10, Bandung"),
        ("Nomor HP / WhatsApp", "0812 3456 7890"),
        ("E-mail", declarant.email),
    ]:
        assert f"<dt>{label}</dt><dd>{value}</dd>" in details, label
    for name in ("nama", "nik", "nip", "jabatan", "unit_kerja", "alamat", "telepon", "email"):
        assert f'name="{name}"' not in body, name
    assert "Periksa pengecualian" in body and "Kirim laporan" in body


def test_what_the_account_lacks_is_typed_in_the_form(client, make_user, unit):
    bare = make_user(roles.PEGAWAI)
    verified_login(client, bare)
    body = client.get(URL).content.decode()
    for name in ("nik", "nip", "jabatan", "alamat", "telepon"):
        assert re.search(rf'<input[^>]*name="{name}"', body), name
    assert f"<dt>Nama lengkap</dt><dd>{bare.full_name}</dd>" in body and 'name="nama"' not in body

    identity = {
        "nik": "3201 0112 0356 0001",
        "nip": "",
        "jabatan": "Operator Layanan",
        "unit_kerja": str(unit.pk),
        "alamat": "Jl. Kenanga 3, Cimahi",
        "telepon": "0812-1111-2222",
    }
    response = client.post(URL, post_data(**identity))
    assert response.status_code == 302
    case = Gratifikasi.objects.get()
    assert (case.nama, case.nik, case.nip, case.jabatan) == (bare.full_name, "3201011203560001", "", "Operator Layanan")
    assert (case.unit_kerja, case.alamat, case.telepon, case.email) == (
        unit,
        "Jl. Kenanga 3, Cimahi",
        "0812-1111-2222",
        bare.email,
    )


def test_an_account_detail_in_a_wrong_shape_is_offered_for_correction(client, make_user):
    verified_login(client, make_user(roles.PEGAWAI, nik="32010145", phone="12"))
    body = client.get(URL).content.decode()
    assert field_value(body, "nik") == "32010145"
    assert field_value(body, "telepon") == "12"


def test_a_posted_identity_cannot_replace_what_the_account_holds(signed_in):
    response = signed_in.post(URL, post_data(nama="Orang Lain", nik="3201011203560001"))
    assert response.status_code == 302
    case = Gratifikasi.objects.get()
    assert (case.nama, case.nik) == ("Rina Marlina", "3201014507950001")


# --- Refused input keeps what was typed --------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"nilai": "1,5"}, "nilai", "Tuliskan nilai dalam rupiah penuh, tanpa sen (misalnya Rp1.500.000)."),
        ({"nilai": "abc"}, "nilai", "Tuliskan nilai dengan angka, misalnya Rp1.500.000."),
        ({"nilai": "1.50.000"}, "nilai", "Penulisan nilai tidak dikenali"),
        ({"nilai": ""}, "nilai", "Perkiraan nilai wajib diisi"),
        (
            # Worked out when the test runs, not when it is collected (a run can cross midnight).
            {"tanggal_terima": lambda: (timezone.localdate() + timedelta(days=1)).isoformat()},
            "tanggal_terima",
            "Tanggal diterima atau ditolak tidak boleh setelah hari ini.",
        ),
        ({"tanggal_terima": "31-02-2026"}, "tanggal_terima", "Tanggal tidak valid."),
        ({"hubungan": "musuh"}, "hubungan", "Pilih salah satu dari daftar."),
        ({"uraian": ""}, "uraian", "Uraikan apa yang diberikan."),
    ],
)
def test_bad_gift_input_is_refused_with_everything_kept(signed_in, changes, field, message):
    data = post_data(**{name: value() if callable(value) else value for name, value in changes.items()})
    response = signed_in.post(URL, data)
    assert response.status_code == 400
    assert not Gratifikasi.objects.exists()
    body = response.content.decode()
    assert "Laporan Anda belum terkirim." in body
    assert message in body
    assert f'href="#id_{field}"' in body
    assert field_value(body, "pemberi_nama") == "Budi Santoso"
    assert "Pemberi datang ke resepsi dan menyerahkan bingkisan kepada saya." in body
    if field == "nilai" and data["nilai"]:
        assert field_value(body, "nilai") == data["nilai"]


@pytest.mark.parametrize(
    ("nik", "message"),
    [
        ("3201", "NIK harus 16 angka; yang Anda isi 4 angka."),
        ("32010145079500AB", "NIK hanya boleh berisi angka."),
        ("3201019907950001", "Angka ke-7 dan ke-8 NIK adalah tanggal lahir"),
    ],
)
def test_a_bad_nik_typed_in_the_form_is_refused_and_kept(client, make_user, nik, message):
    verified_login(client, make_user(roles.PEGAWAI))
    data = post_data(nik=nik, jabatan="Staf", alamat="Jl. Melati 1", telepon="081234567890")
    response = client.post(URL, data)
    assert response.status_code == 400
    assert not Gratifikasi.objects.exists()
    body = response.content.decode()
    assert message in body
    assert field_value(body, "nik") == nik
    assert field_value(body, "jabatan") == "Staf"


def kept_names(response) -> list[str]:
    return re.findall(r'class="held-files__name">([^<]+)<', response.content.decode())


def token_of(response) -> str:
    return response.context["form"].held_files.signed_token()


def test_a_refused_form_keeps_the_photos_for_the_next_try(signed_in, photo):
    response = signed_in.post(URL, {**post_data(nilai="abc"), "foto": [photo("kado.jpg"), photo("kartu.jpg")]})
    assert response.status_code == 400
    assert kept_names(response) == ["kado.jpg", "kartu.jpg"]
    assert "Pilih kembali berkas Anda." not in response.content.decode()
    assert not Attachment.objects.exists()
    # Corrected and sent without picking them again: the declaration has both, nothing waits.
    response = signed_in.post(URL, {**post_data(), "berkas_simpanan": token_of(response)})
    assert response.status_code == 302
    case = Gratifikasi.objects.get()
    assert sorted(a.original_name for a in Attachment.objects.filter(case=case)) == ["kado.jpg", "kartu.jpg"]
    assert not HeldUpload.objects.exists()


def test_kept_photos_are_the_declarants_alone(signed_in, photo, client, make_user):
    response = signed_in.post(URL, {**post_data(nilai="abc"), "foto": [photo("kado.jpg")]})
    token = token_of(response)
    other = make_user(roles.PEGAWAI, nik="3201014506900002", phone="081234567890", address="Jl. Lain 2")
    client.logout()
    verified_login(client, other)
    response = client.post(URL, {**post_data(nilai="abc"), "berkas_simpanan": token})
    assert kept_names(response) == [] and HeldUpload.objects.count() == 1


def test_a_file_that_is_not_a_photo_is_refused_by_name(signed_in):
    from casework.tests.samples import upload

    response = signed_in.post(URL, {**post_data(), "foto": [upload(b"MZ\x90\x00 program", "hadiah.exe")]})
    assert response.status_code == 400
    assert "hadiah.exe:" in response.content.decode()
    assert not Gratifikasi.objects.exists()


# --- The advisory check -------------------------------------------------------------------------


def advice_of(response) -> str:
    body = response.content.decode()
    assert '<div class="notice advice"' in body, "no advice on the page"
    return body.split('<div class="notice advice"', 1)[1].split("</fieldset>", 1)[0]


@pytest.mark.parametrize(
    ("received", "nilai", "verdict", "reason"),
    [
        (BEFORE, "Rp1.000.000", "Mungkin tidak wajib dilaporkan", "Rp1.000.000: tidak melebihi batas Rp1.000.000"),
        (BEFORE, "Rp1.000.001", "Melebihi batas", "Rp1.000.001: melebihi batas Rp1.000.000 per pemberi"),
        (AMENDED, "1500000", "Mungkin tidak wajib dilaporkan", "Rp1.500.000: tidak melebihi batas Rp1.500.000"),
        (AMENDED, "Rp 1.500.001", "Melebihi batas", "Rp1.500.001: melebihi batas Rp1.500.000 per pemberi"),
    ],
)
def test_the_check_shows_the_wedding_gift_rule_at_its_boundaries(signed_in, received, nilai, verdict, reason):
    response = signed_in.post(URL, check(tanggal_terima=received.isoformat(), nilai=nilai))
    assert response.status_code == 200
    advice = advice_of(response)
    assert f"<strong>{verdict}:</strong>" in advice
    assert reason in advice
    assert "Peraturan KPK 2/2019 Pasal 2 ayat (3) huruf l" in advice
    assert ("diubah Peraturan KPK 1/2026" in advice) == (received == AMENDED)
    assert f"berlaku pada {received.day} Januari 2026" in advice
    # Nothing is saved, and the amount is shown back the Indonesian way.
    assert not Gratifikasi.objects.exists()
    body = response.content.decode()
    assert field_value(body, "nilai") == "Rp" + f"{int(nilai.replace('Rp', '').replace('.', '')):,}".replace(",", ".")
    assert field_value(body, "pemberi_nama") == "Budi Santoso"


def test_the_check_adds_the_earlier_gifts_from_the_same_giver_that_year(signed_in, submit_declaration):
    colleague = {
        "hubungan": HubunganPemberi.REKAN_KERJA,
        "jenis_peristiwa": JenisPeristiwa.LAINNYA,
        "jenis_penerimaan": JenisPenerimaan.BARANG,
        "pemberi_nama": "Hendra Gunawan",
    }
    submit_declaration(tanggal_terima=date(2026, 3, 2), nilai=Decimal(400_000), **colleague)
    submit_declaration(tanggal_terima=date(2026, 5, 4), nilai=Decimal(500_000), **colleague)
    submit_declaration(tanggal_terima=date(2025, 12, 1), nilai=Decimal(500_000), **colleague)  # another year

    response = signed_in.post(
        URL, check(tanggal_terima="2026-06-01", nilai="Rp500.000", **{**colleague, "pemberi_nama": "hendra  GUNAWAN"})
    )
    advice = advice_of(response)
    assert "Pemberian sebelumnya dari pemberi yang sama pada tahun 2026 yang sudah Anda laporkan: Rp900.000." in advice
    assert "<strong>Mungkin tidak wajib dilaporkan:</strong>" in advice
    assert "termasuk pemberian ini, Rp1.400.000: tidak melebihi batas Rp1.500.000 setahun." in advice

    # One rupiah more that year, and the same gift goes over the yearly cap.
    submit_declaration(tanggal_terima=date(2026, 5, 5), nilai=Decimal(100_001), **colleague)
    response = signed_in.post(URL, check(tanggal_terima="2026-06-01", nilai="Rp500.000", **colleague))
    advice = advice_of(response)
    assert "yang sudah Anda laporkan: Rp1.000.001." in advice
    assert "<strong>Melebihi batas:</strong>" in advice
    assert "termasuk pemberian ini, Rp1.500.001: melebihi batas Rp1.500.000 setahun." in advice
    assert Gratifikasi.objects.count() == 4


def test_the_check_adds_the_same_guests_other_envelope_at_the_same_wedding(signed_in, submit_declaration):
    wedding = {
        "hubungan": HubunganPemberi.LAINNYA,
        "jenis_peristiwa": JenisPeristiwa.PERNIKAHAN,
        "jenis_penerimaan": JenisPenerimaan.UANG,
        "pemberi_nama": "Budi Santoso",
        "tanggal_terima": AMENDED,
    }
    # The first envelope, declared already.
    submit_declaration(nilai=Decimal(1_000_000), **wedding)
    at_cap = advice_of(signed_in.post(URL, check(**{**wedding, "tanggal_terima": "2026-01-20", "nilai": "Rp500.000"})))
    assert "<strong>Mungkin tidak wajib dilaporkan:</strong>" in at_cap
    assert "yang sudah Anda laporkan: Rp1.000.000." in at_cap
    assert "(Pernikahan, 20 Januari 2026), termasuk pemberian ini, Rp1.500.000: tidak melebihi batas" in at_cap
    over = advice_of(signed_in.post(URL, check(**{**wedding, "tanggal_terima": "2026-01-20", "nilai": "Rp500.001"})))
    assert "<strong>Melebihi batas:</strong>" in over
    assert "Rp1.500.001: melebihi batas Rp1.500.000 per pemberi dalam setiap acara." in over


def test_the_check_needs_only_the_fields_it_judges(signed_in):
    response = signed_in.post(URL, check(uraian="", kronologi="", tempat_terima="", pemberi_instansi=""))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Laporan Anda belum terkirim." not in body and "Periksa kembali isian" not in body
    assert "Melebihi batas" in advice_of(response)

    response = signed_in.post(URL, check(nilai="", jenis_peristiwa=""))
    assert response.status_code == 400
    advice = advice_of(response)
    assert "Untuk memeriksa pengecualian, isi dulu:" in advice
    assert "Jenis peristiwa" in advice and "Perkiraan nilai (rupiah)" in advice


def test_the_check_files_nothing_and_keeps_the_photos_for_the_send(signed_in, photo):
    response = signed_in.post(URL, {**check(), "foto": [photo("kado.jpg")]})
    assert response.status_code == 200
    assert kept_names(response) == ["kado.jpg"]
    assert not Gratifikasi.objects.exists() and not Attachment.objects.exists()
    response = signed_in.post(URL, {**post_data(), "berkas_simpanan": token_of(response)})
    assert response.status_code == 302
    assert [a.original_name for a in Attachment.objects.all()] == ["kado.jpg"]
    assert not HeldUpload.objects.exists()


def test_the_category_list_is_the_rules_in_force_on_the_date_received(signed_in):
    def options(response):
        select = response.content.decode().split('name="kategori"', 1)[1].split("</select>", 1)[0]
        return re.findall(r'<option value="([^"]*)"', select)

    before = options(signed_in.post(URL, check(tanggal_terima=BEFORE.isoformat())))
    after = options(signed_in.post(URL, check(tanggal_terima=AMENDED.isoformat())))
    assert "rekan_pisah_sambut" in before and "rekan_pisah_sambut" not in after
    assert {"upacara", "rekan_lainnya", "keluarga"} <= set(after)
    assert before[0] == "" and after[0] == ""
    # The list goes from m to o after 2026: the form says n was deleted, and since when.
    page = signed_in.post(URL, check(tanggal_terima=AMENDED.isoformat())).content.decode()
    assert "Huruf n dihapus oleh Peraturan KPK 1/2026 sejak 20 Januari 2026." in page
    assert "Huruf n dihapus" not in signed_in.post(URL, check(tanggal_terima=BEFORE.isoformat())).content.decode()


def test_a_picked_rule_deleted_on_the_date_received_is_explained_not_refused(signed_in):
    data = check(
        tanggal_terima=AMENDED.isoformat(),
        kategori="rekan_pisah_sambut",
        hubungan=HubunganPemberi.REKAN_KERJA,
        jenis_peristiwa=JenisPeristiwa.MUTASI_PROMOSI,
        nilai="Rp250.000",
    )
    response = signed_in.post(URL, data)
    assert response.status_code == 200
    advice = advice_of(response)
    assert "<strong>Tidak sesuai:</strong>" in advice
    assert "Ketentuan ini tidak berlaku lagi sejak 20 Januari 2026" in advice
    assert "(tidak berlaku pada tanggal pemberian)" in response.content.decode()
    # And sending is not blocked by it.
    data.pop("periksa")
    assert signed_in.post(URL, {**data, "kirim": "1"}).status_code == 302
    assert Gratifikasi.objects.get().saran_pengecualian is None


def test_a_refusal_gets_the_note_that_the_rules_are_for_gifts_received(signed_in):
    response = signed_in.post(URL, check(jenis_laporan=JenisLaporan.PENOLAKAN))
    assert "Ketentuan tidak wajib lapor berlaku untuk gratifikasi yang diterima." in advice_of(response)


def test_sending_a_gift_the_check_finds_not_obligatory_is_never_blocked(signed_in):
    response = signed_in.post(URL, post_data(nilai="Rp500.000"))
    assert response.status_code == 302
    case = Gratifikasi.objects.get()
    assert case.saran_pengecualian.category == "upacara"
    body = signed_in.get(response["Location"]).content.decode()
    assert "Saran pengecualian saat laporan dikirim" in body
    assert "Peraturan KPK 2/2019 Pasal 2 ayat (3) huruf l, diubah Peraturan KPK 1/2026" in body


# --- Filing ---------------------------------------------------------------------------------------


def test_a_declaration_is_filed_with_its_reference_shown(signed_in, declarant, photo):
    response = signed_in.post(URL, {**post_data(dititipkan="on"), "foto": [photo("kado.jpg")]})
    case = Gratifikasi.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("gratifikasi:detail", args=[case.pk])
    assert case.state == State.ADMINISTRASI and case.declarant == declarant
    assert case.reference.startswith(f"GRT/{timezone.localdate().year}/")
    assert (case.nilai, case.jenis_penerimaan, case.dititipkan) == (Decimal(2_000_000), "barang", True)
    assert case.nama == "Rina Marlina" and case.unit_kerja == declarant.unit
    assert not case.terlambat_upg and not case.terlambat_kpk

    page = signed_in.get(response["Location"]).content.decode()
    assert f"Laporan gratifikasi Anda tercatat dengan nomor {case.reference}." in page
    assert "Rp2.000.000" in page


def test_the_photo_is_stored_encrypted_without_its_metadata(signed_in, photo):
    signed_in.post(URL, {**post_data(), "foto": [photo("kado.jpg")]})
    case = Gratifikasi.objects.get()
    attachment = Attachment.objects.get(case=case)
    assert attachment.from_reporter and attachment.content_type == "image/jpeg"
    assert attachment.original_name == "kado.jpg"
    stored = storage_path(attachment).read_bytes()
    assert b"\xff\xd8" not in stored[:4]  # not a JPEG on disk: ciphertext
    plain = read_attachment(attachment)
    assert plain.startswith(b"\xff\xd8")
    assert crypto.decrypt_bytes(stored) == plain
    for canary in METADATA_CANARIES:
        assert canary not in plain and canary not in stored


def test_a_late_declaration_is_accepted_and_flagged_in_plain_words(signed_in):
    response = signed_in.post(URL, post_data(tanggal_terima=(timezone.localdate() - timedelta(days=90)).isoformat()))
    assert response.status_code == 302
    case = Gratifikasi.objects.get()
    assert case.terlambat_kpk and case.terlambat_upg
    page = signed_in.get(response["Location"]).content.decode()
    assert "Terlambat dilaporkan." in page
    assert "lebih dari 30 hari kerja sejak tanggal penerimaan" in page
    assert "Laporan tetap diterima dan diproses" in page


def test_a_refused_gift_cannot_be_handed_over_for_custody(signed_in):
    response = signed_in.post(URL, post_data(jenis_laporan=JenisLaporan.PENOLAKAN, dititipkan="on"))
    assert response.status_code == 400
    assert "tidak dapat dititipkan" in response.content.decode()
    assert not Gratifikasi.objects.exists()


# --- Sent twice ---------------------------------------------------------------------------------


def test_the_form_carries_its_own_key_through_a_refusal(signed_in):
    page = signed_in.get(URL).content.decode()
    key = field_value(page, "kunci_kiriman")
    assert len(key) == 36
    refused = signed_in.post(URL, post_data(nilai="abc", kunci_kiriman=key)).content.decode()
    assert field_value(refused, "kunci_kiriman") == key


def test_a_form_sent_twice_files_one_declaration(signed_in):
    key = field_value(signed_in.get(URL).content.decode(), "kunci_kiriman")
    first = signed_in.post(URL, post_data(kunci_kiriman=key))
    again = signed_in.post(URL, post_data(kunci_kiriman=key))
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"]
    assert Gratifikasi.objects.count() == 1
    # A new form is a new declaration.
    other = field_value(signed_in.get(URL).content.decode(), "kunci_kiriman")
    assert other != key
    signed_in.post(URL, post_data(kunci_kiriman=other))
    assert Gratifikasi.objects.count() == 2
