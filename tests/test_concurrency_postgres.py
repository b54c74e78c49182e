"""Row locks under real concurrency: these need PostgreSQL (SQLite serialises all writes)."""

import pytest
from django.db import connection

from casework.services import case_open, run_transition
from casework.workflow import TransitionBlocked

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def test_two_simultaneous_transitions_exactly_one_wins(sla_uji, make_user, in_threads):
    from accounts import roles

    first, second = make_user(roles.PENGELOLA_PENGADUAN), make_user(roles.PENGELOLA_PENGADUAN)
    for _attempt in range(5):
        case, _ = case_open(kind="uji", title="Sengketa", opening_clocks=["verifikasi"])

        def verify(i, case=case, actors=(first, second)):
            return run_transition(case=case, name="verifikasi", actor=actors[i])

        results, errors = in_threads(2, verify)
        assert len(results) == 1, errors
        assert len(errors) == 1 and isinstance(errors[0], TransitionBlocked)
        case.refresh_from_db()
        assert case.state == "diverifikasi"
        assert case.timeline.filter(transition="verifikasi").count() == 1


def test_reference_numbers_stay_unique_under_parallel_creation(sla_uji, in_threads):
    n = 16
    results, errors = in_threads(n, lambda i: case_open(kind="uji", title=f"Kasus {i}")[0].number)
    assert not errors
    assert sorted(results) == list(range(1, n + 1))


def test_the_audit_chain_stays_one_unbroken_line_under_parallel_writers(sla_uji, in_threads):
    from security.audit import verify_chain
    from security.models import AuditEntry

    n = 16
    results, errors = in_threads(n, lambda i: case_open(kind="uji", title=f"Kasus {i}")[0].pk)
    assert not errors
    assert verify_chain() == []
    ids = list(AuditEntry.objects.order_by("id").values_list("id", flat=True))
    assert ids == list(range(1, len(ids) + 1))  # numbered from the head: no gaps, no forks


def test_public_submissions_in_parallel_keep_numbers_gapless_and_lose_none(seeded_again, in_threads):
    """The one-statement intake (number, waiting row, queue flag) and the worker opening
    batches (SKIP LOCKED) side by side: every complaint opened once, numbers 1..n+1."""
    from casework import intake
    from casework.models import PendingCase
    from pengaduan import services
    from pengaduan.models import KategoriLayanan, Pengaduan
    from security import audit

    kategori = KategoriLayanan.objects.get(slug="ktp-el")
    services.pengaduan_submit(title="Pertama", isi="Isi", kategori=kategori)  # the year's sequence row
    n = 16
    results, errors = in_threads(
        n, lambda i: services.pengaduan_submit(title=f"Pengaduan {i}", isi="Isi", kategori=kategori)[0].number
    )
    assert not errors
    assert sorted(results) == list(range(2, n + 2))
    intake.open_pending()
    assert sorted(Pengaduan.objects.values_list("number", flat=True)) == list(range(1, n + 2))
    assert not PendingCase.objects.exists() and audit.verify_chain() == []
