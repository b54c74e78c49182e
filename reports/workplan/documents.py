"""The year's Penguatan Pengawasan actions as a Document (PDF and XLSX of the plan page):
per sub-area the seed plan's columns, with each action's state per period and how much
evidence stands behind it."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from ..document import Document, Link, Paragraph, Section, Table
from ..monev.selectors import unit_name
from .indicators import SubArea
from .schedule import months_text
from .status import ActionStatus

COLUMNS = ("NO", "INDIKATOR", "RENCANA AKSI", "OUTPUT", "WAKTU", "PELAKSANA", "STATUS", "BUKTI")


def _state_text(status: ActionStatus) -> str:
    return "; ".join(f"{s.slot.label}: {s.state_label}" for s in status.slots)


def _who(status: ActionStatus) -> str:
    aksi = status.aksi
    return ", ".join(part for part in (aksi.unit.name if aksi.unit else "", aksi.pelaksana) if part) or "—"


def build(year: int, statuses: list[ActionStatus]) -> Document:
    sections = []
    for area, area_label in SubArea.choices:
        mine = [s for s in statuses if s.aksi.sub_area == area]
        if not mine:
            continue
        rows = tuple(
            (
                number,
                s.aksi.indikator,
                s.aksi.rencana_aksi,
                s.aksi.output,
                f"{months_text(year, s.aksi.bulan_mulai, s.aksi.bulan_selesai)} ({s.aksi.get_frekuensi_display()})",
                _who(s),
                _state_text(s),
                Link(len(s.links), reverse("reports:workplan_action", args=[s.aksi.pk])),
            )
            for number, s in enumerate(mine, start=1)
        )
        sections.append(
            Section(
                str(area_label),
                (Table(COLUMNS, rows, widths=(0.5, 2.5, 3, 2.5, 1.6, 1.5, 2.2, 0.7), sheet=_("Rencana aksi")),),
            )
        )
    if not sections:
        sections.append(Section(_("Rencana aksi"), (Paragraph(_("Belum ada rencana aksi untuk tahun ini.")),)))
    unit = unit_name()
    return Document(
        title=_("Rencana Aksi Penguatan Pengawasan Tahun %(year)d") % {"year": year},
        subtitle=unit,
        sections=tuple(sections),
        slug=f"rencana-aksi-penguatan-pengawasan-{year}",
        status_note=_("Keadaan bukti dihitung dari catatan saat dokumen dibuat."),
    )
