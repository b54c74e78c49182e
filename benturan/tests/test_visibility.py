"""Who sees a conflict case, on the staff pages and on their own pages: the declarant,
the reporter, the reported official, the superior, the superior's superior (before and
after escalation), the Tim, the Inspektorat, an unrelated pegawai and Admin Sistem."""

import pytest
from django.urls import reverse

from accounts.testing import verified_login
from benturan.choices import Clock, State
from casework import access
from casework.models import Deadline

from .conftest import PEOPLE, escalate

STAFF_VIEWERS = {"kasi", "tim", "inspektorat"}


def staff_page(case):
    return reverse("benturan_staff:detail", args=[case.pk])


def own_page(case):
    return reverse("benturan:detail", args=[case.pk])


def notice_page(case):
    return reverse("benturan:notice", args=[case.pk])


def get(client, user, url):
    verified_login(client, user)
    return client.get(url)


@pytest.mark.parametrize("person", PEOPLE)
def test_who_sees_a_declaration(request, client, declare, person):
    case = declare()
    user = request.getfixturevalue(person)
    sees_as_staff = person in STAFF_VIEWERS
    assert access.can_view(user, case) == sees_as_staff
    assert get(client, user, staff_page(case)).status_code == (200 if sees_as_staff else 404)
    # Only the declarant has the case on their own pages.
    assert client.get(own_page(case)).status_code == (200 if person == "pegawai" else 404)
    assert client.get(notice_page(case)).status_code == 404


@pytest.mark.parametrize("person", PEOPLE)
def test_who_sees_a_report(request, client, case_in, person):
    """The colleague reports the pegawai; a control is decided."""
    case = case_in(State.PELAKSANAAN, report_it=True)
    user = request.getfixturevalue(person)
    sees_as_staff = person in STAFF_VIEWERS
    assert get(client, user, staff_page(case)).status_code == (200 if sees_as_staff else 404)
    assert client.get(own_page(case)).status_code == (200 if person == "colleague" else 404)
    # The reported official learns the control decided about them, on a page of its own.
    assert client.get(notice_page(case)).status_code == (200 if person == "pegawai" else 404)


def test_the_superiors_superior_sees_the_case_once_it_was_escalated_to_them(client, declare, kabid, kadis):
    case = declare()
    assert get(client, kabid, staff_page(case)).status_code == 404
    escalate(case)
    assert get(client, kabid, staff_page(case)).status_code == 200
    # The escalation reached the next superior only, not the whole line above.
    assert get(client, kadis, staff_page(case)).status_code == 404


def test_a_case_that_passed_a_superior_by_is_seen_where_it_reached(client, declare, kasi, kabid):
    case = declare(pihak_pegawai=[kasi])
    assert get(client, kasi, staff_page(case)).status_code == 404
    assert get(client, kabid, staff_page(case)).status_code == 200


@pytest.mark.parametrize("how", ["declarant", "named"])
def test_a_tim_member_who_is_a_party_never_sees_it_as_staff(client, declare, tim, pegawai, how):
    case = declare(declarant=tim) if how == "declarant" else declare(pihak_pegawai=[tim])
    assert get(client, tim, staff_page(case)).status_code == 404
    assert not access.visible_cases(tim, kind="benturan").filter(pk=case.pk).exists()
    assert client.get(reverse("benturan_staff:list")).context["rows"] == []
    if how == "declarant":
        assert client.get(own_page(case)).status_code == 200


def test_an_inspektorat_who_is_named_never_sees_it(client, declare, inspektorat):
    case = declare(pihak_pegawai=[inspektorat])
    assert get(client, inspektorat, staff_page(case)).status_code == 404


def test_the_reported_official_learns_nothing_before_the_decision(client, report, pegawai):
    case = report()
    response = get(client, pegawai, reverse("benturan:list"))
    assert case.reference not in response.content.decode()
    assert client.get(notice_page(case)).status_code == 404


def test_the_reported_official_learns_nothing_of_a_report_found_no_conflict(client, case_in, pegawai):
    case = case_in(State.TIDAK_ADA_KONFLIK, report_it=True)
    assert case.reference not in get(client, pegawai, reverse("benturan:list")).content.decode()
    assert client.get(notice_page(case)).status_code == 404


def test_the_reported_official_reads_the_control_but_never_who_reported(client, case_in, pegawai, colleague, outsider):
    case = case_in(State.PELAKSANAAN, report_it=True, pihak_lain="Adik pejabat, pemilik CV Sinar Cetak")
    listing = get(client, pegawai, reverse("benturan:list")).content.decode()
    assert notice_page(case) in listing
    body = client.get(notice_page(case)).content.decode()
    assert "Pengalihan tugas kepada pegawai lain" in body and outsider.full_name in body
    assert "Evaluasi dan penetapan pemenang pengadaan blangko KTP-el 2026" in body
    assert "Hubungan keluarga dengan peserta dapat memengaruhi penilaian." in body
    # Nothing of the reporter, nor what they wrote.
    assert colleague.full_name not in body and colleague.username not in body
    assert "Pejabat ini menilai penawaran perusahaan milik adiknya." not in body
    assert "Adik pejabat" not in body
    assert "Penetapan pemenang pengadaan blangko KTP-el 2026" not in body  # the matter as the reporter wrote it


def test_the_reporter_reads_the_outcome_not_the_terms(client, case_in, colleague, outsider):
    case = case_in(State.PELAKSANAAN, report_it=True)
    body = get(client, colleague, own_page(case)).content.decode()
    assert "Terdapat benturan kepentingan" in body
    assert "Rincian pengendalian disampaikan kepada pegawai yang bersangkutan." in body
    assert outsider.full_name not in body
    assert "Hubungan keluarga dengan peserta dapat memengaruhi penilaian." not in body


def test_a_report_is_anonymous_towards_the_official(report, declare):
    assert report().is_anonymous
    assert not declare().is_anonymous


# --- The inbox ------------------------------------------------------------------------------


def inbox(client, user):
    verified_login(client, user)
    return [row.case.pk for row in client.get(reverse("casework:inbox")).context["rows"]]


def test_the_inbox_shows_a_case_to_whoever_decides_it(client, declare, kasi, kabid, tim, inspektorat, pegawai):
    case = declare()
    assert case.pk in inbox(client, kasi)
    for person in (kabid, tim, inspektorat, pegawai):
        assert case.pk not in inbox(client, person)
    escalate(case)
    assert case.pk in inbox(client, kabid)


def test_the_superior_sees_the_decision_due_on_the_decision_clocks_date(client, declare, kasi):
    case = declare()
    decision = Deadline.objects.get(case_id=case.pk, clock=Clock.KEPUTUSAN, completed_at__isnull=True)
    verified_login(client, kasi)
    response = client.get(reverse("casework:inbox"))
    [row] = [row for row in response.context["rows"] if row.case.pk == case.pk]
    assert row.case.due_date == decision.due_date
    assert decision.due_date.isoformat() in response.content.decode()
    assert row.url == staff_page(case)


def test_the_tim_inbox_holds_the_cases_routed_to_the_tim(client, declare, kadis, tim):
    routed = declare(declarant=kadis)
    assert routed.pk in inbox(client, tim)


def test_a_closed_case_leaves_the_inbox(client, case_in, kasi):
    case = case_in(State.TIDAK_ADA_KONFLIK)
    assert case.pk not in inbox(client, kasi)


def test_admin_sistem_sees_nothing(client, declare, case_in, admin_sistem):
    cases = [declare(), case_in(State.SELESAI, report_it=True)]
    assert not access.visible_cases(admin_sistem).filter(pk__in=[case.pk for case in cases]).exists()
    assert inbox(client, admin_sistem) == []
    assert client.get(reverse("benturan_staff:list")).status_code == 404
    nav = client.get(reverse("casework:inbox")).content.decode()
    assert reverse("benturan_staff:list") not in nav
