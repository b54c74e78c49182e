"""Staff find a person, not only a number, in a real browser.

A Pengelola Pengaduan signs in with NIP, password and the code on the phone, opens the
complaint list, types a complainant's NIK (grouped, as printed on the card) into its
search box and finds the case, then the complainant's telephone written another way
(+62 812 … for 0812-…) and finds it again; a name finds it too, part of a name does not.
The page says how it read each search, and passes the axe check on a desktop and on a
360-pixel phone. On the WBS list, a NIK is refused with the reason.

Every step is photographed; set SIGAP_TEST_SCREENSHOTS to a folder to keep the pictures.
"""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import roles
from pengaduan import services
from pengaduan.models import KategoriLayanan
from tests.browser import sign_in, snap, submit

from .axe import assert_accessible

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
NIK = "3201234506780001"
TELEPON = "0812-3456-7890"


def search(page, typed: str) -> list[str]:
    """Type into the list's search box and apply; the references the list shows."""
    page.fill("#id_cari", typed)
    submit(page, "form.filters button[type=submit]")
    return page.locator("table.cases tbody th[scope=row] a").all_inner_texts()


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_handler_finds_a_complainant_by_nik_and_by_telephone(chromium, live_server, seeded_again, make_user, shots):
    base = live_server.url
    handler = make_user(roles.PENGELOLA_PENGADUAN, nip="198602142010012001")
    device = TOTPDevice.objects.create(user=handler, name="Ponsel", confirmed=True)
    wbs_handler = make_user(roles.PENGELOLA_WBS, nip="198411032009011003")
    wbs_device = TOTPDevice.objects.create(user=wbs_handler, name="Ponsel", confirmed=True)
    kategori = KategoriLayanan.objects.get(slug="ktp-el")
    siti, _code = services.pengaduan_create(
        title="Antrean KTP-el terlalu lama",
        isi="Saya menunggu enam jam.",
        kategori=kategori,
        nama="Siti Aminah",
        nik=NIK,
        telepon=TELEPON,
        email="siti@contoh.id",
    )
    for n, name in enumerate(("Budi Santoso", "Dewi Lestari", "")):
        services.pengaduan_create(
            title=f"Pengaduan lain {n}",
            isi="Isi pengaduan lain.",
            kategori=kategori,
            nama=name,
            nik=f"320101120356000{n + 2}" if name else "",
            telepon=f"0813 2222 333{n}" if name else "",
        )

    # 1. The handler signs in with the second factor and opens the complaint list.
    desk = chromium.new_context(viewport=DESKTOP, locale="id-ID").new_page()
    sign_in(desk, base, handler, device)
    assert desk.url == base + reverse("casework:inbox")
    desk.goto(base + reverse("pengaduan_staff:list"))
    help_text = desk.inner_text("form.filters")
    assert "NIK, nomor telepon" in help_text and "sama persis" in help_text
    assert len(desk.locator("table.cases tbody tr").all()) == 4

    # 2. The complainant's NIK, grouped as on the card, finds the case.
    assert search(desk, "3201 2345 0678 0001") == [siti.reference]
    assert "Dicari sebagai: NIK yang sama persis." in desk.inner_text("main")
    assert_accessible(desk, "complaint list, NIK search")
    snap(desk, shots, "1-desktop-nik")

    # 3. The telephone written another way finds it too.
    assert search(desk, "+62 812 3456 7890") == [siti.reference]
    assert "nomor telepon yang sama" in desk.inner_text(".search-reading")
    snap(desk, shots, "2-desktop-telepon")
    with desk.expect_navigation():
        desk.get_by_role("link", name=siti.reference, exact=True).click()
    assert siti.reference in desk.inner_text("h1")

    # 4. On a phone (the same signed-in session; a code is accepted once): the name,
    # whole, finds the case; part of it does not.
    session = desk.context.storage_state()
    phone = chromium.new_context(viewport=PHONE, locale="id-ID", storage_state=session).new_page()
    phone.goto(base + reverse("pengaduan_staff:list"))
    assert search(phone, "siti  aminah") == [siti.reference]
    assert fits_the_screen(phone)
    assert_accessible(phone, "complaint list on a phone, name search")
    snap(phone, shots, "3-phone-name")
    assert search(phone, "Siti") == []
    assert "Tidak ada pengaduan yang cocok" in phone.inner_text("main")
    assert search(phone, "081234567890") == [siti.reference]
    assert fits_the_screen(phone)
    snap(phone, shots, "4-phone-telepon")

    # 5. The WBS list refuses a person search, says why, and keeps what was typed.
    wbs = chromium.new_context(viewport=PHONE, locale="id-ID").new_page()
    sign_in(wbs, base, wbs_handler, wbs_device)
    assert wbs.url == base + reverse("casework:inbox")
    wbs.goto(base + reverse("wbs_staff:list"))
    search(wbs, NIK)
    assert "Laporan WBS hanya dapat dicari menurut nomor laporan" in wbs.inner_text("main")
    assert wbs.input_value("#id_cari") == NIK
    assert wbs.get_attribute("#id_cari", "aria-invalid") == "true"
    assert_accessible(wbs, "wbs list, refused person search")
    snap(wbs, shots, "5-phone-wbs-refused")
