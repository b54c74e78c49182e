"""A kind's figures for a period as report blocks: the summary (received, in process,
finished, within the deadline, compliance), the breakdowns by channel, kategori and
unit, and the four charts (monthly trend, by kategori, deadline compliance, per unit).

`detail=False` leaves out what a counts-only kind shows only to its handlers (the
breakdown and chart by unit); the public version passes `public=True` to keep to the
totals of such a kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from casework.reporting import KindFigures, KindReporting, Period, Tally

from ..document import Chart, Paragraph, Series, Table, percent

#: How many months the trend charts show, ending with the report's month.
TREND_MONTHS = 12


def trend_period(period: Period, months: int = TREND_MONTHS) -> Period:
    """The `months` whole months ending with the last month of `period`."""
    year, month = period.end.year, period.end.month - (months - 1)
    while month < 1:
        year, month = year - 1, month + 12
    return Period(date(year, month, 1), period.end)


@dataclass(frozen=True)
class Trend:
    """A kind's months: received, finished and finished within the deadline per month of
    the cases received in that month (KindReporting.monthly, one query)."""

    period: Period
    by_month: tuple[Tally, ...]
    compliance_by_month: tuple[tuple[str, int, int], ...]

    @classmethod
    def of(cls, reporting: KindReporting, period: Period) -> Trend:
        return cls(period, *reporting.monthly(period))

    @property
    def received(self) -> int:
        return sum(tally.count for tally in self.by_month)

    @property
    def finished(self) -> int:
        return sum(finished for _label, finished, _on_time in self.compliance_by_month)

    @property
    def finished_on_time(self) -> int:
        return sum(on_time for _label, _finished, on_time in self.compliance_by_month)

    def last(self) -> Totals:
        """The figures of the trend's last month."""
        _label, finished, on_time = self.compliance_by_month[-1]
        return Totals(self.by_month[-1].count, finished, on_time)


@dataclass(frozen=True)
class Totals:
    received: int
    finished: int
    finished_on_time: int

    @property
    def in_process(self) -> int:
        return self.received - self.finished

    @property
    def compliance(self):
        return percent(self.finished_on_time, self.finished)


def short_month(month: Period) -> str:
    """ "Mar 2026": a month as a chart's axis names it."""
    return date_format(month.start, "M Y")


def summary_table(figures: KindFigures | Totals, *, caption: str = "") -> Table:
    return Table(
        columns=(_("Uraian"), _("Jumlah")),
        rows=(
            (_("Diterima"), figures.received),
            (_("Dalam proses"), figures.in_process),
            (_("Selesai"), figures.finished),
            (_("Selesai dalam batas waktu"), figures.finished_on_time),
            (_("Kepatuhan terhadap batas waktu (%)"), figures.compliance),
        ),
        caption=caption,
        widths=(3, 1),
    )


def compliance_note() -> Paragraph:
    return Paragraph(
        _(
            "Kasus dihitung pada bulan diterimanya. Selesai: sudah pada tahap akhir. Dalam proses: belum "
            "selesai, termasuk kasus yang dibuka kembali. Kepatuhan = selesai dalam batas waktu ÷ selesai."
        )
    )


def breakdown_table(tallies: tuple[Tally, ...], *, first: str, caption: str, empty: str = "") -> Table:
    total = sum(tally.count for tally in tallies)
    return Table(
        columns=(first, _("Jumlah"), _("Persentase (%)")),
        rows=tuple((tally.label, tally.count, percent(tally.count, total)) for tally in tallies),
        caption=caption,
        empty=empty or _("Tidak ada kasus pada periode ini."),
        footer=(_("Jumlah"), total, percent(total, total)) if tallies else None,
        widths=(3, 1, 1),
    )


def breakdowns(figures: KindFigures, *, detail: bool) -> tuple:
    blocks = []
    if figures.by_channel:
        blocks.append(breakdown_table(figures.by_channel, first=_("Saluran"), caption=_("Menurut saluran")))
    blocks.append(breakdown_table(figures.by_kategori, first=_("Kategori"), caption=_("Menurut kategori")))
    if detail:
        blocks.append(breakdown_table(figures.by_unit, first=_("Unit kerja"), caption=_("Menurut unit kerja")))
    return tuple(blocks)


def monthly_table(trend: Trend, *, caption: str) -> Table:
    """Per month of the trend: received, finished, within the deadline, compliance."""
    rows = []
    for (month_label, finished, on_time), received in zip(trend.compliance_by_month, trend.by_month, strict=True):
        rows.append((month_label, received.count, finished, on_time, percent(on_time, finished)))
    return Table(
        columns=(_("Bulan"), _("Diterima"), _("Selesai"), _("Selesai dalam batas waktu"), _("Kepatuhan (%)")),
        rows=tuple(rows),
        caption=caption,
        footer=(
            _("Jumlah"),
            trend.received,
            trend.finished,
            trend.finished_on_time,
            percent(trend.finished_on_time, trend.finished),
        ),
        widths=(2, 1, 1, 1, 1),
    )


def trend_chart(trend: Trend, *, title: str = "") -> Chart:
    months = trend.period.months()
    return Chart(
        title=title or _("Tren bulanan: diterima dan selesai"),
        categories=tuple(short_month(month) for month in months),
        series=(
            Series(_("Diterima"), tuple(tally.count for tally in trend.by_month)),
            Series(_("Selesai"), tuple(finished for _label, finished, _on_time in trend.compliance_by_month)),
        ),
        kind="line",
    )


def compliance_chart(trend: Trend) -> Chart:
    months = trend.period.months()
    return Chart(
        title=_("Kepatuhan batas waktu per bulan"),
        categories=tuple(short_month(month) for month in months),
        series=(
            Series(_("Selesai"), tuple(finished for _label, finished, _on_time in trend.compliance_by_month)),
            Series(
                _("Selesai dalam batas waktu"),
                tuple(on_time for _label, _finished, on_time in trend.compliance_by_month),
            ),
        ),
    )


def tally_chart(tallies: tuple[Tally, ...], *, title: str, series: str) -> Chart | None:
    if not tallies:
        return None
    return Chart(
        title=title,
        categories=tuple(tally.label for tally in tallies),
        series=(Series(series, tuple(tally.count for tally in tallies)),),
    )


def charts(figures: KindFigures, trend: Trend, *, detail: bool) -> tuple:
    """The four charts of an area: trend, by kategori, compliance, per unit (with detail)."""
    found = [
        trend_chart(trend),
        tally_chart(figures.by_kategori, title=_("Menurut kategori"), series=_("Diterima")),
        compliance_chart(trend),
    ]
    if detail:
        found.append(tally_chart(figures.by_unit, title=_("Menurut unit kerja"), series=_("Diterima")))
    return tuple(chart for chart in found if chart is not None)
