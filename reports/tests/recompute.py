"""Every figure of the reports computed again from the raw rows in plain Python loops (not
with the queries under test), for the tests to compare with."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.utils import timezone

from casework.kinds import get_kind
from casework.models import Case, Deadline
from casework.reporting import Period, reporting_of


@dataclass
class Expected:
    received: int
    finished: int
    in_process: int
    on_time: int
    by_channel: Counter
    by_kategori: Counter
    by_unit: Counter
    by_state: Counter
    by_month: Counter
    finished_by_month: Counter
    on_time_by_month: Counter
    ids: set


def case_on_time(case: dict, deadlines: list[dict], final_states, clocks) -> bool:
    """Finished, and every compliance clock met: completed by its due date, or (never
    completed) not yet due the day the case closed."""
    if case["state"] not in final_states or case["closed_at"] is None:
        return False
    closed_on = timezone.localdate(case["closed_at"])
    for deadline in deadlines:
        if deadline["clock"] not in clocks:
            continue
        if deadline["completed_at"] is not None:
            if timezone.localdate(deadline["completed_at"]) > deadline["due_date"]:
                return False
        elif deadline["due_date"] < closed_on:
            return False
    return True


def expected(kind: str, period: Period) -> Expected:
    spec = get_kind(kind)
    reporting = reporting_of(spec)
    fields = ["pk", "state", "closed_at", "received_on", "unit__name"]
    for path in (reporting.channel_field, reporting.kategori_field):
        if path:
            fields.append(path)
    every = list(spec.model.objects.values(*fields))
    deadlines: dict[int, list] = {}
    for row in Deadline.objects.values("case_id", "clock", "due_date", "completed_at"):
        deadlines.setdefault(row["case_id"], []).append(row)
    result = Expected(0, 0, 0, 0, Counter(), Counter(), Counter(), Counter(), Counter(), Counter(), Counter(), set())
    for case in every:
        if not period.start <= case["received_on"] <= period.end:
            continue
        month = f"{case['received_on']:%Y-%m}"
        result.ids.add(case["pk"])
        result.received += 1
        result.by_month[month] += 1
        result.by_state[case["state"]] += 1
        finished = case["state"] in spec.final_states
        if finished:
            result.finished += 1
            result.finished_by_month[month] += 1
        else:
            result.in_process += 1
        if case_on_time(case, deadlines.get(case["pk"], []), spec.final_states, reporting.compliance_clocks):
            result.on_time += 1
            result.on_time_by_month[month] += 1
        if reporting.channel_field:
            result.by_channel[str(case[reporting.channel_field])] += 1
        if reporting.kategori_field:
            result.by_kategori[str(case[reporting.kategori_field])] += 1
        result.by_unit[case["unit__name"] or ""] += 1
    return result


def public_ids(kind: str, period: Period) -> set:
    """The cases a public list may name, by the rules written out: biasa, and for a
    complaint not moved (or being moved) to the WBS; never a WBS or a conflict case."""
    if kind in ("wbs", "benturan"):
        return set()
    ids = set()
    for case in Case.objects.filter(kind=kind).values("pk", "received_on", "confidentiality", "state"):
        if not period.start <= case["received_on"] <= period.end or case["confidentiality"] != "biasa":
            continue
        if kind == "pengaduan" and case["state"] in ("dipindahkan_ke_wbs", "menunggu_persetujuan_wbs"):
            continue
        ids.add(case["pk"])
    return ids
