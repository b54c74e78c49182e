"""The conflict-of-interest registers as report sections, read through the kind's
reporting (BenturanReporting): the implementation matrix of the cases received in a
period, and the risk map as it stands. Each keeps the kind's own rule of who reads which
row (benturan.matrix, benturan.registers_access); what a reader may not open is counted,
never listed."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from casework.reporting import Period, reporting_of

from ..document import Chart, Link, Paragraph, Section, Series, Table
from .follow_up import hidden_note

KIND = "benturan"


def _reporting():
    from casework.kinds import get_kind

    return reporting_of(get_kind(KIND))


def matrix_section(period: Period, *, user) -> Section:
    reporting = _reporting()
    matrix = reporting.implementation_matrix(period, user=user)
    state_total = sum(tally.count for tally in matrix.by_state)
    blocks = [
        Paragraph(
            _(
                "Kasus benturan kepentingan yang diterima pada %(period)s, dengan asal, bentuk pengendalian, "
                "penanggung jawab, status, dan tanggalnya."
            )
            % {"period": period.label}
        ),
        Table(
            columns=(_("Status"), _("Jumlah")),
            rows=tuple((tally.label, tally.count) for tally in matrix.by_state),
            caption=_("Kasus menurut status"),
            empty=_("Tidak ada kasus pada periode ini."),
            footer=(_("Jumlah"), state_total) if matrix.by_state else None,
            widths=(3, 1),
        ),
        Table(
            columns=(_("Bentuk pengendalian"), _("Jumlah")),
            rows=tuple((tally.label, tally.count) for tally in matrix.by_control),
            caption=_("Pengendalian yang diputuskan"),
            widths=(3, 1),
        ),
    ]
    note = hidden_note(matrix.hidden)
    if matrix.rows or note is None:
        blocks.append(
            Table(
                columns=matrix.header,
                rows=tuple((Link(cells[0], reporting.case_url(case_id)), *cells[1:]) for case_id, cells in matrix.rows),
                caption=_("Matriks implementasi"),
                empty=_("Tidak ada kasus pada periode ini."),
                widths=(1.7, 1.3, 1.4, 1.4, 2, 2, 1.4, 1.5, 1.3),
                sheet=_("Matriks implementasi"),
            )
        )
    if note is not None:
        blocks.append(note)
    return Section(_("Matriks implementasi pengendalian benturan kepentingan"), tuple(blocks), page_break=True)


def risk_map_sections(*, user, today: date | None = None) -> tuple[Section, ...]:
    """The risk map within the reader's register scope; none when they read no register."""
    risk = _reporting().risk_map(user=user, today=today)
    if risk is None:
        return ()
    impacts = sorted(risk.impact_labels)
    grid = Table(
        columns=(_("Kemungkinan \\ dampak"), *(str(value) for value in impacts)),
        rows=tuple(
            (risk.likelihood_labels[likelihood], *(risk.grid.get((likelihood, impact), 0) for impact in impacts))
            for likelihood in sorted(risk.likelihood_labels, reverse=True)
        ),
        caption=_("Jumlah entri per sel matriks kemungkinan × dampak"),
        widths=(3, 1, 1, 1, 1, 1),
    )
    levels = Table(
        columns=(_("Level risiko"), _("Jumlah")),
        rows=tuple((tally.label, tally.count) for tally in risk.by_level),
        caption=_("Menurut level risiko"),
        footer=(_("Jumlah"), len(risk.entries)),
        widths=(3, 1),
    )
    chart = Chart(
        title=_("Entri peta risiko menurut level"),
        categories=tuple(tally.label for tally in risk.by_level),
        series=(Series(_("Entri"), tuple(tally.count for tally in risk.by_level)),),
    )
    entries = Table(
        columns=risk.header,
        rows=risk.entries,
        caption=_("Daftar entri peta risiko"),
        empty=_("Peta risiko belum berisi entri."),
        widths=(1.7, 2.2, 1.2, 1.4, 1.3, 1.1, 1.1, 1.4, 1.4),
        sheet=_("Peta risiko"),
    )
    overdue = Paragraph(
        _("%(count)d entri sudah melewati tanggal tinjauan berikutnya.") % {"count": risk.overdue}
        if risk.overdue
        else _("Semua entri ditinjau sesuai jadwal.")
    )
    return (
        Section(
            _("Peta risiko benturan kepentingan"),
            (
                Paragraph(_("Jabatan dan proses yang rawan benturan kepentingan, sebagaimana tercatat saat ini.")),
                grid,
                levels,
                chart,
                overdue,
                entries,
            ),
            page_break=True,
        ),
    )
