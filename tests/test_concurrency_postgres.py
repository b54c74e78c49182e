"""Row locks under real concurrency: these need PostgreSQL (SQLite serialises all writes)."""

import threading

import pytest
from django.db import connection, connections

from casework.services import case_open, run_transition
from casework.workflow import TransitionBlocked

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def _run_in_threads(n, target):
    barrier = threading.Barrier(n)
    results, errors = [], []

    def worker(i):
        try:
            barrier.wait()
            results.append(target(i))
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results, errors


def test_two_simultaneous_transitions_exactly_one_wins(sla_uji, make_user):
    from accounts import roles

    first, second = make_user(roles.PENGELOLA_PENGADUAN), make_user(roles.PENGELOLA_PENGADUAN)
    for _attempt in range(5):
        case, _ = case_open(kind="uji", title="Sengketa", opening_clocks=["verifikasi"])

        def verify(i, case=case, actors=(first, second)):
            return run_transition(case=case, name="verifikasi", actor=actors[i])

        results, errors = _run_in_threads(2, verify)
        assert len(results) == 1, errors
        assert len(errors) == 1 and isinstance(errors[0], TransitionBlocked)
        case.refresh_from_db()
        assert case.state == "diverifikasi"
        assert case.timeline.filter(transition="verifikasi").count() == 1


def test_reference_numbers_stay_unique_under_parallel_creation(sla_uji):
    n = 16
    results, errors = _run_in_threads(n, lambda i: case_open(kind="uji", title=f"Kasus {i}")[0].number)
    assert not errors
    assert sorted(results) == list(range(1, n + 1))


def test_the_audit_chain_stays_one_unbroken_line_under_parallel_writers(sla_uji):
    from casework.audit import verify_chain
    from casework.models import AuditEntry

    n = 16
    results, errors = _run_in_threads(n, lambda i: case_open(kind="uji", title=f"Kasus {i}")[0].pk)
    assert not errors
    assert verify_chain() == []
    ids = list(AuditEntry.objects.order_by("id").values_list("id", flat=True))
    assert ids == list(range(1, len(ids) + 1))  # numbered from the head: no gaps, no forks
