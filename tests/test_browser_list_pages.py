"""Staff reach every complaint of a long list without page numbers, in a real browser.

A Pengelola Pengaduan signs in with NIP, password and the code on the phone and opens the
complaint list of thirty complaints, on a desktop and on a 360-pixel phone. Ten rows a
page: "Berikutnya ›" to the end shows every complaint once, newest first; "‹ Sebelumnya"
steps back, "Terakhir »" shows the oldest ten and "« Pertama" the newest. The jump box
takes a date (one older than every complaint shows the last page) and a case number
written without its prefix and leading zeros, and says beside itself when it cannot read
what was typed, keeping it and the list. Past its
bound the count says "lebih dari". The pager fits the phone's width, the pages pass the
axe check on both sizes, and the jump box is reached with Tab and sent with Enter.

Every step is photographed; set SIGAP_TEST_SCREENSHOTS to a folder to keep the pictures.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import roles
from casework import lists
from casework.models import Case
from pengaduan import services
from pengaduan.models import KategoriLayanan
from tests.browser import DESK, PHONE, sign_in, snap, submit

from .axe import assert_accessible

COMPLAINTS = 30
ROWS = "table.cases tbody th[scope=row] a"
JUMP_ERROR = "Tulis tanggal (2026-03-31) atau nomor kasus (PGD/2026/000123)."


def opened_on(day: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(2026, 1, day, 10, 0))


def shown(page) -> list[str]:
    """The references of the rows on the page, top to bottom."""
    return page.locator(ROWS).all_inner_texts()


def follow(page, name: str) -> list[str]:
    """Press one of the pager's links by its name; the rows of the page it opens."""
    submit(page, f".list-pager a:text-is('{name}')")
    return shown(page)


def jump(page, typed: str) -> list[str]:
    page.fill("#id_lompat", typed)
    submit(page, ".list-pager__jump button[type=submit]")
    return shown(page)


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def walk_the_list(page, base, shots, size: str, newest_first: list[Case], monkeypatch) -> None:
    """The whole journey on one screen size; `newest_first` is the list's expected order."""
    references = [case.reference for case in newest_first]
    phone = size == "phone"

    def looked_at(step: str) -> None:
        if phone:
            assert fits_the_screen(page), f"{step}: the page scrolls sideways on a phone"
        snap(page, shots, f"{size}-{step}")

    # Ten rows a page, chosen among the rarer filters.
    page.goto(base + reverse("pengaduan_staff:list"))
    assert page.inner_text(".result-count").startswith(f"{COMPLAINTS} pengaduan")
    page.click("summary:text-is('Filter lainnya dan urutan')")
    page.select_option("#id_per_halaman", "10")
    submit(page, "form.filters button[type=submit]")
    first = shown(page)
    assert first == references[:10]
    assert page.locator(".list-pager a[rel=next]").count() == 1
    assert page.locator(".list-pager a[rel=prev]").count() == 0
    assert_accessible(page, f"complaint list, first page ({size})")
    looked_at("1-first-page")

    # Next to the end: every complaint once, in order.
    seen = list(first)
    while page.locator(".list-pager a[rel=next]").count():
        seen += follow(page, "Berikutnya ›")
        assert len(seen) <= COMPLAINTS
    assert seen == references
    assert page.locator(".list-pager a[rel=last]").count() == 0
    looked_at("2-last-by-next")

    # Back one page, then the last page directly, then the first.
    assert follow(page, "‹ Sebelumnya") == references[10:20]
    looked_at("3-previous")
    assert follow(page, "Terakhir »") == references[-10:]
    assert follow(page, "« Pertama") == references[:10]
    assert page.locator(".list-pager a[rel=prev]").count() == 0

    # A date: the page starts with the complaint received that day.
    fifteenth = next(i for i, case in enumerate(newest_first) if case.opened_at == opened_on(15))
    assert jump(page, "2026-01-15") == references[fifteenth : fifteenth + 10]
    assert page.input_value("#id_lompat") == "2026-01-15"
    assert_accessible(page, f"complaint list after a jump by date ({size})")
    looked_at("4-jump-date")

    # A date older than every complaint: the last page, the box keeping what was typed.
    assert jump(page, "2025-12-01") == references[-10:]
    assert page.input_value("#id_lompat") == "2025-12-01"
    assert "Belum ada pengaduan" not in page.inner_text("main")
    looked_at("4b-jump-past-the-end")

    # A case number without its prefix and leading zeros.
    seventh = next(i for i, case in enumerate(newest_first) if case.number == 7)
    case = newest_first[seventh]
    assert jump(page, f"{case.year}/7")[0] == case.reference
    assert shown(page) == references[seventh : seventh + 10]
    looked_at("5-jump-number")

    # A wrong jump: said beside the box, what was typed kept, the list shown from its top.
    assert jump(page, "besok") == references[:10]
    assert page.inner_text(".list-pager__jump .errorlist") == JUMP_ERROR
    assert page.input_value("#id_lompat") == "besok"
    assert page.get_attribute("#id_lompat", "aria-invalid") == "true"
    assert_accessible(page, f"complaint list, a jump not understood ({size})")
    looked_at("6-jump-wrong")

    # The keyboard: Tab from the top of the page reaches the jump box, Enter sends it.
    page.goto(page.url.split("?")[0] + "?per_halaman=10")
    page.locator("body").focus()
    for _ in range(120):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_lompat":
            break
    else:
        pytest.fail(f"Tab never reached the jump box ({size})")
    looked_at("6b-jump-box-focused")
    page.keyboard.type("2026-01-15")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert shown(page) == references[fifteenth : fifteenth + 10]

    # Past the count's bound the list says "more than".
    monkeypatch.setattr(lists, "COUNT_LIMIT", 20)
    page.goto(base + reverse("pengaduan_staff:list") + "?per_halaman=10")
    assert "lebih dari 20 pengaduan" in page.inner_text(".result-count")
    looked_at("7-count-bounded")
    monkeypatch.setattr(lists, "COUNT_LIMIT", 1_000)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_handler_pages_through_a_long_complaint_list(
    chromium, live_server, seeded_again, make_user, shots, monkeypatch
):
    base = live_server.url
    handler = make_user(roles.PENGELOLA_PENGADUAN, nip="198602142010012001")
    device = TOTPDevice.objects.create(user=handler, name="Ponsel", confirmed=True)
    kategori = KategoriLayanan.objects.get(slug="ktp-el")
    cases = []
    for n in range(COMPLAINTS):
        case, _code = services.pengaduan_create(
            title=f"Pengaduan pelayanan ke-{n + 1}", isi="Isi pengaduan.", kategori=kategori
        )
        # Test setup: received on distinct days of January, not in the order they were
        # numbered (7 and 30 share no factor, so every day is used once).
        day = opened_on(n * 7 % COMPLAINTS + 1)
        Case.objects.filter(pk=case.pk).update(opened_at=day, received_on=day.date())
        cases.append(Case.objects.get(pk=case.pk))
    newest_first = sorted(cases, key=lambda case: case.opened_at, reverse=True)

    desk = chromium.new_context(viewport=DESK, locale="id-ID").new_page()
    sign_in(desk, base, handler, device)
    assert desk.url == base + reverse("casework:inbox")
    walk_the_list(desk, base, shots, "desktop", newest_first, monkeypatch)

    # The same signed-in session on a phone (a code is accepted once).
    session = desk.context.storage_state()
    phone = chromium.new_context(viewport=PHONE, locale="id-ID", storage_state=session).new_page()
    walk_the_list(phone, base, shots, "phone", newest_first, monkeypatch)
