"""The staff case page of every kind, in a real browser, laid out for the screen it is on.

On a desk screen (1280×800) the case's facts and deadlines are the main column and the
actions a column beside them, starting level with the facts; the history, conversation
and notes continue under the facts. On a phone (360×740) the actions come first, then the
facts, then the history, and nothing is wider than the screen. Each page is checked by
axe-core (tests/axe.py) at both sizes.

SIGAP_TEST_SCREENSHOTS=/some/folder keeps a picture of each page at both sizes.
"""

import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.testing import verified_login
from casework.models import Case

from .axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"phone": {"width": 360, "height": 740}, "desk": {"width": 1280, "height": 800}}

#: Each kind's page as its handler in the demo opens it: (kind, state, demo account, url name).
PAGES = [
    ("pengaduan", "diverifikasi", "pengaduan", "pengaduan_staff:detail"),
    ("wbs", "ditelaah", "wbs", "wbs_staff:detail"),
    ("gratifikasi", "tindak_lanjut", "upg", "gratifikasi_staff:detail"),
    ("benturan", "analisis", "benturan", "benturan_staff:detail"),
]

BOXES = """() => {
  const box = (selector) => {
    const r = document.querySelector(selector).getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top + scrollY, bottom: r.bottom + scrollY, width: r.width};
  };
  return {
    actions: box(".case-page__actions"),
    facts: box(".case-page__facts"),
    history: box(".case-page__history"),
    page: document.documentElement.scrollWidth,
    // Every table against the box it sits in (its .table-wrap, else its parent).
    tables: [...document.querySelectorAll(".case-page table")].map((table) => {
      const box = (table.closest(".table-wrap") || table.parentElement).getBoundingClientRect();
      return table.getBoundingClientRect().width - box.width;
    }),
  };
}"""


@pytest.fixture
def site(chromium, live_server, seeded_again, settings):
    settings.DEBUG = False
    call_command("seed_demo", "--no-qr", stdout=io.StringIO())
    return live_server.url


def open_as(chromium, base: str, size: str, username: str):
    client = Client()
    verified_login(client, User.objects.get(username=username))
    context = chromium.new_context(viewport=SIZES[size], locale="id-ID")
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": base}])
    return context.new_page()


def case_page(chromium, site, size, kind, state, username, url_name):
    case = Case.objects.filter(kind=kind, state=state).order_by("pk").first()
    assert case is not None, f"the demo has no {kind} case in {state}"
    page = open_as(chromium, site, size, username)
    assert page.goto(site + reverse(url_name, args=[case.pk])).status == 200
    return page


@pytest.mark.parametrize(("kind", "state", "username", "url_name"), PAGES)
def test_on_a_desk_screen_the_actions_stand_beside_the_facts(site, chromium, shots, kind, state, username, url_name):
    page = case_page(chromium, site, "desk", kind, state, username, url_name)
    page.screenshot(path=str(shots / f"case-{kind}-desk.png"), full_page=True)
    box = page.evaluate(BOXES)
    actions, facts, history = box["actions"], box["facts"], box["history"]

    assert actions["left"] >= facts["right"], box  # a column to the right of the facts
    assert abs(actions["top"] - facts["top"]) < 1, box  # starting on the same line
    assert actions["width"] < facts["width"], box  # the side column is the narrower
    # The history continues in the main column, under the facts.
    assert history["top"] >= facts["bottom"] and history["left"] == facts["left"], box
    assert history["right"] <= actions["left"], box
    assert box["page"] <= SIZES["desk"]["width"] and max(box["tables"]) <= 0.5, box
    assert_accessible(page, f"{kind} case page (desk)")


@pytest.mark.parametrize(("kind", "state", "username", "url_name"), PAGES)
def test_on_a_phone_the_actions_come_first(site, chromium, shots, kind, state, username, url_name):
    page = case_page(chromium, site, "phone", kind, state, username, url_name)
    page.screenshot(path=str(shots / f"case-{kind}-phone.png"), full_page=True)
    box = page.evaluate(BOXES)
    actions, facts, history = box["actions"], box["facts"], box["history"]

    assert actions["bottom"] <= facts["top"] and facts["bottom"] <= history["top"], box
    assert actions["left"] == facts["left"] == history["left"], box  # one column
    # The first thing under the title is what the officer may do.
    assert page.locator(".case-page__actions h2").first.inner_text() == "Tindakan"
    assert box["page"] <= SIZES["phone"]["width"] and max(box["tables"]) <= 0.5, box
    assert_accessible(page, f"{kind} case page (phone)")
