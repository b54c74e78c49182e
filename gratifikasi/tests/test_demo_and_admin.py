"""The demo declarations seed_demo adds, and the rules' admin page."""

import io

import pytest
from django.core.management import call_command

from accounts import roles
from accounts.testing import verified_login
from gratifikasi.choices import State
from gratifikasi.models import BarangTitipan, ExemptionRule, Gratifikasi

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_declarations_in_several_states_once():
    call_command("seed_demo", "--no-qr", stdout=io.StringIO())
    states = set(Gratifikasi.objects.values_list("state", flat=True))
    assert {
        State.ADMINISTRASI,
        State.PERLU_DILENGKAPI,
        State.DITERUSKAN_KPK,
        State.TINDAK_LANJUT,
        State.TIDAK_WAJIB,
    } <= states
    held = BarangTitipan.objects.filter(dikeluarkan_tanggal__isnull=True)
    assert held.count() == 1
    count = Gratifikasi.objects.count()
    call_command("seed_demo", "--no-qr", stdout=io.StringIO())
    assert Gratifikasi.objects.count() == count
    # The demo declarant and the demo officer are different people.
    assert not Gratifikasi.objects.filter(declarant__groups__name="Petugas UPG").exists()


@pytest.fixture
def admin_client(client, make_user):
    admin = make_user(roles.ADMIN_SISTEM, is_staff=True, is_superuser=True)
    verified_login(client, admin)
    return client


def test_the_rules_are_configured_in_the_admin_and_cited_versions_are_kept(admin_client, submit_declaration):
    rule = ExemptionRule.objects.get(category="musibah")
    page = admin_client.get(f"/admin/gratifikasi/exemptionrule/{rule.pk}/change/")
    assert page.status_code == 200
    assert 'name="max_per_gift"' in page.content.decode()
    submit_declaration(nilai=100, category="musibah", jenis_peristiwa="musibah")
    body = admin_client.get(f"/admin/gratifikasi/exemptionrule/{rule.pk}/change/").content.decode()
    frozen = ["category", "letter", "effective_from", "peristiwa", "hubungan", "penerimaan", "non_cash_only"]
    frozen += ["max_per_gift", "max_per_event_per_giver", "max_per_year_per_giver", "year_cap_inclusive"]
    for name in frozen:
        assert f'name="{name}"' not in body, name
    # Closing the version, its wording and whether the advice may suggest it stay editable.
    for name in ("effective_to", "title", "auto_match"):
        assert f'name="{name}"' in body, name


def test_declarations_are_not_in_the_admin(admin_client):
    assert admin_client.get("/admin/gratifikasi/gratifikasi/").status_code == 404
    assert admin_client.get("/admin/gratifikasi/barangtitipan/").status_code == 404
