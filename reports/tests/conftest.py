"""Fixtures for the reports' tests: the data set across the four kinds (dataset.py),
clients signed in (with the second factor) as each role, and the monev records
(monev_fixtures.py)."""

import pytest
from django.test import Client
from django.utils import translation

from accounts.testing import verified_login

from . import dataset as dataset_module
from .monev_fixtures import clock, follow_up, meeting, monev_people, recommend, tree  # noqa: F401


@pytest.fixture(autouse=True)
def _indonesian():
    """The texts asserted here are the Indonesian msgids."""
    with translation.override("id"):
        yield


@pytest.fixture
def dataset(db, monkeypatch):
    return dataset_module.build(monkeypatch)


@pytest.fixture
def people(db, monkeypatch):
    """The people of the data set without its cases."""
    dataset_module.Clock(monkeypatch).on(dataset_module._d(7, 31), 15)
    return dataset_module.make_people()


@pytest.fixture
def signed_in():
    """A client signed in as `user` with the second factor."""

    def make(user):
        client = Client()
        verified_login(client, user)
        return client

    return make
