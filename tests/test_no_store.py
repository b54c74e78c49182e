"""No page stays in a shared computer's cache (security/no_store.py).

The URLs are not listed: the resolver is walked (tests/urlwalk.py) and every pattern is
requested, GET and then POST, with real arguments where it takes some (the demo's
cases, a file on each, a custody item, an identity request), by the account that works
with it, signed in with both factors; then the public tracking pages as the complainant
of a demo case, the WBS pages as the reporter of a demo report, and every public page
anonymously. Every response must be `no-store`, whatever its status or type. A page
added later is covered without touching this file; a pattern with parameters that no
builder below knows gets dummy values (and most likely a 404, which must be no-store
too), and the counts at the end make sure the walk reaches real pages, PDFs and files.
"""

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.testing import verified_login
from casework.attachments import add_attachment
from casework.tests.samples import png_with_text, upload
from pengaduan.demo import DEMO_TRACKING_CODES
from tests.urlwalk import sample_path, walk
from wbs.demo import DEMO_RECEIPTS

# Who requests a staff page, by the start of its path: the demo account whose work it is.
ACCOUNT_BY_PREFIX = [
    ("/admin/", "admin"),
    ("/staf/wbs/permintaan-identitas/", "pimpinan"),
    ("/staf/wbs/", "wbs"),
    ("/staf/gratifikasi/", "upg"),
    ("/gratifikasi/", "pegawai"),
    ("/staf/benturan/", "benturan"),
    ("/benturan/", "pegawai"),
    ("/staf/pengecualian/", "pimpinan"),
    ("/staf/akun/persetujuan/", "pimpinan"),
    ("/", "pengaduan"),
]
# Left to the end of a walk: they end the session the walk runs in.
LAST = ("logout", "track_leave")
# The public side: the tracking pages of a complaint and the WBS pages of a report.
TRACKING_PREFIXES = ("/lacak/", "/pengaduan/")
WBS_PREFIX = "/wbs/"
STAFF_PREFIXES = ("/staf/", "/admin/", "/akun/", "/gratifikasi/", "/benturan/")


def _png(name):
    return upload(png_with_text(), name, "image/png")


@pytest.fixture
def demo(db):
    """The demo data, with a file on each case a reporter may download."""
    from benturan.models import Benturan
    from casework.models import NamedPerson
    from gratifikasi.models import BarangTitipan, Gratifikasi
    from pengaduan.models import Pengaduan
    from wbs import receipts, services
    from wbs.models import IdentityAccessRequest

    call_command("seed_demo", "--no-qr", stdout=io.StringIO())
    benturan = Benturan.objects.filter(declarant__username="pegawai").order_by("pk").first()
    pengaduan = Pengaduan.objects.order_by("pk").filter(state="ditunda").first()
    laporan = receipts.find_report(DEMO_RECEIPTS["ditunda"])
    declaration = Gratifikasi.objects.filter(titipan__isnull=False).order_by("pk").first()
    declarant = declaration.declarant
    return {
        "pengaduan": pengaduan,
        "pengaduan_file": add_attachment(case=pengaduan, upload=_png("foto.png"), from_reporter=True),
        "laporan": laporan,
        "laporan_file": services.wbs_reporter_add_evidence(case=laporan, uploads=[_png("bukti.png")])[0],
        "terlapor": NamedPerson.objects.filter(case__kind="wbs").order_by("pk").first(),
        "benturan": benturan,
        "benturan_file": add_attachment(
            case=benturan, upload=_png("bukti.png"), uploaded_by=benturan.declarant, from_reporter=True
        ),
        "identity_request": IdentityAccessRequest.objects.order_by("pk").first(),
        "declaration": declaration,
        "declaration_file": add_attachment(
            case=declaration, upload=_png("hadiah.png"), uploaded_by=declarant, from_reporter=True
        ),
        "titipan": BarangTitipan.objects.filter(gratifikasi=declaration).order_by("pk").first(),
    }


def _arguments(name: str, demo) -> dict:
    """The path arguments of the pattern `name` from the demo objects (empty when the
    pattern takes none or none is known)."""
    wbs_case = demo["laporan"].pk
    return {
        "files:download": {"pk": demo["pengaduan_file"].pk},
        "case:detail": {"pk": demo["pengaduan"].pk},
        "case:message": {"pk": demo["pengaduan"].pk},
        "case:note": {"pk": demo["pengaduan"].pk},
        "case:transition": {"pk": demo["pengaduan"].pk, "name": "verifikasi"},
        "benturan:file": {"pk": demo["benturan"].pk, "file_pk": demo["benturan_file"].pk},
        "case:assign": {"pk": demo["pengaduan"].pk},
        "case:confidentiality": {"pk": demo["pengaduan"].pk},
        "track_file": {"pk": demo["pengaduan_file"].pk},
        "wbs:file": {"pk": demo["laporan_file"].pk},
        "wbs_staff:identity_decide": {"request_id": demo["identity_request"].pk, "decision": "setujui"},
        "wbs_staff:act": {"pk": wbs_case, "action": "verifikasi"},
        "wbs_staff:match_reported": {"pk": demo["terlapor"].case_id, "terlapor": demo["terlapor"].pk},
        "gratifikasi:photo": {"pk": demo["declaration"].pk, "file_pk": demo["declaration_file"].pk},
        "gratifikasi_staff:custody_release": {"pk": demo["titipan"].pk},
        "gratifikasi_staff:custody_receipt": {"pk": demo["titipan"].pk},
    }.get(name) or {}


def _case_for(name: str, demo):
    """The demo case a pattern with only a `pk` works on, by its namespace."""
    namespace = name.partition(":")[0]
    if namespace.startswith("wbs"):
        return demo["laporan"]
    if namespace.startswith("gratifikasi"):
        return demo["declaration"]
    if namespace.startswith("benturan"):
        return demo["benturan"]
    return demo["pengaduan"]


def _paths(demo, prefixes=None):
    """(name, path) of every pattern whose path starts with one of `prefixes` (all when
    None), with real arguments where known; the session-ending ones last."""
    found = []
    for regex, name, pattern in walk():
        params = set(pattern.pattern.converters) if hasattr(pattern.pattern, "converters") else set()
        kwargs = _arguments(name or "", demo)
        if not kwargs and params == {"pk"}:
            kwargs = {"pk": _case_for(name or "", demo).pk}
        path = reverse(name, kwargs=kwargs) if kwargs and set(kwargs) == params else sample_path(regex)
        if prefixes is None or path.startswith(prefixes):
            found.append((name or "", path))
    return sorted(set(found), key=lambda item: (item[0].rpartition(":")[2] in LAST, item[1]))


def _account_for(path: str) -> str:
    return next(username for prefix, username in ACCOUNT_BY_PREFIX if path.startswith(prefix))


class Walk:
    """Requests paths and remembers every response that could stay in a cache."""

    def __init__(self):
        self.cached = []
        self.seen = []
        self.paths = []

    def request(self, client, path, *, who):
        for method in ("get", "post"):
            response = getattr(client, method)(path)
            self.seen.append((response.status_code, response.get("Content-Type", "").split(";")[0]))
            self.paths.append((who, method.upper(), path, response.status_code))
            directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
            if "no-store" not in directives:
                self.cached.append((who, method.upper(), path, response.status_code, response.get("Cache-Control")))

    def count(self, content_type_start: str) -> int:
        return sum(1 for status, kind in self.seen if status == 200 and kind.startswith(content_type_start))


def _signed_in(username) -> Client:
    client = Client(raise_request_exception=False)
    verified_login(client, User.objects.get(username=username))
    return client


def test_every_page_is_no_store_signed_in_as_a_reporter_and_anonymously(demo):
    walk_ = Walk()
    clients = {}
    for _name, path in _paths(demo):
        username = _account_for(path)
        if username not in clients:
            clients[username] = _signed_in(username)
        walk_.request(clients[username], path, who=username)

    complainant = Client(raise_request_exception=False)
    assert complainant.post("/lacak/", {"code": DEMO_TRACKING_CODES["ditunda"]}).status_code == 302
    for _name, path in _paths(demo, TRACKING_PREFIXES):
        walk_.request(complainant, path, who="complainant")

    reporter = Client(raise_request_exception=False)
    assert reporter.post("/wbs/masuk/", {"code": DEMO_RECEIPTS["ditunda"]}).status_code == 302
    for _name, path in _paths(demo, (WBS_PREFIX,)):
        walk_.request(reporter, path, who="wbs reporter")

    anonymous = Client(raise_request_exception=False)
    for _name, path in _paths(demo):
        if not path.startswith(STAFF_PREFIXES):
            walk_.request(anonymous, path, who="anonymous")

    assert walk_.cached == []
    # The walk reached real pages, PDFs and files, not only refusals.
    assert walk_.count("text/html") >= 60, walk_.seen
    assert walk_.count("application/pdf") >= 3
    files = [seen for seen in walk_.paths if "berkas" in seen[2] or "lampiran" in seen[2] or "bukti" in seen[2]]
    assert walk_.count("image/") >= 5, files


def test_static_files_stay_cacheable(settings, db):
    settings.WHITENOISE_USE_FINDERS = True  # serve from the source folders, as in development
    response = Client().get("/static/css/sigap.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
