"""The staff list of conflict cases: who may open it, what each sees, the filters, and a
query count that stays the same whatever the page size or the number of cases."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import roles
from accounts.testing import verified_login
from benturan.choices import Asal, State, Sumber

LIST = reverse("benturan_staff:list")


def shown(response) -> list[str]:
    assert response.status_code == 200, response.content.decode()[:2000]
    return [row.case.reference for row in response.context["rows"]]


def refs(*cases) -> set[str]:
    return {case.reference for case in cases}


def test_a_visitor_is_sent_to_sign_in(client, db):
    response = client.get(LIST)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("person", ["pegawai", "outsider", "admin_sistem"])
def test_whoever_decides_nothing_gets_404_and_no_menu_link(request, client, declare, person):
    declare()
    verified_login(client, request.getfixturevalue(person))
    assert client.get(LIST).status_code == 404
    nav = client.get(reverse("casework:inbox")).content.decode()
    assert LIST not in nav
    assert reverse("benturan:list") in nav  # every employee's own page


@pytest.mark.parametrize("role", [roles.TIM_BENTURAN, roles.INSPEKTORAT])
def test_the_tim_and_the_inspektorat_see_every_case_but_their_own(client, make_user, declare, colleague, role):
    member = make_user(role, jabatan="Anggota")
    cases = [declare(), declare(declarant=colleague)]
    own = declare(declarant=member)
    verified_login(client, member)
    assert set(shown(client.get(LIST))) == refs(*cases)
    assert own.reference not in shown(client.get(LIST))
    assert LIST in client.get(reverse("casework:inbox")).content.decode()


def test_a_superior_sees_what_reached_them(client, declare, kasi, kabid, colleague, outsider):
    mine = declare()
    also_mine = declare(declarant=colleague)
    elsewhere = declare(declarant=outsider)  # routed to the other seksi's head
    about_me = declare(pihak_pegawai=[kasi])  # passed over: the kabid decides
    verified_login(client, kasi)
    assert set(shown(client.get(LIST))) == refs(mine, also_mine)
    verified_login(client, kabid)
    assert set(shown(client.get(LIST))) == refs(about_me)
    assert elsewhere.reference not in shown(client.get(LIST))


def test_the_filters(client, declare, report, case_in, tim, outsider, tree):
    potential = declare()
    actual_business = declare(jenis="aktual", sumber=Sumber.AFILIASI_USAHA)
    reported = report()
    other_unit = declare(declarant=outsider)
    decided = case_in(State.PELAKSANAAN)
    verified_login(client, tim)
    assert set(shown(client.get(LIST, {"status": State.PELAKSANAAN}))) == refs(decided)
    assert set(shown(client.get(LIST, {"sumber": Sumber.AFILIASI_USAHA}))) == refs(actual_business)
    assert set(shown(client.get(LIST, {"jenis": "aktual"}))) == refs(actual_business)
    assert set(shown(client.get(LIST, {"asal": Asal.LAPORAN}))) == refs(reported)
    assert set(shown(client.get(LIST, {"unit": tree["seksi_lain"].pk}))) == refs(other_unit)
    # A unit includes the units below it.
    everyone = refs(potential, actual_business, reported, other_unit, decided)
    assert set(shown(client.get(LIST, {"unit": tree["bidang"].pk}))) == everyone
    assert shown(client.get(LIST, {"cari": potential.reference[-6:]})) == [potential.reference]


@pytest.mark.parametrize(
    ("parameter", "value"), [("status", "dibatalkan"), ("sumber", "warisan"), ("unit", "999999"), ("asal", "x")]
)
def test_a_wrong_filter_is_named_not_ignored(client, declare, tim, parameter, value):
    declare()
    verified_login(client, tim)
    response = client.get(LIST, {parameter: value})
    assert response.status_code == 400 and parameter in response.context["form"].errors
    assert response.context["rows"] == []


def test_queries_do_not_grow_with_the_page_size_or_the_table(client, declare, report, tim, colleague, outsider):
    """Every row shows the official, their unit, the decider and the due status, so a
    missing join would cost one query per row and show here."""

    def add(n):
        for i in range(n):
            if i % 3 == 0:
                report()
            else:
                declare(declarant=(colleague, outsider)[i % 2])

    def page(size, **filters):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(LIST, {"per_halaman": size, "urut": "batas", **filters})
        return len(queries), len(shown(response))

    verified_login(client, tim)
    add(5)
    baseline, rows = page(10)
    assert rows == 5
    filtered, _ = page(10, tenggat="terlambat_atau_segera", sumber=Sumber.AFILIASI_KELUARGA, cari="BTK")
    assert page(50) == (baseline, 5)
    add(55)
    assert page(10) == (baseline, 10)
    assert page(50) == (baseline, 50)
    count, rows = page(50, tenggat="terlambat_atau_segera", sumber=Sumber.AFILIASI_KELUARGA, cari="BTK")
    assert count == filtered


def test_a_superior_finds_the_list_on_their_own_page(client, declare, kasi, pegawai):
    declare()
    verified_login(client, kasi)
    assert LIST in client.get(reverse("benturan:list")).content.decode()
    verified_login(client, pegawai)
    assert LIST not in client.get(reverse("benturan:list")).content.decode()


def test_the_menu_asks_nothing_more_of_the_database(client, kasi, django_assert_max_num_queries):
    """The menu is on every page: it names the list from the roles alone, which the
    other links have loaded already."""
    from django.template import Context, Template

    kasi.has_role("x")  # the roles, as the other links of the menu load them
    template = Template("{% load benturan_staff %}{% benturan_links user as links %}{{ links|length }}")
    with django_assert_max_num_queries(0):
        assert template.render(Context({"user": kasi})) == "1"
