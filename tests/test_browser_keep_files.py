"""A refused form keeps its files, and a quick correction is not taken for a robot, in a
real browser on a phone-sized page.

A complainant (and then a WBS reporter) attaches a file, sends the form with a mistake
after taking the time a person takes, sees the file listed as kept (its name, its size and
a box to remove it), corrects the mistake within a second and sends: the case holds the
file and nothing waits any more. The refused page passes the accessibility check.

Every step is photographed; set SIGAP_TEST_SCREENSHOTS to a folder to keep the pictures.
"""

import time
from pathlib import Path

import pytest
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import translation
from PIL import Image

from casework.attachments import read_attachment
from casework.models import Attachment, HeldUpload
from casework.tests import samples
from pengaduan.models import Pengaduan
from tests.axe import assert_accessible
from tests.browser import snap
from wbs.models import LaporanWbs

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


def snap_kept(page, folder: Path, name: str) -> None:
    """The part of the form with the kept files, on the phone and on a desktop."""
    part = page.locator("fieldset:has(.held-files)")
    part.screenshot(path=str(folder / f"{name}-phone.png"))
    page.set_viewport_size(DESKTOP)
    part.screenshot(path=str(folder / f"{name}-desktop.png"))
    page.set_viewport_size(PHONE)


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def png(path: Path, colour: str) -> Path:
    Image.new("RGB", (40, 30), colour).save(path)
    return path


def in_indonesian(size: int) -> str:
    with translation.override("id"):
        return str(filesizeformat(size))


def send(page) -> None:
    with page.expect_navigation():
        page.click("button.intake__submit")


def a_persons_time(page, seconds: int) -> None:
    """Wait as long as a person at least takes to fill the form since it was shown."""
    page.wait_for_timeout(seconds * 1000 + 300)


def kept_rows(page) -> list[dict]:
    """The kept files as the page lists them: name, size, and the remove box's name."""
    return page.eval_on_selector_all(
        ".held-files__item",
        """items => items.map(item => ({
            name: item.querySelector('.held-files__name').textContent.trim(),
            size: item.querySelector('.held-files__size').textContent.trim(),
            box: item.querySelector('input[type=checkbox]').labels[0].textContent.trim(),
        }))""",
    )


def test_a_complainant_corrects_a_refused_complaint_at_once_and_the_file_goes_with_it(
    chromium, live_server, settings, seeded_again, shots, tmp_path
):
    settings.SIGAP_PENGADUAN_MIN_FILL_SECONDS = 3
    photo = png(tmp_path / "antrean-loket.png", "navy")
    page = chromium.new_context(viewport=PHONE, locale="id-ID").new_page()
    page.goto(live_server.url + reverse("pengaduan:create"))
    page.fill("#id_isi", "Saya menunggu enam jam di loket tiga tanpa kejelasan.")
    page.select_option("#id_kategori", label="KTP-el")
    page.set_input_files("#id_lampiran", str(photo))
    a_persons_time(page, settings.SIGAP_PENGADUAN_MIN_FILL_SECONDS)
    send(page)  # without a title

    # Refused for the title; the photo is kept, listed with its size and a remove box.
    shown_at = time.monotonic()
    assert "Judul wajib diisi." in page.inner_text(".form-errors")
    held = HeldUpload.objects.get()
    assert kept_rows(page) == [
        {"name": "antrean-loket.png", "size": f"({in_indonesian(held.size)})", "box": "Hapus antrean-loket.png"}
    ]
    assert "Berkas Anda tersimpan." in page.inner_text(".held-files")
    assert page.eval_on_selector("#id_lampiran", "input => input.files.length") == 0
    assert fits_the_screen(page)
    assert_accessible(page, "the refused complaint form")
    snap(page, shots, "keep-1-complaint-refused")
    snap_kept(page, shots, "keep-1-complaint-kept")

    # Corrected within a second of the refused page: not taken for a robot.
    page.fill("#id_title", "Antrean KTP-el terlalu lama")
    send(page)
    assert time.monotonic() - shown_at < settings.SIGAP_PENGADUAN_MIN_FILL_SECONDS
    assert page.url == live_server.url + reverse("pengaduan:receipt")
    case = Pengaduan.objects.get()
    [attachment] = Attachment.objects.filter(case=case)
    assert attachment.original_name == "antrean-loket.png"
    with Image.open(photo) as sent:
        assert read_attachment(attachment)[:8] == b"\x89PNG\r\n\x1a\n" and sent.size == (40, 30)
    assert not HeldUpload.objects.exists()
    snap(page, shots, "keep-2-complaint-receipt")


def test_a_reporter_corrects_a_refused_wbs_report_at_once_and_the_kept_file_goes_with_it(
    chromium, live_server, settings, seeded_again, shots, tmp_path
):
    settings.SIGAP_WBS_MIN_FILL_SECONDS = 5
    evidence = tmp_path / "kuitansi-pungutan.pdf"
    evidence.write_bytes(samples.pdf_with_metadata(text=b"Kuitansi Rp50.000"))
    extra = png(tmp_path / "foto-salah.png", "gray")
    page = chromium.new_context(viewport=PHONE, locale="id-ID").new_page()
    page.goto(live_server.url + reverse("wbs:create"))
    page.check("input[name=kategori][value=korupsi]")
    page.fill("#id_title", "Pungutan liar di loket KTP-el")
    page.fill("#id_terlapor-0-nama", "Petugas loket tiga")
    page.set_input_files("#id_bukti", [str(evidence), str(extra)])
    a_persons_time(page, settings.SIGAP_WBS_MIN_FILL_SECONDS)
    send(page)  # without saying what happened

    shown_at = time.monotonic()
    assert "Ceritakan apa yang terjadi." in page.inner_text(".form-errors")
    sizes = {row.original_name: row.size for row in HeldUpload.objects.all()}
    assert kept_rows(page) == [
        {
            "name": "kuitansi-pungutan.pdf",
            "size": f"({in_indonesian(sizes['kuitansi-pungutan.pdf'])})",
            "box": "Hapus kuitansi-pungutan.pdf",
        },
        {
            "name": "foto-salah.png",
            "size": f"({in_indonesian(sizes['foto-salah.png'])})",
            "box": "Hapus foto-salah.png",
        },
    ]
    assert fits_the_screen(page)
    assert_accessible(page, "the refused WBS report form")
    snap(page, shots, "keep-3-wbs-refused")
    snap_kept(page, shots, "keep-3-wbs-kept")

    # The wrong photo is removed, the story written, and the report sent within a second.
    page.get_by_label("Hapus foto-salah.png").check()
    page.fill("#id_apa", "Petugas meminta Rp50.000 agar KTP-el jadi hari itu.")
    send(page)
    assert time.monotonic() - shown_at < settings.SIGAP_WBS_MIN_FILL_SECONDS
    assert page.url == live_server.url + reverse("wbs:receipt")
    report = LaporanWbs.objects.get()
    assert [a.original_name for a in Attachment.objects.filter(case=report)] == ["kuitansi-pungutan.pdf"]
    assert b"Kuitansi Rp50.000" in read_attachment(Attachment.objects.get(case=report))
    assert not HeldUpload.objects.exists()
    snap(page, shots, "keep-4-wbs-receipt")
