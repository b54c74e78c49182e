"""The staff menu's one "Laporan" link leads to the reports this person may open, and
lists none that would answer "not found"."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts import roles
from accounts.testing import verified_login

INDEX = "/staf/laporan/"

EVERYTHING = {
    "reports:dashboard",
    "reports:monthly",
    "reports:upg_recap",
    "reports:monev_index",
    "reports:workplan_index",
    "reports:lke",
    "reports:lhkpn",
}


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (roles.TIM_PENILAI, EVERYTHING),
        (roles.PIMPINAN, EVERYTHING),
        (roles.INSPEKTORAT, EVERYTHING),
        (roles.PETUGAS_UPG, {"reports:monthly", "reports:upg_recap"}),
        (roles.PENGELOLA_PENGADUAN, {"reports:monthly"}),
    ],
)
def test_each_role_is_offered_exactly_what_opens(make_user, role, expected):
    client = Client()
    verified_login(client, make_user(roles.PEGAWAI, role))
    page = client.get(INDEX)
    assert page.status_code == 200
    body = page.content.decode()
    offered = {name for name in EVERYTHING if f'href="{reverse(name)}"' in body}
    assert offered == expected
    for name in offered:
        assert client.get(reverse(name), follow=True).status_code == 200, name
    # The menu's link is there too.
    assert f'href="{INDEX}"' in client.get(reverse("casework:inbox")).content.decode()


@pytest.mark.parametrize("role", [roles.PEGAWAI, roles.ADMIN_SISTEM])
def test_who_reads_no_report_gets_no_link_and_not_found(make_user, role):
    client = Client()
    verified_login(client, make_user(role))
    assert client.get(INDEX).status_code == 404
    assert f'href="{INDEX}"' not in client.get(reverse("casework:inbox")).content.decode()


def test_a_visitor_is_sent_to_sign_in(client, db):
    response = client.get(INDEX)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
