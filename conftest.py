"""Fixtures shared by every test directory (the engine's fixtures live with its tests)."""

import pytest

from casework.tests.conftest import handler, make_user, open_uji, sla_uji  # noqa: F401


@pytest.fixture(autouse=True)
def _private_storage_in_tmp(settings, tmp_path):
    """Attachments written by any test land in its own temporary folder, never in var/."""
    settings.SIGAP_PRIVATE_STORAGE = tmp_path / "private"


@pytest.fixture(autouse=True)
def _indonesian_by_default():
    """Each test starts in the default language, whatever a previous request switched to."""
    from django.utils import translation

    translation.activate("id")
    yield
    translation.activate("id")
