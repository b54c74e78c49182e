"""A proxy's access log shows no sign of a WBS visit, as the README tells operators to
set it up: every file a reporter page makes the browser fetch (style sheets, scripts,
icon; fetched without a referrer) lies under a path the README's nginx map and Apache
lines leave out, and everything else a reporter page leads to is sent with the page as
its referrer, which they leave out too.

The rules are read from the README itself, so the snippet operators copy is the one
tested; wbs.traces says the same in Python for gunicorn's and Django's own logs."""

import json
import re
import textwrap
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from wbs import staticfiles, traces

from .conftest import form_data, receipt_code

README = Path(settings.BASE_DIR) / "README.md"
HOST = "https://sigap.example.go.id"


# --- The README's rules ---------------------------------------------------------------------


def _readme_block(language: str, marker: str) -> str:
    blocks = re.findall(rf"```{language}\n(.*?)^\s*```", README.read_text(), re.S | re.M)
    found = [textwrap.dedent(block) for block in blocks if marker in block]
    assert len(found) == 1, f"README: one ```{language} block with {marker!r}"
    return found[0]


def nginx_logs(uri: str, referer: str = "") -> bool:
    """What the README's nginx map gives $sigap_log_request for this request (True: logged).

    nginx tries the regular expressions of a map in order against the string and takes
    the first that matches anywhere in it; a quoted key loses its quotes."""
    block = _readme_block("nginx", "$sigap_log_request")
    body = re.search(r'map "\$uri\|\$http_referer" \$sigap_log_request \{\n(.*?)\n\s*\}', block, re.S).group(1)
    default = None
    for line in body.splitlines():
        key, value = re.fullmatch(r'\s*("[^"]+"|\S+)\s+([01]);(?:\s*#.*)?', line).groups()
        key = key.strip('"')
        if key == "default":
            default = value
            continue
        assert key.startswith("~") and not key.startswith("~*"), key
        if re.search(key[1:], f"{uri}|{referer}"):
            return value == "1"
    assert default is not None
    return default == "1"


def apache_logs(uri: str, referer: str = "") -> bool:
    """What the README's Apache lines do with this request (True: logged)."""
    block = _readme_block("apache", "CustomLog")
    assert re.search(r"^CustomLog \S+ combined env=!wbs$", block, re.M)
    tests = re.findall(r'^SetEnvIf (Request_URI|Referer) "([^"]+)" wbs$', block, re.M)
    assert {name for name, _regex in tests} == {"Request_URI", "Referer"}
    values = {"Request_URI": uri, "Referer": referer}
    return not any(re.search(regex, values[name]) for name, regex in tests)


SAMPLES = [
    # (path, referer, shows a WBS visit)
    ("/wbs/lapor/", "", True),
    ("/wbs/laporan/bukti/3/", f"{HOST}/wbs/laporan/", True),
    ("/wbs/dari-pengaduan/", f"{HOST}/lacak/kasus/", True),
    ("/static/wbs/wbs.0a1b2c3d4e5f.css", "", True),
    ("/static/wbs/shared/css/sigap.0a1b2c3d4e5f.css", "", True),
    ("/favicon.ico", "", True),
    ("/i18n/setlang/", f"{HOST}/wbs/lapor/", True),
    ("/", "http://sigap.example.go.id/wbs/masuk/", True),
    ("/static/css/sigap.css", "", False),
    ("/static/pengaduan/intake.js", f"{HOST}/pengaduan/baru/", False),
    ("/pengaduan/baru/", f"{HOST}/", False),
    ("/staf/wbs/", f"{HOST}/staf/", False),
    ("/staf/wbs/3/", f"{HOST}/staf/wbs/", False),
    ("/lacak/", "", False),
]


@pytest.mark.parametrize(("path", "referer", "reveals"), SAMPLES)
def test_the_readme_snippets_and_the_servers_own_rule_agree(path, referer, reveals):
    assert traces.reveals_reporter(path, referer) is reveals
    assert nginx_logs(path, referer) is not reveals
    assert apache_logs(path, referer) is not reveals


# --- What the reporter pages make the browser request ---------------------------------------


class _Page(HTMLParser):
    """The addresses a page makes the browser fetch by itself, and those it leads to."""

    FETCHED = {
        "link": ("href",),
        "script": ("src",),
        "img": ("src", "srcset"),
        "source": ("src", "srcset"),
        "video": ("src", "poster"),
        "object": ("data",),
        **{tag: ("src",) for tag in ("iframe", "embed", "audio", "track", "input")},
    }

    def __init__(self):
        super().__init__()
        self.fetched: list[str] = []
        self.leads_to: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in self.FETCHED.get(tag, ()):
            value = attrs.get(name)
            if value and name == "srcset":
                self.fetched += [candidate.split()[0] for candidate in value.split(",")]
            elif value:
                self.fetched.append(value)
        for name in ("href", "action", "formaction"):
            if tag in {"a", "area", "form", "button"} and attrs.get(name) is not None:
                self.leads_to.append((attrs[name], attrs))
        if attrs.get("style") and "url(" in attrs["style"]:
            self.fetched.append(attrs["style"])


def _urls_in_css(text: str) -> list[str]:
    return [url.strip("'\"") for url in re.findall(r"url\(([^)]+)\)", text) if not url.strip("'\"").startswith("data:")]


def _static_file(url: str) -> str | None:
    """The file a static URL serves in this test setup (plain static storage)."""
    path = urlsplit(url).path
    return finders.find(path.removeprefix(settings.STATIC_URL)) if path.startswith(settings.STATIC_URL) else None


def assert_leaves_no_trace(name: str, page_url: str, response) -> None:
    assert response["Content-Type"].startswith("text/html"), name
    # Everything the page leads to is sent with the page as its referrer.
    assert response["Referrer-Policy"] == "same-origin", name
    html = response.content.decode()
    page = _Page()
    page.feed(html)
    for url in page.fetched:
        path = urlsplit(url).path
        assert not urlsplit(url).netloc, (name, url)  # nothing from elsewhere
        assert traces.reveals_reporter(path), (name, url)
        assert not nginx_logs(path) and not apache_logs(path), (name, url)
        source = _static_file(url)
        assert source, f"{name}: {url} is not a static file (add it to wbs.staticfiles.SHARED_ASSETS?)"
        if path.endswith(".css"):
            for inner in _urls_in_css(Path(source).read_text()):
                inner_path = urlsplit(urljoin(path, inner)).path
                assert not nginx_logs(inner_path) and _static_file(inner_path), (name, url, inner)
    for target, attrs in page.leads_to:
        parts = urlsplit(urljoin(page_url, target))
        if parts.scheme or parts.netloc or traces.reveals_reporter(parts.path):
            continue  # another site's log, or left out by its own path
        referrer = f"{HOST}{page_url}"
        assert not nginx_logs(parts.path, referrer) and not apache_logs(parts.path, referrer), (name, target)
        assert "noreferrer" not in attrs.get("rel", ""), (name, target)
        assert attrs.get("referrerpolicy") in (None, "same-origin", "origin-when-cross-origin"), (name, target)
    # No style sheet text of its own either (none is allowed without a nonce, and a
    # url() in it would be fetched like a file).
    for block in re.findall(r"<style\b[^>]*>(.*?)</style>", html, re.S):
        assert not _urls_in_css(block), name


@pytest.fixture
def reporter_pages(db, settings):
    """Every kind of page a reporter sees under /wbs/, as (path, response)."""
    settings.DEBUG = False
    phone = Client(raise_request_exception=False)
    pages = {
        "form": ("/wbs/lapor/", phone.get(reverse("wbs:create"))),
        "form refused": ("/wbs/lapor/", phone.post(reverse("wbs:create"), form_data(apa=""))),
        "code entry": ("/wbs/masuk/", phone.get(reverse("wbs:login"))),
        "code refused": ("/wbs/masuk/", phone.post(reverse("wbs:login"), {"code": "0000-0000-0000-0000"})),
        "consent": ("/wbs/dari-pengaduan/", phone.get(reverse("pengaduan_wbs_consent"))),
        "consent refused": ("/wbs/dari-pengaduan/", phone.post(reverse("pengaduan_wbs_consent"), {"code": "x"})),
        "not found": ("/wbs/tidak-ada/", phone.get("/wbs/tidak-ada/")),
        "post only": ("/wbs/keluar/", phone.get(reverse("wbs:logout"))),
    }
    files = [SimpleUploadedFile(f"f{i}.png", b"x") for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1)]
    pages["request refused"] = ("/wbs/lapor/", phone.post(reverse("wbs:create"), {"bukti": files}))
    pages["forbidden"] = ("/wbs/lapor/", Client(enforce_csrf_checks=True).post(reverse("wbs:create"), form_data()))
    assert phone.post(reverse("wbs:create"), form_data()).status_code == 302
    pages["receipt"] = ("/wbs/tanda-terima/", phone.get(reverse("wbs:receipt")))
    code = receipt_code(pages["receipt"][1].content.decode())
    phone.post(reverse("wbs:receipt_done"), {"saved": "on"})
    pages["report"] = ("/wbs/laporan/", phone.get(reverse("wbs:report")))
    pages["report refused"] = ("/wbs/laporan/", phone.post(reverse("wbs:message"), {"body": ""}))
    pages["file not found"] = ("/wbs/laporan/bukti/999/", phone.get("/wbs/laporan/bukti/999/"))
    settings.SIGAP_WBS_LOOKUP_RATE = "1/h"
    phone.post(reverse("wbs:logout"))
    phone.post(reverse("wbs:login"), {"code": code})
    pages["throttled"] = ("/wbs/masuk/", phone.post(reverse("wbs:login"), {"code": code}))
    return pages


def test_every_reporter_page_loads_only_files_the_proxy_leaves_out_of_its_log(reporter_pages):
    statuses = {name: response.status_code for name, (_path, response) in reporter_pages.items()}
    assert statuses == {
        "form": 200,
        "form refused": 400,
        "code entry": 200,
        "code refused": 400,
        "consent": 200,
        "consent refused": 400,
        "not found": 404,
        "post only": 405,
        "request refused": 400,
        "forbidden": 403,
        "receipt": 200,
        "report": 200,
        "report refused": 400,
        "file not found": 404,
        "throttled": 429,
    }
    for name, (path, response) in reporter_pages.items():
        assert_leaves_no_trace(name, path, response)
    # The site's style sheet and icon are there, from under static/wbs/.
    body = reporter_pages["form"][1].content.decode()
    assert '/static/wbs/shared/css/sigap.css"' in body and '/static/wbs/shared/img/favicon.svg"' in body
    assert '/static/wbs/shared/pengaduan/intake.js"' in body


@pytest.mark.urls("wbs.tests.urls_failing")
def test_a_server_error_on_a_reporter_page_loads_nothing_outside_either(db, settings):
    settings.DEBUG = False
    response = Client(raise_request_exception=False).get("/wbs/rusak/")
    assert response.status_code == 500
    assert_leaves_no_trace("server error", "/wbs/rusak/", response)


def test_other_pages_load_the_shared_files_from_where_they_are(client, db):
    body = client.get(reverse("pengaduan:create")).content.decode()
    assert '/static/css/sigap.css"' in body and '/static/pengaduan/intake.js"' in body
    assert "/static/wbs/shared/" not in body


def test_the_shared_files_are_the_same_files_and_only_those():
    for name in staticfiles.SHARED_ASSETS:
        assert finders.find(staticfiles.SHARED_PREFIX + name) == finders.find(name)
    assert finders.find(staticfiles.SHARED_PREFIX + "casework/case_page.css") is None
    assert staticfiles.SharedAssetsFinder().check() == []


def test_collectstatic_hashes_the_shared_files_under_wbs(client, db, settings, tmp_path):
    """In production the manifest storage names every file by its hash: the reporter
    pages' files are copied and hashed under static/wbs/, from the one source."""
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", "--ignore", "admin", verbosity=0)
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    for name in staticfiles.SHARED_ASSETS:
        hashed = manifest[staticfiles.SHARED_PREFIX + name]
        assert hashed != staticfiles.SHARED_PREFIX + name
        assert (tmp_path / hashed).read_bytes() == Path(finders.find(name)).read_bytes()
    page = _Page()
    page.feed(client.get(reverse("wbs:create")).content.decode())
    assert page.fetched
    for url in page.fetched:
        assert url.startswith(traces.ASSET_PATH) and (tmp_path / url.removeprefix(settings.STATIC_URL)).is_file(), url
