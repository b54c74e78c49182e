"""The UPG recap (rekapitulasi penanganan gratifikasi) of a month or a semester as report
sections, from gratifikasi/recap.py through the kind's reporting (GratifikasiReporting.
recap): how many declarations, their value by kind, where they stand, what KPK decided,
what became of the objects and how timely the reporting was. Figures only: no row names
a declarant or a giver."""

from __future__ import annotations

from django.utils.translation import gettext as _

from casework.reporting import Period, reporting_of

from ..document import Document, Section, Table

KIND = "gratifikasi"


def _reporting():
    from casework.kinds import get_kind

    return reporting_of(get_kind(KIND))


def _count_rows(values: dict, labels: dict) -> tuple:
    return tuple((str(labels[key]), values.get(key, 0)) for key in labels)


def _count_table(values: dict, labels: dict, *, first: str, caption: str) -> Table:
    rows = _count_rows(values, labels)
    return Table(
        columns=(first, _("Jumlah")),
        rows=rows,
        caption=caption,
        footer=(_("Jumlah"), sum(count for _label, count in rows)),
        widths=(3, 1),
    )


def _bucket_table(buckets: dict, labels: dict, *, first: str, caption: str) -> Table:
    rows = tuple((str(labels[key]), buckets[key].count, buckets[key].nilai) for key in labels if key in buckets)
    return Table(
        columns=(first, _("Jumlah"), _("Nilai (Rp)")),
        rows=rows,
        caption=caption,
        footer=(_("Jumlah"), sum(row[1] for row in rows), sum((row[2] for row in rows), start=0)),
        widths=(3, 1, 2),
    )


def recap_sections(period: Period) -> tuple[Section, ...]:
    """The recap of `period` (a month or a semester), a handful of grouped queries, plus
    one for the months of a longer period."""
    reporting = _reporting()
    recap = reporting.recap(period)
    labels = reporting.recap_labels
    timing = recap.timeliness
    sections = [
        Section(
            _("Jumlah dan nilai laporan gratifikasi"),
            (
                Table(
                    columns=(_("Uraian"), _("Jumlah")),
                    rows=(
                        (_("Seluruh laporan"), recap.total),
                        *_count_rows(recap.by_jenis_laporan, labels["jenis_laporan"]),
                    ),
                    caption=_("Menurut jenis laporan"),
                    widths=(3, 1),
                ),
                _count_table(
                    recap.by_state_group,
                    labels["state_group"],
                    first=_("Tahap"),
                    caption=_("Menurut tahap penanganan"),
                ),
                Table(
                    columns=(_("Uraian"), _("Nilai (Rp)")),
                    rows=(
                        (_("Nilai gratifikasi yang diterima"), recap.nilai_penerimaan),
                        (_("Nilai gratifikasi yang ditolak"), recap.nilai_penolakan),
                    ),
                    caption=_("Nilai"),
                    widths=(3, 2),
                ),
            ),
        ),
        Section(
            _("Penerimaan menurut jenis dan peristiwa"),
            (
                _bucket_table(
                    recap.by_penerimaan,
                    labels["penerimaan"],
                    first=_("Jenis penerimaan"),
                    caption=_("Jenis penerimaan"),
                ),
                _bucket_table(
                    recap.by_peristiwa, labels["peristiwa"], first=_("Jenis peristiwa"), caption=_("Jenis peristiwa")
                ),
            ),
        ),
        Section(
            _("Keputusan KPK dan tindak lanjut"),
            (
                _count_table(
                    recap.by_sk_status, labels["sk_status"], first=_("Status"), caption=_("Status menurut SK KPK")
                ),
                _count_table(
                    recap.by_tindak_lanjut,
                    labels["tindak_lanjut"],
                    first=_("Tindak lanjut"),
                    caption=_("Tindak lanjut objek"),
                ),
                Table(
                    columns=(_("Uraian"), _("Jumlah")),
                    rows=(
                        (_("Kompensasi dibayarkan (Rp)"), recap.kompensasi_total),
                        (_("Barang titipan diterima"), recap.titipan_diterima),
                        (_("Barang titipan masih disimpan"), recap.titipan_disimpan),
                    ),
                    caption=_("Kompensasi dan barang titipan"),
                    widths=(3, 1),
                ),
            ),
        ),
        Section(
            _("Ketepatan waktu"),
            (
                Table(
                    columns=(_("Uraian"), _("Jumlah")),
                    rows=(
                        (_("Dilaporkan ke UPG dalam 10 hari kerja"), timing.tepat_waktu_upg),
                        (_("Dilaporkan ke UPG setelah 10 hari kerja"), timing.terlambat_upg),
                        (_("Dilaporkan setelah 30 hari kerja sejak diterima"), timing.terlambat_kpk),
                        (_("Diteruskan ke KPK"), timing.diteruskan),
                        (_("Diteruskan dalam 30 hari kerja sejak diterima"), timing.diteruskan_tepat_waktu),
                        (_("Diteruskan setelah 30 hari kerja"), timing.diteruskan_terlambat),
                    ),
                    caption=_("Ketepatan waktu pelaporan dan penerusan"),
                    widths=(3, 1),
                ),
            ),
        ),
    ]
    if period.kind != "month":
        sections.insert(1, Section(_("Laporan per bulan"), (_per_month_table(reporting, period),)))
    return tuple(sections)


def _per_month_table(reporting, period: Period) -> Table:
    """Declarations per month of the period by jenis laporan (one grouped query)."""
    labels = reporting.kategori_labels
    breakdown = reporting.monthly_breakdown(period, reporting.kategori_field, labels)
    rows = tuple(
        (month.label, *(breakdown.count(month, key) for key in labels), breakdown.month_total(month))
        for month in breakdown.months
    )
    return Table(
        columns=(_("Bulan"), *(str(label) for label in labels.values()), _("Jumlah")),
        rows=rows,
        caption=_("Laporan gratifikasi per bulan"),
        footer=(_("Jumlah"), *(breakdown.total(key) for key in labels), sum(breakdown.counts.values())),
    )


def recap_document(period: Period) -> Document:
    return Document(
        title=_("Rekapitulasi Penanganan Gratifikasi"),
        subtitle=period.label,
        sections=recap_sections(period),
        slug=f"rekap-upg-{period.slug}",
    )


def recap_for_job(*, period: Period, user=None, **_params) -> Document:
    """The recap for a background file (reports.jobs.downloads)."""
    return recap_document(period)
