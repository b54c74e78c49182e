"""Each case's follow-up as a report table: the staff version (reference linked to the
case, the summary of what was done) and the public one (anonymised: no reference, only
the summary written for publication, cases of several kinds in one list)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from casework.reporting import FollowUpRow, KindReporting, Period

from ..document import Link, Paragraph, Table


def on_time_text(row: FollowUpRow) -> str | None:
    if row.on_time is None:
        return None
    return _("Ya") if row.on_time else _("Tidak")


def staff_table(reporting: KindReporting, rows: list[FollowUpRow], *, period: Period) -> Table:
    return Table(
        columns=(
            _("No."),
            _("Nomor"),
            _("Diterima"),
            _("Kategori"),
            _("Unit kerja"),
            _("Status"),
            _("Selesai"),
            _("Dalam batas waktu"),
            _("Ringkasan tindak lanjut"),
        ),
        rows=tuple(
            (
                number,
                Link(row.reference, reporting.case_url(row.case_id)),
                row.received_on,
                row.kategori or None,
                row.unit or None,
                row.status,
                row.closed_on,
                on_time_text(row),
                row.summary or None,
            )
            for number, row in enumerate(rows, start=1)
        ),
        caption=_("Kasus yang diterima pada %(period)s") % {"period": period.label},
        empty=_("Tidak ada kasus pada periode ini."),
        widths=(0.7, 1.9, 1.3, 1.4, 1.4, 1.5, 1.3, 1.3, 4),
    )


def hidden_note(hidden: int) -> Paragraph | None:
    """What a reader is told of the cases left out of their list."""
    if hidden <= 0:
        return None
    return Paragraph(
        _(
            "%(count)d kasus lain pada periode ini tidak dirinci karena di luar kewenangan Anda membuka kasus "
            "tersebut; semuanya tetap dihitung dalam angka di atas."
        )
        % {"count": hidden}
    )


def public_table(rows: list[tuple[str, FollowUpRow]]) -> Table:
    """Rows of several kinds, each with its kind's name: (kind label, row)."""
    return Table(
        columns=(
            _("No."),
            _("Jenis"),
            _("Diterima"),
            _("Kategori"),
            _("Unit kerja"),
            _("Status"),
            _("Selesai"),
            _("Dalam batas waktu"),
            _("Tindak lanjut"),
        ),
        rows=tuple(
            (
                number,
                kind_label,
                row.received_on,
                row.kategori or None,
                row.unit or None,
                row.status,
                row.closed_on,
                on_time_text(row),
                row.summary or None,
            )
            for number, (kind_label, row) in enumerate(rows, start=1)
        ),
        caption=_("Daftar tindak lanjut yang dapat diumumkan"),
        empty=_("Tidak ada kasus pada periode ini yang dapat diumumkan."),
        widths=(0.7, 1.6, 1.3, 1.4, 1.4, 1.5, 1.3, 1.3, 3),
    )
