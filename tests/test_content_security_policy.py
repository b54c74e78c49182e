"""Every HTML page carries a Content-Security-Policy that runs only the scripts and style
sheets given its nonce, and a Permissions-Policy that turns off the browser features no
page uses; no template has what a nonce cannot allow. (In a real browser:
test_browser_content_security_policy.py.)"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from security import headers

TEMPLATES = Path(settings.BASE_DIR) / "templates"
NONCE = re.compile(r"'nonce-([^']+)'")


def _policy(response) -> dict[str, str]:
    return {
        directive.split(" ", 1)[0]: directive.partition(" ")[2]
        for directive in response["Content-Security-Policy"].split("; ")
    }


@pytest.mark.parametrize("url", ["/", "/pengaduan/baru/", "/wbs/lapor/", "/wbs/masuk/", "/akun/masuk/", "/tidak-ada/"])
def test_every_page_runs_only_what_carries_its_nonce(client, db, url):
    response = client.get(url)
    policy = _policy(response)
    assert policy["default-src"] == "'none'" and policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'" and policy["base-uri"] == "'none'"
    assert policy["form-action"] == "'self'" and policy["img-src"] == "'self'"
    # Scripts and style sheets only by the nonce: no 'self', no 'unsafe-inline'.
    [nonce] = set(NONCE.findall(policy["script-src"]))
    assert policy["script-src"] == policy["style-src"] == f"'nonce-{nonce}'"
    body = response.content.decode()
    tags = re.findall(r'<(?:script\b|style\b|link rel="stylesheet")[^>]*>', body)
    assert tags and all(f'nonce="{nonce}"' in tag for tag in tags), tags
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]


def test_each_response_has_a_nonce_of_its_own(client, db):
    first, second = (NONCE.search(client.get("/").headers["Content-Security-Policy"]).group(1) for _ in range(2))
    assert first != second and len(first) >= 16


def test_the_server_error_page_styles_itself_with_its_nonce(db, settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = "wbs.tests.urls_failing"
    response = Client(raise_request_exception=False).get("/wbs/rusak/")
    assert response.status_code == 500
    [nonce] = NONCE.findall(_policy(response)["style-src"])
    assert f'<style nonce="{nonce}">' in response.content.decode()
    assert "style=" not in response.content.decode()


def test_files_get_no_page_policies(client, db):
    """A file shown in the browser runs no script of SIGAP's, and a policy could stop a
    PDF from opening in the browser's own viewer."""
    from wbs.tests.conftest import form_data

    assert client.post(reverse("wbs:create"), form_data()).status_code == 302
    text_file = client.get(reverse("wbs:receipt_file"))
    assert text_file["Content-Type"].startswith("text/plain")
    assert "Content-Security-Policy" not in text_file and "Permissions-Policy" not in text_file
    assert headers.is_html(client.get(reverse("wbs:receipt")))


def _template_files():
    return sorted(TEMPLATES.rglob("*.html"))


@pytest.mark.parametrize("path", _template_files(), ids=lambda path: str(path.relative_to(TEMPLATES)))
def test_no_template_has_what_a_nonce_cannot_allow(path):
    """Inline style attributes and event handlers take no nonce; every script and style
    sheet tag takes the page's."""
    source = path.read_text()
    assert not re.search(r"""\sstyle\s*=\s*["']""", source), "an inline style attribute"
    assert not re.search(r"""\son[a-z]+\s*=\s*["']""", source), "an inline event handler"
    assert "javascript:" not in source
    for tag in re.findall(r'<(?:script\b|style\b|link\s+rel="stylesheet")[^>]*>', source):
        assert "{% csp_nonce_attr %}" in tag, tag
