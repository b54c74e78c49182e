"""A keyboard and screen-reader walk through the forms people fill most.

What it proves, in a real browser at a phone's size and a desk's:
- the skip link moves focus to the content and leaves the address as it was, so a form
  on the page does not post back to "#main";
- a refused complaint or WBS form focuses its error summary (role="alert"), not <main>,
  and its title starts with "Galat:";
- a wrong code on /lacak/ and /wbs/masuk/ is focused and announced the same way;
- the gift form's "dititipkan" help text carries the id its checkbox points to; Enter in
  one of its text fields sends the declaration instead of running the exemption check;
- a date field keeps a full focus ring while its parts have focus;
- axe-core finds no WCAG 2.1 A/AA violation on any page reached (tests/axe.py).
"""

import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.testing import verified_login

from .axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"phone": {"width": 360, "height": 740}, "desk": {"width": 1280, "height": 800}}


@pytest.fixture
def site(chromium, live_server, seeded_again, settings):
    settings.DEBUG = False
    call_command("seed_demo", "--no-qr", stdout=io.StringIO())
    return live_server.url


def open_page(chromium, base: str, size: str, user: User | None = None):
    context = chromium.new_context(viewport=SIZES[size], locale="id-ID")
    if user is not None:
        client = Client()
        verified_login(client, user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": base}])
    return context.new_page()


def focused(page) -> dict:
    """What has focus: its tag, classes, role and text."""
    return page.evaluate(
        """() => { const e = document.activeElement;
        return {tag: e.tagName.toLowerCase(), cls: e.className || "", role: e.getAttribute("role"),
                text: e.innerText || ""}; }"""
    )


def assert_refused_and_focused(page, where: str) -> None:
    page.wait_for_function("document.activeElement && document.activeElement.tagName !== 'BODY'")
    now = focused(page)
    assert "form-errors" in now["cls"] and now["role"] == "alert", (where, now)
    assert page.title().startswith("Galat:"), (where, page.title())
    assert "#" not in page.url, (where, page.url)
    assert_accessible(page, where)


def press_and_wait(page, key: str) -> None:
    with page.expect_navigation():
        page.keyboard.press(key)


@pytest.mark.parametrize("size", SIZES)
def test_skip_link_then_a_refused_complaint_focuses_the_summary(site, chromium, size):
    page = open_page(chromium, site, size)
    page.goto(site + reverse("pengaduan:create"))
    assert_accessible(page, "complaint form")
    assert not page.title().startswith("Galat:")

    page.keyboard.press("Tab")
    assert "skip-link" in focused(page)["cls"]
    page.keyboard.press("Enter")
    assert focused(page)["tag"] == "main"
    assert "#" not in page.url  # the skip link leaves the address alone

    with page.expect_navigation():
        page.click("button.intake__submit")
    assert_refused_and_focused(page, f"complaint refused ({size})")


@pytest.mark.parametrize("size", SIZES)
def test_a_refused_report_focuses_its_summary_even_from_an_address_with_main(site, chromium, size):
    # An address that already ends in "#main" (a bookmark, an older visit) does not pull
    # focus away from the summary of a refused WBS report.
    page = open_page(chromium, site, size)
    page.goto(site + reverse("wbs:create") + "#main")
    assert_accessible(page, "wbs form")
    with page.expect_navigation():
        page.click("button.intake__submit")
    assert_refused_and_focused(page, f"wbs refused ({size})")


@pytest.mark.parametrize(
    ("url_name", "button"),
    [("track", "main form button[type=submit]"), ("wbs:login", "main form button[type=submit]")],
)
@pytest.mark.parametrize("size", SIZES)
def test_a_wrong_code_is_focused_announced_and_titled(site, chromium, size, url_name, button):
    page = open_page(chromium, site, size)
    page.goto(site + reverse(url_name))
    title = page.title()
    page.fill("#id_code", "0000-0000-0000-0000")
    with page.expect_navigation():
        page.click(button)
    assert_refused_and_focused(page, f"{url_name} wrong code ({size})")
    assert page.title() == "Galat: " + title
    summary = page.inner_text(".form-errors")
    assert "Laporan belum terbuka." in summary


@pytest.mark.parametrize("size", SIZES)
def test_the_gift_form_keyboard_and_screen_reader(site, chromium, size):
    page = open_page(chromium, site, size, User.objects.get(username="pegawai"))
    page.goto(site + reverse("gratifikasi:new"))
    assert_accessible(page, "gift form")

    described = page.get_attribute("#id_dititipkan", "aria-describedby")
    assert described and page.locator(f"#{described}").inner_text().startswith("Centang jika")

    # The calendar part of a date field: the field keeps the full ring.
    page.focus("#id_tanggal_terima")
    ring = page.evaluate("getComputedStyle(document.querySelector('#id_tanggal_terima')).outlineWidth")
    assert ring == "3px", ring

    # Enter in a text field sends the declaration (refused: it is empty), not the check.
    page.focus("#id_pemberi_nama")
    press_and_wait(page, "Enter")
    assert "#saran" not in page.url
    assert "Laporan Anda belum terkirim." in page.inner_text(".form-errors")
    assert_refused_and_focused(page, f"gift refused ({size})")
