"""When a work plan action is due: the periods ("slots") it must be proven for.

An action runs from its first to its last month of the plan's year and is done
- once (sekali): one slot covering those months, due at the end of the last;
- every month (bulanan): one slot per month;
- every semester (semesteran): one slot per semester the months touch, due at the end
  of the semester or of the last month, whichever comes first.
A slot's key names it in the evidence rows (BuktiAksi.periode).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from casework.reporting import Period

from .models import Frekuensi, RencanaAksi

_MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip


_SHORT_MONTHS = (
    pgettext_lazy("bulan singkat", "Jan"),
    pgettext_lazy("bulan singkat", "Feb"),
    pgettext_lazy("bulan singkat", "Mar"),
    pgettext_lazy("bulan singkat", "Apr"),
    pgettext_lazy("bulan singkat", "Mei"),
    pgettext_lazy("bulan singkat", "Jun"),
    pgettext_lazy("bulan singkat", "Jul"),
    pgettext_lazy("bulan singkat", "Agu"),
    pgettext_lazy("bulan singkat", "Sep"),
    pgettext_lazy("bulan singkat", "Okt"),
    pgettext_lazy("bulan singkat", "Nov"),
    pgettext_lazy("bulan singkat", "Des"),
)


def month_name(month: int) -> str:
    return _(_MONTHS[month - 1])


def short_months_text(year: int, first: int, last: int) -> str:
    """Like months_text, with the months abbreviated, for a narrow column."""
    names = [str(_SHORT_MONTHS[m - 1]) for m in (first, last)]
    return f"{names[0]} {year}" if first == last else f"{names[0]}–{names[1]} {year}"


@dataclass(frozen=True)
class Slot:
    key: str
    label: str
    start: date
    end: date

    @property
    def due(self) -> date:
        return self.end

    def is_due(self, today: date) -> bool:
        """Past its due date: evidence missing now is late."""
        return today > self.end

    def has_started(self, today: date) -> bool:
        return today >= self.start


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def months_text(year: int, first: int, last: int) -> str:
    if first == last:
        return f"{month_name(first)} {year}"
    return f"{month_name(first)}–{month_name(last)} {year}"


def slots(year: int, first: int, last: int, frekuensi: str) -> list[Slot]:
    if frekuensi == Frekuensi.BULANAN:
        return [
            Slot(Period.month(year, m).slug, f"{month_name(m)} {year}", date(year, m, 1), _last_day(year, m))
            for m in range(first, last + 1)
        ]
    if frekuensi == Frekuensi.SEMESTERAN:
        result = []
        for semester, (s_first, s_last) in ((1, (1, 6)), (2, (7, 12))):
            lo, hi = max(first, s_first), min(last, s_last)
            if lo <= hi:
                period = Period.semester(year, semester)
                result.append(Slot(period.slug, period.label, date(year, lo, 1), _last_day(year, hi)))
        return result
    return [Slot(str(year), months_text(year, first, last), date(year, first, 1), _last_day(year, last))]


def slots_of(aksi: RencanaAksi, year: int | None = None) -> list[Slot]:
    return slots(year or aksi.rencana.tahun, aksi.bulan_mulai, aksi.bulan_selesai, aksi.frekuensi)


def slot_by_key(aksi: RencanaAksi, key: str, year: int | None = None) -> Slot | None:
    return next((slot for slot in slots_of(aksi, year) if slot.key == key), None)
