"""The tanda terima of the custody register (reportlab): one page when the UPG receives an
object of a declaration, and one when it releases it (to the state, back to the
declarant, or after a compensation), each signed by the person handing over and the
person receiving.

Made in memory for one response and never stored; every value typed by a person is
escaped, and amounts are printed the Indonesian way whatever the active language.
"""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from casework.money import format_rupiah

from .kpk_form_pdf import day_text, document_for, escape, field_table, footer, signature_block, styles


def _person(user) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


def render_custody_receipt_pdf(item, *, release: bool = False) -> bytes:
    """The PDF's bytes: the receipt of `item` (a BarangTitipan) into custody, or with
    `release` its release (only for an object already released)."""
    style = styles()
    case = item.gratifikasi
    if release and item.is_held:
        raise ValueError("An object still held has no release receipt")
    title = (
        _("TANDA TERIMA PENGELUARAN BARANG TITIPAN GRATIFIKASI")
        if release
        else _("TANDA TERIMA BARANG TITIPAN GRATIFIKASI")
    )
    buffer = io.BytesIO()
    document = document_for(
        buffer,
        title=_("Tanda terima pengeluaran barang titipan") if release else _("Tanda terima barang titipan"),
        subject=item.nomor,
    )

    rows = [
        (_("Nomor tanda terima"), item.nomor),
        (_("Nomor laporan gratifikasi"), case.reference),
        (_("Uraian barang"), item.uraian),
        (_("Perkiraan nilai"), format_rupiah(item.nilai)),
        (_("Diterima dari"), item.diterima_dari),
        (_("Tanggal diterima UPG"), day_text(item.diterima_tanggal)),
        (_("Lokasi penyimpanan"), item.lokasi_simpan),
        (_("Diterima oleh"), _person(item.diterima_oleh)),
    ]
    if release:
        rows += [
            (_("Tanggal dikeluarkan"), day_text(item.dikeluarkan_tanggal)),
            (_("Diserahkan kepada"), item.dikeluarkan_kepada),
            (_("Alasan dikeluarkan"), item.get_alasan_keluar_display()),
            (_("Dikeluarkan oleh"), _person(item.dikeluarkan_oleh)),
        ]
        if item.catatan:
            rows.append((_("Catatan"), item.catatan))
        statement = _(
            "Pada tanggal tersebut di atas, barang titipan gratifikasi ini telah diserahkan oleh Unit Pengendalian "
            "Gratifikasi dan diterima dalam keadaan sesuai uraian."
        )
        signatures = signature_block(
            ("", _("Yang menyerahkan,"), _person(item.dikeluarkan_oleh), _("Petugas UPG")),
            (day_text(item.dikeluarkan_tanggal), _("Yang menerima,"), item.dikeluarkan_kepada, ""),
            style,
        )
    else:
        statement = _(
            "Pada tanggal tersebut di atas, Unit Pengendalian Gratifikasi telah menerima barang ini untuk disimpan "
            "sampai ada keputusan KPK atas laporan gratifikasinya."
        )
        signatures = signature_block(
            ("", _("Yang menyerahkan,"), item.diterima_dari, ""),
            (day_text(item.diterima_tanggal), _("Yang menerima,"), _person(item.diterima_oleh), _("Petugas UPG")),
            style,
        )

    story = [
        Paragraph(escape(title), style["title"]),
        Paragraph(escape(_("Unit Pengendalian Gratifikasi")), style["subtitle"]),
        Spacer(1, 6 * mm),
        field_table(rows, style),
        Spacer(1, 5 * mm),
        Paragraph(escape(statement), style["body"]),
        Spacer(1, 6 * mm),
        signatures,
    ]
    document.build(story, onFirstPage=footer(item.nomor), onLaterPages=footer(item.nomor))
    return buffer.getvalue()
