"""The staff complaint list at 100,000 complaints, against a bare list view, in one run.

    createdb -h 127.0.0.1 -U postgres sigap_bench_list      # or let the script create it
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sigap_bench_list \\
        .venv/bin/python bench/pengaduan_list.py [--complaints 100000] [--repeat 30] [--refill]

Migrates the database (whose name must contain "bench": its case tables are emptied),
fills it once with N complaints spread realistically over three years (states by age,
units, categories, channels with SP4N-LAPOR! tickets, assignees, deadlines, some
recusals), then requests /staf/pengaduan/ through Django's test client and the whole
middleware stack (session, second factor, roles) as a Pengelola Pengaduan and as a
member of one follow-up unit. For each page it prints the number of queries and the
p50/p95 latency, and the p95 of a bare view behind the same middleware that lists 25
rows of a plain table of N rows, requested in turn with the page so both see the same
load. A later run reuses the filled data unless --refill is given.

Filling uses COPY: the case rows first, then the complaint rows that extend them
(multi-table inheritance cannot bulk-create the child), with real ciphertext made once
per distinct value and reused.
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import statistics
import sys
import time
import warnings
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")

import django  # noqa: E402

django.setup()

# Sign-ins and the missing static folder are not what is measured.
logging.getLogger("axes").setLevel(logging.WARNING)
warnings.filterwarnings("ignore", message="No directory at")

from django.contrib.auth.decorators import login_required  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.template import engines  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.urls import include, path  # noqa: E402
from django.utils import timezone  # noqa: E402

SEED = 20260301
STATE_WEIGHTS_OLD = {  # complaints older than three months: nearly all finished
    "selesai": 78,
    "diarsipkan": 9,
    "diteruskan": 8,
    "dijawab": 1,
    "ditindaklanjuti": 1,
    "didisposisikan": 1,
    "diverifikasi": 1,
    "ditunda": 1,
}
STATE_WEIGHTS_RECENT = {
    "diterima": 14,
    "ditunda": 5,
    "diverifikasi": 12,
    "didisposisikan": 16,
    "ditindaklanjuti": 8,
    "dijawab": 10,
    "selesai": 20,
    "diarsipkan": 8,
    "diteruskan": 7,
}
FINAL = {"selesai", "diarsipkan", "diteruskan"}
ROUTED = {"didisposisikan", "ditindaklanjuti", "dijawab", "selesai"}
CHANNEL_WEIGHTS = {
    "web": 55,
    "sp4n_lapor": 12,
    "kotak_pengaduan": 5,
    "email": 8,
    "sms_whatsapp": 9,
    "telepon": 5,
    "datang_langsung": 4,
    "media_sosial": 2,
}
TITLES = [
    "Antrean perekaman KTP-el sampai sore",
    "Akta kelahiran anak belum terbit",
    "Petugas loket meminta biaya tambahan",
    "KK belum diperbarui setelah pindah",
    "Situs pendaftaran daring tidak bisa dibuka",
    "Blangko KTP-el habis berminggu-minggu",
    "Jadwal layanan keliling tidak diumumkan",
    "Data di KIA salah ketik",
    "Akta kematian ditolak tanpa alasan jelas",
    "Nomor antrean daring tidak berlaku di loket",
]
ISI = (
    "Saya datang pukul 07.30 untuk perekaman, nomor antrean 112, dan baru dipanggil pukul 15.00. "
    "Petugas hanya satu orang. Mohon ditambah petugas pada hari Senin."
)
BARE_TEMPLATE = "<!doctype html><ul>{% for id, title in rows %}<li>{{ id }} {{ title }}</li>{% endfor %}</ul>"


# --- Filling ---------------------------------------------------------------------------------


def ensure_database() -> None:
    from bench.database import ensure_database as ensure

    ensure("sigap_bench_list")


def people():
    """Units like the demo's (a dinas, three bidang, six seksi), three handlers and one
    member of a seksi, each with a confirmed second factor."""
    from django.contrib.auth.models import Group
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts import roles
    from accounts.models import UnitKerja, User

    dinas, _ = UnitKerja.objects.get_or_create(code="bench-dinas", defaults={"name": "Dinas", "level": "dinas"})
    seksi = []
    for b in range(3):
        bidang, _ = UnitKerja.objects.get_or_create(
            code=f"bench-bidang-{b}", defaults={"name": f"Bidang {b}", "level": "bidang", "parent": dinas}
        )
        for s in range(2):
            unit, _ = UnitKerja.objects.get_or_create(
                code=f"bench-seksi-{b}-{s}", defaults={"name": f"Seksi {b}.{s}", "level": "seksi", "parent": bidang}
            )
            seksi.append(unit)

    def user(username, role, unit=None):
        account, _ = User.objects.get_or_create(
            username=username, defaults={"email": f"{username}@bench.example", "full_name": username, "unit": unit}
        )
        account.groups.add(Group.objects.get_or_create(name=role)[0])
        TOTPDevice.objects.get_or_create(user=account, defaults={"name": "bench", "confirmed": True})
        return account

    handlers = [user(f"bench-handler-{i}", roles.PENGELOLA_PENGADUAN) for i in range(3)]
    member = user("bench-unit-member", roles.UNIT_TINDAK_LANJUT, seksi[0])
    return seksi, handlers, member


def _weighted(rng, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def fill(n: int, seksi, handlers) -> None:
    """Empty the case tables and insert `n` complaints with COPY, parents then children."""
    from casework import person_lookup
    from pengaduan.models import KategoriLayanan
    from security import crypto

    rng = random.Random(SEED)
    kategori = list(KategoriLayanan.objects.values_list("pk", flat=True))
    kategori_weights = [30, 18, 22, 8, 10, 7, 5][: len(kategori)] + [5] * max(0, len(kategori) - 7)
    titles = [crypto.encrypt_text(t) for t in TITLES]  # ciphertext made once, reused
    isi = crypto.encrypt_text(ISI)
    nama, email = crypto.encrypt_text("Siti Aminah"), crypto.encrypt_text("siti@example.test")
    telepon = crypto.encrypt_text("0812 3456 7890")
    # The digests a person search compares: one name shared by every identified complainant
    # (a name search matching many), one telephone each (a search matching one).
    nama_digest = person_lookup.name_digest("Siti Aminah")
    email_digest = person_lookup.email_digest("siti@example.test")
    follow_up, jawaban = (
        crypto.encrypt_text("Petugas ditambah."),
        crypto.encrypt_text("Terima kasih, sudah kami perbaiki."),
    )

    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE casework_case, pengaduan_pengaduan, casework_recusal, casework_timelineentry, "
            "casework_deadline, casework_message, casework_internalnote, casework_attachment, "
            "casework_referencesequence RESTART IDENTITY CASCADE"
        )
    now = timezone.now()
    today = timezone.localdate()
    start = now - timedelta(days=3 * 365)
    opened = sorted(start + timedelta(seconds=rng.uniform(0, (now - start).total_seconds())) for _ in range(n))
    numbers: dict[int, int] = {}
    cases, complaints = [], []
    for pk, opened_at in enumerate(opened, start=1):
        local = timezone.localtime(opened_at)
        year = local.year
        numbers[year] = numbers.get(year, 0) + 1
        age = (today - local.date()).days
        state = _weighted(rng, STATE_WEIGHTS_OLD if age > 90 else STATE_WEIGHTS_RECENT)
        channel = _weighted(rng, CHANNEL_WEIGHTS)
        closed_at = opened_at + timedelta(days=rng.randint(3, 80)) if state in FINAL else None
        if closed_at and closed_at > now:
            closed_at = now
        # Roughly what the clocks give: verification 3 working days, follow-up 5, then
        # resolution 60; paused (ditunda), waiting for the complainant (dijawab) or closed: none.
        due = {
            "diterima": local.date() + timedelta(days=5),
            "diverifikasi": local.date() + timedelta(days=84),
            "didisposisikan": local.date() + timedelta(days=rng.randint(7, 20)),
            "ditindaklanjuti": local.date() + timedelta(days=84),
        }.get(state)
        unit = rng.choice(seksi).pk if state in ROUTED else None
        assignee = rng.choice(handlers).pk if rng.random() < 0.7 else None
        cases.append(
            (
                pk,
                "pengaduan",
                f"PGD/{year}/{numbers[year]:06d}",
                year,
                numbers[year],
                state,
                rng.choice(titles),
                unit,
                assignee,
                "rahasia" if rng.random() < 0.8 else "biasa",
                rng.random() < 0.85,
                opened_at,
                closed_at,
                due,
                closed_at or opened_at,
                # The day received: the reports and the deadlines count from it.
                local.date(),
            )
        )
        identified = rng.random() < 0.4
        with_email = identified and rng.random() < 0.6
        with_telepon = identified and rng.random() < 0.6
        answered = state in {"dijawab", "selesai"}
        complaints.append(
            (
                pk,
                rng.choice(["pengaduan"] * 8 + ["aspirasi", "permintaan_informasi"]),
                isi,
                local.date() - timedelta(days=rng.randint(0, 20)),
                "",
                rng.choices(kategori, weights=kategori_weights)[0],
                rng.choice(seksi).pk if rng.random() < 0.3 else None,
                channel,
                f"LAP-{year}-{pk:07d}" if channel == "sp4n_lapor" else "",
                nama if identified else "",
                "",
                email if with_email else "",
                telepon if with_telepon else "",
                nama_digest if identified else "",
                email_digest if with_email else "",
                person_lookup.phone_digest(bench_telepon(pk)) if with_telepon else "",
                "Ombudsman RI" if state == "diteruskan" else "",
                rng.choice(["spam", "kasar", "tidak_jelas"]) if state == "diarsipkan" else "",
                follow_up if answered or state == "ditindaklanjuti" else "",
                jawaban if answered else "",
                closed_at or opened_at if answered else None,
                0,
                "",
            )
        )

    case_columns = (
        "id, kind, reference, year, number, state, title, unit_id, assignee_id, confidentiality, "
        "is_anonymous, opened_at, closed_at, due_date, updated_at, received_on"
    )
    complaint_columns = (
        "case_ptr_id, jenis, isi, tanggal_kejadian, lokasi, kategori_id, unit_tujuan_id, channel, "
        "lapor_tracking_id, nama, nik, email, telepon, nama_digest, email_digest, telepon_digest, "
        "forwarded_to, archive_reason, tindak_lanjut, "
        "jawaban, answered_at, reopened_count, rating_comment"
    )
    with connection.cursor() as cursor:
        raw = cursor.cursor
        with raw.copy(f"COPY casework_case ({case_columns}) FROM STDIN") as copy:
            for row in cases:
                copy.write_row(row)
        with raw.copy(f"COPY pengaduan_pengaduan ({complaint_columns}) FROM STDIN") as copy:
            for row in complaints:
                copy.write_row(row)
        cursor.execute("SELECT setval(pg_get_serial_sequence('casework_case', 'id'), %s)", [n])
        for year, last in numbers.items():
            cursor.execute(
                "INSERT INTO casework_referencesequence (kind, year, last_number) VALUES ('pengaduan', %s, %s)",
                [year, last],
            )
        # Each handler is recused from a few complaints, as a reported party would be.
        for handler in handlers:
            for case_id in rng.sample(range(1, n + 1), 20):
                cursor.execute(
                    "INSERT INTO casework_recusal (case_id, user_id, reason, created_at, took_case) "
                    "VALUES (%s, %s, 'konflik', %s, false)",
                    [case_id, handler.pk, now],
                )
        cursor.execute("DROP TABLE IF EXISTS bench_bare")
        cursor.execute("CREATE TABLE bench_bare (id integer PRIMARY KEY, title text NOT NULL)")
        with raw.copy("COPY bench_bare (id, title) FROM STDIN") as copy:
            for i in range(1, n + 1):
                copy.write_row((i, f"Baris {i}"))
        cursor.execute("VACUUM ANALYZE")  # as autovacuum would: statistics and the visibility map


def bench_telepon(pk: int) -> str:
    """The telephone number complaint `pk` is found by (its digest; the ciphertext shown is
    shared)."""
    return f"0812{pk:08d}"


def filled(n: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('bench_bare') IS NOT NULL")
        if not cursor.fetchone()[0]:
            return False
        cursor.execute("SELECT (SELECT count(*) FROM pengaduan_pengaduan), (SELECT count(*) FROM bench_bare)")
        return cursor.fetchone() == (n, n)


# --- Measuring -------------------------------------------------------------------------------


@login_required
def bare_list(request):
    """The baseline: 25 rows of one plain table, newest first, rendered by a template,
    behind the same middleware as the staff pages."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, title FROM bench_bare ORDER BY id DESC LIMIT 25")
        rows = cursor.fetchall()
    return HttpResponse(engines["django"].from_string(BARE_TEMPLATE).render({"rows": rows}))


LIST_URL = "/staf/pengaduan/"
BARE_URL = "/staf/bench-bare/"
urlpatterns = [path(BARE_URL.strip("/") + "/", bare_list), path("", include("config.urls"))]


def _timed(client: Client, url: str, params: dict) -> float:
    began = time.perf_counter()
    response = client.get(url, params)
    elapsed = (time.perf_counter() - began) * 1000
    assert response.status_code == 200, (url, params, response.status_code)
    return elapsed


def _p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure(client: Client, params: dict, repeat: int) -> dict:
    """Queries, rows and p50/p95 of one list page, and the bare view's p95 timed in
    turn with it (request by request), so a change in the machine's load touches both."""
    for _ in range(2):
        _timed(client, LIST_URL, params)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(LIST_URL, params)
    queries = len(captured)  # now: the log is cleared by the next request
    rows = response.content.decode().count('<td data-label="Judul">')
    page, bare = [], []
    for _ in range(repeat):
        bare.append(_timed(client, BARE_URL, {}))
        page.append(_timed(client, LIST_URL, params))
    return {
        "queries": queries,
        "rows": rows,
        "p50": statistics.median(page),
        "p95": _p95(page),
        "bare_p95": _p95(bare),
    }


def scenarios(seksi, visible: int) -> list[tuple[str, dict]]:
    """The pages measured as a Pengelola Pengaduan, who sees every complaint."""
    from pengaduan.models import KategoriLayanan, Pengaduan

    with_phone = Pengaduan.objects.filter(pk__gte=visible // 2).exclude(telepon_digest="").order_by("pk")
    phone_pk = with_phone.values_list("pk", flat=True).first() or 1
    ticket = Pengaduan.objects.exclude(lapor_tracking_id="").order_by("-pk").values_list("lapor_tracking_id", flat=True)
    partial_ticket = ticket.first()[:-2].lower()  # e.g. "lap-2026-00999", a few tickets
    today = timezone.localdate()
    month_ago = today - timedelta(days=30)
    ktp = KategoriLayanan.objects.get(slug="ktp-el").pk
    year = today.year
    deep = max(1, visible // 25 // 2)
    return [
        ("first page", {}),
        (f"deep page ({deep})", {"page": deep}),
        ("100 rows a page", {"per_halaman": 100}),
        ("status=diterima", {"status": "diterima"}),
        ("status=selesai", {"status": "selesai"}),
        ("kategori=KTP-el", {"kategori": ktp}),
        ("saluran=telepon", {"saluran": "telepon"}),
        ("unit=one seksi", {"unit": seksi[1].pk}),
        ("tenggat=terlambat", {"tenggat": "terlambat"}),
        ("tenggat=segera", {"tenggat": "segera"}),
        ("opened in the last 30 days", {"dari": month_ago.isoformat(), "sampai": today.isoformat()}),
        ("sorted by deadline", {"urut": "batas"}),
        ("sorted oldest first", {"urut": "terlama"}),
        ("search 000123", {"cari": "000123"}),
        (f"search PGD/{year}/0001", {"cari": f"PGD/{year}/0001"}),
        (f"search ticket {partial_ticket}", {"cari": partial_ticket}),
        ("search LAP- (12 % of all complaints)", {"cari": "LAP-"}),
        ("search, no match", {"cari": "tidak-ada"}),
        ("search a telephone (one match)", {"cari": "+62 " + bench_telepon(phone_pk)[1:]}),
        ("search a NIK (no match)", {"cari": "3201234506780001"}),
        ("search a name (40 % of all complaints)", {"cari": "siti aminah"}),
        ("all filters at once", {"status": "didisposisikan", "kategori": ktp, "unit": seksi[0].pk, "urut": "batas"}),
    ]


def member_scenarios(visible: int) -> list[tuple[str, dict]]:
    """The pages measured as a member of a follow-up unit, who sees only the complaints
    dispositioned to the unit."""
    return [
        ("first page", {}),
        (f"deep page ({max(1, visible // 25 // 2)})", {"page": max(1, visible // 25 // 2)}),
        ("status=didisposisikan", {"status": "didisposisikan"}),
        ("tenggat=terlambat", {"tenggat": "terlambat"}),
        ("search 000123", {"cari": "000123"}),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--complaints", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per page (after two warm-ups)")
    parser.add_argument("--refill", action="store_true", help="fill again even if the data is there")
    args = parser.parse_args()

    ensure_database()
    seksi, handlers, member = people()
    if args.refill or not filled(args.complaints):
        began = time.perf_counter()
        fill(args.complaints, seksi, handlers)
        print(f"filled {args.complaints} complaints in {time.perf_counter() - began:.1f} s")

    from accounts.testing import verified_login
    from pengaduan import selectors

    module = sys.modules[__name__]
    with override_settings(ROOT_URLCONF=module, DEBUG=False):
        bare_queries = _bare_queries(handlers[0])
        print(f"database: {connection.vendor} {connection.pg_version}; repeat: {args.repeat}")
        print(f"bare view: 25 rows of a plain table of {args.complaints} rows, same middleware, {bare_queries} queries")
        header = f"{'page':<42} {'queries':>7} {'rows':>5} {'p50 ms':>7} {'p95 ms':>7} {'bare p95':>8} {'ratio':>6}"
        for who, user, pages in (
            ("Pengelola Pengaduan", handlers[0], scenarios(seksi, selectors.pengaduan_list(handlers[0]).count())),
            (f"member of {seksi[0].name}", member, member_scenarios(selectors.pengaduan_list(member).count())),
        ):
            client = Client()
            verified_login(client, user)
            print(f"\n-- as {who}, who may see {selectors.pengaduan_list(user).count()} complaints")
            print(header)
            for label, params in pages:
                r = measure(client, params, args.repeat)
                print(
                    f"{label:<42} {r['queries']:>7} {r['rows']:>5} {r['p50']:>7.1f} {r['p95']:>7.1f} "
                    f"{r['bare_p95']:>8.1f} {r['p95'] / r['bare_p95']:>5.1f}x"
                )


def _bare_queries(user) -> int:
    from accounts.testing import verified_login

    client = Client()
    verified_login(client, user)
    with CaptureQueriesContext(connection) as captured:
        client.get(BARE_URL)
    return len(captured)


if __name__ == "__main__":
    main()
