"""A year's LHKPN/LHKASN register as a report Document: the compliance per kind of
report (filed ÷ obliged, "—" when nobody is obliged), then who had to file and when each
did."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ..document import Document, Paragraph, Section, Table
from ..lke.report import number_column
from .models import JenisLaporanHarta
from .selectors import Compliance


def build(year: int, compliance: dict[str, Compliance], rows: list) -> Document:
    summary = Table(
        columns=(_("Laporan"), _("Wajib lapor"), _("Sudah menyampaikan"), _("Belum"), _("Persentase")),
        rows=tuple((c.label, c.obliged, c.filed, c.not_filed, c.percent) for c in compliance.values()),
        widths=(2, 1.4, 1.8, 1.2, 1.4),
        sheet=_("Ringkasan"),
    )
    sections = [
        Section(
            _("Kepatuhan"),
            (
                Paragraph(
                    _(
                        "Persentase = yang sudah menyampaikan ÷ yang wajib lapor pada tahun itu, dihitung dari "
                        "register; tanda — berarti belum ada yang ditetapkan wajib lapor."
                    )
                ),
                summary,
            ),
        )
    ]
    for choice in JenisLaporanHarta:
        listed = [row for row in rows if row.jenis == choice.value]
        sections.append(
            Section(
                _("Wajib %(kind)s") % {"kind": choice.label},
                (
                    Table(
                        columns=(
                            number_column(),
                            _("Nama"),
                            "NIP",
                            _("Jabatan"),
                            _("Unit kerja"),
                            _("Tanggal penyampaian"),
                            _("Nomor tanda terima"),
                        ),
                        rows=tuple(
                            (
                                number,
                                str(row.pegawai),
                                row.pegawai.nip or "",
                                row.jabatan,
                                row.unit.name if row.unit_id else "",
                                row.tanggal_lapor,
                                row.nomor_tanda_terima,
                            )
                            for number, row in enumerate(listed, start=1)
                        ),
                        empty=_("Belum ada yang ditetapkan wajib %(kind)s untuk tahun ini.") % {"kind": choice.label},
                        widths=(0.8, 2.2, 3.2, 2.2, 2.2, 2.2, 2.8),
                        sheet=str(choice.label),
                    ),
                ),
            )
        )
    return Document(
        title=_("Register kepatuhan LHKPN dan LHKASN"),
        subtitle=_("Tahun %(year)s") % {"year": year},
        sections=tuple(sections),
        slug=f"register-lhkpn-lhkasn-{year}",
    )
