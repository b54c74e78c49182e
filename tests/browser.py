"""What the browser walks share: the two screen sizes, a screenshot, a press that waits for
the answering page, and a page that reports any Content-Security-Policy violation."""

from pathlib import Path

from django.urls import reverse

from accounts.testing import totp_token

PHONE = {"width": 360, "height": 740}
DESK = {"width": 1280, "height": 800}
# The password the tests' make_user gives every account.
PASSWORD = "Sandi-yang-kuat-123"

# Calls window.sigapViolation, bound by browser_page(), for every refused load or script.
LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.sigapViolation(`${event.effectiveDirective} refused ${event.blockedURI} ${event.sample || ""}`);
});
"""


def snap(page, folder: Path, name: str) -> None:
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def submit(page, selector: str) -> None:
    """Press a submit button as a person would, with the page settled around it, and wait
    for the page that answers.

    The button is brought into view first and the page left to fetch what that shows: a
    click that scrolled would start a lazily loaded photo (an audited download) in the
    same instant as the post, and the test server's in-memory SQLite refuses one of two
    writes that meet, where a real database makes the second wait."""
    page.locator(selector).scroll_into_view_if_needed()
    page.wait_for_load_state("networkidle")
    with page.expect_navigation():
        page.click(selector)


def browser_page(chromium, viewport, violations: list[str]):
    """A page in a browser profile of its own, at `viewport`, in Indonesian, whose policy
    violations are appended to `violations`."""
    context = chromium.new_context(viewport=viewport, locale="id-ID")
    context.expose_binding("sigapViolation", lambda _source, text: violations.append(text))
    context.add_init_script(LISTENER)
    return context.new_page()


def sign_in(page, base: str, user, device) -> None:
    """The staff sign-in as a person does it: NIP and password, then the code on the phone."""
    page.goto(base + reverse("accounts:login"))
    page.fill("#id_username", user.nip)
    page.fill("#id_password", PASSWORD)
    submit(page, "main form button[type=submit]")
    page.fill("#id_token", totp_token(device))
    submit(page, "form:has(#id_token) button[type=submit]")
