"""Demo records of the reports, called by `manage.py seed_demo` after the kinds' demo
cases (casework's seed_demo, CASE_APPS): each report area adds its own, once."""

from __future__ import annotations

from .monev.demo import create_demo_records as monev_records
from .workplan.demo import create_demo_records as workplan_records


def create_demo_cases(*, users, units) -> None:
    monev_records(users=users, units=units)
    workplan_records(users=users, units=units)
