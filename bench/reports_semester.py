"""The semester report and the Pimpinan's dashboard at a million cases, each beside
hand-written SQL of the same numbers, timed in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sigap_bench .venv/bin/python bench/generate_cases.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sigap_bench \\
        .venv/bin/python bench/reports_semester.py [--repeat 20] [--semester 2026-S1]

Reads the cases bench/generate_cases.py wrote (run it first; 1,000,000 by default). It
counts the received days that can no longer change, as the scheduler does every hour
(reports.dashboard.received_days), then times, request by request in turn so a change in
the machine's load touches all alike:

- the semester figures of every kind (casework.reporting: all_reporting() → figures);
- the semester report: those figures built into the statistics Document
  (reports.dashboard.statistics), as the background job does before rendering it;
- hand-written SQL of the same numbers (received, finished and finished within the
  deadline per kind and month, per unit, per channel and kategori: six statements, where
  the ORM takes three queries a kind), which the run checks equal to the figures;
- the dashboard page, requested as the Pimpinan through the whole middleware stack
  (session, second factor, roles), and its numbers alone (dashboard_counts);
- hand-written SQL of the dashboard's numbers (received per kind and month for twelve
  months, and the open cases by kind and unit), also checked equal.

It prints each one's queries and p50/p95 in milliseconds, and the targets: the report
within 2× of its SQL and under 5 s, the dashboard page under 300 ms.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import time
import warnings
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")

import django  # noqa: E402

django.setup()

logging.getLogger("axes").setLevel(logging.WARNING)
warnings.filterwarnings("ignore", message="No directory at")

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.testing import verified_login  # noqa: E402
from casework.reporting import Period, all_reporting  # noqa: E402
from reports.dashboard import received_days  # noqa: E402
from reports.dashboard.counts import current_semester, dashboard_counts, trend_months  # noqa: E402
from reports.dashboard.statistics import statistics_document  # noqa: E402

DASHBOARD = "/staf/laporan/dasbor/"

# --- The hand-written SQL -------------------------------------------------------------------

# Per kind and month, and per kind and unit: received and finished (closed: the engine
# closes a case exactly when it reaches one of its kind's final states) in one pass over
# the semester's cases.
SEMESTER_SQL = """
SELECT c.kind,
       EXTRACT(YEAR FROM c.received_on)::int AS y,
       EXTRACT(MONTH FROM c.received_on)::int AS m,
       u.name AS unit,
       count(*) AS received,
       count(c.closed_at) AS finished
FROM casework_case c
LEFT JOIN accounts_unitkerja u ON u.id = c.unit_id
WHERE c.kind = ANY(%(kinds)s) AND c.received_on BETWEEN %(start)s AND %(end)s
GROUP BY GROUPING SETS ((c.kind, y, m), (c.kind, u.name))
"""
# Finished within the deadline, per kind and month: closed, and none of the kind's
# compliance clocks missed (completed after its due date, or never completed and due
# before the case closed), as an anti-join on the deadlines.
ON_TIME_SQL = """
SELECT c.kind, EXTRACT(YEAR FROM c.received_on)::int, EXTRACT(MONTH FROM c.received_on)::int, count(*)
FROM casework_case c
WHERE c.kind = ANY(%(kinds)s) AND c.received_on BETWEEN %(start)s AND %(end)s AND c.closed_at IS NOT NULL
  AND NOT EXISTS (
    SELECT 1 FROM casework_deadline d
    WHERE d.case_id = c.id
      AND c.kind || ':' || d.clock = ANY(%(clocks)s)
      AND d.due_date < COALESCE((d.completed_at AT TIME ZONE %(tz)s)::date, (c.closed_at AT TIME ZONE %(tz)s)::date)
  )
GROUP BY 1, 2, 3
"""

# Each kind's own columns, one statement per kind's table: the complaint's channel and
# kategori layanan (both in one pass), the WBS report's kategori, the declaration's kind
# (received or refused), the conflict's source.
OWN_SQL = [
    """
    SELECT 'pengaduan', CASE WHEN GROUPING(p.channel) = 0 THEN 'channel' ELSE 'kategori' END,
           COALESCE(p.channel, k.name), count(*)
    FROM pengaduan_pengaduan p
    JOIN casework_case c ON c.id = p.case_ptr_id
    JOIN pengaduan_kategorilayanan k ON k.id = p.kategori_id
    WHERE c.received_on BETWEEN %(start)s AND %(end)s
    GROUP BY GROUPING SETS ((p.channel), (k.name))
    """,
    """
    SELECT 'wbs', 'kategori', w.kategori, count(*)
    FROM wbs_laporanwbs w JOIN casework_case c ON c.id = w.case_ptr_id
    WHERE c.received_on BETWEEN %(start)s AND %(end)s GROUP BY w.kategori
    """,
    """
    SELECT 'gratifikasi', 'kategori', g.jenis_laporan, count(*)
    FROM gratifikasi_gratifikasi g JOIN casework_case c ON c.id = g.case_ptr_id
    WHERE c.received_on BETWEEN %(start)s AND %(end)s GROUP BY g.jenis_laporan
    """,
    """
    SELECT 'benturan', 'kategori', b.sumber, count(*)
    FROM benturan_benturan b JOIN casework_case c ON c.id = b.case_ptr_id
    WHERE c.received_on BETWEEN %(start)s AND %(end)s GROUP BY b.sumber
    """,
]

# The dashboard: cases received per kind and month over twelve months, and the open cases
# per kind and unit (in process, received this month or semester, overdue, due soon).
DASHBOARD_RECEIVED_SQL = """
SELECT kind, EXTRACT(YEAR FROM received_on)::int, EXTRACT(MONTH FROM received_on)::int, count(*)
FROM casework_case
WHERE kind = ANY(%(kinds)s) AND received_on BETWEEN %(start)s AND %(end)s
GROUP BY 1, 2, 3
"""
DASHBOARD_OPEN_SQL = """
SELECT kind, unit_id, count(*),
       count(*) FILTER (WHERE received_on >= %(month)s),
       count(*) FILTER (WHERE received_on >= %(semester)s),
       count(*) FILTER (WHERE due_date < %(today)s),
       count(*) FILTER (WHERE due_date BETWEEN %(today)s AND %(until)s)
FROM casework_case
WHERE kind = ANY(%(kinds)s) AND closed_at IS NULL
GROUP BY 1, 2
"""


def semester_sql(period: Period) -> dict:
    """The semester's figures by hand: {kind: {...}} in the shape of figures_of()."""
    reportings = all_reporting()
    params = {
        "kinds": [r.kind for r in reportings],
        "start": period.start,
        "end": period.end,
        "clocks": [f"{r.kind}:{clock}" for r in reportings for clock in r.compliance_clocks],
        "tz": settings.TIME_ZONE,
    }
    out = {r.kind: _empty() for r in reportings}
    with connection.cursor() as cursor:
        cursor.execute(ON_TIME_SQL, params)
        on_time = {(kind, year, month): n for kind, year, month, n in cursor.fetchall()}
        cursor.execute(SEMESTER_SQL, params)
        for kind, year, month, unit, received, finished in cursor.fetchall():
            figures = out[kind]
            if year is not None:
                done = on_time.get((kind, year, month), 0)
                figures["received"] += received
                figures["finished"] += finished
                figures["on_time"] += done
                figures["months"][(year, month)] = (received, finished, done)
            else:
                figures["units"][unit or ""] = received
        for sql in OWN_SQL:
            cursor.execute(sql, params)
            for kind, what, key, n in cursor.fetchall():
                out[kind][what][key or ""] = n
    return out


def _empty() -> dict:
    return {"received": 0, "finished": 0, "on_time": 0, "months": {}, "units": {}, "channel": {}, "kategori": {}}


def figures_of(period: Period) -> dict:
    """The semester's figures through casework.reporting, in the same shape."""
    out = {}
    for reporting in all_reporting():
        f = reporting.figures(period)
        months = {}
        for month, tally, (_label, done, on_time) in zip(
            period.months(), f.by_month, f.compliance_by_month, strict=True
        ):
            if tally.count:
                months[(month.start.year, month.start.month)] = (tally.count, done, on_time)
        out[f.kind] = {
            "received": f.received,
            "finished": f.finished,
            "on_time": f.finished_on_time,
            "months": months,
            "units": {t.key: t.count for t in f.by_unit},
            "channel": {t.key: t.count for t in f.by_channel},
            "kategori": {t.key: t.count for t in f.by_kategori},
        }
    return out


def dashboard_sql(today) -> dict:
    """The dashboard's numbers by hand, in the shape of dashboard_numbers()."""
    from casework import sla

    months = trend_months(today)
    semester = current_semester(today)
    kinds = [r.kind for r in all_reporting()]
    params = {
        "kinds": kinds,
        "start": months[0].start,
        "end": months[-1].end,
        "month": months[-1].start,
        "semester": semester.start,
        "today": today,
        "until": sla.due_soon_until(today),
    }
    received = defaultdict(int)
    opened = defaultdict(lambda: [0, 0, 0, 0, 0])
    units = defaultdict(lambda: [0, 0])
    with connection.cursor() as cursor:
        cursor.execute(DASHBOARD_RECEIVED_SQL, params)
        for kind, year, month, n in cursor.fetchall():
            received[(kind, year, month)] = n
        cursor.execute(DASHBOARD_OPEN_SQL, params)
        for kind, unit_id, n, in_month, in_semester, overdue, soon in cursor.fetchall():
            total = opened[kind]
            for index, value in enumerate((n, in_month, in_semester, overdue, soon)):
                total[index] += value
            units[(kind, unit_id)][0] += n
            units[(kind, unit_id)][1] += overdue
    out = {}
    for kind in kinds:
        this_month = received[(kind, months[-1].start.year, months[-1].start.month)]
        this_semester = sum(received[(kind, m.start.year, m.start.month)] for m in semester.months())
        n, in_month, in_semester, overdue, soon = opened[kind]
        out[kind] = {
            "trend": [received[(kind, m.start.year, m.start.month)] for m in months],
            "month": (this_month, in_month),
            "semester": (this_semester, in_semester),
            "due": (overdue, soon),
            "units": {unit: tuple(v) for (k, unit), v in units.items() if k == kind},
        }
    return out


def dashboard_numbers(today) -> dict:
    counts = dashboard_counts(today)
    return {
        kind.kind: {
            "trend": kind.trend,
            "month": (kind.month.received, kind.month.in_process),
            "semester": (kind.semester.received, kind.semester.in_process),
            "due": (kind.overdue, kind.due_soon),
            "units": {unit: (c.open, c.overdue) for unit, c in kind.units.items()},
        }
        for kind in counts.kinds
    }


# --- Timing -----------------------------------------------------------------------------------


def timed(action) -> float:
    began = time.perf_counter()
    action()
    return (time.perf_counter() - began) * 1000


def queries(action) -> int:
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured)


def p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="timed runs of each (after one warm-up)")
    parser.add_argument("--semester", default="", help="e.g. 2026-S1 (default: the last whole semester)")
    args = parser.parse_args()

    db = settings.DATABASES["default"]
    if connection.vendor != "postgresql" or "bench" not in db["NAME"]:
        sys.exit("Run against the benchmark's PostgreSQL database: DATABASE_URL=postgres://…/sigap_bench")
    from accounts.models import User
    from casework.models import Case

    total = Case.objects.count()
    pimpinan = User.objects.filter(username="bench-pimpinan").first()
    if not total or pimpinan is None:
        sys.exit("No cases: run bench/generate_cases.py first")
    today = timezone.localdate()
    period = Period.parse(args.semester) if args.semester else current_semester(today).previous()
    began = time.perf_counter()
    kept = received_days.refresh(today)
    print(f"{total:,} cases; kept {kept:,} day counts in {time.perf_counter() - began:.2f} s (the hourly task)")
    in_period = sum(f.received for f in (r.figures(period) for r in all_reporting()))
    print(f"semester {period.label}: {in_period:,} cases received; repeat {args.repeat}\n")

    # The numbers must agree before their times mean anything.
    assert figures_of(period) == semester_sql(period), "the report and its SQL disagree"
    assert dashboard_numbers(today) == dashboard_sql(today), "the dashboard and its SQL disagree"

    client = Client()
    verified_login(client, pimpinan)

    def page():
        response = client.get(DASHBOARD)
        assert response.status_code == 200, response.status_code

    runs = {
        "semester figures, all kinds (ORM)": lambda: figures_of(period),
        "semester report: figures + statistics Document": lambda: statistics_document(period=period, user=pimpinan),
        "semester: hand-written SQL": lambda: semester_sql(period),
        "dashboard page (HTTP, whole middleware)": page,
        "dashboard numbers (dashboard_counts)": lambda: dashboard_counts(today),
        "dashboard: hand-written SQL": lambda: dashboard_sql(today),
    }
    counted = {name: queries(action) for name, action in runs.items()}  # also the warm-up
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(args.repeat):
        for name, action in runs.items():
            times[name].append(timed(action))

    print(f"| {'':48} | queries | p50 ms | p95 ms |")
    print(f"|{'-' * 50}|---------|--------|--------|")
    for name in runs:
        print(f"| {name:48} | {counted[name]:7} | {statistics.median(times[name]):6.0f} | {p95(times[name]):6.0f} |")

    report = times["semester report: figures + statistics Document"]
    sql = times["semester: hand-written SQL"]
    ratio = statistics.median(report) / statistics.median(sql)
    print()
    print(f"semester report ÷ its SQL, p50: {ratio:.2f}× (target ≤ 2×)")
    print(f"semester report p95: {p95(report):,.0f} ms (target < 5,000)")
    print(f"dashboard page p95: {p95(times['dashboard page (HTTP, whole middleware)']):,.0f} ms (target < 300)")


if __name__ == "__main__":
    main()
