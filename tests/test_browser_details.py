"""Details people noticed on their screens, held in a real browser with the demo's data:

- the "terlambat dilaporkan" badge stays inside its pill, and the pill inside its cell,
  on a 360-pixel phone;
- the Pimpinan, whose menu is the longest, sees the brand and the language switch on
  one row at 1280 pixels, the menu under them;
- a staff list's table is no wider than the column it stands in, on a phone and a desk
  screen, and at a width where its words do not fit it scrolls in its own box rather
  than widening the page;
- the UPG recap's counts and amounts are flush right in figures of one width, so they
  line up down each column.

Each page is also checked by axe-core (tests/axe.py).
"""

import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.testing import verified_login
from gratifikasi.models import Gratifikasi

from .axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
DESK = {"width": 1280, "height": 800}


@pytest.fixture
def site(chromium, live_server, seeded_again, settings):
    settings.DEBUG = False
    call_command("seed_demo", "--no-qr", stdout=io.StringIO())
    return live_server.url


def open_as(chromium, base: str, viewport: dict, username: str):
    client = Client()
    verified_login(client, User.objects.get(username=username))
    context = chromium.new_context(viewport=viewport, locale="id-ID")
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": base}])
    return context.new_page()


def inside(inner: dict, outer: dict, slack: float = 0.5) -> bool:
    return (
        inner["left"] >= outer["left"] - slack
        and inner["right"] <= outer["right"] + slack
        and inner["top"] >= outer["top"] - slack
        and inner["bottom"] <= outer["bottom"] + slack
    )


def test_the_late_badge_stays_in_its_pill_on_a_phone(site, chromium):
    declaration = Gratifikasi.objects.filter(declarant__username="pegawai").order_by("pk").first()
    Gratifikasi.objects.filter(pk=declaration.pk).update(terlambat_upg=True)
    page = open_as(chromium, site, PHONE, "pegawai")
    page.goto(site + reverse("gratifikasi:list"))
    boxes = page.evaluate(
        """() => [...document.querySelectorAll('.badge')].filter(b => b.textContent.includes('terlambat dilaporkan'))
        .map((badge) => {
          const text = document.createRange();
          text.selectNodeContents(badge);
          const box = (r) => ({left: r.left, right: r.right, top: r.top, bottom: r.bottom});
          return {text: box(text.getBoundingClientRect()), badge: box(badge.getBoundingClientRect()),
                  cell: box(badge.closest('td').getBoundingClientRect())};
        })"""
    )
    assert boxes, "no late badge on the declarant's list"
    for box in boxes:
        assert inside(box["text"], box["badge"]), box
        assert inside(box["badge"], box["cell"]), box
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page, "declarant list (phone)")


def test_the_pimpinans_header_keeps_the_language_switch_beside_the_brand(site, chromium):
    page = open_as(chromium, site, DESK, "pimpinan")
    page.goto(site + reverse("casework:inbox"))
    box = page.evaluate(
        """() => Object.fromEntries(['.brand', '.lang-switch', '.staff-nav'].map((selector) => {
          const r = document.querySelector('.site-header ' + selector).getBoundingClientRect();
          return [selector, {left: r.left, right: r.right, top: r.top, bottom: r.bottom}];
        }))"""
    )
    brand, switch, menu = box[".brand"], box[".lang-switch"], box[".staff-nav"]
    assert page.locator(".staff-nav li").count() >= 10  # the longest menu
    # One row: the brand and the switch share a line, the switch at the row's right end.
    assert switch["top"] < brand["bottom"] and brand["top"] < switch["bottom"], box
    assert switch["left"] > brand["right"], box
    assert menu["top"] >= max(brand["bottom"], switch["bottom"]), box
    assert_accessible(page, "pimpinan inbox (desk)")


@pytest.mark.parametrize(
    ("username", "url_name"),
    [("pengaduan", "pengaduan_staff:list"), ("upg", "gratifikasi_staff:list"), ("benturan", "benturan_staff:list")],
)
def test_a_staff_list_is_no_wider_than_its_column(site, chromium, username, url_name):
    measure = """() => {
      const table = document.querySelector('main table.cases');
      return {table: table.getBoundingClientRect().width,
              column: table.closest('.table-wrap').getBoundingClientRect().width,
              main: document.querySelector('main').clientWidth,
              page: document.documentElement.scrollWidth};
    }"""
    for viewport in (PHONE, DESK):
        page = open_as(chromium, site, viewport, username)
        page.goto(site + reverse(url_name))
        size = page.evaluate(measure)
        assert size["table"] <= size["column"] + 0.5 <= size["main"] + 0.5, (viewport, size)
        assert size["page"] <= viewport["width"], (viewport, size)
        assert_accessible(page, f"{url_name} ({viewport['width']})")
    # Narrower than its words need: the table scrolls in its box, the page does not.
    page = open_as(chromium, site, {"width": 960, "height": 800}, username)
    page.goto(site + reverse(url_name))
    size = page.evaluate(measure)
    assert size["column"] <= size["main"] and size["page"] <= 960, size


def test_the_recaps_figures_line_up_flush_right(site, chromium):
    page = open_as(chromium, site, DESK, "upg")
    page.goto(site + reverse("gratifikasi_staff:summary"))
    columns = page.evaluate(
        """() => [...document.querySelectorAll('main table.cases')].map((table) =>
          [...table.querySelectorAll('td.num')].map((cell) => {
            const text = document.createRange();
            text.selectNodeContents(cell);
            const style = getComputedStyle(cell);
            return {align: style.textAlign, figures: style.fontVariantNumeric,
                    right: Math.round(text.getBoundingClientRect().right),
                    cellRight: cell.getBoundingClientRect().right - parseFloat(style.paddingRight),
                    column: cell.cellIndex};
          }))"""
    )
    cells = [cell for table in columns for cell in table]
    assert len(cells) >= 20, "the recap shows its counts and amounts"
    assert {(cell["align"], cell["figures"]) for cell in cells} == {("right", "tabular-nums")}
    for table in columns:
        for column in {cell["column"] for cell in table}:
            rights = {cell["right"] for cell in table if cell["column"] == column}
            assert len(rights) == 1, (column, table)  # every figure ends on the same line
    assert all(abs(cell["right"] - cell["cellRight"]) <= 1 for cell in cells)
    assert_accessible(page, "UPG recap (desk)")
