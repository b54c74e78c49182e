"""A declaration printed in the shape of KPK's gratifikasi reporting form (reportlab), for
the UPG to forward: I data pelapor, II data pemberi, III data penerimaan or penolakan,
IV kronologi, V dokumen pendukung, and the signature block.

It is made in memory for one response and never stored. Every value typed by a person is
escaped before it enters reportlab's paragraph markup, and amounts are printed the
Indonesian way (casework.money.format_rupiah) whatever the active language.
"""

from __future__ import annotations

import io
from datetime import date

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from casework import pdf_text
from casework.money import format_rupiah

from .choices import PURPOSE_FOTO, JenisLaporan

INK = colors.HexColor("#1b1f24")
MUTED = colors.HexColor("#4a5260")
LINE = colors.HexColor("#9aa3ae")
SHADE = colors.HexColor("#eef1f5")
MARGIN = 18 * mm
DOTS = "(.................................................)"


def escape(text) -> str:
    """Text for a reportlab Paragraph: markup escaped, line breaks kept (casework.pdf_text)."""
    return pdf_text.escape(text, lines=True)


def day_text(value: date | None) -> str:
    """A date as the form prints it ("20 Januari 2026" in Indonesian), or a dash."""
    return formats.date_format(value, "j F Y") if value else "—"


def styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=base["BodyText"], fontName="Helvetica", fontSize=9.5, leading=12.5)
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8, leading=10, textColor=MUTED),
        "label": ParagraphStyle("label", parent=body, textColor=MUTED),
        "title": ParagraphStyle(
            "title", parent=body, fontName="Helvetica-Bold", fontSize=13, leading=17, alignment=TA_CENTER
        ),
        "subtitle": ParagraphStyle("subtitle", parent=body, alignment=TA_CENTER, textColor=MUTED),
        "section": ParagraphStyle(
            "section", parent=body, fontName="Helvetica-Bold", fontSize=10, leading=13, spaceBefore=5 * mm
        ),
        "center": ParagraphStyle("center", parent=body, alignment=TA_CENTER),
    }


def field_table(rows: list[tuple[str, str]], style: dict[str, ParagraphStyle], *, label_width=55 * mm) -> Table:
    """Label and value rows in a bordered table; values are escaped here."""
    table = Table(
        [
            [Paragraph(escape(label), style["label"]), Paragraph(escape(value) or "—", style["body"])]
            for label, value in rows
        ],
        colWidths=[label_width, None],
        # A long description or address may run past the page: its row splits.
        splitInRow=1,
    )
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, LINE),
                ("BACKGROUND", (0, 0), (0, -1), SHADE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def boxed(text: str, style: dict[str, ParagraphStyle]) -> Table:
    """A free text (the chronology) in a box, escaped."""
    table = Table([[Paragraph(escape(text) or "—", style["body"])]], colWidths=[None], splitInRow=1)
    table.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.4, LINE), ("TOPPADDING", (0, 0), (-1, -1), 4)]))
    return table


def footer(reference: str):
    """Each page's foot: the reference and the page number, so loose pages are traced."""

    def draw(canvas, document):
        canvas.saveState()
        canvas.setFont("Helvetica", 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, 10 * mm, reference)
        canvas.drawRightString(A4[0] - MARGIN, 10 * mm, _("Halaman %(page)d") % {"page": document.page})
        canvas.restoreState()

    return draw


def document_for(buffer, *, title: str, subject: str) -> SimpleDocTemplate:
    return SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
        title=title,
        author="SIGAP",
        subject=subject,
        creator="SIGAP",
    )


def _yes_no(value: bool) -> str:
    return _("Ya") if value else _("Tidak")


def _supporting_documents(case) -> list[str]:
    """The names of the declarant's photos and documents, in the order they came."""
    return [attachment.original_name for attachment in case.attachments.filter(purpose=PURPOSE_FOTO).order_by("pk")]


def signature_block(left: tuple[str, str, str, str], right: tuple[str, str, str, str], style) -> Table:
    """Two signatures side by side, each (line above, role, name, line below the name),
    with room to sign between the role and the name; an empty name leaves dots to fill."""

    def cell(text, *, underline=False):
        if underline:
            return Paragraph(f"<u>{escape(text)}</u>" if text else escape(DOTS), style["center"])
        return Paragraph(escape(text), style["center"])

    rows = [
        [cell(left[0]), cell(right[0])],
        [cell(left[1]), cell(right[1])],
        ["", ""],
        [cell(left[2], underline=True), cell(right[2], underline=True)],
        [cell(left[3]), cell(right[3])],
    ]
    table = Table(rows, colWidths=["50%", "50%"], rowHeights=[None, None, 20 * mm, None, None])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def _signatures(case, style) -> Table:
    """The declarant signs on the right under the date (the place left to write); the
    UPG officer who forwards it acknowledges on the left."""
    signed_on = day_text(timezone.localtime(case.opened_at).date())
    return signature_block(
        ("", _("Mengetahui,"), "", _("Petugas UPG")),
        (f"................., {signed_on}", _("Pelapor,"), case.nama, f"NIP {case.nip}" if case.nip else ""),
        style,
    )


def render_kpk_form_pdf(case) -> bytes:
    """The PDF's bytes for one declaration (a gratifikasi.models.Gratifikasi)."""
    style = styles()
    penerimaan = case.jenis_laporan == JenisLaporan.PENERIMAAN
    buffer = io.BytesIO()
    document = document_for(buffer, title=_("Formulir laporan gratifikasi"), subject=case.reference)

    registration = [
        (_("Nomor laporan"), case.reference),
        (_("Nomor registrasi UPG"), case.nomor_registrasi_upg or "—"),
        (_("Dilaporkan kepada UPG"), day_text(case.received_on)),
    ]
    if case.kpk_nomor:
        registration.append((_("Nomor registrasi KPK (GOL)"), case.kpk_nomor))

    pelapor = [
        (_("Nama lengkap"), case.nama),
        ("NIK", case.nik),
        ("NIP", case.nip or "—"),
        (_("Jabatan"), case.jabatan),
        (_("Unit kerja"), case.unit_kerja.name if case.unit_kerja else "—"),
        (_("Alamat"), case.alamat),
        (_("Nomor telepon / HP"), case.telepon),
        (_("E-mail"), case.email or "—"),
    ]
    pemberi = [
        (_("Nama pemberi"), case.pemberi_nama),
        (_("Instansi / perusahaan"), case.pemberi_instansi or "—"),
        (_("Alamat pemberi"), case.pemberi_alamat or "—"),
        (_("Hubungan dengan pelapor"), case.get_hubungan_display()),
    ]
    objek = [
        (_("Jenis laporan"), case.get_jenis_laporan_display()),
        (_("Jenis peristiwa"), case.get_jenis_peristiwa_display()),
        (_("Jenis penerimaan"), case.get_jenis_penerimaan_display()),
        (_("Uraian objek gratifikasi"), case.uraian),
        (_("Perkiraan nilai"), format_rupiah(case.nilai)),
        (_("Tanggal diterima") if penerimaan else _("Tanggal ditolak"), day_text(case.tanggal_terima)),
        (_("Tempat diterima") if penerimaan else _("Tempat ditolak"), case.tempat_terima),
    ]
    if penerimaan:
        objek.append((_("Objek dititipkan kepada UPG"), _yes_no(case.dititipkan)))

    documents = _supporting_documents(case)
    section_three = _("III. DATA PENERIMAAN GRATIFIKASI") if penerimaan else _("III. DATA PENOLAKAN GRATIFIKASI")
    story = [
        Paragraph(escape(_("FORMULIR LAPORAN GRATIFIKASI")), style["title"]),
        Paragraph(
            escape(_("Disampaikan kepada Komisi Pemberantasan Korupsi melalui Unit Pengendalian Gratifikasi (UPG)")),
            style["subtitle"],
        ),
        Spacer(1, 4 * mm),
        field_table(registration, style),
        Paragraph(escape(_("I. DATA PELAPOR")), style["section"]),
        field_table(pelapor, style),
        Paragraph(escape(_("II. DATA PEMBERI GRATIFIKASI")), style["section"]),
        field_table(pemberi, style),
        Paragraph(escape(section_three), style["section"]),
        field_table(objek, style),
        Paragraph(escape(_("IV. KRONOLOGI")), style["section"]),
        Paragraph(
            escape(_("Uraian peristiwa: bagaimana, kapan, di mana, dan dalam rangka apa gratifikasi diberikan.")),
            style["small"],
        ),
        boxed(case.kronologi, style),
        Paragraph(escape(_("V. DOKUMEN PENDUKUNG")), style["section"]),
    ]
    if documents:
        story += [Paragraph(f"{number}. {escape(name)}", style["body"]) for number, name in enumerate(documents, 1)]
    else:
        story.append(Paragraph(escape(_("Tidak ada dokumen pendukung yang dilampirkan.")), style["body"]))
    story += [
        Spacer(1, 5 * mm),
        KeepTogether(
            [
                Paragraph(
                    escape(
                        _(
                            "Demikian laporan ini saya buat dengan sebenar-benarnya. Apabila di kemudian hari "
                            "terdapat keterangan yang tidak benar, saya bersedia bertanggung jawab sesuai "
                            "ketentuan peraturan perundang-undangan."
                        )
                    ),
                    style["body"],
                ),
                Spacer(1, 5 * mm),
                _signatures(case, style),
            ]
        ),
    ]
    document.build(story, onFirstPage=footer(case.reference), onLaterPages=footer(case.reference))
    return buffer.getvalue()
