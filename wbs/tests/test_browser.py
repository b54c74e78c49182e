"""In a real browser (Chromium through Playwright, on the live server): a report filed
anonymously on a 360×740 phone with a photo whose EXIF carries a GPS position; the
stored photo has none. The handler signs in through the real login pages (password, then
TOTP) and asks a question; the reporter, with nothing but the receipt code, answers."""

import importlib
import io
from pathlib import Path

import pytest
from django.urls import reverse
from PIL import Image

from accounts import roles
from accounts.testing import totp_token
from casework.attachments import read_attachment
from casework.tests import samples
from wbs.choices import State
from wbs.models import LaporanWbs

CHROMIUM = "/usr/bin/chromium"
GPS_IFD = 0x8825
PASSWORD = "Sandi-yang-kuat-123"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser(live_server, monkeypatch, settings):
    """Chromium on the live server (skipped where it is missing)."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright's event loop runs in this thread; the test's own queries are synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    settings.SIGAP_WBS_MIN_FILL_SECONDS = 0
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        yield chromium, live_server.url
        chromium.close()


def phone(chromium):
    return chromium.new_context(viewport={"width": 360, "height": 740}).new_page()


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def seed_deadlines():
    """The deadline clocks the migration seeds: a test that committed earlier on this
    worker (as this one must, for the live server) emptied the table."""
    from django.apps import apps

    importlib.import_module("wbs.migrations.0002_seed_deadlines").forwards(apps, None)


def photo_with_gps(folder: Path) -> Path:
    path = folder / "IMG_20260706_101500.jpg"
    path.write_bytes(samples.jpeg_with_gps())
    assert Image.open(path).getexif().get_ifd(GPS_IFD)  # the position is really there
    return path


def test_an_anonymous_report_from_a_phone_answered_with_the_receipt_code_alone(browser, make_user, tmp_path):
    chromium, base = browser
    seed_deadlines()
    handler = make_user(roles.PENGELOLA_WBS)
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=handler, name="Ponsel", confirmed=True)
    photo = photo_with_gps(tmp_path)

    # --- The reporter files, on a phone --------------------------------------------------
    page = phone(chromium)
    page.goto(base + reverse("wbs:create"))
    assert fits_the_screen(page)
    assert "alamat internet (IP) Anda" in page.inner_text(".wbs-promise")
    page.check("input[name=kategori][value=korupsi]")
    page.fill("#id_title", "Pungutan liar di loket KTP-el")
    page.fill("#id_terlapor-0-nama", "Petugas loket tiga")
    page.fill("#id_dimana", "Loket 3")
    page.set_input_files("#id_bukti", str(photo))
    page.click("button.intake__submit")

    # Nothing said what happened: the form comes back with the rest, the photo kept.
    assert page.is_visible(".form-errors")
    assert page.input_value("#id_title") == "Pungutan liar di loket KTP-el"
    assert page.input_value("#id_terlapor-0-nama") == "Petugas loket tiga"
    assert photo.name in page.inner_text(".held-files")
    assert fits_the_screen(page)
    page.fill("#id_apa", "Petugas meminta Rp50.000 agar KTP-el jadi hari itu.")
    page.click("button.intake__submit")

    page.wait_for_url(base + reverse("wbs:receipt"))
    assert fits_the_screen(page)
    code = page.inner_text("#receipt-code")
    report = LaporanWbs.objects.get()
    assert report.reference in page.inner_text(".receipt__reference")

    # Leaving before saying the code is saved is warned against, and can be declined.
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.click(".brand")
    page.wait_for_timeout(300)
    assert dialogs == ["beforeunload"] and page.url == base + reverse("wbs:receipt")
    page.check("#id_saved")
    page.click(".receipt__done button")
    page.wait_for_url(base + reverse("wbs:report"))
    assert "Laporan Anda sudah kami terima" in page.inner_text("main")
    page.click(".wbs-leave button")
    page.wait_for_url("**/wbs/masuk/?keluar=1")
    page.context.close()

    # The stored photo has no position left.
    stored = read_attachment(report.attachments.get())
    assert stored.startswith(b"\xff\xd8") and not Image.open(io.BytesIO(stored)).getexif().get_ifd(GPS_IFD)
    assert not any(canary in stored for canary in samples.METADATA_CANARIES)

    # --- The handler signs in through the real pages and asks a question -----------------
    desk = chromium.new_context(viewport={"width": 1280, "height": 900}).new_page()
    detail = reverse("wbs_staff:detail", args=[report.pk])
    desk.goto(base + detail)
    desk.wait_for_url("**/akun/masuk/**")
    desk.fill("#id_username", handler.email)
    desk.fill("#id_password", PASSWORD)
    desk.click("main form button[type=submit]")
    desk.wait_for_url("**/akun/masuk/verifikasi/**")
    desk.fill("#id_token", totp_token(device))
    desk.click("main form button[type=submit]")
    desk.wait_for_url(base + detail)
    assert "Petugas meminta Rp50.000" in desk.inner_text("main")
    desk.click("#aksi-tunda summary")
    desk.fill("#id_tunda-question", "Pada hari apa saja pungutan itu terjadi?")
    desk.click("#aksi-tunda button[type=submit]")
    desk.wait_for_url(base + detail)
    assert LaporanWbs.objects.get(pk=report.pk).state == State.DITUNDA

    # --- The reporter comes back with the code only, on a fresh phone --------------------
    page = phone(chromium)
    page.goto(base + reverse("wbs:login"))
    page.fill("#id_code", code)
    page.click("form.wbs-login button")
    page.wait_for_url(base + reverse("wbs:report"))
    assert "Pada hari apa saja pungutan itu terjadi?" in page.inner_text("#permintaan")
    assert fits_the_screen(page)
    page.fill("#id_reply", "Setiap Senin dan Kamis pagi.")
    page.click("#permintaan button[type=submit]")
    # Back on the report (at the answer's place on the page), which says it was sent.
    page.wait_for_selector("text=Jawaban Anda terkirim")
    assert page.url.startswith(base + reverse("wbs:report"))
    report = LaporanWbs.objects.get(pk=report.pk)
    assert report.state == State.DITERIMA
    assert report.messages.get().body == "Setiap Senin dan Kamis pagi."
