"""Reads of the monev records: a semester's meetings, the recommendations carried into
it, the report of a semester (saved, or a new one with the starting texts), and the
semesters the index lists. Each costs a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet

from accounts import profiles
from accounts.models import UnitKerja
from casework.reporting import Period

from . import defaults
from .models import (
    BerkasTindakLanjut,
    LaporanMonev,
    LaporanMonevVersi,
    RapatMonev,
    Rekomendasi,
    StatusLaporan,
    TindakLanjutRekomendasi,
)


def top_unit() -> UnitKerja | None:
    """The unit at the top of the tree (the Dinas), whose head signs the report."""
    return profiles.top_unit()


def unit_name() -> str:
    """The unit's name as its letterhead writes it (its profile), else as the tree does."""
    profile = profiles.profile_for(None)
    if profile is not None and profile.official_name:
        return profile.official_name
    unit = top_unit()
    return unit.name if unit is not None else ""


def semester_of(day: date) -> Period:
    return Period.semester(day.year, 1 if day.month <= 6 else 2)


def report_for(year: int, semester: int) -> LaporanMonev:
    """The semester's report; an unsaved one with the starting texts when none is kept."""
    found = LaporanMonev.objects.filter(tahun=year, semester=semester).first()
    if found is not None:
        return found
    texts = defaults.texts_for(unit_name())
    return LaporanMonev(
        tahun=year,
        semester=semester,
        pendahuluan=texts.pendahuluan,
        dasar_hukum=texts.dasar_hukum,
        penutup=texts.penutup,
        tempat=texts.tempat,
    )


def _follow_ups() -> Prefetch:
    return Prefetch(
        "tindak_lanjut",
        queryset=TindakLanjutRekomendasi.objects.select_related("dicatat_oleh").order_by(
            "tanggal", "dicatat_pada", "pk"
        ),
    )


def _recommendations(queryset: QuerySet | None = None) -> Prefetch:
    queryset = queryset if queryset is not None else Rekomendasi.objects.all()
    return Prefetch(
        "rekomendasi", queryset=queryset.select_related("unit").prefetch_related(_follow_ups()).order_by("nomor")
    )


def meetings_in(period: Period) -> list[RapatMonev]:
    """The period's meetings, oldest first, each with its recommendations and their
    follow-ups (four queries)."""
    return list(
        RapatMonev.objects.filter(tanggal__gte=period.start, tanggal__lte=period.end)
        .prefetch_related(_recommendations(), "berkas")
        .order_by("tanggal", "pk")
    )


def carried_into(period: Period) -> list[Rekomendasi]:
    """Recommendations made before `period` and not finished when it began, oldest
    meeting first: the "tindak lanjut periode sebelumnya" of its report. One finished
    during the period is listed (with its follow-up); in the next period it is not."""
    return list(
        Rekomendasi.objects.filter(rapat__tanggal__lt=period.start)
        .filter(Q(selesai_pada__isnull=True) | Q(selesai_pada__gte=period.start))
        .select_related("rapat", "unit")
        .prefetch_related(_follow_ups())
        .order_by("rapat__tanggal", "rapat_id", "nomor")
    )


def follow_ups_until(rekomendasi: Rekomendasi, end: date) -> list[TindakLanjutRekomendasi]:
    """Its follow-ups done by `end` (from the prefetched rows)."""
    return [entry for entry in rekomendasi.tindak_lanjut.all() if entry.tanggal <= end]


def finished_by(rekomendasi: Rekomendasi, end: date) -> bool:
    return rekomendasi.selesai_pada is not None and rekomendasi.selesai_pada <= end


def versions_of(laporan: LaporanMonev) -> list[LaporanMonevVersi]:
    if laporan.pk is None:
        return []
    return list(laporan.versi.select_related("ditandatangani_oleh", "dicatat_oleh").order_by("-nomor"))


def latest_version(year: int, semester: int) -> LaporanMonevVersi | None:
    return (
        LaporanMonevVersi.objects.filter(laporan__tahun=year, laporan__semester=semester)
        .select_related("laporan")
        .order_by("-nomor")
        .first()
    )


def signed_semesters(start: date, end: date) -> list[LaporanMonevVersi]:
    """The newest issued version of every semester lying within start..end (one query)."""
    versions = (
        LaporanMonevVersi.objects.filter(laporan__tahun__gte=start.year, laporan__tahun__lte=end.year)
        .select_related("laporan")
        .order_by("laporan__tahun", "laporan__semester", "-nomor")
    )
    newest: dict[tuple[int, int], LaporanMonevVersi] = {}
    for version in versions:
        key = (version.laporan.tahun, version.laporan.semester)
        period = version.laporan.period
        if key not in newest and start <= period.start and period.end <= end:
            newest[key] = version
    return list(newest.values())


@dataclass(frozen=True)
class SemesterRow:
    period: Period
    report: LaporanMonev | None
    meetings: int
    recommendations: int
    open_recommendations: int

    @property
    def year(self) -> int:
        return self.period.start.year

    @property
    def semester(self) -> int:
        return 1 if self.period.start.month == 1 else 2

    @property
    def status_label(self) -> str:
        report = self.report
        return str(report.get_status_display() if report is not None else StatusLaporan.DRAF.label)


def semesters(today: date) -> list[SemesterRow]:
    """Every semester with a meeting or a report, and the current one, newest first
    (three queries)."""
    reports = {(r.tahun, r.semester): r for r in LaporanMonev.objects.all()}
    counts: dict[tuple[int, int], list[int]] = {}
    rows = (
        RapatMonev.objects.annotate(
            n_rec=Count("rekomendasi"), n_open=Count("rekomendasi", filter=Q(rekomendasi__selesai_pada__isnull=True))
        )
        .values_list("tanggal", "n_rec", "n_open")
        .order_by()
    )
    for day, n_rec, n_open in rows:
        key = (day.year, 1 if day.month <= 6 else 2)
        totals = counts.setdefault(key, [0, 0, 0])
        totals[0] += 1
        totals[1] += n_rec
        totals[2] += n_open
    current = semester_of(today)
    keys = set(reports) | set(counts) | {(current.start.year, 1 if current.start.month == 1 else 2)}
    result = []
    for year, semester in sorted(keys, reverse=True):
        meetings, recs, open_recs = counts.get((year, semester), [0, 0, 0])
        result.append(
            SemesterRow(Period.semester(year, semester), reports.get((year, semester)), meetings, recs, open_recs)
        )
    return result


def recommendation_with_history(queryset: QuerySet, pk: int) -> Rekomendasi:
    """One recommendation (from a queryset the caller scoped) with its meeting, unit,
    follow-ups and their files. Raises Rekomendasi.DoesNotExist."""
    return (
        queryset.select_related("rapat", "unit")
        .prefetch_related(
            Prefetch(
                "tindak_lanjut",
                queryset=TindakLanjutRekomendasi.objects.select_related("dicatat_oleh")
                .prefetch_related(Prefetch("berkas", queryset=BerkasTindakLanjut.objects.order_by("created_at", "pk")))
                .order_by("tanggal", "dicatat_pada", "pk"),
            )
        )
        .get(pk=pk)
    )
