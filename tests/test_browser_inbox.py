"""The Kotak Masuk in a real browser: what waits for each person is where they land.

An employee whose gift declaration the UPG sent back signs in on a 360×740 phone with
password and authenticator code and lands on their inbox, where the declaration waits
with the completion period's due date (the date the declaration's page gives); they
follow it to the answer form, answer, and the inbox then says plainly that nothing waits.
At a 1280×800 desk the same inbox fits too. The Kepala Dinas signs in at the desk and
lands on the dashboard with his inbox beside it, where a request to open a WBS reporter's
identity waits, saying nothing of the reporter; he follows it to the decision page. Every
page reached fits its screen, passes axe-core (WCAG 2.1 A/AA) and breaks no rule of the
Content-Security-Policy.

Every step is photographed; set SIGAP_TEST_SCREENSHOTS to a folder to keep the pictures.
"""

import pytest
from django.urls import reverse
from django.utils import formats
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import roles
from accounts.models import UnitKerja
from casework.models import Case, Deadline
from casework.services import case_assign
from gratifikasi import services as gratifikasi_services
from gratifikasi.choices import Clock
from gratifikasi.tests.conftest import declaration_values
from tests.browser import browser_page, sign_in, snap, submit
from wbs import identity
from wbs import services as wbs_services
from wbs.identity import Identitas
from wbs.tests.conftest import IDENTITY_REASON, complete_report

from .axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
DESK = {"width": 1280, "height": 800}
REQUEST = "Alamat pemberi belum lengkap: tuliskan nomor rumah, RT/RW, kelurahan, dan kode pos."
ANSWER = "Alamat pemberi: Jl. Jenderal Sudirman No. 88, RT 02/RW 05, Kel. Cihapit, Bandung 40114."
REPORTER = "Siti Pelapor"


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def person(make_user, *role_names, full_name: str, nip: str, **extra):
    user = make_user(*role_names, nip=nip, **extra)
    user.full_name = full_name
    user.save(update_fields=["full_name"])
    return user, TOTPDevice.objects.create(user=user, name="Ponsel", confirmed=True)


def day(value) -> str:
    return formats.date_format(value, "j F Y")


@pytest.fixture
def returned_declaration(make_user):
    """The employee's gift declaration, registered by the UPG and sent back to complete."""
    unit = UnitKerja.objects.create(code="identitas", name="Seksi Identitas Penduduk", level=UnitKerja.Level.SEKSI)
    pegawai, device = person(
        make_user,
        roles.PEGAWAI,
        full_name="Rina Marlina",
        nip="199507302019031005",
        unit=unit,
        nik="3201014507950001",
        jabatan="Pengadministrasi Kependudukan",
        phone="0812 3456 7890",
        address="Jl. Merdeka No. 10, Bandung",
    )
    officer = make_user(roles.PEGAWAI, roles.PETUGAS_UPG)
    case = gratifikasi_services.declaration_submit(declarant=pegawai, data=declaration_values(pegawai))
    case = gratifikasi_services.declaration_register(case=case, actor=officer)
    case = gratifikasi_services.declaration_request_completion(case=case, actor=officer, catatan=REQUEST)
    return pegawai, device, case


@pytest.fixture
def identity_request(make_user):
    """A WBS report with a sealed identity whose handler asks to open it."""
    kepala_dinas, device = person(
        make_user, roles.PEGAWAI, roles.PIMPINAN, full_name="Suharto Wibowo", nip="197305121998031002"
    )
    handler = make_user(roles.PENGELOLA_WBS)
    report, _code = wbs_services.wbs_create(**complete_report(identitas=Identitas(nama=REPORTER)))
    report = case_assign(case=report, actor=handler, assignee=handler)
    pending = identity.identity_request(case=report, actor=handler, reason=IDENTITY_REASON)
    return kepala_dinas, device, Case.objects.get(pk=report.pk), pending


def test_the_employee_finds_the_returned_declaration_in_the_inbox_and_answers_it(
    chromium, live_server, seeded_again, make_user, shots, returned_declaration, identity_request
):
    base = live_server.url
    pegawai, device, case = returned_declaration
    due = Deadline.objects.get(case_id=case.pk, clock=Clock.KELENGKAPAN, completed_at__isnull=True).due_date
    label = f"Lengkapi laporan gratifikasi {case.reference}"
    violations: list[str] = []

    # 1. On the phone: sign in, land on the inbox, the declaration waiting with its date.
    phone = browser_page(chromium, PHONE, violations)
    sign_in(phone, base, pegawai, device)
    assert phone.url == base + reverse("casework:inbox")
    assert phone.inner_text("h1") == "Kotak Masuk"
    item = phone.locator(".waiting-item", has_text=label)
    assert item.count() == 1
    text = item.inner_text()
    assert f"Batas waktu: {day(due)}" in text
    assert "Gratifikasi" in text and "Alamat pemberi belum lengkap" in text
    assert "Kotak Masuk kosong" not in phone.inner_text("main")
    assert fits_the_screen(phone)
    assert_accessible(phone, "inbox, phone")
    snap(phone, shots, "1-pegawai-kotak-masuk-ponsel")

    # 2. At the desk the same inbox fits too.
    desk = browser_page(chromium, DESK, violations)
    desk.context.add_cookies(phone.context.cookies())
    desk.goto(base + reverse("casework:inbox"))
    assert desk.locator(".waiting-item", has_text=label).count() == 1
    assert fits_the_screen(desk)
    assert_accessible(desk, "inbox, desk")
    snap(desk, shots, "2-pegawai-kotak-masuk-desktop")

    # 3. Follow it to the answer form; the page gives the same date.
    with phone.expect_navigation():
        item.locator("a").click()
    assert phone.url == base + reverse("gratifikasi:detail", args=[case.pk]) + "#lengkapi"
    form = phone.locator("#lengkapi")
    assert form.is_visible()
    assert f"Batas waktu melengkapi: {day(due)}" in form.inner_text()
    snap(phone, shots, "3-pegawai-formulir-lengkapi")

    # 4. Answer; the inbox then says plainly that nothing waits.
    phone.fill("#lengkapi textarea[name=jawaban]", ANSWER)
    submit(phone, "#lengkapi button[type=submit]")
    assert "Jawaban Anda terkirim" in phone.inner_text(".messages")
    phone.goto(base + reverse("casework:inbox"))
    assert phone.locator(".waiting-item").count() == 0
    assert "Tidak ada yang menunggu Anda. Kotak Masuk kosong." in phone.inner_text("main")
    assert_accessible(phone, "empty inbox, phone")
    snap(phone, shots, "4-pegawai-kotak-masuk-kosong")

    # 5. The Kepala Dinas lands on the dashboard, his inbox beside it.
    kepala_dinas, kd_device, report, pending = identity_request
    boss = browser_page(chromium, DESK, violations)
    sign_in(boss, base, kepala_dinas, kd_device)
    assert boss.url == base + reverse("reports:dashboard")
    panel = boss.locator(".inbox-panel")
    request_item = panel.locator(".waiting-item", has_text=report.reference)
    assert request_item.count() == 1
    assert f"Batas waktu: {day(report.due_date)}" in request_item.inner_text()
    assert REPORTER not in boss.inner_text("body") and IDENTITY_REASON not in boss.inner_text("body")
    # Beside the summary on the desk: the panel stands to the right of the first kind's card.
    panel_box, card_box = panel.bounding_box(), boss.locator(".dash-kind").first.bounding_box()
    assert panel_box["x"] > card_box["x"] + card_box["width"] - 1
    assert fits_the_screen(boss)
    assert_accessible(boss, "dashboard with inbox, desk")
    snap(boss, shots, "5-kepala-dinas-dasbor-desktop")

    # 6. On his phone the inbox comes first, and the page fits.
    boss_phone = browser_page(chromium, PHONE, violations)
    boss_phone.context.add_cookies(boss.context.cookies())
    boss_phone.goto(base + reverse("reports:dashboard"))
    assert fits_the_screen(boss_phone)
    assert_accessible(boss_phone, "dashboard with inbox, phone")
    snap(boss_phone, shots, "6-kepala-dinas-dasbor-ponsel")

    # 7. He follows the request to the decision page.
    with boss.expect_navigation():
        request_item.locator("a").click()
    assert boss.url == base + reverse("wbs_staff:identity_requests") + f"#permintaan-{pending.pk}"
    assert boss.locator(f"#permintaan-{pending.pk}").is_visible()
    snap(boss, shots, "7-kepala-dinas-permintaan-identitas")

    assert violations == []
