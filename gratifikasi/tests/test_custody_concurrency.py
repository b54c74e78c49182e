"""Custody under real concurrency (PostgreSQL row locks): an object is released once,
and a release beside the follow-up that releases it waits instead of deadlocking."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from gratifikasi.choices import JenisTindakLanjut, State
from gratifikasi.services_custody import EVENT_RELEASED, custody_receive, custody_release
from security.models import AuditEntry

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def _held(case, officer):
    return custody_receive(
        case=case,
        actor=officer,
        uraian="Jam tangan dalam kotak",
        nilai=Decimal(2_000_000),
        diterima_dari=case.nama,
        diterima_tanggal=timezone.localdate(),
        lokasi_simpan="Lemari UPG",
    )


def test_two_officers_releasing_one_object_at_once_release_it_once(
    seeded_again, declaration_in, advance, upg_officer, other_officer, in_threads
):
    case = declaration_in(State.ANALISIS)
    item = _held(case, upg_officer)
    advance(case, "simpulkan_tidak_wajib")
    officers = (upg_officer, other_officer)

    def release(i):
        return custody_release(
            item=item, actor=officers[i], tanggal=timezone.localdate(), kepada="Rina Marlina", alasan="pengembalian"
        )

    results, errors = in_threads(2, release)
    assert len(results) == 1 and len(errors) == 1 and isinstance(errors[0], ValidationError)
    assert "sudah dikeluarkan" in errors[0].messages[0]
    assert AuditEntry.objects.filter(event=EVENT_RELEASED, case_id=case.pk).count() == 1


def test_a_release_beside_the_follow_up_waits_instead_of_deadlocking(
    seeded_again, declaration_in, advance, upg_officer, other_officer, in_threads
):
    case = declaration_in(State.DITERUSKAN_KPK)
    item = _held(case, upg_officer)
    case = advance(case, "catat_sk")  # milik negara

    def act(i):
        if i == 0:
            return custody_release(
                item=item,
                actor=other_officer,
                tanggal=timezone.localdate(),
                kepada="Negara, melalui KPK",
                alasan=JenisTindakLanjut.PENYERAHAN,
            )
        return advance(case, "catat_tindak_lanjut")

    results, errors = in_threads(2, act)
    # Either order is fine; a deadlock (a database error) is not. The object left once.
    assert all(isinstance(error, ValidationError) for error in errors), errors
    assert len(results) >= 1
    case.refresh_from_db()
    assert case.state == State.SELESAI
    assert AuditEntry.objects.filter(event=EVENT_RELEASED, case_id=case.pk).count() == 1
