"""Fixtures shared by every test directory (the engine's fixtures live with its tests)."""

from casework.tests.conftest import handler, make_user, open_uji, sla_uji  # noqa: F401
