"""A semester of monev through the real pages, in a real browser.

The Tim ZI evaluator, on a phone, records last semester's monev meeting with two
recommendations for the Seksi Identitas Penduduk. Its head, on his phone, finds both in
his Kotak Masuk and records the follow-up that finishes one. The Tim ZI submits the
report; the Kepala Dinas, at a desk, finds it in his Kotak Masuk and signs it. The
current semester's PDF then carries the other recommendation, still open, in its
"tindak lanjut periode sebelumnya", and not the finished one.

Each person has a browser profile of their own. Set SIGAP_TEST_SCREENSHOTS to a folder
to keep the pictures of every step.
"""

import io
from datetime import timedelta

import pypdfium2
import pytest
from django.urls import reverse
from django.utils import formats, timezone

from accounts import roles
from accounts.models import UnitKerja
from reports.monev.models import LaporanMonevVersi, Rekomendasi
from reports.monev.selectors import semester_of
from tests.test_browser_gratifikasi_flow import DESKTOP, PHONE, fits_the_screen, person, sign_in, snap, submit

OPEN_ONE = "Pasang banner janji layanan di ruang tunggu"
DONE_ONE = "Perbarui SOP perekaman KTP-el"


def pdf_text(content: bytes) -> str:
    pdf = pypdfium2.PdfDocument(io.BytesIO(content))
    return " ".join(" ".join(pdf[i].get_textpage().get_text_range().split()) for i in range(len(pdf)))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_recommendation_left_open_is_carried_into_the_next_semesters_pdf(
    chromium, live_server, seeded_again, make_user, shots
):
    base = live_server.url
    today = timezone.localdate()
    current = semester_of(today)
    earlier = current.previous()
    held = earlier.start + timedelta(days=20)
    due = held + timedelta(days=30)
    done_on = held + timedelta(days=10)

    dinas = UnitKerja.objects.create(
        code="dinas", name="Dinas Kependudukan dan Pencatatan Sipil", level=UnitKerja.Level.DINAS
    )
    seksi = UnitKerja.objects.create(
        code="identitas", name="Seksi Identitas Penduduk", level=UnitKerja.Level.SEKSI, parent=dinas
    )
    kadis, kadis_device = person(
        make_user, roles.PEGAWAI, roles.PIMPINAN, full_name="Drs. Budi Santoso", nip="197305121998031002", unit=dinas
    )
    kasi, kasi_device = person(
        make_user, roles.PEGAWAI, full_name="Hendra Gunawan", nip="198207092006041002", unit=seksi
    )
    tim, tim_device = person(
        make_user, roles.PEGAWAI, roles.TIM_PENILAI, full_name="Dewi Lestari", nip="198803152011012002", unit=dinas
    )
    dinas.head, seksi.head = kadis, kasi
    dinas.save()
    seksi.save()

    # 1. The Tim ZI records the meeting on a phone, then its two rows.
    phone = chromium.new_context(viewport=PHONE, locale="id-ID").new_page()
    phone.goto(base + reverse("reports:monev_meeting_create"))
    sign_in(phone, tim, tim_device)
    phone.fill("#id_tanggal", held.isoformat())
    phone.fill("#id_perihal", "Monev pembangunan ZI")
    phone.fill("#id_peserta", "Kepala Dinas, Tim ZI, para Kepala Seksi")
    assert fits_the_screen(phone)
    snap(phone, shots, "1a-tim-phone-meeting")
    submit(phone, "main form button[type=submit]")
    assert "Rapat monev dicatat" in phone.inner_text(".messages")
    submit(phone, "text=Tambah uraian dan masukan")
    for uraian, masukan, button in (
        ("SOP belum mengikuti alur antrean baru.", DONE_ONE, "button[name=lagi]"),
        ("Janji layanan belum terpasang.", OPEN_ONE, "main form button[type=submit]:not([name])"),
    ):
        phone.fill("#id_uraian", uraian)
        phone.fill("#id_masukan", masukan)
        phone.select_option("#id_unit", value=str(seksi.pk))
        phone.fill("#id_batas_waktu", due.isoformat())
        assert fits_the_screen(phone)
        submit(phone, button)
    snap(phone, shots, "1b-tim-phone-meeting-page")
    assert phone.locator("ol.record-list > li").count() == 2

    # 2. The head of the seksi finds both in his inbox and finishes one, on his phone.
    kasi_phone = chromium.new_context(viewport=PHONE, locale="id-ID").new_page()
    kasi_phone.goto(base + reverse("casework:inbox"))
    sign_in(kasi_phone, kasi, kasi_device)
    waiting = kasi_phone.inner_text("section.waiting")
    assert DONE_ONE in waiting and OPEN_ONE in waiting
    assert formats.date_format(due, "j F Y") in waiting
    snap(kasi_phone, shots, "2a-kasi-phone-inbox")
    submit(kasi_phone, f"section.waiting a:has-text('{DONE_ONE}')")
    kasi_phone.fill("#id_uraian", "SOP perekaman ditetapkan ulang mengikuti antrean baru.")
    kasi_phone.fill("#id_tanggal", done_on.isoformat())
    kasi_phone.check("#id_selesai")
    assert fits_the_screen(kasi_phone)
    submit(kasi_phone, "main form button[type=submit]")
    assert "Tindak lanjut dicatat" in kasi_phone.inner_text(".messages")
    snap(kasi_phone, shots, "2b-kasi-phone-follow-up")
    kasi_phone.goto(base + reverse("casework:inbox"))
    assert DONE_ONE not in kasi_phone.inner_text("main") and OPEN_ONE in kasi_phone.inner_text("main")

    # 3. The Tim ZI submits the semester; the Kepala Dinas signs it at his desk.
    earlier_number = 1 if earlier.start.month == 1 else 2
    phone.goto(base + reverse("reports:monev_semester", args=[earlier.start.year, earlier_number]))
    submit(phone, "text=Ajukan untuk ditandatangani")
    desk = chromium.new_context(viewport=DESKTOP, locale="id-ID").new_page()
    desk.goto(base + reverse("casework:inbox"))
    sign_in(desk, kadis, kadis_device)
    submit(desk, f"section.waiting a:has-text('Tandatangani laporan monev {earlier.label}')")
    submit(desk, "a.button:text-is('Tandatangani')")
    desk.fill("#id_tempat", "Kota Contoh")
    desk.fill("#id_tanggal", earlier.end.isoformat())
    snap(desk, shots, "3a-kadis-desk-sign")
    submit(desk, "main form button[type=submit]")
    assert "ditandatangani sebagai versi 1" in desk.inner_text(".messages")
    snap(desk, shots, "3b-kadis-desk-signed")
    assert LaporanMonevVersi.objects.get().ditandatangani_oleh == kadis

    # 4. The current semester's PDF carries the open one, and only it.
    current_number = 1 if current.start.month == 1 else 2
    # A draft semester's file is made in the background: the page's button asks for it,
    # and the job's page gives the file.
    desk.goto(base + reverse("reports:monev_semester", args=[current.start.year, current_number]))
    submit(desk, "form:has(input[name=laporan][value=monev]):has(input[name=format][value=pdf]) button")
    link = desk.locator("a[href*='/staf/laporan/unduhan/'][href$='/berkas/']").first
    response = desk.request.get(base + link.get_attribute("href"))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    text = pdf_text(response.body())
    carried = text.split("A. Masukan perbaikan periode sebelumnya")[1].split("B. Masukan perbaikan semester ini")[0]
    assert OPEN_ONE in carried and DONE_ONE not in carried
    assert "Belum selesai; penanggung jawab Seksi Identitas Penduduk" in carried
    pdf = pypdfium2.PdfDocument(io.BytesIO(response.body()))
    for index in range(len(pdf)):
        pdf[index].render(scale=1).to_pil().save(shots / f"4-next-semester-page-{index + 1}.png")
    assert Rekomendasi.objects.filter(selesai_pada__isnull=True).get().masukan == OPEN_ONE
