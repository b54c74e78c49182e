"""What each kind tells the reports about itself for a period (domain.md §7).

The reports app reads the kinds only through this seam: each kind registers a
`KindReporting` (CaseKind.reporting, a dotted path) saying which of its fields are the
channel and the kategori, which deadline clocks measure its compliance, and how a case's
follow-up is summarised. The figures themselves are computed here once for every kind,
on the shared case table, in a fixed number of grouped queries whatever the number of
cases; no row is read into Python except the follow-up rows asked for.

Definitions, the same in every report:

- A case belongs to the period in which it was *received* (Case.received_on, the local
  date the unit got it — for a paper complaint the day on the letter, not the day typed).
- *Finished* means in one of the kind's final states now; *in process* means received in
  the period and not finished. A case reopened after closing is in process again.
- *Finished within the deadline*: finished, and none of the kind's compliance clocks was
  missed — each was completed on or before its due date, or (never completed) its due
  date had not passed when the case closed. Compliance = within ÷ finished.
- A complaint moved to the WBS is closed as a complaint (its own final state) and counts
  once more as a new WBS report, received the day it was moved.
"""

from __future__ import annotations

import calendar as _calendar
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING

from django.db.models import Count, DateTimeField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.db.models.functions import ExtractMonth, ExtractYear, TruncDate
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from .models import Case, Confidentiality, Deadline

if TYPE_CHECKING:
    from .kinds import CaseKind

_MONTH_NAMES = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
_SLUG = re.compile(r"^(\d{4})(?:-(\d{1,2})|-S([12]))?$")


@dataclass(frozen=True, order=True)
class Period:
    """A run of whole days, both ends included: a month, a semester or a year."""

    start: date
    end: date

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(date(year, month, 1), date(year, month, _calendar.monthrange(year, month)[1]))

    @classmethod
    def semester(cls, year: int, semester: int) -> Period:
        if semester not in (1, 2):
            raise ValueError(semester)
        return cls(date(year, 1, 1), date(year, 6, 30)) if semester == 1 else cls(date(year, 7, 1), date(year, 12, 31))

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def parse(cls, slug: str) -> Period:
        """ "2026-03" a month, "2026-S1" a semester, "2026" a year; ValueError otherwise."""
        match = _SLUG.match((slug or "").strip())
        if not match or not 1900 <= int(match[1]) <= 2999:
            raise ValueError(slug)
        year = int(match[1])
        if match[2]:
            if not 1 <= int(match[2]) <= 12:
                raise ValueError(slug)
            return cls.month(year, int(match[2]))
        if match[3]:
            return cls.semester(year, int(match[3]))
        return cls.year(year)

    @property
    def kind(self) -> str:
        if self.start.month == self.end.month and self.start.year == self.end.year:
            return "month"
        if (self.start.month, self.end.month) in ((1, 6), (7, 12)):
            return "semester"
        return "year"

    @property
    def slug(self) -> str:
        if self.kind == "month":
            return f"{self.start.year}-{self.start.month:02d}"
        if self.kind == "semester":
            return f"{self.start.year}-S{1 if self.start.month == 1 else 2}"
        return str(self.start.year)

    @property
    def label(self) -> str:
        if self.kind == "month":
            return f"{_(_MONTH_NAMES[self.start.month - 1])} {self.start.year}"
        if self.kind == "semester":
            return _("Semester %(number)s %(year)s") % {
                "number": "I" if self.start.month == 1 else "II",
                "year": self.start.year,
            }
        return _("Tahun %(year)s") % {"year": self.start.year}

    def months(self) -> list[Period]:
        months, year, month = [], self.start.year, self.start.month
        while date(year, month, 1) <= self.end:
            months.append(Period.month(year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return months

    def previous(self) -> Period:
        """The period of the same length before this one."""
        if self.kind == "month":
            return Period.month(
                *((self.start.year - 1, 12) if self.start.month == 1 else (self.start.year, self.start.month - 1))
            )
        if self.kind == "semester":
            return (
                Period.semester(self.start.year, 1)
                if self.start.month == 7
                else Period.semester(self.start.year - 1, 2)
            )
        return Period.year(self.start.year - 1)

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class Tally:
    """One line of a breakdown: a key, what people call it, how many."""

    key: str
    label: str
    count: int


@dataclass(frozen=True)
class KindFigures:
    kind: str
    label: str
    period: Period
    received: int
    in_process: int
    finished: int
    finished_on_time: int
    by_channel: tuple[Tally, ...]
    by_kategori: tuple[Tally, ...]
    by_unit: tuple[Tally, ...]
    #: Received per month of the period, in order.
    by_month: tuple[Tally, ...]
    #: Per month: (finished, finished on time), for the compliance trend.
    compliance_by_month: tuple[tuple[str, int, int], ...]

    @property
    def compliance(self) -> Decimal | None:
        """Finished within the deadline ÷ finished, in percent (one decimal), or None."""
        if not self.finished:
            return None
        return (Decimal(self.finished_on_time) * 100 / Decimal(self.finished)).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class FollowUpRow:
    kind: str
    case_id: int
    reference: str
    received_on: date
    kategori: str
    unit: str
    state: str
    status: str
    finished: bool
    closed_on: date | None
    on_time: bool | None
    summary: str
    confidentiality: str


@dataclass(frozen=True)
class MonthlyBreakdown:
    """Counts per month and value of one field (KindReporting.monthly_breakdown)."""

    months: tuple[Period, ...]
    #: The values found, in order (Tally.count unused: see count()).
    values: tuple[Tally, ...]
    counts: dict[tuple[str, str], int]

    def count(self, month: Period, key: str) -> int:
        return self.counts.get((month.slug, key), 0)

    def total(self, key: str) -> int:
        return sum(n for (_month, value), n in self.counts.items() if value == key)

    def month_total(self, month: Period) -> int:
        return sum(n for (slug, _value), n in self.counts.items() if slug == month.slug)


class KindReporting:
    """The base every kind's reporting extends; a kind overrides only what differs."""

    #: The kind's code (Case.kind).
    kind: str = ""
    #: Field of the kind's model holding the channel, and its labels (None: no channel).
    channel_field: str | None = None
    channel_labels: dict | None = None
    #: Field (or lookup path) holding the kategori, and the labels of its values; for a
    #: foreign key give the lookup of its name ("kategori__name") and no labels.
    kategori_field: str | None = None
    kategori_labels: dict | None = None
    #: The staff clocks whose deadlines decide whether a case finished in time.
    compliance_clocks: tuple[str, ...] = ()
    #: Figures of this kind are counts only for anyone but its handlers (WBS), and it
    #: never has a public row.
    counts_only: bool = False
    #: The kind's staff list (a URL name taking no argument), where the cases behind a
    #: figure are listed with the shared filters of casework.forms_list (the period
    #: received, finished or in process, the deadline status); empty: none to link to.
    list_url_name: str = ""
    #: Roles that see every case of the kind in that list (recusal aside): a report's
    #: figure is a link to the list only for them, since for anyone else the list would
    #: show fewer cases than the figure counts.
    list_roles: tuple[str, ...] = ()
    #: Whether that list narrows to exactly one Case.unit with ?unit=<id>.
    list_filters_unit: bool = False

    @cached_property
    def case_kind(self) -> CaseKind:
        from .kinds import get_kind

        return get_kind(self.kind)

    @property
    def label(self) -> str:
        return str(self.case_kind.label)

    def lists_all_for(self, user) -> bool:
        """Whether `user` sees every case of the kind in its staff list, so that a figure
        may link to the cases behind it."""
        return bool(self.list_url_name and self.list_roles and user.has_role(*self.list_roles))

    def cases(self, period: Period) -> QuerySet:
        """The kind's cases received in `period`."""
        return self.case_kind.model.objects.filter(received_on__gte=period.start, received_on__lte=period.end)

    def _finished(self) -> Q:
        return Q(state__in=list(self.case_kind.final_states))

    def _missed(self) -> Exists:
        """A compliance deadline of the case that was missed."""
        late = Q(completed_at__isnull=False, due_date__lt=TruncDate("completed_at")) | Q(
            completed_at__isnull=True,
            due_date__lt=TruncDate(ExpressionWrapper(OuterRef("closed_at"), output_field=DateTimeField())),
        )
        return Exists(Deadline.objects.filter(late, case_id=OuterRef("pk"), clock__in=list(self.compliance_clocks)))

    def _on_time(self) -> Q:
        return self._finished() & Q(closed_at__isnull=False) & ~Q(self._missed())

    def _case_rows(self, period: Period) -> QuerySet:
        """The kind's cases received in `period` as shared case rows: the figures read only
        the case table (one index serves them) unless they need the kind's own columns."""
        cases = Case.objects.filter(kind=self.kind, received_on__gte=period.start, received_on__lte=period.end)
        return cases.order_by()

    def figures(self, period: Period) -> KindFigures:
        """The kind's figures for `period`, in three grouped queries whatever the number of
        cases: per month and unit from the case table alone; the finished within the
        deadline per month (the missed deadlines as an anti-join, not a subquery run for
        every case); per channel and kategori from the kind's table."""
        received, finished, on_time, units = self._counts(period)
        by_channel, by_kategori = self._own_breakdowns(period)
        by_month, compliance_by_month = self._months(period, received, finished, on_time)
        return KindFigures(
            kind=self.kind,
            label=self.label,
            period=period,
            received=sum(received.values()),
            finished=sum(finished.values()),
            in_process=sum(received.values()) - sum(finished.values()),
            finished_on_time=sum(on_time.values()),
            by_channel=by_channel,
            by_kategori=by_kategori,
            by_unit=_tallies(units, None, empty=_("Belum ditetapkan")),
            by_month=by_month,
            compliance_by_month=compliance_by_month,
        )

    def monthly(self, period: Period) -> tuple[tuple[Tally, ...], tuple[tuple[str, int, int], ...]]:
        """Received per month of `period`, and per month (label, finished, finished on
        time): the trend alone, in two grouped queries (figures() includes it)."""
        received, finished, on_time, _units = self._counts(period)
        return self._months(period, received, finished, on_time)

    def _counts(self, period: Period) -> tuple[dict, dict, dict, dict]:
        """Received and finished per (year, month), finished on time per (year, month), and
        received per unit name: two grouped queries on the case table."""
        rows = self._case_rows(period)
        per_month_unit = (
            rows.annotate(y=ExtractYear("received_on"), m=ExtractMonth("received_on"))
            .values_list("y", "m", "unit__name")
            .annotate(n=Count("pk"), done=Count("pk", filter=self._finished()))
        )
        received, finished, units = defaultdict(int), defaultdict(int), defaultdict(int)
        for year, month, unit, n, done in per_month_unit:
            received[(year, month)] += n
            finished[(year, month)] += done
            units[unit] += n
        on_time = dict(
            ((year, month), n)
            for year, month, n in rows.filter(self._on_time())
            .annotate(y=ExtractYear("received_on"), m=ExtractMonth("received_on"))
            .values_list("y", "m")
            .annotate(n=Count("pk"))
        )
        return received, finished, on_time, units

    @staticmethod
    def _months(period: Period, received: dict, finished: dict, on_time: dict):
        by_month, compliance_by_month = [], []
        for month in period.months():
            key = (month.start.year, month.start.month)
            by_month.append(Tally(month.slug, month.label, received.get(key, 0)))
            compliance_by_month.append((month.label, finished.get(key, 0), on_time.get(key, 0)))
        return tuple(by_month), tuple(compliance_by_month)

    def _own_breakdowns(self, period: Period) -> tuple[tuple[Tally, ...], tuple[Tally, ...]]:
        """By channel and by kategori, the kind's own columns, in one grouped query."""
        paths = [path for path in (self.channel_field, self.kategori_field) if path]
        if not paths:
            return (), ()
        channels, kategori = defaultdict(int), defaultdict(int)
        for row in self.cases(period).order_by().values(*paths).annotate(n=Count("pk")):
            if self.channel_field:
                channels[row[self.channel_field]] += row["n"]
            if self.kategori_field:
                kategori[row[self.kategori_field]] += row["n"]
        return (
            _tallies(channels, self.channel_labels) if self.channel_field else (),
            _tallies(kategori, self.kategori_labels) if self.kategori_field else (),
        )

    # --- Follow-up rows ------------------------------------------------------------------

    def follow_up_rows(self, period: Period, *, public: bool, within: QuerySet | None = None) -> list[FollowUpRow]:
        """One row per case received in `period`, oldest first, with its follow-up summary.

        The public version (`public=True`) lists only the cases `public_cases` allows
        (*biasa* ones), with no reference and no summary unless the kind has one written
        for publication; a counts-only kind lists none. `within` (a queryset of cases)
        keeps only those cases: the ones the reader may open (reports.access decides)."""
        if public and self.counts_only:
            return []
        cases = self.cases(period)
        if public:
            cases = self.public_cases(cases)
        if within is not None:
            cases = cases.filter(pk__in=within.values("pk"))
        fields = ["pk", "reference", "received_on", "state", "closed_at", "confidentiality", "unit__name"]
        if self.kategori_field:
            fields.append(self.kategori_field)
        rows = list(cases.annotate(on_time=Q(self._on_time())).values(*fields, "on_time").order_by("received_on", "pk"))
        summaries = self.summaries([row["pk"] for row in rows], public=public)
        result = []
        for row in rows:
            kategori = row.get(self.kategori_field) if self.kategori_field else None
            finished = row["state"] in self.case_kind.final_states
            result.append(
                FollowUpRow(
                    kind=self.kind,
                    case_id=row["pk"],
                    reference="" if public else row["reference"],
                    received_on=row["received_on"],
                    kategori=str((self.kategori_labels or {}).get(kategori, kategori or "")),
                    unit=row["unit__name"] or "",
                    state=row["state"],
                    status=self.case_kind.state_label(row["state"]),
                    finished=finished,
                    closed_on=_local_date(row["closed_at"]) if finished else None,
                    on_time=bool(row["on_time"]) if finished else None,
                    summary=summaries.get(row["pk"], ""),
                    confidentiality=row["confidentiality"],
                )
            )
        return result

    def summaries(self, case_ids: list[int], *, public: bool) -> dict[int, str]:
        """The follow-up summary of each case, in one query (a kind overrides this): for
        the public version only text written for publication, never the answer to a
        person."""
        return {}

    def public_cases(self, cases: QuerySet) -> QuerySet:
        """Which of `cases` a public list may name (anonymised): *biasa* ones only; a kind
        narrows this further (a complaint moved to the WBS, a kind never published)."""
        return cases.filter(confidentiality=Confidentiality.BIASA)

    def case_url(self, case_id: int) -> str:
        """Where staff open the case (the kind's own page, else the engine's)."""
        from django.urls import reverse

        name = self.case_kind.detail_url_name or "case:detail"
        return reverse(name, args=[case_id])

    # --- Counts per month by one field -----------------------------------------------------

    def monthly_breakdown(self, period: Period, path: str, labels: dict | None = None) -> MonthlyBreakdown:
        """How many cases received in each month of `period` have each value of `path`
        (a field or lookup of the kind's model, e.g. "state", "kategori__name"): one
        grouped query. Values are ordered as `labels` lists them, then by name."""
        rows = (
            self.cases(period)
            .order_by()
            .annotate(y=ExtractYear("received_on"), m=ExtractMonth("received_on"))
            .values("y", "m", path)
            .annotate(n=Count("pk"))
        )
        counts: dict[tuple[str, str], int] = {}
        found: set[str] = set()
        for row in rows:
            key = str(row[path] or "")
            counts[(f"{row['y']}-{row['m']:02d}", key)] = row["n"]
            found.add(key)
        order = {str(value): index for index, value in enumerate(labels or {})}
        keys = sorted(found, key=lambda key: (order.get(key, len(order)), key))
        empty = _("Tidak diisi")
        values = tuple(Tally(key, str((labels or {}).get(key, key)) if key else empty, 0) for key in keys)
        return MonthlyBreakdown(months=tuple(period.months()), values=values, counts=counts)


#: How long a free-text part of a staff summary may be: a report row is a summary, and the
#: full text stays on the case's own page.
SUMMARY_TEXT_LIMIT = 240


def brief(text: str | None, limit: int = SUMMARY_TEXT_LIMIT) -> str:
    """`text` on one line, cut at a word before `limit` characters with an ellipsis."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.")
    return f"{cut}…"


def join_summary(parts) -> str:
    """Summary parts (sentences, some empty) as one text."""
    return " ".join(part.strip() for part in parts if part and part.strip())


def _tallies(counts: dict, labels: dict | None, empty: str = "") -> tuple[Tally, ...]:
    """A breakdown's lines, largest first, then by key (an empty one last)."""
    empty = empty or _("Tidak diisi")
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0] is None, item[0] or ""))
    return tuple(
        Tally(str(key or ""), str((labels or {}).get(key, key)) if key else empty, n) for key, n in ordered if n
    )


def _local_date(moment) -> date | None:
    from django.utils import timezone

    return timezone.localdate(moment) if moment else None


def reporting_of(kind: CaseKind) -> KindReporting | None:
    """The kind's registered reporting, or None when it registered none."""
    if not kind.reporting:
        return None
    return import_string(kind.reporting)


def all_reporting() -> list[KindReporting]:
    """Every registered kind's reporting, in a fixed order (pengaduan, WBS, gratifikasi,
    benturan kepentingan, then any other)."""
    from .kinds import all_kinds

    order = {"pengaduan": 0, "wbs": 1, "gratifikasi": 2, "benturan": 3}
    found = [(order.get(kind.code, 9), kind.code, reporting_of(kind)) for kind in all_kinds()]
    return [reporting for _o, _c, reporting in sorted(found, key=lambda item: item[:2]) if reporting is not None]


__all__ = [
    "MonthlyBreakdown",
    "Tally",
    "FollowUpRow",
    "KindFigures",
    "KindReporting",
    "Period",
    "all_reporting",
    "brief",
    "join_summary",
    "reporting_of",
]
