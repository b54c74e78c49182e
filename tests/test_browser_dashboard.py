"""The Pimpinan's dashboard in a real browser: the Pimpinan signs in with password and
authenticator code, opens the dashboard from the staff menu, follows a figure to the
complaints behind it (the list shows as many as the figure said), finds WBS as counts
only, has the semester's statistics made in the background and downloads them; on a
360-pixel phone the page fits the screen. The Content-Security-Policy is enforced and
any violation fails the test.

Every step is photographed; set SIGAP_TEST_SCREENSHOTS to a folder to keep the pictures.
"""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import roles
from accounts.testing import totp_token
from bench.generate_cases import generate
from tests.browser import browser_page, snap, submit

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
PASSWORD = "Sandi-yang-kuat-123"


def number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_pimpinan_opens_the_dashboard_and_follows_a_figure_to_its_cases(
    chromium, live_server, seeded_again, make_user, shots
):
    base = live_server.url
    # Three months of cases of every kind, so this month has some of each.
    generate(160, years=0.25, seed=21)
    pimpinan = make_user(roles.PIMPINAN, nip="197305121998031002")
    device = TOTPDevice.objects.create(user=pimpinan, name="Ponsel", confirmed=True)
    violations: list[str] = []

    # 1. Sign in with the NIP, the password and the code on the phone.
    page = browser_page(chromium, DESKTOP, violations)
    page.goto(base + reverse("accounts:login"))
    page.fill("#id_username", pimpinan.nip)
    page.fill("#id_password", PASSWORD)
    submit(page, "main form button[type=submit]")
    page.fill("#id_token", totp_token(device))
    submit(page, "form:has(#id_token) button[type=submit]")

    # 2. The dashboard is in the staff menu.
    with page.expect_navigation():
        page.click(".staff-nav >> text=Dasbor")
    assert page.url == base + reverse("reports:dashboard")
    assert page.inner_text("h1") == "Dasbor Pimpinan"
    assert page.locator("svg.report-chart").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    snap(page, shots, "1-dasbor-desktop")

    # 3. WBS: counts only, no way to its reports.
    wbs_card = page.locator(".dash-kind", has_text="Whistle-Blowing System")
    assert "jumlah saja" in wbs_card.inner_text()
    assert wbs_card.locator("a").count() == 0

    # 4. This month's complaints received: the figure leads to exactly those complaints.
    complaints = page.locator(".dash-kind", has_text="Pengaduan masyarakat")
    figure = complaints.locator("tbody tr", has_text="Bulan ini").locator("td").first.locator("a")
    expected = number(figure.inner_text())
    assert expected > 0
    with page.expect_navigation():
        figure.click()
    assert "/staf/pengaduan/?periode=" in page.url
    assert number(page.inner_text(".result-count")) == expected
    assert page.locator("table.cases tbody tr").count() == min(expected, 25)
    snap(page, shots, "2-pengaduan-bulan-ini")

    # 5. Back, and the overdue complaints, if any, lead to theirs.
    page.go_back()
    overdue = complaints.locator(".dash-due", has_text="Terlambat").locator("a")
    if overdue.count():
        expected = number(overdue.inner_text())
        with page.expect_navigation():
            overdue.click()
        assert "tenggat=terlambat" in page.url
        assert number(page.inner_text(".result-count")) == expected
        page.go_back()

    # 6. The semester's statistics, made in the background, downloaded as a PDF.
    page.select_option("#id_format", "pdf")
    submit(page, "form.dash-download button[type=submit]")
    assert "/staf/laporan/unduhan/" in page.url
    link = page.locator("a.button[download]")
    assert link.count() == 1, page.inner_text("main")
    snap(page, shots, "3-statistik-siap")
    with page.expect_download() as download:
        link.click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")

    # 7. On a phone the dashboard fits the screen; wide tables scroll inside themselves.
    phone = browser_page(chromium, PHONE, violations)
    phone.context.add_cookies(page.context.cookies())
    phone.goto(base + reverse("reports:dashboard"))
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    snap(phone, shots, "4-dasbor-ponsel")

    assert violations == []
