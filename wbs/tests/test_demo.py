"""Demo WBS reports made by `manage.py seed_demo`: one per stage, made once."""

import io

import pytest
from django.core.management import call_command

from accounts.models import User
from casework import access
from wbs import receipts
from wbs.choices import Penanganan, State
from wbs.demo import DEMO_RECEIPTS
from wbs.models import LaporanWbs
from wbs.selectors import requests_to_decide


def seed():
    call_command("seed_demo", "--no-qr", stdout=io.StringIO())


@pytest.fixture
def seeded(db):
    seed()


def test_the_demo_has_a_report_in_each_stage(seeded):
    assert set(LaporanWbs.objects.values_list("state", flat=True)) == set(State.values)


def test_the_demo_receipt_codes_open_their_reports(seeded):
    assert receipts.find_report(DEMO_RECEIPTS["ditunda"]).state == State.DITUNDA
    assert receipts.find_report(DEMO_RECEIPTS["selesai"]).state == State.SELESAI


def test_the_demo_shows_the_routing_and_the_identity_request(seeded):
    wbs, inspektorat, pimpinan = (User.objects.get(username=name) for name in ("wbs", "inspektorat", "pimpinan"))
    on_the_head = LaporanWbs.objects.get(penanganan=Penanganan.INSPEKTORAT)
    assert access.can_view(inspektorat, on_the_head) and not access.can_view(wbs, on_the_head)
    assert not access.visible_cases(pimpinan, kind="wbs").exists()
    assert requests_to_decide(pimpinan).count() == 1


def test_seeding_again_adds_nothing(seeded):
    before = LaporanWbs.objects.count()
    seed()
    assert LaporanWbs.objects.count() == before
