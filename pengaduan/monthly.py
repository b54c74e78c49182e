"""The public monthly follow-up report of complaints (Perpres 76/2013; domain.md §3, §7).

Perpres 76/2013 asks a unit to publish how it handled the complaints it received; the ZI
evaluators look for that page on the unit's website. It is public (no login), so it says
only what may be said of a complaint to anyone:

- **Counts** cover every complaint received in the month, *rahasia* ones included: how
  many arrived, where they stand now, by kategori and by channel, and how many were
  answered within the resolution deadline. A number reveals no content and no person,
  and leaving confidential cases out would make the unit's record look better or worse
  than it is.
- **The list** names only *biasa* complaints (those the complainant or a handler allowed
  to be published, anonymised); a *rahasia* or *sangat rahasia* complaint is never a row,
  whatever its state. Each row says: the date received, kategori layanan, jenis, the unit
  it was dispositioned to, its status, the date of the answer, how many working days the
  answer took and whether that was within the deadline. These are facts about the
  unit's work, chosen from fields the unit itself sets or that come from a fixed list.
- **Never shown**: anything the complainant wrote (judul, isi, lokasi, tanggal kejadian),
  their identity (nama, NIK, contacts), the tracking code (only its keyed hash is stored
  anyway) and the reference number. The judul is free text and often names the staff
  member complained about or the complainant's own circumstances; the reference number
  is printed on the complainant's receipt and appears in their e-mail, so it would let
  anyone who has seen that receipt read the case's fate here. The answer (jawaban) is not
  published either: it is written to one person, may greet them by name or repeat their
  particulars, and nobody reviewed it for publication. A public summary of the follow-up
  would need its own field, written for publication when the answer is sent.

The rows are read with `.values()`, so no encrypted field is even loaded for this page.
Each function runs a fixed number of queries whatever the number of complaints (the
page as a whole: four for the counts, two for one page of the list, one for holidays).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format

from casework import calendar
from casework.models import Confidentiality, Deadline

from .choices import Channel, Clock, Jenis, State
from .models import Pengaduan

_MONTH_PATTERN = re.compile(r"^\s*([0-9]{4})-([0-9]{1,2})\s*$")


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month:
        """A month from "2026-10" (as <input type=month> sends it); ValueError otherwise."""
        match = _MONTH_PATTERN.match(text or "")
        if match is None:
            raise ValueError(text)
        year, month = int(match[1]), int(match[2])
        if not 1 <= month <= 12 or year < 1:
            raise ValueError(text)
        return cls(year, month)

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.year, day.month)

    @classmethod
    def last_complete(cls, today: date | None = None) -> Month:
        """The month before the one `today` (default: today) falls in."""
        return cls.of(today or timezone.localdate()).previous()

    def previous(self) -> Month:
        return Month(self.year - 1, 12) if self.month == 1 else Month(self.year, self.month - 1)

    def next(self) -> Month:
        return Month(self.year + 1, 1) if self.month == 12 else Month(self.year, self.month + 1)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def param(self) -> str:
        """The value of ?bulan= for this month."""
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        """ "Oktober 2026" in the user's language."""
        return date_format(self.first_day, "F Y")


# --- Counts -------------------------------------------------------------------------------


def received_in(month: Month) -> QuerySet[Pengaduan]:
    """Every complaint received in `month` (whatever its confidentiality): by the day
    received, so a letter of the month's last days entered in the next one counts here."""
    return Pengaduan.objects.filter(received_on__gte=month.first_day, received_on__lt=month.next().first_day).order_by()


def _answered_late():
    """Whether a resolution clock of the case stopped (by the answer) after its due date.

    After a reopening the clock runs again; a case is late if any of its answers was.
    """
    return Exists(
        Deadline.objects.filter(
            case_id=OuterRef("pk"),
            clock=Clock.PENYELESAIAN,
            completed_at__isnull=False,
            completed_at__date__gt=F("due_date"),
        )
    )


@dataclass(frozen=True)
class Tally:
    """One line of a count table: what is counted and how many."""

    label: str
    count: int


@dataclass(frozen=True)
class Summary:
    received: int
    by_state: list[Tally]
    by_kategori: list[Tally]
    by_channel: list[Tally]
    answered: int
    answered_on_time: int


def _ordered_counts(rows, key: str, choices) -> list[Tally]:
    """Counts in the order of the choice list, leaving out values with none."""
    counts = {row[key]: row["n"] for row in rows}
    return [Tally(str(label), counts[value]) for value, label in choices if counts.get(value)]


def summarize(month: Month) -> Summary:
    """The month's counts, in four queries."""
    received = received_in(month)
    by_state = list(received.values("state").annotate(n=Count("pk")))
    by_kategori = received.values("kategori_id", "kategori__name", "kategori__order").annotate(n=Count("pk"))
    by_channel = list(received.values("channel").annotate(n=Count("pk")))
    answers = received.aggregate(
        answered=Count("pk", filter=Q(answered_at__isnull=False)),
        # The condition itself, not an annotation: aggregating over an annotated
        # subquery loses the annotation's column.
        late=Count("pk", filter=Q(_answered_late(), answered_at__isnull=False)),
    )
    return Summary(
        received=sum(row["n"] for row in by_state),
        by_state=_ordered_counts(by_state, "state", State.choices),
        by_kategori=[
            Tally(row["kategori__name"], row["n"]) for row in by_kategori.order_by("kategori__order", "kategori__name")
        ],
        by_channel=_ordered_counts(by_channel, "channel", Channel.choices),
        answered=answers["answered"],
        answered_on_time=answers["answered"] - answers["late"],
    )


# --- The published list -------------------------------------------------------------------


def published(month: Month) -> QuerySet:
    """The month's *biasa* complaints as plain values, oldest first: only the columns the
    public list shows (see the module docstring), never a *rahasia* case, nor one moved to
    the WBS: its row would say that a whistle-blowing report came from that complaint
    (the counts keep it as a number only)."""
    return (
        received_in(month)
        .filter(confidentiality=Confidentiality.BIASA)
        .exclude(state=State.DIPINDAHKAN_KE_WBS)
        .annotate(late=_answered_late())
        .order_by("received_on", "opened_at", "pk")
        .values("received_on", "answered_at", "state", "jenis", "kategori__name", "unit__name", "late")
    )


@dataclass(frozen=True)
class PublicRow:
    number: int
    received_on: date
    kategori: str
    jenis: str
    unit: str
    status: str
    answered_on: date | None
    working_days: int | None
    on_time: bool | None


def public_rows(values, *, first_number: int = 1) -> list[PublicRow]:
    """Rows for display from `published()` values (e.g. one page of them), with the
    working days each answer took from the day received; the holidays of the whole span
    are read once."""
    values = list(values)
    dates = [
        (row["received_on"], timezone.localdate(row["answered_at"]) if row["answered_at"] else None) for row in values
    ]
    answered = [(start, end) for start, end in dates if end is not None]
    took = dict(zip(answered, calendar.working_days_between_many(answered), strict=True))
    jenis, states = dict(Jenis.choices), dict(State.choices)
    rows = []
    for number, (row, (received_on, answered_on)) in enumerate(zip(values, dates, strict=True), start=first_number):
        rows.append(
            PublicRow(
                number=number,
                received_on=received_on,
                kategori=row["kategori__name"],
                jenis=str(jenis.get(row["jenis"], row["jenis"])),
                unit=row["unit__name"] or "",
                status=str(states.get(row["state"], row["state"])),
                answered_on=answered_on,
                working_days=took[received_on, answered_on] if answered_on else None,
                on_time=(not row["late"]) if answered_on else None,
            )
        )
    return rows
