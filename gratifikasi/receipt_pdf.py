"""The UPG's receipt of a gift declaration (tanda terima laporan gratifikasi), one A4 page
(reportlab), for the declarant to keep.

It exists once the UPG has registered the declaration: it carries the UPG's registration
number and date next to the declaration's reference, who declared what and from whom, and
says plainly that a receipt is not KPK's decision on the gift. It is made in memory for one
response, in the active language, and never stored; the document's metadata holds the
reference only.
"""

from __future__ import annotations

import io

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from casework.datetext import opened_at_text
from casework.money import format_rupiah
from casework.pdf_letterhead import flowables, letterhead_for
from casework.pdf_text import escape

BRAND = colors.HexColor("#0b4a82")
MUTED = colors.HexColor("#4a5260")
LINE = colors.HexColor("#c9d0da")
#: The description is up to 10,000 characters; a table cell taller than the page cannot be
#: laid out, and the receipt needs only enough to recognise the gift.
DESCRIPTION_CHARS = 500


def _date(day) -> str:
    return formats.date_format(day, "j F Y") if day else "—"


def _giver(case) -> str:
    return f"{case.pemberi_nama} ({case.pemberi_instansi})" if case.pemberi_instansi else case.pemberi_nama


def _shortened(text: str) -> str:
    text = " ".join(str(text).split())
    if len(text) <= DESCRIPTION_CHARS:
        return text
    return text[:DESCRIPTION_CHARS].rstrip() + "… " + _("(selengkapnya di SIGAP)")


def receipt_rows(case) -> list[tuple[str, str]]:
    """The receipt's facts as (label, value) pairs, in the order printed."""
    rows = [
        (_("Nomor registrasi UPG"), case.nomor_registrasi_upg or "—"),
        (_("Nomor laporan"), case.reference),
        (_("Diregistrasi"), _date(timezone.localdate(case.registered_at))),
        (_("Laporan diterima"), opened_at_text(case.opened_at)),
        (_("Jenis laporan"), case.get_jenis_laporan_display()),
        (_("Nama pelapor"), case.nama),
        ("NIP", case.nip or "—"),
        (_("Jabatan"), case.jabatan or "—"),
        (_("Unit kerja"), str(case.unit_kerja) if case.unit_kerja_id else "—"),
        (_("Pemberi"), _giver(case)),
        (_("Tanggal diterima atau ditolak"), _date(case.tanggal_terima)),
        (_("Bentuk pemberian"), case.get_jenis_penerimaan_display()),
        (_("Uraian"), _shortened(case.uraian)),
        (_("Perkiraan nilai"), format_rupiah(case.nilai)),
        (_("Barang dititipkan ke UPG"), _("Ya") if case.dititipkan else _("Tidak")),
    ]
    return rows


def _notes(case) -> list[str]:
    notes = []
    if case.terlambat_kpk:
        notes.append(
            _(
                "Laporan ini disampaikan lebih dari 30 hari kerja sejak tanggal penerimaan; keterlambatannya dicatat "
                "dan laporan tetap diproses."
            )
        )
    elif case.terlambat_upg:
        notes.append(
            _(
                "Laporan ini disampaikan ke UPG lebih dari 10 hari kerja sejak tanggal penerimaan; keterlambatannya "
                "dicatat dan laporan tetap diproses."
            )
        )
    notes.append(
        _(
            "Tanda terima ini bukan penetapan status gratifikasi. Status pemberian ditetapkan oleh KPK dan akan "
            "diberitahukan kepada Anda."
        )
    )
    notes.append(_("Perkembangan laporan dapat Anda pantau di SIGAP, menu Gratifikasi saya."))
    return notes


def render_receipt_pdf(case) -> bytes:
    """The receipt PDF's bytes for a registered declaration (case.registered_at is set)."""
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=_("Tanda terima laporan gratifikasi"),
        author="SIGAP",
        subject=case.reference,
        creator="SIGAP",
    )
    base = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=base["BodyText"], fontName="Helvetica", fontSize=10.5, leading=14)
    small = ParagraphStyle("small", parent=body, fontSize=9.5, leading=13, textColor=MUTED)
    title = ParagraphStyle(
        "title", parent=base["Title"], fontName="Helvetica-Bold", fontSize=18, textColor=BRAND, alignment=TA_LEFT
    )
    label = ParagraphStyle("label", parent=body, fontSize=9.5, textColor=MUTED)
    strong = ParagraphStyle("strong", parent=body, fontName="Helvetica-Bold", fontSize=12, leading=16)

    rows = receipt_rows(case)
    facts = Table(
        [
            [Paragraph(escape(name), label), Paragraph(escape(value), strong if index < 2 else body)]
            for index, (name, value) in enumerate(rows)
        ],
        colWidths=[52 * mm, None],
    )
    facts.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.2, BRAND),
                ("LINEBELOW", (0, 0), (-1, -2), 0.5, LINE),
                ("BACKGROUND", (0, 0), (-1, 1), colors.HexColor("#f3f5f8")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    story = [
        # The unit the declarant works in speaks on its own letterhead (or its parent's).
        *flowables(letterhead_for(case.unit), A4[0] - 40 * mm),
        Paragraph(escape(_("Tanda terima laporan gratifikasi")), title),
        Paragraph(
            escape(_("Unit Pengendalian Gratifikasi (UPG) telah menerima dan meregistrasi laporan berikut.")), body
        ),
        Spacer(1, 5 * mm),
        facts,
        Spacer(1, 6 * mm),
        *[Paragraph(escape(note), small) for note in _notes(case)],
        Spacer(1, 4 * mm),
        Paragraph(escape(_("Dibuat oleh SIGAP dari data registrasi UPG.")), small),
    ]
    document.build(story)
    return buffer.getvalue()
