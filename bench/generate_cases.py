"""Realistic cases of all four kinds, in bulk: a province's worth for the benchmarks, a few
hundred for the tests that count queries at two sizes.

    createdb -h 127.0.0.1 -U postgres sigap_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sigap_bench \\
        .venv/bin/python bench/generate_cases.py [--cases 1000000] [--years 3] [--seed 20261207]

Migrates the database (whose name must contain "bench": its case tables are emptied),
adds units like the demo's (a dinas, three bidang, six seksi) and the staff that handle
each kind, then writes N cases received over the last three years (more in recent
months, none on Sundays): complaints (60 %), gift declarations (20 %), conflict-of-
interest cases (12 %) and WBS reports (8 %). Each case walks one of its kind's real
paths through the workflow (casework's transitions, e.g. diterima → diverifikasi →
didisposisikan → ditindaklanjuti → dijawab → selesai, or tunda → lengkapi → …, or
moved to the WBS, or reopened after a dissatisfied rating), one step after another at
a realistic pace, with now and then a step that waits far too long; a case whose next
step would lie after today stays where it is. Every step is a history row
(casework.TimelineEntry); the clocks each step starts, stops or pauses are its
deadlines (casework.Deadline, due dates in working days over the real holiday
calendar), so some are met and some missed; Case.due_date is the earliest running
staff clock of an open case, and Case.waiting_until its nearest running waiting period,
as the engine keeps them. Text fields hold real ciphertext,
made once per distinct value and reused.

Rows go in with COPY on PostgreSQL (parents, then the kinds' rows that extend them),
in batches, and with executemany elsewhere (the tests' SQLite); 1,000,000 cases take
a few minutes. Then VACUUM ANALYZE, as autovacuum would.
"""

from __future__ import annotations

import argparse
import bisect
import contextlib
import functools
import math
import os
import random
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
    import django

    django.setup()

from django.db import connection, transaction
from django.utils import timezone

SEED = 20261207
BATCH = 20_000

#: Shares of the four kinds among all cases.
KIND_WEIGHTS = {"pengaduan": 60, "gratifikasi": 20, "benturan": 12, "wbs": 8}

# Each kind's clocks: (working days, whether the reporter's waiting period). The figures
# are the seeded SlaPolicy rows (migrations); the generator does not read the policies
# so that it writes the same data whatever an administrator changed.
CLOCKS = {
    "pengaduan": {
        "verifikasi": (3, False),
        "tindak_lanjut": (5, False),
        "penyelesaian": (60, False),
        "kelengkapan": (10, True),
        "konfirmasi": (10, True),
    },
    "wbs": {"tanggapan_awal": (7, False), "pembaruan": (20, False)},
    "gratifikasi": {
        "lapor_kpk": (30, False),
        "upg_kpk": (10, False),
        "kelengkapan": (20, True),
        "keputusan_kpk": (30, True),
        "penyerahan": (7, False),
    },
    "benturan": {"keputusan": (7, False)},
}
OPENING_CLOCKS = {
    "pengaduan": ("verifikasi",),
    "wbs": ("tanggapan_awal",),
    "gratifikasi": ("lapor_kpk", "upg_kpk"),
    "benturan": ("keputusan",),
}
INITIAL = {"pengaduan": "diterima", "wbs": "diterima", "gratifikasi": "administrasi", "benturan": "diajukan"}
FINAL = {
    "pengaduan": {"selesai", "diarsipkan", "diteruskan", "dipindahkan_ke_wbs"},
    "wbs": {"selesai", "diteruskan", "tidak_dapat_ditindaklanjuti"},
    "gratifikasi": {"selesai", "tidak_wajib", "tidak_diproses"},
    "benturan": {"selesai", "tidak_ada_konflik"},
}
PREFIX = {"pengaduan": "PGD", "wbs": "WBS", "gratifikasi": "GTF", "benturan": "BKP"}


@dataclass(frozen=True)
class Step:
    """One transition: its name, the state it leads to, the working days it usually
    takes after the step before, and the clocks it stops, starts, pauses or resumes."""

    name: str
    to: str
    days: float
    stops: tuple[str, ...] = ()
    starts: tuple[str, ...] = ()
    pauses: bool = False
    resumes: bool = False


S = Step
# Each kind's paths through its workflow (the transitions of its model), with weights.
_PGD_ANSWER = (
    S("verifikasi", "diverifikasi", 2, stops=("verifikasi",), starts=("penyelesaian",)),
    S("disposisi", "didisposisikan", 3, starts=("tindak_lanjut",)),
    S("catat_tindak_lanjut", "ditindaklanjuti", 4, stops=("tindak_lanjut",)),
    S("jawab", "dijawab", 12, stops=("penyelesaian",), starts=("konfirmasi",)),
    S("selesaikan", "selesai", 8, stops=("konfirmasi",)),
)
_PGD_REOPENED = (
    S("buka_kembali", "diverifikasi", 3, stops=("konfirmasi",), starts=("penyelesaian",)),
    S("disposisi", "didisposisikan", 3, starts=("tindak_lanjut",)),
    S("catat_tindak_lanjut", "ditindaklanjuti", 4, stops=("tindak_lanjut",)),
    S("jawab", "dijawab", 10, stops=("penyelesaian",), starts=("konfirmasi",)),
    S("selesaikan", "selesai", 8, stops=("konfirmasi",)),
)
PATHS: dict[str, list[tuple[int, tuple[Step, ...]]]] = {
    "pengaduan": [
        (58, _PGD_ANSWER),
        (3, _PGD_ANSWER + _PGD_REOPENED),
        (10, (S("arsipkan", "diarsipkan", 2),)),
        (9, (S("bukan_wewenang", "diteruskan", 2),)),
        (
            11,
            (
                S("tunda", "ditunda", 1, pauses=True, starts=("kelengkapan",)),
                S("lengkapi", "diterima", 5, stops=("kelengkapan",), resumes=True),
                *_PGD_ANSWER,
            ),
        ),
        (
            5,
            (
                S("tunda", "ditunda", 1, pauses=True, starts=("kelengkapan",)),
                S("arsipkan_tidak_lengkap", "diarsipkan", 14),
            ),
        ),
        (
            4,
            (
                S("usulkan_wbs", "menunggu_persetujuan_wbs", 2, pauses=True),
                S("setujui_wbs", "dipindahkan_ke_wbs", 4),
            ),
        ),
    ],
    "wbs": [
        (
            45,
            (
                S("verifikasi", "ditelaah", 4, stops=("tanggapan_awal",), starts=("pembaruan",)),
                S("periksa", "diperiksa", 15, starts=("pembaruan",)),
                S("selesaikan", "selesai", 30),
            ),
        ),
        (
            20,
            (
                S("verifikasi", "ditelaah", 4, stops=("tanggapan_awal",), starts=("pembaruan",)),
                S("teruskan", "diteruskan", 10),
            ),
        ),
        (20, (S("hentikan", "tidak_dapat_ditindaklanjuti", 5),)),
        (
            15,
            (
                S("tunda", "ditunda", 3, stops=("tanggapan_awal",), pauses=True),
                S("lengkapi", "diterima", 8, resumes=True, starts=("pembaruan",)),
                S("verifikasi", "ditelaah", 4, starts=("pembaruan",)),
                S("periksa", "diperiksa", 15, starts=("pembaruan",)),
                S("selesaikan", "selesai", 30),
            ),
        ),
    ],
    "gratifikasi": [
        (
            40,
            (
                S("registrasi", "verifikasi", 1),
                S("terima_lengkap", "analisis", 2),
                S("teruskan_kpk", "diteruskan_kpk", 4, stops=("lapor_kpk", "upg_kpk"), starts=("keputusan_kpk",)),
                S("catat_sk", "tindak_lanjut", 25, stops=("keputusan_kpk",), starts=("penyerahan",)),
                S("catat_tindak_lanjut", "selesai", 5, stops=("penyerahan",)),
            ),
        ),
        (
            35,
            (
                S("registrasi", "verifikasi", 1),
                S("terima_lengkap", "analisis", 2),
                S("simpulkan_tidak_wajib", "tidak_wajib", 3),
            ),
        ),
        (
            15,
            (
                S("registrasi", "verifikasi", 1),
                S("terima_lengkap", "analisis", 2),
                S("teruskan_kpk", "diteruskan_kpk", 4, stops=("lapor_kpk", "upg_kpk"), starts=("keputusan_kpk",)),
                S("tutup_penolakan", "selesai", 20, stops=("keputusan_kpk",)),
            ),
        ),
        (
            10,
            (
                S("registrasi", "verifikasi", 1),
                S("minta_kelengkapan", "perlu_dilengkapi", 2, pauses=True, starts=("kelengkapan",)),
                S("tutup_tidak_lengkap", "tidak_diproses", 22, stops=("kelengkapan",)),
            ),
        ),
    ],
    "benturan": [
        (
            70,
            (
                S("mulai_analisis", "analisis", 2),
                S("putuskan_pengendalian", "pelaksanaan", 4, stops=("keputusan",)),
                S("catat_pelaksanaan", "pemantauan", 15),
                S("selesaikan", "selesai", 40),
            ),
        ),
        (30, (S("mulai_analisis", "analisis", 2), S("putuskan_tidak_ada_konflik", "tidak_ada_konflik", 4))),
    ],
}
CHANNEL_WEIGHTS = {
    "web": 50,
    "sp4n_lapor": 12,
    "kotak_pengaduan": 6,
    "email": 8,
    "sms_whatsapp": 10,
    "telepon": 6,
    "datang_langsung": 6,
    "media_sosial": 2,
}
#: Channels whose complaints reach SIGAP days after the unit received them (a letter).
LATE_ENTRY_CHANNELS = {"kotak_pengaduan", "email", "telepon", "datang_langsung", "media_sosial"}
WBS_KATEGORI = ["penyalahgunaan_wewenang", "pelanggaran_disiplin", "korupsi", "kolusi", "nepotisme", "lainnya"]
TEXTS = {
    "title": [
        "Antrean perekaman KTP-el sampai sore",
        "Akta kelahiran anak belum terbit",
        "Petugas loket meminta biaya tambahan",
        "KK belum diperbarui setelah pindah",
        "Situs pendaftaran daring tidak bisa dibuka",
        "Blangko KTP-el habis berminggu-minggu",
    ],
    "isi": ["Saya datang pukul 07.30, nomor antrean 112, dan baru dipanggil pukul 15.00. Mohon ditambah petugas."],
    "nama": ["Siti Aminah", "Budi Santoso", "Rina Wulandari", "Agus Prasetyo"],
    "wbs": ["Pungutan di luar ketentuan pada layanan legalisir dokumen."],
    "gift": ["Parsel makanan dan minuman", "Voucher belanja", "Uang tunai dalam amplop"],
    "hal": ["Pengadaan alat perekaman KTP-el", "Penilaian kinerja pegawai", "Izin keramaian"],
    "note": ["Dicatat oleh petugas."],
}


# --- Time ------------------------------------------------------------------------------------


@functools.cache
def _zone() -> ZoneInfo:
    """The site's time zone, fixed for the run (Django's own look-up per call is the slow
    part of writing a million rows)."""
    from django.conf import settings

    return ZoneInfo(settings.TIME_ZONE)


def _local_day(moment: datetime) -> date:
    return moment.astimezone(_zone()).date()


# --- Working days --------------------------------------------------------------------------


class WorkingDays:
    """Working days (Monday to Friday less the Holiday rows) between two dates, by index,
    so adding n working days is one bisect however many rows are written."""

    def __init__(self, start: date, end: date):
        from casework.models import Holiday

        holidays = set(Holiday.objects.filter(date__gte=start, date__lte=end).values_list("date", flat=True))
        self.days: list[date] = []
        day = start
        while day <= end:
            if day.weekday() < 5 and day not in holidays:
                self.days.append(day)
            day += timedelta(days=1)

    def add(self, day: date, n: int) -> date:
        """casework.calendar.add_working_days: the n-th working day after `day`."""
        if n == 0:
            return day
        index = bisect.bisect_right(self.days, day) + n - 1
        if index < len(self.days):
            return self.days[index]
        # Past the table (a due date far ahead): weekdays only, near enough.
        extra = index - len(self.days) + 1
        return self.days[-1] + timedelta(days=math.ceil(extra * 7 / 5))

    def after(self, moment: datetime, working_days: float) -> datetime:
        """A moment `working_days` (fractional) working days after `moment`, in office hours."""
        whole = int(working_days)
        day = self.add(_local_day(moment), max(1, whole) if working_days >= 0.5 else 0)
        hour = 8 + (working_days - whole) * 8
        return datetime.combine(day, clock_time(int(hour), int((hour % 1) * 60)), tzinfo=_zone())


# --- The people and units ------------------------------------------------------------------


@dataclass
class People:
    seksi: list
    units: list
    heads: dict
    handlers: dict[str, list[int]]
    employees: list  # (user id, unit id)
    pimpinan: object


def people():
    """Units like the demo's and the staff of each kind, each with a confirmed second
    factor (the benchmarks sign in as them)."""
    from django.contrib.auth.models import Group
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts import roles
    from accounts.models import UnitKerja, User

    def unit(code, name, level, parent=None):
        return UnitKerja.objects.get_or_create(code=code, defaults={"name": name, "level": level, "parent": parent})[0]

    dinas = unit("bench-dinas", "Dinas Kependudukan dan Pencatatan Sipil", "dinas")
    bidang_names = ["Bidang Pelayanan Pendaftaran Penduduk", "Bidang Pencatatan Sipil", "Bidang PIAK"]
    bidang = [unit(f"bench-bidang-{i}", name, "bidang", dinas) for i, name in enumerate(bidang_names)]
    seksi = []
    for i, parent in enumerate(bidang):
        for j in range(2):
            seksi.append(unit(f"bench-seksi-{i}-{j}", f"Seksi {i + 1}.{j + 1} {parent.name[6:]}", "seksi", parent))
    units = [dinas, *bidang, *seksi]

    def user(username, *role_names, unit=None, full_name=None):
        account, _ = User.objects.get_or_create(
            username=username,
            defaults={"email": f"{username}@bench.example", "full_name": full_name or username, "unit": unit},
        )
        for role in role_names:
            account.groups.add(Group.objects.get_or_create(name=role)[0])
        TOTPDevice.objects.get_or_create(user=account, defaults={"name": "bench", "confirmed": True})
        return account

    heads = {}
    for index, each in enumerate(units):
        head = user(f"bench-kepala-{index}", roles.PEGAWAI, unit=each, full_name=f"Kepala {each.name}")
        if each.head_id != head.pk:
            UnitKerja.objects.filter(pk=each.pk).update(head=head)
        heads[each.pk] = head.pk
    handlers = {
        "pengaduan": [user(f"bench-pengaduan-{i}", roles.PENGELOLA_PENGADUAN).pk for i in range(3)],
        "wbs": [user(f"bench-wbs-{i}", roles.PENGELOLA_WBS).pk for i in range(2)],
        "gratifikasi": [user(f"bench-upg-{i}", roles.PETUGAS_UPG).pk for i in range(2)],
        "benturan": [user(f"bench-tim-benturan-{i}", roles.TIM_BENTURAN).pk for i in range(2)],
    }
    user("bench-inspektorat", roles.INSPEKTORAT)
    user("bench-tpi", roles.TIM_PENILAI)
    for i, each in enumerate(seksi):
        user(f"bench-tindak-lanjut-{i}", roles.UNIT_TINDAK_LANJUT, unit=each)
    employees = []
    for i in range(60):
        each = units[i % len(units)]
        employees.append((user(f"bench-pegawai-{i}", roles.PEGAWAI, unit=each).pk, each.pk))
    pimpinan = user("bench-pimpinan", roles.PIMPINAN, unit=dinas, full_name="Kepala Dinas")
    return People(seksi=seksi, units=units, heads=heads, handlers=handlers, employees=employees, pimpinan=pimpinan)


# --- Writing rows ----------------------------------------------------------------------------


class Table:
    """One table's columns with the value each takes unless a row says otherwise: the
    field's default, None where it may be empty, else an empty string."""

    def __init__(self, model, *, skip: tuple[str, ...] = ()):
        from django.db.models import BooleanField, JSONField

        self.name = model._meta.db_table
        self.columns: list[str] = []
        self.defaults: list = []
        for f in model._meta.local_concrete_fields:
            if f.column in skip:
                continue
            self.columns.append(f.column)
            if isinstance(f, JSONField):
                value = "{}"
            elif f.has_default() and not callable(f.default):
                value = f.default
            elif f.null:
                value = None
            elif isinstance(f, BooleanField):
                value = False
            else:
                value = ""
            self.defaults.append(value)
        self.index = {column: i for i, column in enumerate(self.columns)}
        self.rows: list[tuple] = []

    def add(self, **values) -> None:
        row = list(self.defaults)
        for column, value in values.items():
            row[self.index[column]] = value
        self.rows.append(tuple(row))

    def flush(self) -> int:
        rows, self.rows = self.rows, []
        if not rows:
            return 0
        columns = ", ".join(self.columns)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {self.name} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(self.columns))
                rows = [tuple(map(_adapt, row)) for row in rows]
                cursor.executemany(f"INSERT INTO {self.name} ({columns}) VALUES ({marks})", rows)  # noqa: S608
        return len(rows)


def _adapt(value):
    """A value as Django stores it outside PostgreSQL (SQLite keeps UTC text)."""
    ops = connection.ops
    if isinstance(value, datetime):
        return ops.adapt_datetimefield_value(value)
    if isinstance(value, date):
        return ops.adapt_datefield_value(value)
    if isinstance(value, Decimal):
        return str(value)
    return value


@dataclass
class Written:
    cases: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    timeline: int = 0
    deadlines: int = 0
    seconds: float = 0.0

    @property
    def total(self) -> int:
        return sum(self.cases.values())


# --- One case ---------------------------------------------------------------------------------


@dataclass
class Clock:
    name: str
    started: datetime
    due: date
    waiting: bool
    completed: datetime | None = None
    paused_on: date | None = None


class Generator:
    def __init__(self, *, rng: random.Random, today: date, calendar: WorkingDays, staff: People):
        self.rng = rng
        self.today = today
        self.now = timezone.now()
        self.calendar = calendar
        self.staff = staff
        self.paths = {kind: ([path for _w, path in paths], [w for w, _p in paths]) for kind, paths in PATHS.items()}
        self.cipher = _Ciphers()

    def walk(self, kind: str, opened: datetime):
        """The steps a case of `kind` opened at `opened` has taken by now, with their
        moments, and its clocks."""
        rng = self.rng
        paths, weights = self.paths[kind]
        path = rng.choices(paths, weights=weights)[0]
        clocks: list[Clock] = []

        def start(name: str, at: datetime):
            for clock in clocks:
                if clock.name == name and clock.completed is None:
                    clock.completed = at
            days, waiting = CLOCKS[kind][name]
            local = _local_day(at)
            clocks.append(Clock(name, at, self.calendar.add(local, days), waiting))

        for name in OPENING_CLOCKS[kind]:
            start(name, opened)
        taken: list[tuple[Step, datetime]] = []
        moment = opened
        # Some cases stall somewhere: one step waits far beyond its clock.
        stall_at = rng.randrange(len(path)) if rng.random() < 0.12 else -1
        for index, step in enumerate(path):
            pace = rng.lognormvariate(0, 0.6) * step.days
            if index == stall_at:
                pace *= rng.uniform(4, 12)
            moment = self.calendar.after(moment, pace)
            if moment > self.now:
                break
            for name in step.stops:
                for clock in clocks:
                    if clock.name == name and clock.completed is None:
                        clock.completed = moment
            if step.pauses:
                for clock in clocks:
                    if clock.completed is None and clock.paused_on is None:
                        clock.paused_on = _local_day(moment)
            if step.resumes:
                today = _local_day(moment)
                for clock in clocks:
                    if clock.completed is None and clock.paused_on is not None:
                        shift = _working_days_between(self.calendar, clock.paused_on, today)
                        clock.due = self.calendar.add(clock.due, shift)
                        clock.paused_on = None
            for name in step.starts:
                start(name, moment)
            taken.append((step, moment))
        state = taken[-1][0].to if taken else INITIAL[kind]
        closed = taken[-1][1] if state in FINAL[kind] else None
        if closed is not None:
            for clock in clocks:
                if clock.completed is None:
                    clock.completed = closed
                    clock.paused_on = None
        return state, taken, clocks, closed


def _working_days_between(calendar: WorkingDays, start: date, end: date) -> int:
    if end <= start:
        return 0
    return bisect.bisect_right(calendar.days, end) - bisect.bisect_right(calendar.days, start)


class _Ciphers:
    """Real ciphertext for each distinct text, made once (encryption is the slow part)."""

    def __init__(self):
        from security.fields import Ciphertext

        self._made: dict[str, str] = {}
        self._wrap = Ciphertext

    def __call__(self, text: str) -> str:
        if not text:
            return ""
        made = self._made.get(text)
        if made is None:
            from security import crypto

            made = self._made[text] = self._wrap(crypto.encrypt_text(text))
        return made


# --- The run ----------------------------------------------------------------------------------


def empty_case_tables() -> None:
    """Every case and what hangs off it, gone (the kinds' rows, history and clocks too)."""
    from casework.models import Case, ReferenceSequence

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"TRUNCATE {Case._meta.db_table}, {ReferenceSequence._meta.db_table} RESTART IDENTITY CASCADE"
            )
        return
    Case.objects.all().delete()
    ReferenceSequence.objects.all().delete()


def generate(
    n: int,
    *,
    years: float = 3,
    seed: int = SEED,
    today: date | None = None,
    empty: bool = True,
    log=None,
) -> Written:
    """Write `n` cases received over the last `years` years (see the module's docstring);
    with `empty`, the case tables are emptied first. Returns what was written."""
    from benturan.models import Benturan
    from casework.models import Case, Deadline, ReferenceSequence, TimelineEntry
    from gratifikasi.models import Gratifikasi
    from pengaduan.models import KategoriLayanan, Pengaduan
    from wbs.models import LaporanWbs

    began = time.perf_counter()
    rng = random.Random(seed)
    today = today or timezone.localdate()
    first = today - timedelta(days=round(365 * years))
    with transaction.atomic():
        staff = people()
    calendar = WorkingDays(first - timedelta(days=10), today + timedelta(days=365 * 2))
    gen = Generator(rng=rng, today=today, calendar=calendar, staff=staff)
    kategori = list(KategoriLayanan.objects.order_by("order", "pk").values_list("pk", flat=True))
    if not kategori:
        raise RuntimeError("No kategori layanan: run the migrations first")
    kategori_weights = [30, 18, 22, 8, 10, 7, 5][: len(kategori)] + [5] * max(0, len(kategori) - 7)

    if empty:
        empty_case_tables()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {Case._meta.db_table}")  # noqa: S608
        next_id = cursor.fetchone()[0] + 1
    numbers: dict[tuple[str, int], int] = defaultdict(int)
    for kind, year, last in ReferenceSequence.objects.values_list("kind", "year", "last_number"):
        numbers[(kind, year)] = last

    cases_t = Table(Case)  # with its ids: the kinds' rows point at them
    kinds_t = {
        "pengaduan": Table(Pengaduan),
        "wbs": Table(LaporanWbs),
        "gratifikasi": Table(Gratifikasi),
        "benturan": Table(Benturan),
    }
    timeline_t = Table(TimelineEntry, skip=("id",))
    deadlines_t = Table(Deadline, skip=("id",))
    written = Written()

    # Received days: more in recent months (a unit's channels grow: twice as many a day at
    # the end as at the start), fewer on Saturdays, none on Sundays; sorted, so numbers
    # follow the order cases were entered.
    span = (today - first).days
    received = []
    while len(received) < n:
        # Density (1 + t) on t in [0, 1]: its inverse distribution function.
        offset = int(span * (math.sqrt(1 + 3 * rng.random()) - 1))
        day = first + timedelta(days=min(offset, span))
        weekday = day.weekday()
        if weekday == 6 or (weekday == 5 and rng.random() < 0.7):
            continue
        received.append(day)
    received.sort()
    kinds = list(KIND_WEIGHTS)
    kind_weights = list(KIND_WEIGHTS.values())
    ciphers = gen.cipher
    titles = [ciphers(text) for text in TEXTS["title"]]
    seksi_ids = [unit.pk for unit in staff.seksi]

    def flush():
        # One transaction a batch: the deferred foreign-key checks of a million rows
        # would otherwise wait in memory for one commit.
        with transaction.atomic():
            cases_t.flush()
            for table in kinds_t.values():
                table.flush()
            written.deadlines += deadlines_t.flush()
            written.timeline += timeline_t.flush()

    tables = [cases_t.name, *(table.name for table in kinds_t.values()), timeline_t.name, deadlines_t.name]
    with _bulk_load(tables, log=log):
        for index, day in enumerate(received):
            kind = rng.choices(kinds, weights=kind_weights)[0]
            channel = rng.choices(list(CHANNEL_WEIGHTS), weights=list(CHANNEL_WEIGHTS.values()))[0]
            late = kind == "pengaduan" and channel in LATE_ENTRY_CHANNELS and rng.random() < 0.5
            entered = min(today, day + timedelta(days=rng.randint(1, 6))) if late else day
            opened = datetime.combine(
                entered, clock_time(rng.randint(7, 16), rng.randint(0, 59), rng.randint(0, 59)), tzinfo=_zone()
            )
            if opened > gen.now:
                opened = gen.now - timedelta(minutes=rng.randint(1, 60))
            state, taken, clocks, closed = gen.walk(kind, opened)
            case_id = next_id + index
            year = _local_day(opened).year
            numbers[(kind, year)] += 1
            number = numbers[(kind, year)]
            handlers = staff.handlers[kind]
            employee, employee_unit = rng.choice(staff.employees)
            unit_id = None
            if kind == "pengaduan" and any(step.name == "disposisi" for step, _m in taken):
                unit_id = rng.choice(seksi_ids)
            elif kind == "benturan":
                unit_id = employee_unit
            open_clocks = [c for c in clocks if c.completed is None and not c.waiting and c.paused_on is None]
            due = min((c.due for c in open_clocks), default=None) if closed is None else None
            waiting = [c for c in clocks if c.completed is None and c.waiting and c.paused_on is None]
            waiting_until = min((c.due for c in waiting), default=None) if closed is None else None
            confidentiality = {
                "pengaduan": "biasa" if rng.random() < 0.3 else "rahasia",
                "wbs": "sangat_rahasia",
            }.get(kind, "rahasia")
            last_moment = taken[-1][1] if taken else opened
            cases_t.add(
                id=case_id,
                kind=kind,
                reference=f"{PREFIX[kind]}/{year}/{number:06d}",
                year=year,
                number=number,
                state=state,
                title=rng.choice(titles) if kind in ("pengaduan", "benturan") else "",
                unit_id=unit_id,
                assignee_id=rng.choice(handlers) if taken and rng.random() < 0.8 else None,
                confidentiality=confidentiality,
                is_anonymous=kind == "wbs" or rng.random() < 0.6,
                received_on=day,
                opened_at=opened,
                closed_at=closed,
                due_date=due,
                waiting_until=waiting_until,
                tracking_digest=None,
                updated_at=last_moment,
            )
            _kind_row(
                kinds_t[kind],
                kind,
                rng,
                ciphers,
                case_id,
                day,
                year,
                channel,
                state,
                taken,
                employee,
                staff,
                kategori,
                kategori_weights,
            )
            timeline_t.add(case_id=case_id, transition="open", from_state="", to_state=INITIAL[kind], created_at=opened)
            previous = INITIAL[kind]
            for step, moment in taken:
                timeline_t.add(
                    case_id=case_id,
                    transition=step.name,
                    from_state=previous,
                    to_state=step.to,
                    actor_id=rng.choice(handlers),
                    is_public=kind == "pengaduan",
                    created_at=moment,
                )
                previous = step.to
            for clock in clocks:
                working_days, waiting = CLOCKS[kind][clock.name]
                deadlines_t.add(
                    case_id=case_id,
                    clock=clock.name,
                    working_days=working_days,
                    is_waiting_period=waiting,
                    started_on=_local_day(clock.started),
                    due_date=clock.due,
                    paused_on=clock.paused_on,
                    completed_at=clock.completed,
                )
            written.cases[kind] += 1
            if len(cases_t.rows) >= BATCH:
                flush()
                if log:
                    log(f"  {index + 1:,} of {n:,} cases ({time.perf_counter() - began:.0f} s)")
        flush()
        _set_sequences(numbers, next_id + n - 1)
    # The dashboard's kept day counts describe the cases that were there before.
    from reports.dashboard import received_days

    received_days.forget()
    written.seconds = time.perf_counter() - began
    return written


def _kind_row(table, kind, rng, ciphers, case_id, day, year, channel, state, taken, employee, staff, kategori, weights):
    steps = {step.name: moment for step, moment in taken}
    if kind == "pengaduan":
        answered = steps.get("jawab")
        table.add(
            case_ptr_id=case_id,
            jenis=rng.choice(["pengaduan"] * 8 + ["aspirasi", "permintaan_informasi"]),
            isi=ciphers(TEXTS["isi"][0]),
            tanggal_kejadian=day - timedelta(days=rng.randint(0, 20)),
            kategori_id=rng.choices(kategori, weights=weights)[0],
            channel=channel,
            lapor_tracking_id=f"LAP-{year}-{case_id:08d}" if channel == "sp4n_lapor" else "",
            nama=ciphers(rng.choice(TEXTS["nama"])) if rng.random() < 0.4 else "",
            forwarded_to="Ombudsman RI" if state == "diteruskan" else "",
            archive_reason=(
                ("tidak_dilengkapi" if "arsipkan_tidak_lengkap" in steps else rng.choice(["spam", "tidak_jelas"]))
                if state == "diarsipkan"
                else ""
            ),
            tindak_lanjut=ciphers(TEXTS["note"][0]) if "catat_tindak_lanjut" in steps else "",
            jawaban=ciphers(TEXTS["note"][0]) if answered else "",
            answered_at=answered,
            reopened_count=1 if "buka_kembali" in steps else 0,
        )
    elif kind == "wbs":
        table.add(
            case_ptr_id=case_id,
            kategori=rng.choice(WBS_KATEGORI),
            apa=ciphers(TEXTS["wbs"][0]),
            penanganan="inspektorat" if rng.random() < 0.15 else "pengelola_wbs",
            # A digest of a receipt code nobody holds (unique, as every report's is).
            receipt_digest=f"{rng.getrandbits(256):064x}",
            forwarded_to="inspektorat" if state == "diteruskan" else "",
            temuan=rng.choice(["terbukti", "tidak_terbukti"]) if state == "selesai" else "",
        )
    elif kind == "gratifikasi":
        registered = steps.get("registrasi")
        sk = steps.get("catat_sk")
        table.add(
            case_ptr_id=case_id,
            declarant_id=employee,
            jenis_laporan="penolakan" if "tutup_penolakan" in steps else "penerimaan",
            nama=ciphers(rng.choice(TEXTS["nama"])),
            jabatan="Pengadministrasi Umum",
            pemberi_nama=ciphers(rng.choice(TEXTS["nama"])),
            hubungan=rng.choice(["keluarga", "rekan_kerja", "pengguna_layanan", "rekanan", "lainnya"]),
            jenis_peristiwa=rng.choice(["pernikahan", "keagamaan", "tugas_pelayanan", "ulang_tahun", "lainnya"]),
            jenis_penerimaan=rng.choice(["uang", "barang", "makanan", "tiket"]),
            uraian=ciphers(rng.choice(TEXTS["gift"])),
            nilai=Decimal(rng.choice([250_000, 500_000, 1_000_000, 1_500_000, 2_500_000, 5_000_000])),
            tanggal_terima=day - timedelta(days=rng.randint(0, 9)),
            terlambat_upg=rng.random() < 0.05,
            nomor_registrasi_upg=f"UPG/{year}/{case_id:08d}" if registered else "",
            registered_at=registered,
            kpk_nomor=f"GOL-{year}-{case_id:07d}" if "teruskan_kpk" in steps else "",
            sk_status="milik_negara" if sk else "",
            sk_tanggal=_local_day(sk) if sk else None,
            tindak_lanjut_jenis="penyerahan" if "catat_tindak_lanjut" in steps else "",
        )
    else:
        reported = rng.random() < 0.25
        official, official_unit = rng.choice(staff.employees)
        if not reported:
            official = employee
        elif official == employee:
            official = staff.employees[(staff.employees.index((employee, official_unit)) + 1) % len(staff.employees)][0]
        decided = steps.get("putuskan_pengendalian") or steps.get("putuskan_tidak_ada_konflik")
        table.add(
            case_ptr_id=case_id,
            declarant_id=employee,
            asal="laporan" if reported else "deklarasi",
            pejabat_id=official,
            jenis=rng.choice(["aktual", "potensial"]),
            sumber=rng.choice(["kewenangan", "afiliasi_keluarga", "afiliasi_usaha", "kepentingan_pribadi"]),
            hal_jenis=rng.choice(["keputusan", "kegiatan", "pengadaan", "perizinan"]),
            hal=ciphers(rng.choice(TEXTS["hal"])),
            kepentingan=ciphers(TEXTS["note"][0]),
            atasan_id=staff.heads[staff.units[0].pk],
            keputusan=("konflik" if "putuskan_pengendalian" in steps else "tidak_konflik") if decided else "",
            diputuskan_pada=decided,
        )


@contextlib.contextmanager
def _bulk_load(tables: list[str], *, log=None):
    """On PostgreSQL: the tables' secondary indexes (those no constraint needs) dropped while
    the rows go in and built again after, commits not waiting for the disk, and (for a
    superuser) the foreign-key triggers off — the rows are consistent by construction, and
    checking each of millions, locking its parent row, is most of a load's time. As a bulk
    load is done. Elsewhere: nothing."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off")
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        superuser = cursor.fetchone()[0]
        if superuser:
            cursor.execute("SET session_replication_role TO replica")
        cursor.execute(
            """
            SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s)
              AND NOT EXISTS (
                SELECT 1 FROM pg_constraint c WHERE c.conindid = format('%%I.%%I', i.schemaname, i.indexname)::regclass
              )
            """,
            [tables],
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    try:
        yield
    finally:
        began = time.perf_counter()
        with connection.cursor() as cursor:
            if superuser:
                cursor.execute("SET session_replication_role TO DEFAULT")
            cursor.execute("SET maintenance_work_mem TO '512MB'")
            for _name, definition in indexes:
                cursor.execute(definition)
        if log:
            log(f"  {len(indexes)} indexes built again in {time.perf_counter() - began:.0f} s")


def _set_sequences(numbers: dict[tuple[str, int], int], last_id: int) -> None:
    from casework.models import Case, ReferenceSequence

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [Case._meta.db_table, last_id])
    for (kind, year), last in numbers.items():
        ReferenceSequence.objects.update_or_create(kind=kind, year=year, defaults={"last_number": last})


def vacuum_analyze() -> None:
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def main() -> None:
    from bench.database import ensure_database

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    ensure_database()
    print(f"writing {args.cases:,} cases over {args.years} years …", flush=True)
    written = generate(args.cases, years=args.years, seed=args.seed, log=lambda line: print(line, flush=True))
    began = time.perf_counter()
    vacuum_analyze()
    kinds = ", ".join(f"{kind} {count:,}" for kind, count in sorted(written.cases.items()))
    vacuumed = time.perf_counter() - began
    print(
        f"wrote {written.total:,} cases ({kinds}), {written.timeline:,} history rows and "
        f"{written.deadlines:,} deadlines in {written.seconds:.0f} s; VACUUM ANALYZE {vacuumed:.0f} s"
    )


if __name__ == "__main__":
    main()
