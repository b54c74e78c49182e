"""The kinds of output that prove a work plan action, and how SIGAP's own reports link
themselves as that proof. The one place that knows which report proves what.

An action names its output type (RencanaAksi.jenis_output). For `unggahan` the proof is
what the Tim ZI uploads. For the others SIGAP finds its own report for each period of
the action (reports.workplan.schedule.Slot) when it exists:

- monev_semester: a signed semester monev report (the newest version) of a semester
  within the period — it holds the monev of every area and the follow-up of its
  recommendations;
- laporan_bulanan_pengaduan: the monthly follow-up report of complaints published on
  the website, for every month of the period that has ended;
- rekap_gratifikasi: the UPG's recap of gift declarations for the period, once ended;
- matrik_benturan: the implementation matrix of conflict-of-interest handling for the
  year, once the period has ended with at least one conflict case received in it.

Uploads may be added to any action, whatever its type. A link points to a page that
checks its reader's access itself; listing it reveals nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework.reporting import Period, all_reporting

from ..monev import documents as monev_documents
from ..monev.selectors import signed_semesters
from .schedule import Slot

UNGGAHAN = "unggahan"
MONEV_SEMESTER = "monev_semester"
LAPORAN_BULANAN_PENGADUAN = "laporan_bulanan_pengaduan"
REKAP_GRATIFIKASI = "rekap_gratifikasi"
MATRIK_BENTURAN = "matrik_benturan"

SOURCE_SIGAP = "sigap"
SOURCE_UPLOAD = "unggahan"


@dataclass(frozen=True)
class EvidenceLink:
    """One piece of evidence: SIGAP's own report, or an upload."""

    label: str
    url: str
    #: The slot it proves (Slot.key) and its name.
    period: str
    period_label: str
    source: str


@dataclass
class LinkContext:
    """What the links of one year look up, each once however many actions ask."""

    year: int
    today: date
    _signed: list | None = None
    _cases: dict = field(default_factory=dict)

    def signed(self):
        if self._signed is None:
            self._signed = signed_semesters(date(self.year, 1, 1), date(self.year, 12, 31))
        return self._signed

    def kind_has_cases(self, kind: str, start: date, end: date) -> bool:
        key = (kind, start, end)
        if key not in self._cases:
            reporting = next((r for r in all_reporting() if r.kind == kind), None)
            self._cases[key] = reporting is not None and reporting.cases(Period(start, end)).exists()
        return self._cases[key]


def _url(name: str, args=(), query: dict | None = None) -> str | None:
    try:
        url = reverse(name, args=args)
    except NoReverseMatch:
        return None  # that kind of case is not installed here
    return f"{url}?{urlencode(query)}" if query else url


def _monev_links(slot: Slot, context: LinkContext) -> list[EvidenceLink]:
    links = []
    for version in context.signed():
        period = version.laporan.period
        if period.start <= slot.end and period.end <= slot.end and period.end >= slot.start:
            links.append(
                EvidenceLink(
                    label=_("Laporan monev %(period)s, versi %(number)d, ditandatangani %(day)s")
                    % {
                        "period": period.label,
                        "number": version.nomor,
                        "day": monev_documents.day_text(version.tanggal),
                    },
                    url=reverse(
                        "reports:monev_version", args=[period.start.year, version.laporan.semester, version.nomor]
                    ),
                    period=slot.key,
                    period_label=slot.label,
                    source=SOURCE_SIGAP,
                )
            )
    return links


def _monthly_complaints_links(slot: Slot, context: LinkContext) -> list[EvidenceLink]:
    links = []
    for month in Period(slot.start, slot.end).months():
        if month.end >= context.today:
            continue  # the month's report is complete only once the month has ended
        url = _url("pengaduan:monthly", query={"bulan": month.slug})
        if url:
            links.append(
                EvidenceLink(
                    label=_("Laporan tindak lanjut pengaduan %(month)s") % {"month": month.label},
                    url=url,
                    period=slot.key,
                    period_label=slot.label,
                    source=SOURCE_SIGAP,
                )
            )
    return links


def _gift_recap_links(slot: Slot, context: LinkContext) -> list[EvidenceLink]:
    if slot.end >= context.today:
        return []
    url = _url(
        "gratifikasi_staff:summary",
        query={"periode": "rentang", "dari": slot.start.isoformat(), "sampai": slot.end.isoformat()},
    )
    if not url:
        return []
    return [
        EvidenceLink(
            label=_("Rekapitulasi penanganan gratifikasi %(period)s") % {"period": slot.label},
            url=url,
            period=slot.key,
            period_label=slot.label,
            source=SOURCE_SIGAP,
        )
    ]


def _conflict_matrix_links(slot: Slot, context: LinkContext) -> list[EvidenceLink]:
    if slot.end >= context.today or not context.kind_has_cases("benturan", slot.start, slot.end):
        return []
    url = _url("benturan_register:matrix", query={"tahun": slot.start.year})
    if not url:
        return []
    return [
        EvidenceLink(
            label=_("Matriks implementasi penanganan benturan kepentingan %(year)d") % {"year": slot.start.year},
            url=url,
            period=slot.key,
            period_label=slot.label,
            source=SOURCE_SIGAP,
        )
    ]


@dataclass(frozen=True)
class OutputType:
    code: str
    label: object
    links: Callable[[Slot, LinkContext], list[EvidenceLink]] | None = None


OUTPUT_TYPES: dict[str, OutputType] = {
    output.code: output
    for output in (
        OutputType(UNGGAHAN, gettext_lazy("Dokumen yang diunggah (SK, daftar hadir, notula, foto)")),
        OutputType(MONEV_SEMESTER, gettext_lazy("Laporan monev semester dari SIGAP"), _monev_links),
        OutputType(
            LAPORAN_BULANAN_PENGADUAN,
            gettext_lazy("Laporan bulanan tindak lanjut pengaduan dari SIGAP"),
            _monthly_complaints_links,
        ),
        OutputType(REKAP_GRATIFIKASI, gettext_lazy("Rekapitulasi gratifikasi dari SIGAP"), _gift_recap_links),
        OutputType(MATRIK_BENTURAN, gettext_lazy("Matriks benturan kepentingan dari SIGAP"), _conflict_matrix_links),
    )
}


def output_choices() -> list[tuple[str, object]]:
    return [(code, output.label) for code, output in OUTPUT_TYPES.items()]


def sigap_links(code: str, slot: Slot, context: LinkContext) -> list[EvidenceLink]:
    """SIGAP's own reports proving `slot` of an action of output type `code`."""
    output = OUTPUT_TYPES.get(code)
    if output is None or output.links is None:
        return []
    return output.links(slot, context)
