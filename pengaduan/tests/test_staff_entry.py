"""Staff entry of complaints received through other channels: who may enter one, what is
recorded, the SP4N-LAPOR! ticket rule shown on its field, the original date of receipt,
attachments, and the tracking code shown once."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from accounts.testing import verified_login
from casework import attachments, tracking
from casework.models import Attachment, Case, Deadline, InternalNote, TimelineEntry
from casework.tests.samples import png_with_text
from casework.views_case import case_url
from pengaduan.choices import Channel, State
from pengaduan.models import Pengaduan
from pengaduan.views_staff_entry import RECEIPT_SESSION_KEY

ENTRY = reverse("pengaduan_staff:create")
DONE = reverse("pengaduan_staff:entry_done")

# Everyone but the handlers: observers and the unit see complaints but do not enter them.
NOT_ALLOWED = [role for role in roles.ROLE_NAMES if role != roles.PENGELOLA_PENGADUAN]


@pytest.fixture
def data(kategori):
    """What a handler types for a complaint received by telephone."""
    return {
        "channel": Channel.TELEPON,
        "lapor_tracking_id": "",
        "diterima_pada": timezone.localdate().isoformat(),
        "alasan_terlambat": "",
        "jenis": "pengaduan",
        "title": "Loket akta tutup sebelum jam layanan",
        "isi": "Pelapor menelepon: loket akta kelahiran sudah tutup pukul 11.00 pada hari Selasa.",
        "tanggal_kejadian": "",
        "lokasi": "Kantor Disdukcapil",
        "kategori": kategori.pk,
        "unit_tujuan": "",
        "nama": "Budi Santoso",
        "nik": "",
        "email": "",
        "telepon": "0812 3456 7890",
        "rahasia": "on",
        "anonim": "on",
    }


def errors(response, field):
    assert response.status_code == 400, response.status_code
    return response.context["form"].errors.get(field, [])


def only_complaint():
    return Pengaduan.objects.get()


# --- Who may enter a complaint -------------------------------------------------------------


def test_a_visitor_is_sent_to_sign_in(client, db):
    response = client.get(ENTRY)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("role", NOT_ALLOWED)
def test_other_roles_may_not_enter_a_complaint(client, make_user, units, data, role):
    verified_login(client, make_user(role, unit=units["identitas"]))
    assert client.get(ENTRY).status_code == 403
    assert client.post(ENTRY, data).status_code == 403
    assert client.get(DONE).status_code == 403
    assert not Pengaduan.objects.exists()


def test_the_form_offers_every_channel_but_the_web_and_starts_private(staff):
    response = staff.get(ENTRY)
    assert response.status_code == 200
    body = response.content.decode()
    channels = re.findall(r'<option value="([a-z_0-9]+)"', body.split('name="channel"')[1].split("</select>")[0])
    assert channels == [c.value for c in Channel if c != Channel.WEB]
    assert re.search(r'<input type="checkbox" name="rahasia"[^>]* checked', body)
    assert re.search(r'<input type="checkbox" name="anonim"[^>]* checked', body)
    assert 'enctype="multipart/form-data"' in body


# --- A complaint entered --------------------------------------------------------------------


def test_a_complaint_is_recorded_with_its_channel_and_the_handler(staff, handler, data, kategori):
    response = staff.post(ENTRY, data)
    assert response.status_code == 302 and response["Location"] == DONE
    case = only_complaint()
    assert case.state == State.DITERIMA
    assert (case.channel, case.title, case.kategori, case.nama, case.telepon) == (
        Channel.TELEPON,
        data["title"],
        kategori,
        "Budi Santoso",
        "0812 3456 7890",
    )
    assert (case.confidentiality, case.is_anonymous) == ("rahasia", True)
    opening = TimelineEntry.objects.get(case=case)
    assert opening.actor == handler and not opening.by_reporter
    # Received today and entered now: its deadlines count from today.
    assert case.received_on == timezone.localdate() == timezone.localdate(case.opened_at)
    assert not InternalNote.objects.filter(case=case).exists()


def test_the_tracking_code_is_shown_once_then_the_case_page(staff, data):
    staff.post(ENTRY, data)
    case = only_complaint()
    response = staff.get(DONE)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    code = response.context["code"]
    body = response.content.decode()
    assert code in body and case.reference in body
    assert "Sampaikan kode ini kepada pelapor sekarang." in body
    assert f'href="{case_url(case)}"' in body
    assert tracking.find_case(code).pk == case.pk
    assert "juga dikirim ke nomor HP pelapor" in body  # the test SMS backend is on
    # Once: a second visit says so and goes to the list, without the code.
    again = staff.get(DONE, follow=True)
    assert again.redirect_chain[0] == (reverse("pengaduan_staff:list"), 302)
    assert code not in again.content.decode()
    assert "hanya ditampilkan sekali" in again.content.decode()


def test_the_code_waits_in_the_session_encrypted(staff, data):
    staff.post(ENTRY, data)
    stored = staff.session[RECEIPT_SESSION_KEY]
    code = staff.get(DONE).context["code"]
    assert code not in str(stored) and stored["sealed_code"].startswith("enc:v")


def test_the_complainant_may_ask_to_be_named_and_public(staff, data):
    data.pop("rahasia")
    data.pop("anonim")
    staff.post(ENTRY, data)
    case = only_complaint()
    assert (case.confidentiality, case.is_anonymous) == ("biasa", False)


# --- The day received: every deadline counts from it ------------------------------------------
#
# March 2026 in the seeded calendar: Tuesday 17 is a working day; 18 is cuti bersama for
# Nyepi, 19 Nyepi, 20 cuti bersama for Idul Fitri, 21-22 Idul Fitri (a weekend too), 23
# and 24 cuti bersama; Wednesday 25 is the first working day after them.
TUE_17 = datetime.date(2026, 3, 17)
WED_25 = datetime.date(2026, 3, 25)
REASON = "Surat di kotak pengaduan baru dibuka setelah libur Lebaran."


def test_the_form_starts_with_today_as_the_day_received(staff, travel):
    travel(WED_25)
    body = staff.get(ENTRY).content.decode()
    assert re.search(r'<input[^>]*name="diterima_pada"[^>]*value="2026-03-25"', body)
    assert 'name="alasan_terlambat"' in body


def test_a_letter_received_before_the_holidays_counts_from_the_day_received(staff, data, handler, travel):
    travel(WED_25)
    data.update(channel=Channel.KOTAK_PENGADUAN, diterima_pada=TUE_17.isoformat(), alasan_terlambat=REASON)
    assert staff.post(ENTRY, data).status_code == 302
    case = only_complaint()
    assert case.received_on == TUE_17 and timezone.localdate(case.opened_at) == WED_25
    # Verification takes 3 working days from the day received, Tuesday 17 March: the
    # 18th-24th are holidays, cuti bersama or the weekend, so Wed 25 (1), Thu 26 (2),
    # Fri 27 (3). Counted from the day it was typed in, it would be Mon 30 March.
    verification = Deadline.objects.get(case=case, clock="verifikasi")
    assert (verification.started_on, verification.due_date) == (TUE_17, datetime.date(2026, 3, 27))
    assert case.due_date == datetime.date(2026, 3, 27)
    # The history keeps the day received, the day entered and why it was entered late.
    opening = TimelineEntry.objects.get(case=case)
    assert opening.actor == handler and opening.note == REASON
    assert not InternalNote.objects.filter(case=case).exists()
    page = staff.get(case_url(case)).content.decode()
    history = page.split('id="riwayat"', 1)[1].split("</section>", 1)[0]
    assert "Diterima 17 Mar 2026, dicatat 25 Mar 2026" in history
    assert f"Alasan dicatat terlambat: {REASON}" in history
    summary = page.split('<dl class="summary">', 1)[1].split("</dl>", 1)[0]
    assert "17 Mar 2026" in summary and "dicatat 25 Mar 2026" in summary


def test_a_late_entry_without_its_reason_is_refused_and_nothing_typed_is_lost(staff, data, travel):
    travel(WED_25)
    data.update(diterima_pada=TUE_17.isoformat())
    response = staff.post(ENTRY, data)
    assert errors(response, "alasan_terlambat") == [
        "Tanggal diterima bukan hari ini: tuliskan alasan laporan ini baru dicatat sekarang."
    ]
    assert not Pengaduan.objects.exists()
    body = response.content.decode()
    assert 'value="2026-03-17"' in body and f'value="{data["title"]}"' in body


def test_a_day_received_too_long_ago_is_refused(staff, data, travel):
    travel(WED_25)
    data.update(diterima_pada="2025-03-17", alasan_terlambat=REASON)
    assert errors(staff.post(ENTRY, data), "diterima_pada") == [
        "Tanggal diterima paling lama 30 hari sebelum hari ini (paling awal 23 Februari 2026). Periksa tanggalnya."
    ]
    assert not Pengaduan.objects.exists()


def test_the_day_received_is_required(staff, data):
    data.update(diterima_pada="")
    assert errors(staff.post(ENTRY, data), "diterima_pada") == ["Isi tanggal pengaduan diterima."]


def test_a_date_of_receipt_in_the_future_is_refused(staff, data):
    data["diterima_pada"] = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    assert errors(staff.post(ENTRY, data), "diterima_pada") == ["Tanggal diterima tidak boleh setelah hari ini."]
    assert not Pengaduan.objects.exists()


def test_an_event_after_the_receipt_is_refused(staff, data):
    today = timezone.localdate()
    data.update(
        diterima_pada=(today - datetime.timedelta(days=5)).isoformat(),
        alasan_terlambat=REASON,
        tanggal_kejadian=(today - datetime.timedelta(days=2)).isoformat(),
    )
    assert errors(staff.post(ENTRY, data), "tanggal_kejadian") == [
        "Tanggal kejadian tidak boleh setelah tanggal pengaduan diterima."
    ]


# --- The SP4N-LAPOR! ticket and other refusals, shown where they were typed ------------------


def test_a_lapor_complaint_keeps_its_ticket(staff, data):
    data.update(channel=Channel.SP4N_LAPOR, lapor_tracking_id=" LAP-2026-0042 ")
    assert staff.post(ENTRY, data).status_code == 302
    assert only_complaint().lapor_tracking_id == "LAP-2026-0042"


def test_a_lapor_complaint_without_its_ticket_is_refused_on_that_field(staff, data):
    data.update(channel=Channel.SP4N_LAPOR)
    response = staff.post(ENTRY, data)
    assert errors(response, "lapor_tracking_id") == ["Pengaduan dari SP4N-LAPOR! wajib mencantumkan nomor tiketnya."]
    assert not Pengaduan.objects.exists()
    # Nothing typed is lost.
    body = response.content.decode()
    assert f'value="{data["title"]}"' in body and data["isi"] in body and 'value="Budi Santoso"' in body
    assert '<option value="sp4n_lapor" selected>' in body


def test_a_ticket_on_another_channel_is_refused_on_that_field(staff, data):
    data.update(lapor_tracking_id="LAP-2026-0042")
    assert errors(staff.post(ENTRY, data), "lapor_tracking_id") == [
        "Nomor tiket SP4N-LAPOR! hanya diisi untuk pengaduan dari SP4N-LAPOR!."
    ]
    assert not Pengaduan.objects.exists()


def test_a_ticket_entered_twice_names_the_first_complaint(staff, data):
    data.update(channel=Channel.SP4N_LAPOR, lapor_tracking_id="LAP-2026-0042")
    staff.post(ENTRY, data)
    first = only_complaint()
    assert errors(staff.post(ENTRY, data), "lapor_tracking_id") == [
        f"Tiket SP4N-LAPOR! ini sudah tercatat sebagai {first.reference}."
    ]
    assert Pengaduan.objects.count() == 1


@pytest.mark.parametrize("channel", ["", Channel.WEB, "merpati"])
def test_the_channel_must_be_one_staff_enter(staff, data, channel):
    data["channel"] = channel
    assert errors(staff.post(ENTRY, data), "channel")
    assert not Pengaduan.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("nik", "1234", "NIK harus 16 angka; yang Anda isi 4 angka."),
        ("nik", "3201011513900001", "Angka ke-9 dan ke-10 NIK adalah bulan lahir: 01–12; yang Anda isi 13."),
        ("telepon", "telepon saya", None),
        ("email", "bukan-email", "Alamat e-mail tidak valid, contohnya: nama@contoh.id."),
        ("title", "   ", None),
        ("title", "x" * 201, None),
        ("isi", "", None),
        ("kategori", "", "Pilih kategori layanan yang diadukan."),
        ("kategori", "99999999999999999999999", None),
        ("unit_tujuan", "abc", None),
        ("tanggal_kejadian", "2026-02-30", "Tanggal tidak valid. Tulis seperti 31-12-2025, atau pilih dari kalender."),
    ],
)
def test_bad_input_is_explained_on_its_field_and_nothing_is_saved(staff, data, field, value, message):
    data[field] = value
    response = staff.post(ENTRY, data)
    messages = errors(response, field)
    assert messages
    if message:
        assert messages == [message]
    assert not Pengaduan.objects.exists()
    assert "Pengaduan belum disimpan." in response.content.decode()


def test_a_retired_category_is_refused(staff, data, kategori):
    type(kategori).objects.filter(pk=kategori.pk).update(is_active=False)
    assert errors(staff.post(ENTRY, data), "kategori")


def test_script_in_the_fields_is_stored_as_text_and_shown_inert(staff, data):
    data["title"] = '<script>alert("x")</script>'
    data["nama"] = "<img src=x onerror=alert(1)>"
    data["isi"] = "x" * 20001  # also refused, so the page comes back with both values
    response = staff.post(ENTRY, data)
    body = response.content.decode()
    assert "<script>alert" not in body and "<img src=x" not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body


# --- Attachments ----------------------------------------------------------------------------


def test_the_complainants_files_are_stored_encrypted_on_the_case(staff, data, handler):
    data["lampiran"] = [SimpleUploadedFile("foto loket.png", png_with_text(), content_type="image/png")]
    assert staff.post(ENTRY, data).status_code == 302
    case = only_complaint()
    stored = Attachment.objects.get(case=case)
    assert stored.uploaded_by == handler and stored.from_reporter and stored.visible_to_reporter
    assert stored.original_name == "foto loket.png" and stored.content_type == "image/png"
    raw = attachments.storage_path(stored).read_bytes()
    assert b"PNG" not in raw[:64]
    assert attachments.read_attachment(stored).startswith(b"\x89PNG")


def test_a_refused_file_saves_nothing_and_asks_to_pick_the_files_again(staff, data):
    data["lampiran"] = [SimpleUploadedFile("catatan.txt", b"bukan gambar", content_type="text/plain")]
    response = staff.post(ENTRY, data)
    assert errors(response, "lampiran")
    assert not Case.objects.exists() and not Attachment.objects.exists()
    body = response.content.decode()
    assert "Pilih kembali berkas Anda." in body and "catatan.txt" in body
    assert f'value="{data["title"]}"' in body


def test_a_refused_entry_keeps_its_good_files_for_the_staff_member_alone(staff, data, handler, make_user):
    from casework.models import HeldUpload
    from casework.tests import samples

    data["lampiran"] = [samples.upload(samples.png_with_text(), "surat.png")]
    response = staff.post(ENTRY, {**data, "channel": ""})
    assert errors(response, "channel")
    body = response.content.decode()
    assert "Berkas Anda tersimpan." in body and "surat.png" in body
    held = HeldUpload.objects.get()
    assert held.owner == handler and held.form == "pengaduan.staff_entry"
    token = response.context["form"].held_files.signed_token()
    response = staff.post(ENTRY, {**data, "lampiran": [], "berkas_simpanan": token})
    assert response.status_code == 302
    assert [a.original_name for a in Attachment.objects.all()] == ["surat.png"]
    assert not HeldUpload.objects.exists()


def test_a_complaint_about_a_colleague_never_reaches_them(staff, data, make_user):
    from casework import access

    colleague = make_user(roles.PENGELOLA_PENGADUAN)
    colleague.full_name = "Rahmat Hidayat"
    colleague.save(update_fields=["full_name"])
    page = staff.get(ENTRY).content.decode()
    assert 'name="petugas_nama"' in page and 'name="petugas_jabatan"' in page
    response = staff.post(ENTRY, {**data, "petugas_nama": "Rahmat Hidayat", "petugas_jabatan": "Petugas loket"})
    assert response.status_code == 302
    case = Pengaduan.objects.get()
    assert not access.can_view(colleague, case)
    assert not access.inbox_cases(colleague).filter(pk=case.pk).exists()
