"""Every staff list page of the four kinds with each of its filters, sorts and searches,
the Kotak Masuk, the Pimpinan's dashboard, the public tracking look-up and the public
statistics, each timed beside a bare list in one run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sigap_bench \\
        .venv/bin/python bench/staff_pages.py [--cases 1000000] [--repeat 20] [--rss]

Runs on a database bench/generate_cases.py filled (its name must contain "bench"); one
that does not hold exactly N cases is emptied and filled with N (generate_cases.generate).
A plain table of N rows (bench_bare, as in bench/pengaduan_list.py) is added if missing.
Each page is requested through Django's test client and the whole middleware stack,
signed in with the second factor as the role the page is for (the users generate_cases
makes: bench-pengaduan-0, bench-wbs-0, bench-upg-0, bench-tim-benturan-0,
bench-tindak-lanjut-0, bench-pimpinan), or signed out for the public pages. Each timed
request of a page follows one of the bare view (bench/pengaduan_list.py: 25 rows of the
plain table behind the same middleware), so a change in the machine's load touches
both. One table: queries, rows shown, p50 and p95 of the page, the bare view's p95, the
ratio, and the verdict against the targets (p95 under 100 ms and within 5x of the bare
list; a list's first page within 3x). A page that fails prints its status code.

The "next page" rows follow the page's own rel="next" link. The lists page by number
today and are moving to keyset paging (`lompat` a date or a case number, `setelah` and
`sebelum` cursors); the rows that jump with `lompat` say so when the list ignored it.

With --rss the same pages are served by gunicorn with the production settings (as
bench/pengaduan_submit.py runs it: DEBUG off, manifest static files, the database cache)
against the same database, requested by a few client processes with signed-in sessions
for --seconds, while each worker's VmRSS is read from /proc; the maximum of each worker,
during and after the load, is printed against the 120 MB target.
"""

from __future__ import annotations

import argparse
import html
import multiprocessing
import os
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench import pengaduan_list  # noqa: E402  (sets Django up; its bare view and URLs)
from bench.pengaduan_list import BARE_URL, _p95  # noqa: E402
from config import heap  # noqa: E402

TARGET_MS = 100.0
TARGET_RATIO = 5.0
TARGET_FIRST_RATIO = 3.0
TARGET_RSS_MB = 120.0
#: A tracking code set on a few complaints (its digest, as the intake stores it).
KNOWN_CODE = "7KQM-4XRT-9HWB-2NCF"
WRONG_CODE = "2NCF-9HWB-4XRT-7KQM"
#: The users generate_cases makes, by the staff list they handle.
HANDLERS = {
    "pengaduan": "bench-pengaduan-0",
    "wbs": "bench-wbs-0",
    "gratifikasi": "bench-upg-0",
    "benturan": "bench-tim-benturan-0",
}
MEMBER = "bench-tindak-lanjut-0"
PIMPINAN = "bench-pimpinan"
LIST_NAMES = {
    "pengaduan": "pengaduan_staff:list",
    "wbs": "wbs_staff:list",
    "gratifikasi": "gratifikasi_staff:list",
    "benturan": "benturan_staff:list",
}
NEXT_LINK = re.compile(r"<a\b[^>]*\brel=\"next\"[^>]*>", re.S)
HREF = re.compile(r'\bhref="([^"]*)"')
ROW = '<th scope="row"'


@dataclass
class Page:
    """One page measured: who asks (a username, None when signed out), what, and the
    status a working page answers."""

    group: str
    label: str
    user: str | None
    url: str
    params: dict = field(default_factory=dict)
    method: str = "GET"
    expect: int = 200
    first: bool = False  # a list's first page: the 3x target
    #: Instead of `url`: the address is taken from another page's rel="next" link.
    follow_next_of: Page | None = None
    #: A jump (lompat): compared with `same_as` to tell whether the list honoured it.
    same_as: Page | None = None


@dataclass
class Result:
    status: int
    queries: int = 0
    rows: int = 0
    p50: float = 0.0
    p95: float = 0.0
    bare_p95: float = 0.0
    note: str = ""
    shown: tuple = ()

    @property
    def ratio(self) -> float:
        return self.p95 / self.bare_p95 if self.bare_p95 else 0.0


# --- The data --------------------------------------------------------------------------------


def case_count() -> int:
    from casework.models import Case

    return Case.objects.count()


def ensure_cases(n: int) -> None:
    """The database holds exactly `n` generated cases; otherwise it is filled again."""
    from bench.generate_cases import generate, vacuum_analyze

    if case_count() == n:
        return
    began = time.perf_counter()
    generate(n, log=lambda line: print(line, flush=True))
    if connection.vendor == "postgresql":
        vacuum_analyze()
    print(f"filled {n:,} cases in {time.perf_counter() - began:.0f} s", flush=True)


def ensure_bare(n: int) -> None:
    """bench/pengaduan_list.py's plain table (bench_bare) with `n` rows."""
    tables = connection.introspection.table_names()
    with connection.cursor() as cursor:
        if "bench_bare" in tables:
            cursor.execute("SELECT count(*) FROM bench_bare")
            if cursor.fetchone()[0] == n:
                return
            cursor.execute("DROP TABLE bench_bare")
        cursor.execute("CREATE TABLE bench_bare (id integer PRIMARY KEY, title text NOT NULL)")
        if connection.vendor == "postgresql":
            with cursor.cursor.copy("COPY bench_bare (id, title) FROM STDIN") as copy:
                for i in range(1, n + 1):
                    copy.write_row((i, f"Baris {i}"))
            cursor.execute("ANALYZE bench_bare")
        else:
            cursor.executemany(
                "INSERT INTO bench_bare (id, title) VALUES (%s, %s)", [(i, f"Baris {i}") for i in range(1, n + 1)]
            )


def ensure_known_code() -> int | None:
    """A few complaints answer KNOWN_CODE's digest on the tracking page (the generator
    stores no code anyone knows); the id of the one that does, or None without any."""
    from casework import tracking
    from casework.models import Case

    digest = tracking.digest(KNOWN_CODE)
    found = Case.objects.filter(tracking_digest=digest).values_list("pk", flat=True).first()
    if found:
        return found
    pk = Case.objects.filter(kind="pengaduan").order_by("-pk").values_list("pk", flat=True).first()
    if pk is None:
        return None
    Case.objects.filter(pk=pk).update(tracking_digest=digest)
    return pk


def run_periodic_counts() -> None:
    """What the scheduler keeps counted on a running server, counted now: the dashboard's
    kept days (reports.dashboard.received_days, hourly). A freshly generated database has
    none, and the dashboard would then count a year of cases live on every view."""
    from reports.dashboard import received_days

    received_days.refresh()


# --- The pages -------------------------------------------------------------------------------


def _halfway(kind: str, *, unit_id=None):
    """The received day and the reference of the case halfway back through a kind's cases."""
    from casework.models import Case

    cases = Case.objects.filter(kind=kind)
    if unit_id is not None:
        cases = cases.filter(unit_id=unit_id)
    count = cases.count()
    row = cases.order_by("-received_on", "-pk").values_list("received_on", "reference")[count // 2 : count // 2 + 1]
    row = list(row)
    return row[0] if row else (timezone.localdate(), "")


def _a_reference(kind: str) -> str:
    """A full reference of the kind that exists (its 123rd of the current or last year)."""
    from casework.models import Case

    references = Case.objects.filter(kind=kind, number=123).order_by("-year").values_list("reference", flat=True)
    return references.first() or Case.objects.filter(kind=kind).values_list("reference", flat=True).first() or "X/1"


def _list_pages(kind: str, user: str, url: str, extra: list[tuple[str, dict]]) -> list[Page]:
    """A list's first page, its next page, the jumps, the shared filters, the sorts and
    the searches every list offers, then the kind's own (`extra`)."""
    today = timezone.localdate()
    day, reference = _halfway(kind)
    first = Page(kind, "first page", user, url, first=True)
    jump = Page(
        kind, f"jump to a date (lompat={day.isoformat()})", user, url, {"lompat": day.isoformat()}, same_as=first
    )
    pages = [
        first,
        Page(kind, "next page (its rel=next link)", user, url, follow_next_of=first),
        jump,
        Page(kind, "next page after the jump", user, url, follow_next_of=jump),
        Page(kind, f"jump to a number (lompat={reference})", user, url, {"lompat": reference}, same_as=first),
        Page(kind, "100 rows a page", user, url, {"per_halaman": 100}),
        Page(kind, "sorted oldest first (urut=terlama)", user, url, {"urut": "terlama"}),
        Page(kind, "sorted by deadline (urut=batas)", user, url, {"urut": "batas"}),
        Page(kind, "deadline farthest first (batas_terjauh)", user, url, {"urut": "batas_terjauh"}),
        Page(kind, "tenggat=terlambat", user, url, {"tenggat": "terlambat"}),
        Page(kind, "tenggat=segera", user, url, {"tenggat": "segera"}),
        Page(kind, "tenggat=terlambat_atau_segera", user, url, {"tenggat": "terlambat_atau_segera"}),
        Page(kind, "tenggat=masa_tunggu_berakhir", user, url, {"tenggat": "masa_tunggu_berakhir"}),
        Page(
            kind,
            "received in the last 30 days (dari, sampai)",
            user,
            url,
            {"dari": (today - timedelta(days=30)).isoformat(), "sampai": today.isoformat()},
        ),
        Page(kind, f"periode={today.year - 1} (a year)", user, url, {"periode": str(today.year - 1)}),
        Page(kind, f"periode={today.year}-S1 (a semester)", user, url, {"periode": f"{today.year}-S1"}),
        Page(kind, f"periode={today:%Y-%m} (this month)", user, url, {"periode": f"{today:%Y-%m}"}),
        Page(kind, "penyelesaian=proses", user, url, {"penyelesaian": "proses"}),
        Page(kind, "penyelesaian=selesai", user, url, {"penyelesaian": "selesai"}),
        *(Page(kind, label, user, url, params) for label, params in extra),
        Page(kind, "search a number fragment (000123)", user, url, {"cari": "000123"}),
        Page(kind, f"search a full number ({_a_reference(kind)})", user, url, {"cari": _a_reference(kind)}),
        Page(kind, "search, no match (tidak-ada-0)", user, url, {"cari": "tidak-ada-0"}),
    ]
    return pages


def scenarios() -> list[Page]:
    """Every page measured, in the order printed."""
    from accounts.models import UnitKerja, User
    from pengaduan.models import KategoriLayanan

    year = timezone.localdate().year
    seksi = UnitKerja.objects.filter(code__startswith="bench-seksi-").order_by("code")
    one_seksi = seksi.values_list("pk", flat=True)[1:2]
    one_seksi = str(one_seksi[0]) if one_seksi else ""
    kategori = KategoriLayanan.objects.order_by("order", "pk").values_list("pk", flat=True).first()
    dinas = UnitKerja.objects.filter(code="bench-dinas").values_list("pk", flat=True).first()

    pengaduan = _list_pages(
        "pengaduan",
        HANDLERS["pengaduan"],
        reverse(LIST_NAMES["pengaduan"]),
        [
            ("status=diterima", {"status": "diterima"}),
            ("status=selesai", {"status": "selesai"}),
            ("status=ditindaklanjuti", {"status": "ditindaklanjuti"}),
            ("kategori=(the first)", {"kategori": kategori}),
            ("saluran=telepon", {"saluran": "telepon"}),
            ("saluran=sp4n_lapor", {"saluran": "sp4n_lapor"}),
            ("unit=(one seksi)", {"unit": one_seksi}),
            (
                "status, kategori, unit and urut=batas at once",
                {"status": "didisposisikan", "kategori": kategori, "unit": one_seksi, "urut": "batas"},
            ),
            ("search a ticket fragment (LAP-2025-00)", {"cari": f"LAP-{year - 1}-00"}),
            ("search LAP- (12 % of complaints)", {"cari": "LAP-"}),
            (f"search PGD/{year}/0001 (a few)", {"cari": f"PGD/{year}/0001"}),
            ("search a telephone (+62 812 0000 0123)", {"cari": "+62 812 0000 0123"}),
            ("search a NIK (3201234506780001)", {"cari": "3201234506780001"}),
            ("search an e-mail (siti@example.test)", {"cari": "siti@example.test"}),
            ("search a name (siti aminah)", {"cari": "siti aminah"}),
        ],
    )
    wbs = _list_pages(
        "wbs",
        HANDLERS["wbs"],
        reverse(LIST_NAMES["wbs"]),
        [
            ("status=diterima", {"status": "diterima"}),
            ("status=selesai", {"status": "selesai"}),
            ("kategori=korupsi", {"kategori": "korupsi"}),
            (f"search WBS/{year}/ (a year's)", {"cari": f"WBS/{year}/"}),
        ],
    )
    gratifikasi = _list_pages(
        "gratifikasi",
        HANDLERS["gratifikasi"],
        reverse(LIST_NAMES["gratifikasi"]),
        [
            ("status=administrasi", {"status": "administrasi"}),
            ("status=selesai", {"status": "selesai"}),
            ("jenis_laporan=penolakan", {"jenis_laporan": "penolakan"}),
            ("jenis_penerimaan=uang", {"jenis_penerimaan": "uang"}),
            ("terlambat=ya", {"terlambat": "ya"}),
            ("terlambat=upg", {"terlambat": "upg"}),
            (f"search a registration (UPG/{year - 1}/00)", {"cari": f"UPG/{year - 1}/00"}),
            ("search a NIP (198001012005011001)", {"cari": "198001012005011001"}),
            ("search a NIK (3201234506780001)", {"cari": "3201234506780001"}),
            ("search a telephone (0812 0000 0123)", {"cari": "0812 0000 0123"}),
            ("search a name (siti aminah)", {"cari": "siti aminah"}),
        ],
    )
    benturan = _list_pages(
        "benturan",
        HANDLERS["benturan"],
        reverse(LIST_NAMES["benturan"]),
        [
            ("status=diajukan", {"status": "diajukan"}),
            ("status=selesai", {"status": "selesai"}),
            ("sumber=kewenangan", {"sumber": "kewenangan"}),
            ("jenis=aktual", {"jenis": "aktual"}),
            ("asal=laporan", {"asal": "laporan"}),
            ("unit=(the dinas, with the units under it)", {"unit": dinas}),
            ("search a NIP (198001012005011001)", {"cari": "198001012005011001"}),
            ("search an e-mail (bench-pegawai-7@bench.example)", {"cari": "bench-pegawai-7@bench.example"}),
            ("search a name (kepala dinas)", {"cari": "kepala dinas"}),
        ],
    )

    member_unit = User.objects.filter(username=MEMBER).values_list("unit_id", flat=True).first()
    member_group = "pengaduan, a member of a follow-up unit"
    url = reverse(LIST_NAMES["pengaduan"])
    day, reference = _halfway("pengaduan", unit_id=member_unit)
    member_first = Page(member_group, "first page", MEMBER, url, first=True)
    member = [
        member_first,
        Page(member_group, "next page (its rel=next link)", MEMBER, url, follow_next_of=member_first),
        Page(
            member_group,
            f"jump to a date (lompat={day.isoformat()})",
            MEMBER,
            url,
            {"lompat": day.isoformat()},
            same_as=member_first,
        ),
        Page(member_group, "status=didisposisikan", MEMBER, url, {"status": "didisposisikan"}),
        Page(member_group, "tenggat=terlambat", MEMBER, url, {"tenggat": "terlambat"}),
        Page(member_group, "search a number fragment (000123)", MEMBER, url, {"cari": "000123"}),
    ]

    inbox = reverse("casework:inbox")
    others = [
        *(Page("Kotak Masuk", f"as {user}", user, inbox) for user in HANDLERS.values()),
        Page("Kotak Masuk", f"as {MEMBER}", MEMBER, inbox),
        Page("Kotak Masuk", f"as {PIMPINAN}", PIMPINAN, inbox),
        Page("Kotak Masuk", f"as {PIMPINAN}, overdue only (terlambat=1)", PIMPINAN, inbox, {"terlambat": "1"}),
        Page(
            "Kotak Masuk", f"as {PIMPINAN}, complaints only (jenis=pengaduan)", PIMPINAN, inbox, {"jenis": "pengaduan"}
        ),
        Page("dashboard", f"as {PIMPINAN}", PIMPINAN, reverse("reports:dashboard")),
    ]
    track = reverse("track")
    public = [
        Page("public", "tracking look-up, a right code (302)", None, track, {"code": KNOWN_CODE}, "POST", 302),
        Page("public", "tracking look-up, a wrong code", None, track, {"code": WRONG_CODE}, "POST"),
        Page("public", "tracking look-up, the form", None, track),
        Page("public", "statistics, this month", None, reverse("reports_public:statistics")),
        Page(
            "public",
            f"statistics, January {year - 1}",
            None,
            reverse("reports_public:statistics"),
            {"bulan": f"{year - 1}-01"},
        ),
    ]
    return [*pengaduan, *member, *wbs, *gratifikasi, *benturan, *others, *public]


# --- Measuring -------------------------------------------------------------------------------


class Clients:
    """One test client per user, signed in with the second factor, and one signed out."""

    def __init__(self):
        self._clients: dict[str | None, Client] = {}

    def __call__(self, username: str | None) -> Client:
        if username not in self._clients:
            from accounts.models import User
            from accounts.testing import verified_login

            client = Client(raise_request_exception=False)
            if username is not None:
                verified_login(client, User.objects.get(username=username))
            self._clients[username] = client
        return self._clients[username]


def _request(client: Client, page: Page, url: str, params: dict):
    if page.method == "POST":
        return client.post(url, params)
    return client.get(url, params)


def _next_url(client: Client, page: Page) -> str | None:
    """The href of the rel="next" link of `page`, as an address under its URL."""
    response = _request(client, page, page.url, page.params)
    if response.status_code != 200:
        return None
    tag = NEXT_LINK.search(response.content.decode())
    href = HREF.search(tag.group(0)) if tag else None
    if not href:
        return None
    return urllib.parse.urljoin(page.url, html.unescape(href.group(1)))


def _references(body: str) -> tuple:
    return tuple(re.findall(r'<th scope="row"[^>]*>\s*<a href="[^"]*">([^<]+)</a>', body))


def measure(page: Page, clients: Clients, repeat: int, *, warm: int = 2, shown: dict | None = None) -> Result:
    """Queries, rows and p50/p95 of one page, and the bare list's p95 timed in turn with it
    (request by request, as bench/pengaduan_list.measure does). A page that does not
    answer its expected status is not timed: the result carries the status."""
    client = clients(page.user)
    bare_client = clients(page.user or PIMPINAN)
    url, params = page.url, dict(page.params)
    if page.follow_next_of is not None:
        found = _next_url(clients(page.follow_next_of.user), page.follow_next_of)
        if found is None:
            return Result(status=0, note="no rel=next link")
        url, params = found, {}
    for _ in range(warm):
        _request(client, page, url, params)
    with CaptureQueriesContext(connection) as captured:
        response = _request(client, page, url, params)
    if response.status_code != page.expect:
        error = getattr(response, "exc_info", None)
        note = f"{error[0].__name__}: {error[1]}"[:200] if error else ""
        return Result(status=response.status_code, queries=len(captured), note=note)
    body = response.content.decode()
    result = Result(status=response.status_code, queries=len(captured), rows=body.count(ROW), shown=_references(body))
    if page.same_as is not None and shown is not None and shown.get(id(page.same_as)) == result.shown and result.shown:
        result.note = "lompat ignored: the first page shown"
    times, bare = [], []
    for _ in range(repeat):
        began = time.perf_counter()
        bare_response = bare_client.get(BARE_URL)
        bare.append((time.perf_counter() - began) * 1000)
        began = time.perf_counter()
        response = _request(client, page, url, params)
        times.append((time.perf_counter() - began) * 1000)
        if response.status_code != page.expect or bare_response.status_code != 200:
            return Result(status=response.status_code, queries=result.queries, note="failed while timed")
    result.p50, result.p95, result.bare_p95 = statistics.median(times), _p95(times), _p95(bare)
    if shown is not None:
        shown[id(page)] = result.shown
    return result


def verdict(page: Page, result: Result) -> str:
    if result.status != page.expect:
        return f"HTTP {result.status}" if result.status else "not measured"
    faults = []
    if result.p95 >= TARGET_MS:
        faults.append(f"over {TARGET_MS:.0f} ms")
    if result.ratio > TARGET_RATIO:
        faults.append(f"over {TARGET_RATIO:.0f}x")
    if page.first and result.ratio > TARGET_FIRST_RATIO:
        faults.append(f"first page over {TARGET_FIRST_RATIO:.0f}x")
    return ", ".join(faults) or "ok"


def run(pages: list[Page], repeat: int, *, warm: int = 2, out=print) -> list[tuple[Page, Result]]:
    """Measure every page and print the table; return each page with its result."""
    clients = Clients()
    shown: dict = {}
    results = []
    width = 52
    header = (
        f"{'page':<{width}} {'queries':>7} {'rows':>5} {'p50 ms':>8} {'p95 ms':>8} {'bare p95':>8} {'ratio':>6}"
        "  verdict"
    )
    group = None
    for page in pages:
        if page.group != group:
            group = page.group
            who = page.user or "signed out"
            out(f"\n-- {group}" + (f" (as {who})" if group not in ("Kotak Masuk", "dashboard") else ""))
            out(header)
        result = measure(page, clients, repeat, warm=warm, shown=shown)
        results.append((page, result))
        label = page.label if len(page.label) <= width else page.label[: width - 1] + "…"
        if result.status == page.expect:
            line = (
                f"{label:<{width}} {result.queries:>7} {result.rows:>5} {result.p50:>8.1f} {result.p95:>8.1f} "
                f"{result.bare_p95:>8.1f} {result.ratio:>5.1f}x  {verdict(page, result)}"
            )
        else:
            line = (
                f"{label:<{width}} {result.queries:>7} {'':>5} {'':>8} {'':>8} {'':>8} {'':>6}  {verdict(page, result)}"
            )
        if result.note:
            line += f" ({result.note})"
        out(line)
    return results


def summary(results: list[tuple[Page, Result]]) -> str:
    passed = sum(1 for page, result in results if verdict(page, result) == "ok")
    failed = sum(1 for page, result in results if result.status != page.expect)
    return (
        f"{passed} of {len(results)} pages meet the targets (p95 < {TARGET_MS:.0f} ms, <= {TARGET_RATIO:.0f}x the bare "
        f"list, a first page <= {TARGET_FIRST_RATIO:.0f}x); {failed} could not be measured"
    )


# --- A gunicorn worker's memory ------------------------------------------------------------


def _rss_mb(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if parent == pid:
            found.append(int(entry))
    return sorted(found)


def _load_client(port: int, work: list, seconds: float, at_least: int, results) -> None:
    """One client process: keeps one connection per session and requests its pages in
    turn until the time is up and it has asked for its first `at_least` pages (so the
    clients together ask for every page once, however slow); counts answers by status."""
    from bench.pengaduan_submit import HIDDEN, Browser

    browsers: dict = {}
    counts: dict[int, int] = {}
    end = time.time() + seconds
    index = 0
    while time.time() < end or index < at_least:
        session, method, path, body = work[index % len(work)]
        index += 1
        browser = browsers.get(session)
        if browser is None:
            browser = browsers[session] = Browser(port)
            if session:
                browser.cookies["sessionid"] = session
        try:
            if method == "POST":
                # A signed-out visitor: the form first (its CSRF token), then the code.
                status, text = browser.request("GET", path)
                token = dict(HIDDEN.findall(text)).get("csrfmiddlewaretoken", "")
                status, _text = browser.request(
                    "POST", path, urllib.parse.urlencode({**body, "csrfmiddlewaretoken": token})
                )
            else:
                status, _text = browser.request("GET", path)
        except OSError:
            status = 0
            browsers.pop(session, None)
        counts[status] = counts.get(status, 0) + 1
    results.put(counts)


def rss(pages: list[Page], *, workers: int, clients: int, seconds: float, port: int) -> list[str]:
    """Serve the pages with gunicorn, load it, and return the report's lines."""
    from django.conf import settings

    from accounts.models import User
    from accounts.testing import verified_login
    from bench.pengaduan_submit import PY, ROOT, server_env, wait_until_up

    db = settings.DATABASES["default"]
    env = server_env("postgres://unused", port, "db")
    env["DATABASE_URL"] = os.environ["DATABASE_URL"]
    # The data's own keys: the rows were encrypted and the sessions signed with them.
    for name in (
        "SECRET_KEY",
        "SIGAP_ENCRYPTION_KEYS",
        "SIGAP_LOOKUP_KEY",
        "SIGAP_AUDIT_KEY",
        "SIGAP_WBS_IDENTITY_KEYS",
    ):
        env[name] = getattr(settings, name)
    env["SIGAP_CODE_LOOKUP_RATE"] = "100000000/h"  # one client address asks all the time
    env.pop("CACHE_URL", None)
    for command in (["createcachetable", "-v", "0"], ["collectstatic", "--no-input", "-v", "0"]):
        subprocess.run([PY, "manage.py", *command], cwd=ROOT, env=env, check=True)

    sessions = {}
    for username in sorted({page.user for page in pages if page.user}):
        client = Client()
        verified_login(client, User.objects.get(username=username))
        sessions[username] = client.cookies[settings.SESSION_COOKIE_NAME].value
    work = []
    for page in pages:
        if page.follow_next_of is not None:
            continue  # the next pages are the lists' own addresses with other parameters
        query = urllib.parse.urlencode(page.params)
        if page.method == "POST":
            work.append(("", "POST", page.url, page.params))
        else:
            work.append((sessions.get(page.user, ""), "GET", page.url + (f"?{query}" if query else ""), None))

    server = subprocess.Popen(
        [
            str(Path(PY).with_name("gunicorn")),
            "config.wsgi:application",
            "--workers",
            str(workers),
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    lines = [
        f"gunicorn: {workers} sync workers, production settings, database {db['NAME']}; "
        f"{clients} client processes for at least {seconds:.0f} s, together asking for each of {len(work)} pages "
        "at least once"
    ]
    try:
        wait_until_up(port)
        pids = _children(server.pid)
        idle = {pid: _rss_mb(pid) for pid in pids}
        peak = dict.fromkeys(pids, 0.0)
        results = multiprocessing.Queue()
        procs = []
        for i in range(clients):
            # Each client starts at another page, so the workers see the mix at once.
            start, stop = i * len(work) // clients, (i + 1) * len(work) // clients
            share = work[start:] + work[:start]
            procs.append(
                multiprocessing.Process(target=_load_client, args=(port, share, seconds, stop - start, results))
            )
        began = time.time()
        for proc in procs:
            proc.start()
        while any(proc.is_alive() for proc in procs) and time.time() < began + seconds + 900:
            for pid in list(peak):
                value = _rss_mb(pid)
                if value is not None:
                    peak[pid] = max(peak[pid], value)
            for pid in _children(server.pid):  # a worker restarted after a timeout
                peak.setdefault(pid, 0.0)
                idle.setdefault(pid, None)
            time.sleep(0.25)
        counts: dict[int, int] = {}
        for _ in procs:
            for status, count in results.get(timeout=60).items():
                counts[status] = counts.get(status, 0) + count
        for proc in procs:
            proc.join()
        elapsed = time.time() - began
        time.sleep(2)
        after = {pid: _rss_mb(pid) for pid in peak}
        for pid, value in after.items():
            if value is not None:
                peak[pid] = max(peak[pid], value)
        answered = ", ".join(f"{count} x {status or 'no answer'}" for status, count in sorted(counts.items()))
        lines.append(f"requests answered in {elapsed:.0f} s: {answered} ({sum(counts.values()) / elapsed:.1f}/s)")
        lines.append(f"{'worker':>8} {'before MB':>9} {'peak MB':>8} {'after MB':>8}  verdict")
        for pid in sorted(peak):
            first, top, last = idle.get(pid), peak[pid], after.get(pid)
            lines.append(
                f"{pid:>8} {first or 0:>9.1f} {top:>8.1f} {last or 0:>8.1f}  "
                + ("ok" if top < TARGET_RSS_MB else f"over {TARGET_RSS_MB:.0f} MB")
                + ("" if last is not None else " (gone: restarted)")
            )
        top = max(peak.values(), default=0.0)
        lines.append(f"largest worker: {top:.1f} MB against the {TARGET_RSS_MB:.0f} MB target")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    return lines


# --- The run ---------------------------------------------------------------------------------


def _load() -> str:
    """The machine's load average (1, 5, 15 minutes): other work on the cores shows in
    every figure, the bare list's too."""
    return ", ".join(f"{value:.1f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=20, help="timed requests per page (after two warm-ups)")
    parser.add_argument("--only", default="", help="measure only the groups whose name contains this")
    parser.add_argument("--rss", action="store_true", help="also load gunicorn workers and read their memory")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--port", type=int, default=8766)
    args = parser.parse_args()

    from bench.database import ensure_database

    ensure_database()
    ensure_cases(args.cases)
    ensure_bare(args.cases)
    ensure_known_code()
    run_periodic_counts()
    pages = [page for page in scenarios() if args.only in page.group]
    # Settled as a gunicorn worker settles once it has loaded SIGAP (gunicorn.conf.py).
    heap.settle()

    # The test settings read the agency's profile on every page so that a test sees its
    # own edit; production keeps it a minute per process (config/settings.py), as here.
    production = {"DEBUG": False, "SIGAP_PROFILE_CACHE_SECONDS": 60}
    with override_settings(ROOT_URLCONF=pengaduan_list, SIGAP_CODE_LOOKUP_RATE="100000000/h", **production):
        version = ""
        if connection.vendor == "postgresql":
            version = f"{connection.pg_version // 10000}.{connection.pg_version % 10000}"
        print(f"database: {connection.vendor} {version} ({connection.settings_dict['NAME']})")
        print(f"cases: {case_count():,}; repeat: {args.repeat} timed requests a page, after two warm-ups")
        print(f"bare list: 25 rows of a plain table of {args.cases:,} rows, behind the same middleware")
        print(f"load average at the start: {_load()}")
        results = run(pages, args.repeat)
    print()
    print(summary(results))
    print(f"load average at the end: {_load()}")
    if args.rss:
        print()
        for line in rss(pages, workers=args.workers, clients=args.clients, seconds=args.seconds, port=args.port):
            print(line, flush=True)


if __name__ == "__main__":
    main()
