"""The monthly follow-up report of an area (laporan bulanan tindak lanjut): pengaduan, WBS,
gratifikasi or benturan kepentingan, for one month, as a Document (domain.md §7).

What it says, for the month: how many cases were received, how many are in process and
finished, by channel, kategori and unit; how many finished within the deadline
(compliance = within ÷ finished); the monthly trend and compliance over the twelve
months ending with it; and each case's follow-up. Every figure comes from the kind's
registered reporting (casework.reporting), the same definitions in every report. The
gratifikasi report adds the UPG recap of the month; the benturan report adds the
implementation matrix and the risk map.

Who reads what is reports.access: the figures are the same for every reader; the rows
are those the reader may open, and a WBS report is counts only outside its handlers.
The staff page for it is reports/monthly_views.py; the public version is part of the
public statistics page (reports/public_stats.py).
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework.kinds import get_kind
from casework.reporting import KindReporting, Period, reporting_of

from . import access
from .document import Document, Paragraph, Section
from .sections import benturan_registers, figures, follow_up, upg_recap

#: How each area's report is titled.
AREA_TITLES = {
    "pengaduan": gettext_lazy("Laporan Bulanan Tindak Lanjut Pengaduan Masyarakat"),
    "wbs": gettext_lazy("Laporan Bulanan Tindak Lanjut Whistle-Blowing System"),
    "gratifikasi": gettext_lazy("Laporan Bulanan Penanganan Gratifikasi"),
    "benturan": gettext_lazy("Laporan Bulanan Penanganan Benturan Kepentingan"),
}


def reporting_for(area: str) -> KindReporting:
    reporting = reporting_of(get_kind(area))
    if reporting is None:
        raise LookupError(area)
    return reporting


def area_title(area: str) -> str:
    return str(AREA_TITLES[area])


def area_sections(area: str, period: Period, *, user) -> tuple[Section, ...]:
    """The sections of one area's monthly report, as `user` may read them."""
    reporting = reporting_for(area)
    detail = access.sees_detail(user, reporting)
    month = reporting.figures(period)
    trend = figures.Trend.of(reporting, figures.trend_period(period))
    summary_blocks = [
        figures.summary_table(month, caption=_("Ringkasan %(period)s") % {"period": period.label}),
        figures.compliance_note(),
    ]
    if not detail:
        summary_blocks.append(
            Paragraph(
                _(
                    "Laporan WBS ditampilkan sebagai angka saja: rincian per unit dan per laporan hanya "
                    "untuk pengelola WBS."
                )
            )
        )
    sections = [
        Section(_("Ringkasan"), tuple(summary_blocks)),
        Section(_("Rincian"), figures.breakdowns(month, detail=detail)),
        Section(
            _("Tren dan grafik"),
            (
                *figures.charts(month, trend, detail=detail),
                figures.monthly_table(trend, caption=_("Dua belas bulan terakhir")),
            ),
        ),
    ]
    within = access.rows_within(user, reporting)
    if within is not None:
        rows = reporting.follow_up_rows(period, public=False, within=within)
        note = follow_up.hidden_note(month.received - len(rows))
        # A reader who may open none of the month's cases is told so once, not shown an
        # empty table as well.
        blocks = [follow_up.staff_table(reporting, rows, period=period)] if rows or note is None else []
        if note is not None:
            blocks.append(note)
        sections.append(Section(_("Tindak lanjut per kasus"), tuple(blocks), page_break=True))
    if area == "gratifikasi":
        sections.extend(upg_recap.recap_sections(period))
    if area == "benturan":
        sections.append(benturan_registers.matrix_section(period, user=user))
        sections.extend(benturan_registers.risk_map_sections(user=user))
    return tuple(sections)


def monthly_document(area: str, period: Period, *, user) -> Document:
    """The monthly report of `area` for `period` as `user` may read it. The caller checks
    that `user` reads the area (reports.access.require_area)."""
    return Document(
        title=area_title(area),
        subtitle=period.label,
        sections=area_sections(area, period, user=user),
        slug=f"laporan-bulanan-{area}-{period.slug}",
    )
