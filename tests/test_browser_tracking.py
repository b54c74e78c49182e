"""A complainant can plan: the tracking page says what happens next and by when.

A member of the public files a complaint from a 360×740 phone, opens /lacak/ with the
code the receipt shows, and reads what their complaint's status means, who acts next and
the day it is due. A Pengelola Pengaduan signs in on a 1280×800 desktop and opens the same
complaint: the verification deadline in its table of deadlines is that very day. Once
the handler has answered, the complainant's page says it is their turn and the day the
complaint closes by itself. Each page is checked by axe (tests/axe.py) and photographed;
set SIGAP_TEST_SCREENSHOTS to a folder to keep the pictures.
"""

import datetime

import pytest
from django.urls import reverse

from accounts import roles
from accounts.models import UnitKerja
from casework import next_step
from casework.models import Deadline
from pengaduan import services
from pengaduan.choices import Clock, State
from pengaduan.models import Pengaduan

from .axe import assert_accessible
from .test_browser_pengaduan_flow import fits_the_screen, sign_in, snap, staff, submit

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
ANSWER = "Loket perekaman kini dilayani dua petugas setiap hari kerja."


def open_tracking(page, base: str, code: str) -> None:
    page.goto(base + reverse("track"))
    page.fill("#id_code", code)
    submit(page, "main form button[type=submit]")
    assert page.url == base + reverse("track_case")


def due_on_the_tracking_page(page) -> str:
    return page.get_attribute("#langkah-berikutnya time.next-step__due", "datetime")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_complainant_reads_the_next_step_and_the_day_the_staff_see(
    chromium, live_server, settings, seeded_again, make_user, shots
):
    settings.SIGAP_PENGADUAN_MIN_FILL_SECONDS = 0
    base = live_server.url
    handler, device = staff(make_user, roles.PENGELOLA_PENGADUAN, "198602142010012001")
    dinas = UnitKerja.objects.create(code="dinas", name="Dinas Dukcapil", level=UnitKerja.Level.DINAS)
    unit = UnitKerja.objects.create(
        code="seksi-identitas", name="Seksi Identitas Penduduk", level=UnitKerja.Level.SEKSI, parent=dinas
    )

    # 1. A complaint from the phone; the receipt shows the tracking code.
    phone = chromium.new_context(viewport=PHONE, locale="id-ID").new_page()
    phone.goto(base + reverse("pengaduan:create"))
    phone.fill("#id_title", "Antrean KTP-el terlalu lama")
    phone.fill("#id_isi", "Saya menunggu enam jam di loket tiga tanpa kejelasan.")
    phone.select_option("#id_kategori", label="KTP-el")
    submit(phone, "button.intake__submit")
    assert phone.url == base + reverse("pengaduan:receipt")
    code = phone.inner_text("#tracking-code")
    case = Pengaduan.objects.get()

    # 2. On /lacak/ with the code: what the status means, who acts, and by which day.
    open_tracking(phone, base, code)
    section = phone.locator("#langkah-berikutnya")
    assert section.is_visible()
    assert "Apa yang terjadi berikutnya" in section.inner_text()
    assert "Petugas pengaduan memeriksa apakah isinya lengkap" in section.inner_text()
    verification = Deadline.objects.get(case=case, clock=Clock.VERIFIKASI).due_date
    assert due_on_the_tracking_page(phone) == verification.isoformat()
    words = next_step.next_step(case).due_text
    assert f"Petugas memverifikasi pengaduan Anda paling lambat {words}." in section.inner_text()
    assert "Batas waktu petugas" in section.inner_text()
    # What every status means is one link away, and the present one is marked.
    phone.click("#langkah-berikutnya a[href='#arti-status']")
    current = phone.locator("#arti-status .status-glossary__current")
    assert "Diterima" in current.inner_text() and "status Anda sekarang" in current.inner_text()
    assert phone.locator("#arti-status dt").count() == len(State)
    assert fits_the_screen(phone)
    assert_accessible(phone, "tracking page, phone")
    snap(phone, shots, "tracking-1-phone-received")

    # 3. The staff case page lists the same day as the verification deadline.
    desk = chromium.new_context(viewport=DESKTOP).new_page()
    sign_in(desk, base, handler, device)
    desk.goto(base + reverse("pengaduan_staff:detail", args=[case.pk]))
    row = desk.locator("table.deadlines tbody tr", has_text="Verifikasi")
    staff_day = row.locator("td[data-label='Batas waktu'] time").get_attribute("datetime")
    assert staff_day == due_on_the_tracking_page(phone) == verification.isoformat()
    snap(desk, shots, "tracking-2-desktop-staff-deadlines")

    # The same page on a desktop.
    wide = chromium.new_context(viewport=DESKTOP, locale="id-ID").new_page()
    open_tracking(wide, base, code)
    assert due_on_the_tracking_page(wide) == staff_day
    assert fits_the_screen(wide)
    assert_accessible(wide, "tracking page, desktop")
    snap(wide, shots, "tracking-3-desktop-received")

    # 4. Answered: now it is the complainant's turn, and the page names the day the
    # complaint closes by itself, the day after their time to respond.
    case = services.pengaduan_verify(case=case, actor=handler)
    case = services.pengaduan_route_to_unit(case=case, actor=handler, unit=unit)
    member = make_user(roles.UNIT_TINDAK_LANJUT, unit=unit)
    case = services.pengaduan_record_follow_up(case=case, actor=member, summary="Petugas perekaman ditambah.")
    case = services.pengaduan_answer(case=case, actor=handler, answer=ANSWER)
    phone.reload()
    section = phone.locator("#langkah-berikutnya")
    assert "Giliran Anda" in section.inner_text()
    konfirmasi = Deadline.objects.get(case=case, clock=Clock.KONFIRMASI, completed_at__isnull=True).due_date
    assert due_on_the_tracking_page(phone) == konfirmasi.isoformat()
    closes = phone.get_attribute("#langkah-berikutnya time.next-step__closes", "datetime")
    assert closes == (konfirmasi + datetime.timedelta(days=1)).isoformat()
    assert "ditutup otomatis" in section.inner_text()
    assert fits_the_screen(phone)
    assert_accessible(phone, "tracking page answered, phone")
    snap(phone, shots, "tracking-4-phone-answered")
    wide.reload()
    assert_accessible(wide, "tracking page answered, desktop")
    snap(wide, shots, "tracking-5-desktop-answered")
