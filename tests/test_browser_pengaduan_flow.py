"""The whole life of a complaint, through the real pages, in a real browser.

A member of the public files a complaint with a photo from a 360×740 phone; a Pengelola
Pengaduan signs in with NIP, password and an authenticator code, checks the photo,
verifies the complaint and dispositions it; the unit's member signs in the same way and
records the follow-up with its evidence; the handler answers; the complainant, back on
the phone, reads the answer and the public history and rates it. Each person has a
browser profile of their own, so no cookie is shared between them.

Every step is photographed; set SIGAP_TEST_SCREENSHOTS to a folder to keep the pictures
(by default they go to the test's temporary folder).
"""

from pathlib import Path

import pytest
from django.core import mail
from django.db import connection
from django.db.models import F
from django.urls import NoReverseMatch, reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image

from accounts import roles
from accounts.models import UnitKerja
from accounts.testing import totp_token
from casework import tracking
from casework.models import PendingCase, TimelineEntry
from pengaduan.choices import State
from pengaduan.models import Pengaduan
from tests.browser import snap, submit

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
PASSWORD = "Sandi-yang-kuat-123"

TITLE = "Antrean KTP-el terlalu lama"
STORY = "Saya menunggu enam jam di loket tiga tanpa kejelasan."
LONG_LINK = "https://contoh.example/antrean/" + "a" * 250
LONG_FILE_NAME = "foto-antrean-loket-tiga-" + "x" * 90 + ".png"
PLACE = "Loket 3 kantor Dinas"
EMAIL = "warga@contoh.id"
FOLLOW_UP = "Petugas perekaman ditambah satu orang dan nomor antrean kini dicetak."
ANSWER = "Terima kasih atas laporan Anda. Mulai Senin loket perekaman dilayani dua petugas."
COMMENT = "Sudah lebih cepat, terima kasih."


def png(path: Path, colour: str) -> Path:
    Image.new("RGB", (24, 16), colour).save(path)
    return path


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def staff(make_user, role: str, nip: str, **extra):
    """A staff member with a confirmed authenticator device; returns (user, device)."""
    user = make_user(role, nip=nip, **extra)
    device = TOTPDevice.objects.create(user=user, name="Ponsel", confirmed=True)
    return user, device


def sign_in(page, base: str, user, device) -> None:
    """The staff login as a person does it: NIP and password, then the code on the phone."""
    page.goto(base + reverse("accounts:login"))
    page.fill("#id_username", user.nip)
    page.fill("#id_password", PASSWORD)
    submit(page, "main form button[type=submit]")
    assert page.url.startswith(base + reverse("accounts:otp_verify"))
    page.fill("#id_token", totp_token(device))
    submit(page, "form:has(#id_token) button[type=submit]")
    assert page.url == base + reverse("casework:inbox")
    assert user.get_full_name() in page.inner_text(".staff-nav__who")


def open_from_list(page, base: str, reference: str) -> None:
    """Open a complaint by its number from the complaint list, or from the inbox where
    there is no list."""
    try:
        start = reverse("pengaduan_staff:list")
    except NoReverseMatch:
        start = reverse("casework:inbox")
    page.goto(base + start)
    with page.expect_navigation():
        page.get_by_role("link", name=reference, exact=True).click()
    assert reference in page.inner_text("h1")


def act(page, action: str) -> str:
    """The form of one action on a complaint's page, opened; returns its selector."""
    selector = f"#aksi-{action}"
    if page.get_attribute(selector, "open") is None:
        page.click(f"{selector} > summary")
    return selector


def heights(page, selector: str) -> list[float]:
    return page.eval_on_selector_all(selector, "els => els.map(e => e.getBoundingClientRect().height)")


def success(page) -> str:
    return page.inner_text(".messages")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_complaint_from_the_phone_to_the_rated_answer(
    chromium, live_server, settings, seeded_again, make_user, shots, tmp_path
):
    settings.SIGAP_PENGADUAN_MIN_FILL_SECONDS = 0
    base = live_server.url
    photo = png(tmp_path / "antrean.png", "blue")
    evidence = png(tmp_path / "bukti.png", "green")
    dinas = UnitKerja.objects.create(code="dinas", name="Dinas Dukcapil", level=UnitKerja.Level.DINAS)
    unit = UnitKerja.objects.create(
        code="seksi-identitas", name="Seksi Identitas Penduduk", level=UnitKerja.Level.SEKSI, parent=dinas
    )
    handler, handler_device = staff(make_user, roles.PENGELOLA_PENGADUAN, "198602142010012001")
    member, member_device = staff(make_user, roles.UNIT_TINDAK_LANJUT, "198207092006041002", unit=unit)

    # 1. The public files a complaint from a phone, with a photo and an e-mail address.
    phone = chromium.new_context(viewport=PHONE, locale="id-ID").new_page()
    phone.goto(base + reverse("pengaduan:create"))
    assert fits_the_screen(phone)
    assert min(heights(phone, "input[type=file]")) >= 44
    phone.fill("#id_title", TITLE)
    phone.fill("#id_isi", STORY)
    phone.select_option("#id_kategori", label="KTP-el")
    phone.fill("#id_lokasi", PLACE)
    # Too many files at once: said beside the field, and the form is held back rather
    # than sent without them.
    too_many = [str(png(tmp_path / f"foto-{n}.png", "gray")) for n in range(settings.SIGAP_ATTACHMENT_MAX_COUNT + 1)]
    phone.set_input_files("#id_lampiran", too_many)
    warning = phone.locator("[data-file-count-warning]")
    assert warning.is_visible() and "Paling banyak" in warning.inner_text()
    phone.click("button.intake__submit")
    phone.wait_for_timeout(300)
    assert phone.url == base + reverse("pengaduan:create")
    assert phone.eval_on_selector("#id_lampiran", "input => input.files.length") == len(too_many)
    assert not Pengaduan.objects.exists() and not PendingCase.objects.exists()
    phone.set_input_files("#id_lampiran", str(photo))
    assert not warning.is_visible()
    phone.fill("#id_email", EMAIL)
    # Safe by default: both privacy choices come ticked.
    assert phone.is_checked("#id_anonim") and phone.is_checked("#id_rahasia")
    snap(phone, shots, "1a-phone-form")
    submit(phone, "button.intake__submit")

    assert phone.url == base + reverse("pengaduan:receipt")
    case = Pengaduan.objects.get()
    assert case.reference in phone.inner_text(".receipt__reference")
    code = phone.inner_text("#tracking-code")
    assert tracking.find_case(code).pk == case.pk
    assert "juga kami kirim ke e-mail" in phone.inner_text(".receipt")
    assert fits_the_screen(phone)
    snap(phone, shots, "1b-phone-receipt")
    [receipt] = mail.outbox
    assert receipt.to == [EMAIL] and case.reference in receipt.body and code in receipt.body

    # 2. The handler signs in on a desktop, checks the photo, verifies and dispositions.
    desk = chromium.new_context(viewport=DESKTOP).new_page()
    sign_in(desk, base, handler, handler_device)
    open_from_list(desk, base, case.reference)
    assert STORY in desk.inner_text(".complaint-text")
    assert EMAIL in desk.inner_text("main")  # the complaints team may reach the complainant
    snap(desk, shots, "2a-handler-complaint")
    link = desk.locator("section:has(#lampiran) a[download]", has_text="antrean.png")
    with desk.expect_download() as download:
        link.click()
    with Image.open(download.value.path()) as received:
        assert received.size == (24, 16)

    form = act(desk, "verifikasi")
    desk.fill(f"{form} textarea[name='verifikasi-note']", "Lengkap; foto antrean terlampir.")
    submit(desk, f"{form} button[type=submit]")
    assert "Pengaduan diverifikasi." in success(desk)
    form = act(desk, "disposisi")
    desk.select_option(f"{form} select[name='disposisi-unit']", value=str(unit.pk))
    submit(desk, f"{form} button[type=submit]")
    assert "Pengaduan didisposisikan ke unit." in success(desk)
    assert unit.name in desk.inner_text(".summary")
    snap(desk, shots, "2b-handler-dispositioned")

    # 3. The unit's member signs in, finds it in their inbox, records the follow-up.
    unit_page = chromium.new_context(viewport=DESKTOP).new_page()
    sign_in(unit_page, base, member, member_device)
    with unit_page.expect_navigation():
        unit_page.get_by_role("link", name=case.reference, exact=True).click()
    # The complainant asked to stay anonymous: the unit does not learn who they are.
    assert EMAIL not in unit_page.content()
    assert "Disembunyikan: pelapor meminta anonim." in unit_page.inner_text("main")
    form = act(unit_page, "catat_tindak_lanjut")
    unit_page.fill(f"{form} textarea[name='catat_tindak_lanjut-tindak_lanjut']", FOLLOW_UP)
    unit_page.set_input_files(f"{form} input[type=file]", str(evidence))
    submit(unit_page, f"{form} button[type=submit]")
    assert "Tindak lanjut dicatat." in success(unit_page)
    assert "bukti.png" in unit_page.inner_text("section:has(#lampiran)")
    snap(unit_page, shots, "3-unit-follow-up")

    # 4. The handler writes the answer.
    desk.reload()
    assert FOLLOW_UP in desk.inner_text("main")
    form = act(desk, "jawab")
    desk.fill(f"{form} textarea[name='jawab-jawaban']", ANSWER)
    submit(desk, f"{form} button[type=submit]")
    assert "Jawaban dikirim kepada pelapor." in success(desk)
    snap(desk, shots, "4-handler-answered")

    # 5. Back on the phone: the complainant reads the answer and rates it.
    phone.goto(base + reverse("track"))
    assert fits_the_screen(phone)
    snap(phone, shots, "5a-phone-track")
    phone.fill("#id_code", code)
    submit(phone, "main form button[type=submit]")
    assert phone.url == base + reverse("track_case")
    assert "Dijawab" in phone.inner_text(".status")
    assert min(heights(phone, "input[type=file]")) >= 44  # more evidence can still be sent
    assert ANSWER in phone.inner_text("#jawaban")
    history = phone.inner_text("#riwayat")
    for step in ("Laporan diterima", "Diverifikasi", "Didisposisikan ke unit", "Ditindaklanjuti", "Dijawab"):
        assert step in history
    # Staff-only notes never reach the public history.
    assert "foto antrean terlampir" not in phone.content()
    assert fits_the_screen(phone)
    snap(phone, shots, "5b-phone-answer")
    # A long web address and a long file name wrap on the phone's screen.
    phone.fill("#percakapan textarea[name=body]", LONG_LINK)
    submit(phone, "#percakapan button[type=submit]")
    phone.set_input_files("#lampiran input[type=file]", str(png(tmp_path / LONG_FILE_NAME, "red")))
    submit(phone, "#lampiran button[type=submit]")
    assert LONG_LINK in phone.inner_text("#percakapan") and LONG_FILE_NAME in phone.inner_text("#lampiran")
    assert fits_the_screen(phone)
    snap(phone, shots, "5c-phone-long-text")
    # Each rating is a target for a thumb (44 px), not a bare radio button.
    assert len(heights(phone, "#penilaian .choice")) == 5 and min(heights(phone, "#penilaian .choice")) >= 44
    phone.click("#penilaian label:has-text('5 — Sangat puas')")
    assert phone.is_checked("#penilaian input[name=rating][value='5']")
    phone.fill("#penilaian textarea[name=comment]", COMMENT)
    submit(phone, "#penilaian button[type=submit]")
    assert "Terima kasih atas penilaian Anda." in success(phone)
    rating = phone.inner_text("#penilaian")
    assert "Anda memberi nilai 5 dari 5." in rating and COMMENT in rating
    assert min(heights(phone, "#penilaian summary")) >= 44  # "Ubah penilaian" opens with a thumb
    assert fits_the_screen(phone)
    snap(phone, shots, "5d-phone-rated")

    # 6. What is stored, and what was sent.
    case.refresh_from_db()
    assert case.state == State.DIJAWAB
    assert case.rating == 5 and case.rating_comment == COMMENT
    assert case.attachments.count() == 3
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT rating_comment FROM {Pengaduan._meta.db_table} WHERE case_ptr_id = %s", [case.pk])
        [stored] = cursor.fetchone()
    assert COMMENT not in stored and "terima kasih" not in stored.lower()

    # One status e-mail per change of state the history records, in the same order.
    changes = TimelineEntry.objects.filter(case=case).exclude(from_state="").exclude(from_state=F("to_state"))
    to_states = changes.order_by("created_at", "id").values_list("to_state", flat=True)
    states = [str(State(state).label) for state in to_states]
    assert states == ["Diverifikasi", "Didisposisikan ke unit", "Ditindaklanjuti", "Dijawab"]
    status_mails = mail.outbox[1:]
    assert [m.subject.rsplit(": ", 1)[1] for m in status_mails] == states
    for message in status_mails:
        assert message.to == [EMAIL] and case.reference in message.subject
        text = message.subject + message.body
        for secret in (TITLE, STORY, PLACE, FOLLOW_UP, ANSWER, code):
            assert secret not in text
