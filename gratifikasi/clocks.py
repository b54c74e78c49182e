"""The deadline clocks of a declaration, read and judged for the people who follow them.

The clocks themselves are casework Deadline rows started and stopped by the transitions
(gratifikasi.models) under the SlaPolicy rows in force (seeded by migration 0002). Here:
- whether a declaration was late when it reached the UPG (10 working days) and past the
  legal 30 working days from the day the gift was received (`lateness`);
- the declarant's view of their clocks (`declarant_clocks`);
- the running completion period, whose date a refusal to close names (`completion_deadline`);
- moving the reporting limits when the declarant corrects the date received
  (`reporting_limit_moved`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework import sla
from casework.calendar import add_working_days, working_days_between_many
from casework.models import Deadline

from .choices import Clock, JenisTindakLanjut, State

KIND = "gratifikasi"

BERJALAN = "berjalan"
TERPENUHI = "terpenuhi"
TERLAMBAT = "terlambat"
DIJEDA = "dijeda"
#: The limit stopped because the declaration closed without the step it waits for (a gift
#: found not obligatory, a report not processed): neither met nor missed.
TIDAK_BERLAKU = "tidak_berlaku"
STATUS_LABELS = {
    BERJALAN: _("Berjalan"),
    TERPENUHI: _("Terpenuhi"),
    TERLAMBAT: _("Terlambat"),
    DIJEDA: _("Dijeda"),
    TIDAK_BERLAKU: _("Tidak berlaku lagi: laporan ditutup"),
}
#: The clocks a declarant sees, in this order (the UPG's own forwarding clock is internal).
DECLARANT_CLOCKS = (Clock.LAPOR_UPG, Clock.LAPOR_KPK, Clock.KELENGKAPAN, Clock.KEPUTUSAN_KPK, Clock.PENYERAHAN)


@dataclass(frozen=True)
class Lateness:
    upg_due: date
    kpk_due: date
    terlambat_upg: bool
    terlambat_kpk: bool


def lateness(tanggal_terima: date, submitted_on: date) -> Lateness:
    """Judge a declaration submitted on `submitted_on` for a gift received on
    `tanggal_terima`, under the policies in force on the day received. Raises
    casework.sla.MissingPolicy for a date before any policy."""
    upg_due = sla.plan_clock(kind=KIND, clock=Clock.LAPOR_UPG, on=tanggal_terima).due_date
    kpk_due = sla.plan_clock(kind=KIND, clock=Clock.LAPOR_KPK, on=tanggal_terima).due_date
    return Lateness(upg_due, kpk_due, submitted_on > upg_due, submitted_on > kpk_due)


def completion_deadline(case) -> Deadline | None:
    """The running completion period of a declaration sent back to its declarant."""
    return sla.running_clock(case, Clock.KELENGKAPAN)


def reporting_limit_moved(case, tanggal_terima: date) -> None:
    """Count the legal reporting limit again from a corrected date received. A paused
    clock stays paused (its due date moves on when it resumes, as always). Call inside
    the transaction of the correction."""
    for deadline in Deadline.objects.filter(case_id=case.pk, clock=Clock.LAPOR_KPK, completed_at__isnull=True):
        deadline.started_on = tanggal_terima
        deadline.due_date = add_working_days(tanggal_terima, deadline.working_days)
        deadline.reminded_at = deadline.escalated_at = None
        deadline.save(update_fields=["started_on", "due_date", "reminded_at", "escalated_at"])
    sla.refresh_due_date(case)


@dataclass(frozen=True)
class ClockView:
    """One clock as the declarant sees it. `days_left` counts working days to the due
    date (0 on the day itself, negative when late) while the clock runs; None otherwise."""

    clock: str
    label: str
    started_on: date
    due_date: date
    status: str
    days_left: int | None = None
    completed_on: date | None = None
    working_days: int = 0
    #: Where the limit comes from (SlaPolicy.source), shown beside it.
    source: str = ""

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


def declarant_clocks(case, *, today: date | None = None) -> list[ClockView]:
    """The declaration's clocks for its declarant: reporting to the UPG (judged when they
    submitted), reporting to KPK, and, when they exist, the completion period (the
    latest), KPK's decision and the handover. A few queries, however many clocks."""
    today = today or timezone.localdate()
    submitted_on = case.received_on
    rows = []
    upg = _planned_upg(case)
    if upg is not None:
        rows.append((Clock.LAPOR_UPG, upg.due_date, upg.working_days, upg.started_on, submitted_on, None, upg.policy))
    latest = {}
    deadlines = Deadline.objects.filter(case_id=case.pk, clock__in=DECLARANT_CLOCKS).select_related("policy")
    for deadline in deadlines.order_by("started_on", "id"):
        latest[deadline.clock] = deadline
    for clock in DECLARANT_CLOCKS[1:]:
        deadline = latest.get(clock)
        if deadline is None:
            continue
        completed = timezone.localdate(deadline.completed_at) if deadline.completed_at else None
        rows.append(
            (
                clock,
                deadline.due_date,
                deadline.working_days,
                deadline.started_on,
                completed,
                deadline.paused_on,
                deadline.policy,
            )
        )
    # Working days to each running clock's due date, the holidays read once.
    spans = [(today, due) if due >= today else (due, today) for _clock, due, *_rest in rows]
    counts = working_days_between_many(spans)
    views = []
    for (clock, due, days, started, completed, paused, policy), count in zip(rows, counts, strict=True):
        if completed is not None and _ended_without_its_step(case, clock):
            status, left = TIDAK_BERLAKU, None
        elif completed is not None:
            status, left = (TERPENUHI if completed <= due else TERLAMBAT), None
        elif paused is not None:
            status, left = DIJEDA, None
        else:
            status = TERLAMBAT if due < today else BERJALAN
            left = count if due >= today else -count
        views.append(
            ClockView(
                clock=str(clock),
                label=str(Clock(clock).label),
                started_on=started,
                due_date=due,
                status=status,
                days_left=left,
                completed_on=completed,
                working_days=days,
                source=policy.source if policy is not None else "",
            )
        )
    return views


def _ended_without_its_step(case, clock: str) -> bool:
    """Whether a stopped clock stopped because the declaration closed without the step it
    measures, rather than because the step was taken: a report that never went to KPK, a
    report closed as not completed, a state-property object paid for (kompensasi) rather
    than handed over."""
    if clock == Clock.LAPOR_KPK:
        return case.kpk_tanggal is None
    if clock == Clock.KELENGKAPAN:
        return case.state == State.TIDAK_DIPROSES
    if clock == Clock.PENYERAHAN:
        return case.tindak_lanjut_jenis != JenisTindakLanjut.PENYERAHAN
    return False


def _planned_upg(case) -> Deadline | None:
    """The 10-working-day limit to the UPG, as it stood on the day received: judged once,
    when the declaration was submitted, so it is planned rather than stored."""
    try:
        return sla.plan_clock(kind=KIND, clock=Clock.LAPOR_UPG, on=case.tanggal_terima)
    except sla.MissingPolicy:
        return None
