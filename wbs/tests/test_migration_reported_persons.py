"""The reported persons of reports filed before they moved to the engine come along: same
ids, same ciphertexts (nothing decrypted on the way), their matches in the history, and
who named each — so a person a handler added never shows on the reporter's page."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from casework.models import NamedPerson
from casework.named_persons import account_digest

BEFORE = [("wbs", "0003_identity_requests"), ("casework", "0007_named_persons")]
AFTER = [("wbs", "0004_reported_persons_in_engine")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def back_to_latest():
    """Whatever happens, the database ends at the latest migrations for the next test."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_reported_persons_move_to_the_engine_with_who_named_them(back_to_latest, make_user):
    handler = make_user()
    old = migrate(BEFORE)
    laporan_model = old.get_model("wbs", "LaporanWbs")
    terlapor_model = old.get_model("wbs", "Terlapor")
    timeline = old.get_model("casework", "TimelineEntry")
    opened = timezone.now() - timedelta(days=3)
    report = laporan_model.objects.create(
        kind="wbs",
        reference="WBS/2026/000001",
        year=2026,
        number=1,
        state="diterima",
        title="Pungutan liar",
        opened_at=opened,
        kategori="korupsi",
        apa="Uang diminta di loket.",
        receipt_digest="d" * 64,
    )
    timeline.objects.create(case_id=report.pk, transition="open", to_state="diterima", by_reporter=True)
    reporters = terlapor_model.objects.create(
        laporan=report,
        nama="Petugas Loket",
        akun=str(handler.pk),
        akun_digest=account_digest(handler.pk),
        created_at=opened,
    )
    added_at = opened + timedelta(days=1)
    added = terlapor_model.objects.create(laporan=report, nama="Bendahara", created_at=added_at)
    timeline.objects.create(
        case_id=report.pk,
        transition="reported",
        to_state="diterima",
        actor_id=handler.pk,
        created_at=added_at + timedelta(milliseconds=30),
    )
    # A handler's later match of the reporter's own person is no addition.
    timeline.objects.create(
        case_id=report.pk,
        transition="reported",
        to_state="diterima",
        actor_id=handler.pk,
        created_at=opened + timedelta(days=2),
    )

    migrate(AFTER)

    moved = {person.pk: person for person in NamedPerson.objects.filter(case_id=report.pk)}
    assert set(moved) == {reporters.pk, added.pk}
    assert (moved[reporters.pk].nama, moved[reporters.pk].from_reporter) == ("Petugas Loket", True)
    assert moved[reporters.pk].matched_user_id == handler.pk
    assert moved[reporters.pk].akun_digest == account_digest(handler.pk)
    assert [m.matched_user_id for m in moved[reporters.pk].matches.all()] == [handler.pk]
    assert (moved[added.pk].nama, moved[added.pk].from_reporter) == ("Bendahara", False)
    # New rows take ids after the moved ones.
    assert NamedPerson.objects.create(case_id=report.pk, nama="Baru").pk > added.pk
