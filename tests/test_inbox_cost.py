"""The Kotak Masuk costs the same number of queries whatever waits in it: each provider
of casework.waiting answers in a query or two, not one per item. Measured for an employee
with declarations sent back to complete, and for a Kepala Dinas with identity requests
and account changes to decide, at two sizes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import access_requests, roles
from accounts.models import UnitKerja
from accounts.testing import verified_login
from casework.services import case_assign
from gratifikasi import services as gratifikasi_services
from gratifikasi.tests.conftest import declaration_values
from wbs import identity
from wbs import services as wbs_services
from wbs.identity import Identitas
from wbs.tests.conftest import IDENTITY_REASON, complete_report

INBOX = reverse("casework:inbox")


@pytest.fixture
def unit(db):
    return UnitKerja.objects.create(code="identitas", name="Seksi Identitas Penduduk", level=UnitKerja.Level.SEKSI)


@pytest.fixture
def declarant(make_user, unit):
    user = make_user(roles.PEGAWAI, unit=unit, nik="3201014507950001", nip="199507302019031005")
    user.full_name, user.jabatan, user.phone, user.address = (
        "Rina Marlina",
        "Pengadministrasi Kependudukan",
        "0812 3456 7890",
        "Jl. Merdeka No. 10, Bandung",
    )
    user.save()
    return user


def send_back(declarant, officer):
    case = gratifikasi_services.declaration_submit(declarant=declarant, data=declaration_values(declarant))
    case = gratifikasi_services.declaration_register(case=case, actor=officer)
    return gratifikasi_services.declaration_request_completion(
        case=case, actor=officer, catatan="Sebutkan alamat lengkap pemberi."
    )


def ask_identity(handler):
    case, _code = wbs_services.wbs_create(**complete_report(identitas=Identitas(nama="Siti Pelapor")))
    case = case_assign(case=case, actor=handler, assignee=handler)
    return identity.identity_request(case=case, actor=handler, reason=IDENTITY_REASON)


def inbox_queries(client, user, expected_items: int) -> int:
    verified_login(client, user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(INBOX)
    assert response.status_code == 200
    assert len(response.context["waiting"]) == expected_items
    return len(queries)


def test_the_employees_inbox_costs_the_same_for_one_declaration_or_four(client, declarant, make_user):
    officer = make_user(roles.PETUGAS_UPG)
    send_back(declarant, officer)
    one = inbox_queries(client, declarant, 1)
    for _ in range(3):
        send_back(declarant, officer)
    assert inbox_queries(client, declarant, 4) == one


def test_the_kepala_dinas_inbox_costs_the_same_for_two_requests_or_six(client, make_user):
    kepala_dinas = make_user(roles.PIMPINAN, roles.PEGAWAI)
    handler = make_user(roles.PENGELOLA_WBS)
    admin = make_user(roles.ADMIN_SISTEM, is_staff=True, is_superuser=True)

    def account_change():
        # A second-factor reset reads the account's roles to know who may approve it.
        holder = make_user(roles.PETUGAS_UPG)
        access_requests.second_factor_reset_request(user=holder, actor=admin)

    ask_identity(handler)
    account_change()
    two = inbox_queries(client, kepala_dinas, 2)
    for _ in range(2):
        ask_identity(handler)
        account_change()
    assert inbox_queries(client, kepala_dinas, 6) == two
