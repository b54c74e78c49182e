"""Each linked figure on the dashboard leads to a list holding exactly the cases it counts:
the kinds' staff lists filter by the period received, finished or in process, the
deadline status and the unit, as the figure was counted."""

import html
import re

import pytest
from django.urls import reverse

from accounts import roles
from accounts.testing import verified_login
from bench.generate_cases import generate

DASHBOARD = reverse("reports:dashboard")
LINK = re.compile(r'<a href="(/staf/(?:pengaduan|benturan|wbs|gratifikasi)/\?[^"]*)">([\d.]+)</a>')
COUNT = re.compile(r'class="result-count" role="status">\s*([\d.]+)')


@pytest.fixture
def generated(db):
    generate(400, seed=11)


def linked_figures(client) -> list[tuple[str, int]]:
    body = client.get(DASHBOARD).content.decode()
    return [(html.unescape(url), int(value.replace(".", ""))) for url, value in LINK.findall(body)]


def listed(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    match = COUNT.search(response.content.decode())
    assert match, url
    return int(match[1].replace(".", ""))


@pytest.mark.parametrize(
    ("role", "kinds"),
    [(roles.PIMPINAN, {"pengaduan"}), (roles.TIM_PENILAI, {"pengaduan"}), (roles.INSPEKTORAT, {"benturan"})],
)
def test_every_linked_figure_is_the_number_of_cases_its_list_shows(client, make_user, generated, role, kinds):
    verified_login(client, make_user(role))
    figures = linked_figures(client)
    assert {url.split("/")[2] for url, _value in figures} == kinds
    # Every kind of link: a period, finished or not, and (where some are) overdue.
    needed = ["periode=", "penyelesaian=proses", "penyelesaian=selesai"]
    if "pengaduan" in kinds:
        needed.append("tenggat=terlambat")
    for each in needed:
        assert any(each in url for url, _value in figures), each
    for url, value in figures:
        assert listed(client, url) == value, url


def test_the_per_unit_figures_lead_to_the_units_cases(client, make_user, generated):
    verified_login(client, make_user(roles.PIMPINAN))
    per_unit = [(url, value) for url, value in linked_figures(client) if "unit=" in url]
    assert per_unit
    for url, value in per_unit:
        assert listed(client, url) == value, url


@pytest.mark.django_db
def test_a_list_refuses_a_period_it_cannot_read(client, make_user):
    verified_login(client, make_user(roles.PENGELOLA_PENGADUAN))
    response = client.get(reverse("pengaduan_staff:list"), {"periode": "2026-13"})
    assert response.status_code == 400
    assert "2026-S1" in response.content.decode()  # says how to write one
    response = client.get(reverse("pengaduan_staff:list"), {"penyelesaian": "hampir"})
    assert response.status_code == 400


@pytest.mark.django_db
def test_the_period_and_finished_filters_show_with_the_others_when_in_use(client, make_user):
    verified_login(client, make_user(roles.PENGELOLA_PENGADUAN))
    body = client.get(reverse("pengaduan_staff:list"), {"periode": "2026-S1", "penyelesaian": "selesai"}).content
    body = body.decode()
    assert 'name="periode" value="2026-S1"' in body
    assert '<option value="selesai" selected>' in body
    assert re.search(r'<details class="list-filters__more"[^>]* open', body)
