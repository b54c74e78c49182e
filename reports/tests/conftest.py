"""Fixtures of the reports' tests."""

from .monev_fixtures import clock, follow_up, meeting, people, recommend, tree  # noqa: F401
