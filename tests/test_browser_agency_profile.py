"""Whose service is this, seen as a citizen sees it: on a phone the landing page, the
complaint form and its receipt name the agency with its address, telephone and hours, and
the receipt's PDF, printed or kept on the phone, carries the same letterhead and contacts.

Screenshots go to SIGAP_TEST_SCREENSHOTS when it is set, else to the test's folder.
"""

import pypdfium2
import pytest
from django.urls import reverse

from accounts.models import UnitKerja, UnitProfile
from tests.axe import assert_accessible

PHONE = {"width": 360, "height": 740}
DESK = {"width": 1280, "height": 800}
NAME = "Dinas Kependudukan dan Pencatatan Sipil"
PARENT = "Pemerintah Kabupaten Sukamaju"
ADDRESS = "Jl. Jenderal Sudirman No. 17, Sukamaju"
TELEPHONE = "(0271) 555-0117"
HOURS = "Senin–Jumat 08.00–15.00"


@pytest.fixture
def agency(seeded_again):
    # The complaint form below needs the seeded categories, which an earlier committing
    # test on the same worker empties.
    dinas = UnitKerja.objects.create(name="Disdukcapil", code="disdukcapil", level=UnitKerja.Level.DINAS)
    return UnitProfile.objects.create(
        unit=dinas,
        official_name=NAME,
        parent_agency=PARENT,
        address=ADDRESS,
        city="Sukamaju",
        phone=TELEPHONE,
        email="disdukcapil@sukamaju.go.id",
        website="https://disdukcapil.sukamaju.go.id",
        office_hours=HOURS,
    )


def says_where_to_go(text: str) -> bool:
    return NAME in text and ADDRESS in text and TELEPHONE in text


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_citizen_sees_whose_service_it_is_down_to_the_receipt_pdf(chromium, live_server, settings, agency, shots):
    settings.SIGAP_PENGADUAN_MIN_FILL_SECONDS = 0
    base = live_server.url

    desk = chromium.new_context(viewport=DESK, locale="id-ID").new_page()
    desk.goto(base + reverse("home"))
    assert says_where_to_go(desk.inner_text("body")) and HOURS in desk.inner_text("body")
    desk.screenshot(path=str(shots / "agency-home-desk.png"), full_page=True)

    phone = chromium.new_context(viewport=PHONE, locale="id-ID", accept_downloads=True).new_page()
    phone.goto(base + reverse("home"))
    assert PARENT in phone.inner_text("body") and says_where_to_go(phone.inner_text("footer"))
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    phone.screenshot(path=str(shots / "agency-home-phone.png"), full_page=True)

    phone.goto(base + reverse("pengaduan:create"))
    assert says_where_to_go(phone.inner_text("footer"))
    phone.fill("#id_title", "Akta kelahiran belum terbit")
    phone.fill("#id_isi", "Berkas saya serahkan tiga minggu lalu dan belum ada kabar.")
    phone.select_option("#id_kategori", index=1)
    with phone.expect_navigation():
        phone.click("button.intake__submit")
    assert phone.url == base + reverse("pengaduan:receipt")
    receipt = phone.inner_text("main")
    assert f"Kantor kami: {NAME}, {ADDRESS}." in receipt and f"Telepon {TELEPHONE}." in receipt
    assert_accessible(phone)
    phone.screenshot(path=str(shots / "agency-receipt-phone.png"), full_page=True)

    with phone.expect_download() as download:
        phone.get_by_role("link", name="PDF").first.click()
    pdf = pypdfium2.PdfDocument(download.value.path())
    text = pdf[0].get_textpage().get_text_range()
    assert PARENT.upper() in text and NAME.upper() in text
    assert ADDRESS in text and TELEPHONE in text
    pdf[0].render(scale=1.5).to_pil().save(shots / "agency-receipt-pdf.png")
