"""The year's Penguatan Pengawasan actions as a Document (PDF and XLSX of the plan page):
per sub-area the seed plan's columns, with each action's state per period and how much
evidence stands behind it."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from ..document import Document, Link, Paragraph, Section, Table
from ..monev.selectors import unit_name
from .indicators import SubArea
from .models import Frekuensi
from .schedule import short_months_text
from .status import ActionStatus

COLUMNS = ("NO", "INDIKATOR", "RENCANA AKSI", "OUTPUT", "WAKTU", "PELAKSANA", "STATUS", "BUKTI")


def _state_text(status: ActionStatus) -> str:
    """One period: its state. Several: how many periods are in each state."""
    if len(status.slots) == 1:
        return status.slots[0].state_label
    counts: dict[str, int] = {}
    for slot in status.slots:
        counts[slot.state_label] = counts.get(slot.state_label, 0) + 1
    return "; ".join(f"{label}: {count}" for label, count in counts.items())


def _often(frekuensi: str) -> str:
    """The frequency in a word or two, for a narrow column."""
    return {
        Frekuensi.SEKALI: _("sekali"),
        Frekuensi.BULANAN: _("tiap bulan"),
        Frekuensi.SEMESTERAN: _("tiap semester"),
    }[frekuensi]


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
                f"{short_months_text(year, s.aksi.bulan_mulai, s.aksi.bulan_selesai)} ({_often(s.aksi.frekuensi)})",
                _who(s),
                _state_text(s),
                Link(len(s.links), reverse("reports:workplan_action", args=[s.aksi.pk])),
            )
            for number, s in enumerate(mine, start=1)
        )
        sections.append(
            Section(
                str(area_label),
                (Table(COLUMNS, rows, widths=(0.8, 2.3, 2.7, 2.2, 1.7, 2.1, 2.5, 1.3), sheet=_("Rencana aksi")),),
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
