"""The statistics of every kind of case for a period, as a report Document: what the
dashboard offers to download for its semester (or a year), made in the background
(reports.jobs), and what the scale benchmark times (bench/reports_semester.py).

Built from casework.reporting alone (each kind's KindFigures), so its numbers are the
reports' numbers. A kind whose content the reader may not read (WBS outside its
Pengelola) shows its counts only: received, in process, finished, within the deadline
and per month, never by channel, category or unit.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import roles
from casework.reporting import KindFigures, KindReporting, Period, all_reporting
from reports.document import Chart, Document, Paragraph, Section, Series, Table, percent

from ..jobs import register
from .access import DASHBOARD_ROLES

REPORT_KEY = "statistik"
BUILD = "reports.dashboard.statistics.statistics_document"

register(REPORT_KEY, label=_("Statistik penanganan kasus"), roles=(*DASHBOARD_ROLES, roles.PENGELOLA_WBS))


def statistics_document(*, period: Period, user, progress: Callable[[float], None] | None = None) -> Document:
    """The statistics of `period` as `user` may read them."""
    reportings = all_reporting()
    figures: list[KindFigures] = []
    for index, reporting in enumerate(reportings, start=1):
        figures.append(reporting.figures(period))
        if progress:
            progress(100 * index / len(reportings))

    summary = Table(
        columns=(
            _("Jenis kasus"),
            _("Diterima"),
            _("Dalam proses"),
            _("Selesai"),
            _("Selesai tepat waktu"),
            _("Kepatuhan (%)"),
        ),
        rows=tuple((f.label, f.received, f.in_process, f.finished, f.finished_on_time, f.compliance) for f in figures),
        footer=(
            _("Jumlah"),
            sum(f.received for f in figures),
            sum(f.in_process for f in figures),
            sum(f.finished for f in figures),
            sum(f.finished_on_time for f in figures),
            percent(sum(f.finished_on_time for f in figures), sum(f.finished for f in figures)),
        ),
        caption=_("Kasus yang diterima dalam periode ini"),
        sheet=_("Ringkasan"),
    )
    months = period.months()
    trend = Chart(
        title=_("Kasus diterima per bulan"),
        categories=tuple(month.label for month in months),
        series=tuple(Series(f.label, tuple(t.count for t in f.by_month)) for f in figures),
    )
    sections = [
        Section(
            _("Ringkasan"),
            (
                Paragraph(
                    _(
                        "Kasus dihitung pada periode diterimanya. Selesai: berada pada status akhir jenisnya; "
                        "tepat waktu: tidak satu pun batas waktu petugas terlewati. Kepatuhan = selesai tepat "
                        "waktu ÷ selesai."
                    )
                ),
                summary,
                trend,
            ),
        )
    ]
    for reporting, f in zip(reportings, figures, strict=True):
        counts_only = reporting.counts_only and not reporting.lists_all_for(user)
        sections.append(Section(f.label, _kind_blocks(reporting, f, counts_only), page_break=True))
    return Document(
        title=_("Statistik penanganan kasus"),
        subtitle=period.label,
        sections=tuple(sections),
        slug=f"statistik-{period.slug}",
        status_note=_("Dibuat %(when)s dari data SIGAP.") % {"when": timezone.localtime().strftime("%d-%m-%Y %H:%M")},
    )


def _kind_blocks(reporting: KindReporting, f: KindFigures, counts_only: bool) -> tuple:
    monthly = Table(
        columns=(_("Bulan"), _("Diterima"), _("Selesai"), _("Selesai tepat waktu"), _("Kepatuhan (%)")),
        rows=tuple(
            (label, tally.count, done, on_time, percent(on_time, done))
            for tally, (label, done, on_time) in zip(f.by_month, f.compliance_by_month, strict=True)
        ),
        caption=_("Per bulan diterima"),
        sheet=f"{f.label}, {_('per bulan')}",
    )
    if counts_only:
        return (monthly, Paragraph(_("Jenis kasus ini hanya ditampilkan sebagai jumlah.")))
    breakdowns = [
        (_("Menurut kategori"), _("Kategori"), f.by_kategori),
        (_("Menurut unit kerja"), _("Unit kerja"), f.by_unit),
    ]
    if reporting.channel_field:
        breakdowns.insert(0, (_("Menurut saluran"), _("Saluran"), f.by_channel))
    tables = tuple(
        Table(
            columns=(column, _("Jumlah")),
            rows=tuple((tally.label, tally.count) for tally in tallies),
            caption=caption,
            empty=_("Tidak ada kasus."),
            sheet=f"{f.label}, {column}",
        )
        for caption, column, tallies in breakdowns
    )
    return (monthly, *tables)
