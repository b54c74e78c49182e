"""The demo's people find something believable waiting for them after signing in: the
employee their gift declaration sent back to complete, the Kepala Dinas (on the dashboard)
the request to open a WBS reporter's identity."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from accounts.testing import verified_login
from gratifikasi.choices import State
from gratifikasi.models import Gratifikasi


@pytest.fixture
def seeded(db):
    call_command("seed_demo", "--no-qr", stdout=io.StringIO())


def test_the_demo_employee_and_kepala_dinas_find_what_waits_for_them(client, seeded):
    pegawai = User.objects.get(username="pegawai")
    returned = Gratifikasi.objects.get(declarant=pegawai, state=State.PERLU_DILENGKAPI)
    verified_login(client, pegawai)
    response = client.get(reverse("casework:landing"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("casework:inbox")
    body = response.content.decode()
    assert f"Lengkapi laporan gratifikasi {returned.reference}" in body
    assert "Kotak Masuk kosong" not in body

    verified_login(client, User.objects.get(username="pimpinan"))
    response = client.get(reverse("casework:landing"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("reports:dashboard")
    assert "Putuskan permintaan membuka identitas pelapor" in response.content.decode()
