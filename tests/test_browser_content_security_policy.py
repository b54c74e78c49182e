"""Every kind of page, in a real browser with the Content-Security-Policy enforced: no
style sheet, script, style or image is refused, and the browser has nothing to say about
the Permissions-Policy either.

The walk covers the public side (home, complaint form and receipt, tracking, the monthly
list), the WBS (form and receipt, code entry and report, consent), the sign-in steps
(login, authenticator set-up, backup codes, verification), the staff inbox and each
kind's list and case page, the gift declarant's pages, the admin, and the error pages.
Each page but the admin's is also checked by axe-core for WCAG 2.1 A and AA, at both sizes.
A violation is caught twice: by a `securitypolicyviolation` listener in every page and
in the browser's console. The walk first proves the listener hears a violation.

SIGAP_TEST_SCREENSHOTS=/some/folder keeps a picture of every page at 1280×800 and
360×740.
"""

import io
import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import roles
from accounts.access_requests import role_grant_request
from accounts.models import User
from accounts.testing import totp_token, verified_login
from casework.attachments import add_attachment
from casework.models import Case
from casework.tests import samples
from gratifikasi.choices import PURPOSE_FOTO
from pengaduan.demo import DEMO_TRACKING_CODES
from wbs.demo import DEMO_RECEIPTS

from .axe import violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    # The project's URLs and a reporter page that fails, for the server error page.
    pytest.mark.urls("wbs.tests.urls_failing"),
]

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}
PASSWORD = "Sandi-yang-kuat-123"
# What the browser reports in its console about either policy.
POLICY_WORDS = re.compile(r"Content.Security.Policy|Permissions.Policy|permissions policy", re.I)
LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.sigapViolation(`${event.effectiveDirective} refused ${event.blockedURI} ${event.sample || ""}`);
});
"""


class Walk:
    """A browser walk that notes every policy complaint, page by page."""

    def __init__(self, chromium, base: str, shots: Path | None):
        self.chromium = chromium
        self.base = base
        self.shots = shots
        self.where = ""
        self.problems: list[str] = []
        self.visited: list[str] = []

    def page(self, user: User | None = None):
        """A browser profile of its own; `user` is signed in with both factors."""
        context = self.chromium.new_context(viewport=DESKTOP, locale="id-ID")
        context.expose_binding("sigapViolation", lambda _source, text: self.problems.append(f"{self.where}: {text}"))
        context.add_init_script(LISTENER)
        if user is not None:
            client = Client()
            verified_login(client, user)
            cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
            context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": self.base}])
        page = context.new_page()
        page.on("console", self._console)
        return page

    def _console(self, message) -> None:
        if POLICY_WORDS.search(message.text):
            self.problems.append(f"{self.where}: console {message.type}: {message.text}")

    def goto(self, page, name: str, path: str, status: int = 200) -> None:
        self.where = name
        self._arrived(page, name, page.goto(self.base + path), status)

    def submit(self, page, name: str, selector: str, status: int = 200) -> None:
        """Press a button (or run a script) and check the page that answers."""
        self.where = name
        with page.expect_navigation() as navigation:
            if selector.startswith("() =>"):
                page.evaluate(selector)
            else:
                page.click(selector)
        self._arrived(page, name, navigation.value, status)

    def follow_first(self, page, name: str, selector: str = "table.cases tbody th a") -> None:
        self.submit(page, name, f"{selector} >> nth=0")

    def _arrived(self, page, name: str, response, status: int) -> None:
        assert response is not None and response.status == status, (name, response and response.status, page.url)
        headers = response.headers
        assert "default-src 'none'" in headers.get("content-security-policy", ""), name
        assert "camera=()" in headers.get("permissions-policy", ""), name
        page.wait_for_load_state("load")
        refused = page.evaluate("[...document.querySelectorAll('link[rel=stylesheet]')].filter(l => !l.sheet).length")
        assert refused == 0, name
        self.visited.append(name)
        # Every page of SIGAP's own is also checked for WCAG 2.1 A/AA at both sizes
        # (tests/axe.py). Django's admin is left out: its widgets are Django's, not ours
        # (its two-list group picker labels a decorative span, for one).
        if not name.startswith("admin"):
            self.problems.extend(f"{name} (desktop): {line}" for line in violations(page))
            page.set_viewport_size(PHONE)
            self.problems.extend(f"{name} (phone): {line}" for line in violations(page))
            page.set_viewport_size(DESKTOP)
        if self.shots:
            slug = re.sub(r"\W+", "-", name).strip("-")
            page.screenshot(path=str(self.shots / f"{len(self.visited):02d}-{slug}-desktop.png"), full_page=True)
            page.set_viewport_size(PHONE)
            page.screenshot(path=str(self.shots / f"{len(self.visited):02d}-{slug}-phone.png"), full_page=True)
            page.set_viewport_size(DESKTOP)


@pytest.fixture
def walk(chromium, live_server, seeded_again, settings, tmp_path):
    settings.DEBUG = False
    settings.SIGAP_PENGADUAN_MIN_FILL_SECONDS = 0
    settings.SIGAP_WBS_MIN_FILL_SECONDS = 0
    call_command("seed_demo", "--no-qr", stdout=io.StringIO())
    folder = os.environ.get("SIGAP_TEST_SCREENSHOTS")
    shots = Path(folder) if folder else None
    if shots:
        shots.mkdir(parents=True, exist_ok=True)
    return Walk(chromium, live_server.url, shots)


def demo_user(username: str) -> User:
    return User.objects.get(username=username)


def test_every_kind_of_page_keeps_to_the_policies(walk, make_user):
    # The listener hears a violation (an inline style attribute added to a page).
    page = walk.page()
    walk.goto(page, "home", "/")
    walk.where = "control"
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>')")
    page.wait_for_timeout(200)
    assert any(problem.startswith("control: style-src-attr") for problem in walk.problems), walk.problems
    walk.problems.clear()

    _public_pages(walk, page)
    _wbs_pages(walk, walk.page())
    _error_pages(walk, walk.page())
    _sign_in_pages(walk, make_user)
    _staff_pages(walk)
    _password_link_page(walk)
    _declarant_pages(walk, walk.page(demo_user("pegawai")))
    _admin_pages(walk, walk.page(demo_user("admin")))

    assert walk.problems == [], "\n".join(walk.problems)
    assert len(walk.visited) >= 40, walk.visited


def _public_pages(walk, page):
    walk.goto(page, "complaint form", reverse("pengaduan:create"))
    page.fill("#id_title", "Antrean KTP-el terlalu lama")
    page.fill("#id_isi", "Saya menunggu enam jam di loket tiga tanpa kejelasan.")
    page.select_option("#id_kategori", label="KTP-el")
    page.fill("#id_lokasi", "Loket 3")
    walk.submit(page, "complaint receipt", "button.intake__submit")
    walk.goto(page, "monthly follow-up", reverse("pengaduan:monthly"))
    walk.goto(page, "tracking", reverse("track"))
    page.fill("#id_code", "0000-0000-0000-0000")
    walk.submit(page, "tracking refused", "main form button[type=submit]")
    page.fill("#id_code", DEMO_TRACKING_CODES["ditunda"])
    walk.submit(page, "tracking page", "main form button[type=submit]")


def _wbs_pages(walk, page):
    walk.goto(page, "wbs form", reverse("wbs:create"))
    walk.submit(page, "wbs form refused", "button.intake__submit", status=400)
    page.check("input[name=kategori][value=korupsi]")
    page.fill("#id_title", "Pungutan liar di loket KTP-el")
    page.fill("#id_apa", "Petugas meminta Rp50.000 agar KTP-el jadi hari itu.")
    page.fill("#id_dimana", "Loket 3")
    page.fill("#id_terlapor-0-nama", "Petugas loket tiga")
    walk.submit(page, "wbs receipt", "button.intake__submit")
    page.check("#id_saved")
    walk.submit(page, "wbs report (new)", ".receipt__done button")
    walk.submit(page, "wbs code entry (left)", ".wbs-leave button")
    walk.goto(page, "wbs code entry", reverse("wbs:login"))
    page.fill("#id_code", DEMO_RECEIPTS["ditunda"])
    walk.submit(page, "wbs report", "main form button[type=submit]")
    walk.goto(page, "wbs consent", reverse("pengaduan_wbs_consent"))


def _error_pages(walk, page):
    walk.goto(page, "not found", "/tidak-ada/", status=404)
    walk.goto(page, "wbs not found", "/wbs/tidak-ada/", status=404)
    walk.goto(page, "post only", reverse("wbs:logout"), status=405)
    walk.goto(page, "server error", "/wbs/rusak/", status=500)
    walk.goto(page, "home again", "/")
    # A form posted without its CSRF token.
    walk.submit(
        page,
        "forbidden",
        "() => { const f = document.createElement('form'); f.method = 'post'; f.action = '/lacak/';"
        " document.body.append(f); f.submit(); }",
        status=403,
    )


def _sign_in_pages(walk, make_user):
    # Every later login: password, then the authenticator's code.
    handler = demo_user("pengaduan")
    page = walk.page()
    walk.goto(page, "login", reverse("accounts:login"))
    page.fill("#id_username", handler.nip)
    page.fill("#id_password", "wrong password")
    walk.submit(page, "login refused", "main form button[type=submit]")
    page.fill("#id_password", "Meja-Layanan-2026")
    walk.submit(page, "second factor", "main form button[type=submit]")
    page.fill("#id_token", totp_token(TOTPDevice.objects.get(user=handler, confirmed=True)))
    walk.submit(page, "inbox", "form:has(#id_token) button[type=submit]")
    # The first login: set up the authenticator, then the backup codes.
    newcomer = make_user(roles.PEGAWAI)
    page = walk.page()
    walk.goto(page, "login (newcomer)", reverse("accounts:login"))
    page.fill("#id_username", newcomer.email)
    page.fill("#id_password", PASSWORD)
    walk.submit(page, "authenticator set-up", "main form button[type=submit]")
    page.fill("#id_token", totp_token(TOTPDevice.objects.get(user=newcomer)))
    walk.submit(page, "backup codes", "main form button[type=submit]")
    assert page.is_visible("#print-codes")  # its script ran


def _staff_pages(walk):
    page = walk.page(demo_user("pengaduan"))
    walk.goto(page, "complaint list", reverse("pengaduan_staff:list"))
    walk.follow_first(page, "complaint case page")
    walk.goto(page, "complaint entry", reverse("pengaduan_staff:create"))
    walk.goto(page, "account", reverse("accounts_staff:account"))

    page = walk.page(demo_user("wbs"))
    walk.goto(page, "wbs inbox", reverse("casework:inbox"))
    walk.goto(page, "wbs list", reverse("wbs_staff:list"))
    walk.follow_first(page, "wbs case page")

    page = walk.page(demo_user("pimpinan"))
    walk.goto(page, "identity requests", reverse("wbs_staff:identity_requests"))
    # A reading role an administrator asked for, waiting for the Pimpinan's approval.
    role_grant_request(user=demo_user("pegawai"), role=roles.PENGELOLA_WBS, actor=demo_user("admin"), reason="SK baru")
    walk.goto(page, "access approvals", reverse("accounts_staff:approvals"))
    walk.goto(page, "recusals", reverse("casework:recusals"))

    upg = demo_user("upg")
    page = walk.page(upg)
    walk.goto(page, "gift list", reverse("gratifikasi_staff:list"))
    walk.follow_first(page, "gift case page")
    # A declaration with a photo, shown small among its files.
    declaration = Case.objects.filter(kind="gratifikasi").order_by("pk").first()
    photo = samples.upload(samples.png_with_text(), "parsel.png", "image/png")
    add_attachment(case=declaration, upload=photo, uploaded_by=upg, purpose=PURPOSE_FOTO)
    walk.goto(page, "gift case page with a photo", reverse("gratifikasi_staff:detail", args=[declaration.pk]))
    thumb = page.locator(".files img").first
    thumb.scroll_into_view_if_needed()
    thumb.evaluate("img => img.decode()")
    assert 0 < thumb.bounding_box()["width"] <= 160
    walk.goto(page, "gift recap", reverse("gratifikasi_staff:summary"))
    walk.goto(page, "custody register", reverse("gratifikasi_staff:custody_list"))

    page = walk.page(demo_user("benturan"))
    walk.goto(page, "conflict list", reverse("benturan_staff:list"))
    walk.follow_first(page, "conflict case page")


def _password_link_page(walk):
    owner = demo_user("tindaklanjut")
    link = reverse(
        "accounts:password_set",
        args=[urlsafe_base64_encode(force_bytes(owner.pk)), default_token_generator.make_token(owner)],
    )
    walk.goto(walk.page(), "password set by link", link)


def _declarant_pages(walk, page):
    walk.goto(page, "my declarations", reverse("gratifikasi:list"))
    walk.follow_first(page, "my declaration")
    walk.goto(page, "declaration form", reverse("gratifikasi:new"))
    walk.goto(page, "my conflicts of interest", reverse("benturan:list"))
    walk.goto(page, "conflict declaration form", reverse("benturan:declare"))
    walk.goto(page, "conflict report form", reverse("benturan:report"))
    own = Case.objects.filter(kind="benturan").order_by("pk").first()
    walk.goto(page, "my conflict of interest", reverse("benturan:detail", args=[own.pk]))


def _admin_pages(walk, page):
    walk.goto(page, "admin", reverse("admin:index"))
    walk.goto(page, "admin user list", reverse("admin:accounts_user_changelist"))
    walk.follow_first(page, "admin user", "#result_list tbody th a")
    walk.goto(page, "admin unit list", reverse("admin:accounts_unitkerja_changelist"))
    walk.goto(page, "admin new holiday", reverse("admin:casework_holiday_add"))
    walk.where = "admin calendar"
    page.click(".datetimeshortcuts a >> nth=-1")  # the calendar drawn by the admin's script
    page.wait_for_timeout(200)
