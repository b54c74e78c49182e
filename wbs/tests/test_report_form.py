"""The public report form (/wbs/lapor/): it asks for 4W+1H with evidence, explains what is
and is not stored, keeps everything typed when it refuses, traps robots, limits how
often one client files, and never links a signed-in employee to the report."""

import re
import time
from decimal import Decimal

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from accounts.testing import verified_login
from casework.formstamp import sign_started
from casework.tests import samples
from security.models import AuditEntry
from wbs.models import KontakPelapor, LaporanWbs, SealedIdentity

from .conftest import form_data

URL = "/wbs/lapor/"


def post(client, **overrides):
    return client.post(URL, form_data(**overrides))


def test_the_form_is_at_its_address_and_linked_from_home(client, db):
    assert reverse("wbs:create") == URL
    assert f'href="{URL}"' in client.get(reverse("home")).content.decode()


def test_the_form_asks_4w1h_and_explains_what_is_stored(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("no-store") and response["Referrer-Policy"] == "same-origin"
    body = response.content.decode()
    for question in ("Apa yang terjadi?", "Siapa yang dilaporkan?", "Di mana?", "Kapan?", "Bagaimana terjadinya?"):
        assert question in body
    assert "Berapa perkiraan nilainya?" in body and 'name="bukti"' in body
    for promise in (
        "alamat internet (IP) Anda",
        "jenis perangkat atau browser Anda",
        "akun Anda, juga bila Anda sedang masuk sebagai pegawai",
        "identitas disegel",
        "“ada kabar baru”",
        "Kami tidak menyimpan kode itu",
    ):
        assert promise in body
    assert f'href="{reverse("wbs:login")}"' in body
    # Three rows for reported persons, each with name, position and unit.
    assert body.count('name="terlapor-0-nama"') == 1 and 'name="terlapor-2-unit_kerja"' in body


def test_a_complete_report_is_filed_with_every_part(client, db):
    response = post(
        client,
        nilai_kerugian="Rp 1.500.000",
        **{
            "terlapor-1-nama": "Budi Hartono",
            "terlapor-1-unit_kerja": "Seksi Identitas",
            "identitas_nama": "Siti Pelapor",
            "identitas_nip": "19900101 201501 2 001",
            "kontak_email": "Pelapor@Example.TEST",
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse("wbs:receipt")
    case = LaporanWbs.objects.get()
    assert (case.title, case.kategori, case.nilai_kerugian) == (
        "Pungutan liar di loket KTP-el",
        "korupsi",
        Decimal("1500000"),
    )
    assert case.dimana == "Loket 3, kantor Disdukcapil" and case.kapan == "Setiap Senin sejak Maret 2026"
    assert [(t.nama, t.jabatan, t.unit_kerja) for t in case.terlapor.all()] == [
        ("Petugas Loket Tiga", "Pengadministrasi", ""),
        ("Budi Hartono", "", "Seksi Identitas"),
    ]
    assert SealedIdentity.objects.filter(laporan=case).exists()
    assert KontakPelapor.objects.get(laporan=case).email == "pelapor@example.test"


@pytest.mark.parametrize(
    ("typed", "amount"),
    [("1500000", "1500000"), ("Rp1.500.000", "1500000"), ("2.750.000,50", "2750000.50"), ("rp 250 000", "250000")],
)
def test_amounts_are_read_as_written_here(client, db, typed, amount):
    assert post(client, nilai_kerugian=typed).status_code == 302
    assert LaporanWbs.objects.get().nilai_kerugian == Decimal(amount)


def test_bad_input_comes_back_with_everything_typed_and_each_error_named(client, db):
    response = client.post(
        URL,
        form_data(
            title="",
            kategori="gosip",
            nilai_kerugian="sejuta",
            bukti=[samples.upload(samples.png_with_text(), "foto-loket.png", "image/png")],
            **{
                "terlapor-0-nama": "",
                "terlapor-0-jabatan": "",
                "terlapor-0-unit_kerja": "Seksi Identitas",
                "identitas_nip": "123",
                "kontak_email": "bukan alamat",
            },
        ),
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Laporan Anda belum terkirim." in body
    # What was typed is still there.
    assert "Petugas loket meminta uang Rp50.000" in body and "Loket 3, kantor Disdukcapil" in body
    assert 'value="Seksi Identitas"' in body and 'value="sejuta"' in body
    # Each error, named.
    for message in (
        "Tuliskan judul singkat laporan Anda.",
        "Pilih salah satu jenis pelanggaran yang tersedia.",
        "Tulis nilai dengan angka",
        "Sebutkan nama atau jabatan orang yang dilaporkan.",
        "Alamat e-mail tidak valid",
    ):
        assert message in body
    # The file is kept for the next try, and the page says which.
    assert "Berkas Anda tersimpan." in body and "foto-loket.png" in body
    assert not LaporanWbs.objects.exists()


def test_the_service_refusal_lands_on_its_field(client, db):
    response = post(client, identitas_nip="12345")
    assert response.status_code == 400
    assert 'id="id_identitas_nip"' in response.content.decode()
    assert response.context["form"].errors["identitas_nip"]
    assert not LaporanWbs.objects.exists()


def test_a_refused_file_is_named_and_nothing_is_kept(client, db):
    response = client.post(URL, form_data(bukti=[samples.upload(samples.WINDOWS_EXE, "program.exe")]))
    assert response.status_code == 400
    assert "program.exe" in response.context["form"].errors["bukti"][0]
    assert "Petugas loket meminta uang" in response.content.decode()
    assert not LaporanWbs.objects.exists()


def test_a_few_files_too_many_are_refused_by_the_form_with_the_text_kept(client, db, settings):
    """Not by Django before the view, which would lose everything typed."""
    count = settings.SIGAP_ATTACHMENT_MAX_COUNT + 3
    assert count <= settings.DATA_UPLOAD_MAX_NUMBER_FILES
    files = [samples.upload(samples.png_with_text(), f"foto-{n}.png", "image/png") for n in range(count)]
    response = client.post(URL, form_data(bukti=files))
    assert response.status_code == 400
    assert "Terlalu banyak lampiran" in response.context["form"].errors["bukti"][0]
    assert "Petugas loket meminta uang" in response.content.decode()
    assert not LaporanWbs.objects.exists()


def test_evidence_keeps_no_metadata(client, db):
    from casework.attachments import read_attachment

    assert client.post(URL, form_data(bukti=[samples.upload(samples.jpeg_with_gps(), "IMG_1.jpg")])).status_code == 302
    attachment = LaporanWbs.objects.get().attachments.get()
    assert attachment.from_reporter and attachment.uploaded_by is None
    assert not any(canary in read_attachment(attachment) for canary in samples.METADATA_CANARIES)


# --- Robots and floods ---------------------------------------------------------------------


def test_the_robot_trap_refuses_and_keeps_the_text(client, db):
    response = post(client, catatan_tambahan="http://spam.example")
    assert response.status_code == 400
    body = response.content.decode()
    assert "Jangan isi kolom ini" in body and "Petugas loket meminta uang" in body
    assert 'name="catatan_tambahan" value=' not in body  # emptied for the next try
    response = post(client, dimulai=sign_started(time.time()))
    assert response.status_code == 400 and "terlalu cepat" in response.content.decode()
    response = post(client, dimulai="dipalsukan")
    assert response.status_code == 400
    assert not LaporanWbs.objects.exists()


def test_one_client_files_only_so_many_reports(client, db, settings):
    settings.SIGAP_WBS_SUBMIT_RATE = "2/h"
    for _ in range(2):
        assert client.post(URL, form_data(), REMOTE_ADDR="192.0.2.10").status_code == 302
    response = client.post(URL, form_data(title="Laporan ketiga"), REMOTE_ADDR="192.0.2.10")
    assert response.status_code == 429
    body = response.content.decode()
    assert "Terlalu banyak laporan" in body and 'value="Laporan ketiga"' in body
    assert LaporanWbs.objects.count() == 2
    assert client.post(URL, form_data(), REMOTE_ADDR="192.0.2.11").status_code == 302


def test_a_client_past_the_proxy_cannot_forge_its_way_to_more_reports(client, db, settings):
    # Behind one proxy on this machine, a client that reaches the application directly
    # and writes its own X-Forwarded-For is still counted by its connection.
    settings.SIGAP_PROXY_COUNT = 1
    settings.SIGAP_WBS_SUBMIT_RATE = "2/h"
    for n in range(2):
        forged = client.post(URL, form_data(), REMOTE_ADDR="192.0.2.40", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
        assert forged.status_code == 302
    forged = client.post(URL, form_data(), REMOTE_ADDR="192.0.2.40", HTTP_X_FORWARDED_FOR="10.0.0.9")
    assert forged.status_code == 429
    # Clients behind the proxy each have their own allowance.
    for n in range(2):
        proxied = client.post(URL, form_data(), REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
        assert proxied.status_code == 302


def test_a_report_refused_for_a_mistake_does_not_use_up_a_try(client, db, settings):
    settings.SIGAP_WBS_SUBMIT_RATE = "2/h"
    settings.SIGAP_WBS_SUBMIT_CEILING = "2/h"
    wrong = form_data(identitas_nama="Siti", identitas_telepon="0812")
    for _ in range(3):
        response = client.post(URL, wrong, REMOTE_ADDR="192.0.2.30")
        assert response.status_code == 400 and "Terlalu banyak" not in response.content.decode()
    corrected = form_data(identitas_nama="Siti", identitas_telepon="0812 3456 7890")
    assert client.post(URL, corrected, REMOTE_ADDR="192.0.2.30").status_code == 302
    assert client.post(URL, form_data(), REMOTE_ADDR="192.0.2.30").status_code == 302
    assert client.post(URL, form_data(), REMOTE_ADDR="192.0.2.30").status_code == 429
    assert LaporanWbs.objects.count() == 2


def test_a_ceiling_holds_across_all_clients(client, db, settings):
    settings.SIGAP_WBS_SUBMIT_CEILING = "3/h"
    for n in range(3):
        assert client.post(URL, form_data(), REMOTE_ADDR=f"192.0.2.{20 + n}").status_code == 302
    assert client.post(URL, form_data(), REMOTE_ADDR="192.0.2.99").status_code == 429


# --- A signed-in employee is not linked ---------------------------------------------------------


def test_a_signed_in_employee_files_like_anyone_and_is_not_linked(client, pegawai):
    verified_login(client, pegawai)
    session_key = client.cookies["sessionid"].value
    expiry = Session.objects.get(session_key=session_key).expire_date
    # The page is the anonymous page: no staff menu, no name.
    page = client.get(URL).content.decode()
    assert pegawai.full_name not in page and 'class="staff-nav"' not in page
    response = client.post(URL, form_data())
    assert response.status_code == 302
    assert "sessionid" not in response.cookies  # the staff session is neither read nor refreshed
    case = LaporanWbs.objects.get()
    for entry in AuditEntry.objects.filter(case_id=case.pk):
        assert entry.actor_id is None and entry.actor_label == "" and "client" not in entry.data
    assert case.timeline.get().actor is None and case.assignee is None
    # The session row was not touched (its expiry would date the visit), and still works.
    assert Session.objects.get(session_key=session_key).expire_date == expiry
    assert client.get(reverse("casework:inbox")).status_code == 200


def test_the_form_is_the_same_with_or_without_a_staff_session(client, pegawai):
    anonymous = Client()
    verified_login(client, pegawai)

    def shape(response):
        # The CSRF token differs per browser, the nonce of the page's scripts and style
        # sheets per response; everything else must not.
        body = re.sub(r'nonce="[^"]*"', 'nonce=""', response.content.decode())
        return response.status_code, sorted(response.cookies), body.split('name="csrfmiddlewaretoken" value="')[0]

    assert shape(client.get(URL)) == shape(anonymous.get(URL))


def test_the_reporter_views_never_look_at_the_user():
    import inspect

    from wbs import reporter_session, views_report, views_reporter

    for module in (views_report, views_reporter, reporter_session):
        assert "request.user" not in inspect.getsource(module)
