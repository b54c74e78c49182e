"""The public statistics page (/statistik/, no login): what a unit links from its website
to show how it handles complaints, whistle-blowing reports, gift declarations and
conflicts of interest. It is the public version of the monthly follow-up reports
(reports/monthly.py), built as one Document for a month:

- complaints: the month's counts (received, in process, finished, finished within the
  deadline and its share), by current status and by kategori, and the twelve months
  ending with it, with their charts; the complaints' own public monthly page
  (pengaduan/monthly.py) is linked for its detailed list;
- WBS: counts only, never a row, a kategori or a unit (casework.reporting counts_only);
- gift declarations by month (received and refused);
- conflicts of interest: counts only;
- the anonymised follow-up list of the month: only the cases each kind lets a public list
  name (KindReporting.public_cases: *biasa* only, never a complaint moved to the WBS,
  never a WBS report or a conflict case), with no reference and no text but what was
  written for publication.

Counts cover every case, *rahasia* ones included: a number names no one, and leaving
confidential cases out would make the record look better or worse than it is
(pengaduan/monthly.py says the same). The page runs a fixed number of queries whatever
the number of cases (tests/test_public_stats.py counts them at two sizes).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from casework.kinds import get_kind
from casework.reporting import KindReporting, Period, Tally, all_reporting

from .document import Chart, Document, Paragraph, Section, Series, Table
from .sections import figures, follow_up


@dataclass(frozen=True)
class PublicLink:
    text: str
    url: str


def _by_kind() -> dict[str, KindReporting]:
    return {reporting.kind: reporting for reporting in all_reporting()}


def _status_table(reporting: KindReporting, period: Period) -> Table:
    labels = get_kind(reporting.kind).state_labels
    breakdown = reporting.monthly_breakdown(period, "state", labels)
    tallies = tuple(Tally(value.key, value.label, breakdown.total(value.key)) for value in breakdown.values)
    return figures.breakdown_table(tallies, first=_("Status"), caption=_("Menurut status saat ini"))


def _counts_section(reporting: KindReporting, period: Period, *, title: str, note: str) -> Section:
    trend = figures.Trend.of(reporting, figures.trend_period(period))
    return Section(
        title,
        (
            figures.summary_table(trend.last(), caption=period.label),
            Paragraph(note),
            figures.monthly_table(trend, caption=_("Dua belas bulan terakhir")),
        ),
    )


def _complaints(reporting: KindReporting, period: Period) -> Section:
    month = reporting.figures(period)
    trend = figures.Trend.of(reporting, figures.trend_period(period))
    blocks = [
        figures.summary_table(month, caption=period.label),
        figures.compliance_note(),
        _status_table(reporting, period),
        figures.breakdown_table(month.by_kategori, first=_("Kategori layanan"), caption=_("Menurut kategori layanan")),
        figures.breakdown_table(month.by_channel, first=_("Saluran"), caption=_("Menurut saluran")),
        figures.trend_chart(trend),
        figures.compliance_chart(trend),
    ]
    chart = figures.tally_chart(month.by_kategori, title=_("Menurut kategori layanan"), series=_("Diterima"))
    if chart is not None:
        blocks.append(chart)
    blocks.append(figures.monthly_table(trend, caption=_("Dua belas bulan terakhir")))
    return Section(_("Pengaduan masyarakat"), tuple(blocks))


def _gifts(reporting: KindReporting, period: Period) -> Section:
    trend_period = figures.trend_period(period)
    labels = reporting.kategori_labels or {}
    breakdown = reporting.monthly_breakdown(trend_period, reporting.kategori_field, labels)
    months = breakdown.months
    table = Table(
        columns=(_("Bulan"), *(str(label) for label in labels.values()), _("Jumlah")),
        rows=tuple(
            (month.label, *(breakdown.count(month, key) for key in labels), breakdown.month_total(month))
            for month in months
        ),
        caption=_("Laporan gratifikasi per bulan"),
        footer=(_("Jumlah"), *(breakdown.total(key) for key in labels), sum(breakdown.counts.values())),
    )
    chart = Chart(
        title=_("Laporan gratifikasi per bulan"),
        categories=tuple(figures.short_month(month) for month in months),
        series=tuple(
            Series(str(label), tuple(breakdown.count(month, key) for month in months)) for key, label in labels.items()
        ),
    )
    return Section(
        _("Gratifikasi"),
        (
            Paragraph(
                _(
                    "Laporan penerimaan dan penolakan gratifikasi yang diterima Unit Pengendalian Gratifikasi "
                    "(UPG), menurut bulan diterimanya. Identitas pelapor dan pemberi tidak pernah diumumkan."
                )
            ),
            table,
            chart,
        ),
    )


def public_rows(period: Period, reportings: list[KindReporting]) -> list[tuple[str, object]]:
    rows = []
    for reporting in reportings:
        rows.extend((reporting.label, row) for row in reporting.follow_up_rows(period, public=True))
    rows.sort(key=lambda item: (item[1].received_on, item[1].kind, item[1].case_id))
    return rows


def public_document(period: Period) -> Document:
    """The public statistics of the month `period`."""
    kinds = _by_kind()
    sections = []
    if "pengaduan" in kinds:
        sections.append(_complaints(kinds["pengaduan"], period))
    if "wbs" in kinds:
        sections.append(
            _counts_section(
                kinds["wbs"],
                period,
                title=_("Whistle-Blowing System (WBS)"),
                note=_("Laporan WBS diumumkan sebagai angka saja; isi, pelapor, dan pihak terlapor dirahasiakan."),
            )
        )
    if "gratifikasi" in kinds:
        sections.append(_gifts(kinds["gratifikasi"], period))
    if "benturan" in kinds:
        sections.append(
            _counts_section(
                kinds["benturan"],
                period,
                title=_("Benturan kepentingan"),
                note=_("Penanganan benturan kepentingan diumumkan sebagai angka saja."),
            )
        )
    listed = [kinds[code] for code in ("pengaduan", "gratifikasi", "benturan") if code in kinds]
    sections.append(
        Section(
            _("Daftar tindak lanjut"),
            (
                Paragraph(
                    _(
                        "Kasus yang boleh diumumkan, tanpa nomor, identitas, dan isi laporan. Kasus yang "
                        "dirahasiakan dan laporan WBS tidak pernah dicantumkan; semuanya tetap dihitung di atas."
                    )
                ),
                follow_up.public_table(public_rows(period, listed)),
            ),
            page_break=True,
        )
    )
    return Document(
        title=_("Statistik Penanganan Pengaduan dan Integritas"),
        subtitle=period.label,
        sections=tuple(sections),
        slug=f"statistik-{period.slug}",
    )


def complaint_list_link(period: Period) -> PublicLink | None:
    """The complaints' own public monthly page for the month (pengaduan/monthly.py)."""
    reporting = _by_kind().get("pengaduan")
    if reporting is None or not hasattr(reporting, "public_list_url"):
        return None
    return PublicLink(
        _("Rincian setiap pengaduan %(period)s") % {"period": period.label},
        reporting.public_list_url(period.start.year, period.start.month),
    )
