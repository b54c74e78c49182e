"""A request to open a WBS reporter's identity waits in its deciders' Kotak Masuk
(wbs.waiting): for a Pimpinan or Inspektorat member who may decide it, with the report's
own due date; never for the requester, a colleague, one the report names or is recused
from; never saying who reported or what; gone once decided."""

import pytest
from django.urls import reverse

from accounts import roles
from accounts.testing import verified_login
from casework.models import Case, Recusal
from casework.services import case_assign, case_recuse
from casework.waiting import waiting_for
from wbs import identity
from wbs.reported import TerlaporInput

from .conftest import IDENTITY_REASON

INBOX = reverse("casework:inbox")
LABEL = "Putuskan permintaan membuka identitas pelapor"


def identity_items(user):
    return [item for item in waiting_for(user) if item.label.startswith(LABEL)]


def test_the_kepala_dinas_finds_the_request_with_the_reports_due_date(
    client, pending_request, identified_report, kepala_dinas, wbs_handler
):
    report = Case.objects.get(pk=identified_report.pk)
    [item] = identity_items(kepala_dinas)
    assert report.reference in item.label
    assert item.url == reverse("wbs_staff:identity_requests") + f"#permintaan-{pending_request.pk}"
    assert item.due == report.due_date is not None
    assert wbs_handler.full_name in item.note

    verified_login(client, kepala_dinas)
    body = client.get(INBOX).content.decode()
    assert report.reference in body and report.due_date.isoformat() in body
    assert "Kotak Masuk kosong" not in body
    # The link leads to the decision, where the request is.
    assert f'id="permintaan-{pending_request.pk}"' in client.get(item.url).content.decode()


def test_the_item_says_nothing_of_the_reporter_or_the_report(
    client, pending_request, identified_report, kepala_dinas, with_identity
):
    [item] = identity_items(kepala_dinas)
    text = " ".join((item.label, item.note, item.category, item.url))
    for secret in (with_identity.nama, with_identity.nip, with_identity.telepon, identified_report.title):
        assert secret not in text
    verified_login(client, kepala_dinas)
    body = client.get(INBOX).content.decode()
    for secret in (with_identity.nama, with_identity.nip, identified_report.title, IDENTITY_REASON):
        assert secret not in body


def test_an_inspektorat_member_decides_too(pending_request, inspektorat):
    assert len(identity_items(inspektorat)) == 1


def test_the_requester_and_other_roles_get_nothing(pending_request, wbs_handler, second_handler, pegawai, make_user):
    for person in (wbs_handler, second_handler, pegawai, make_user(roles.TIM_PENILAI), make_user(roles.ADMIN_SISTEM)):
        assert identity_items(person) == []


def test_a_pimpinan_recused_from_the_report_gets_nothing(pending_request, identified_report, kepala_dinas):
    case_recuse(case=identified_report, user=kepala_dinas, reason=Recusal.Reason.KONFLIK)
    assert identity_items(kepala_dinas) == []


def test_a_report_on_the_leadership_waits_for_the_inspektorat_alone(
    file_wbs, with_identity, kepala_dinas, inspektorat, second_inspektorat, make_user
):
    case, _code = file_wbs(identitas=with_identity, terlapor=[TerlaporInput(nama="Suharto Wibowo")])
    case_assign(case=case, actor=inspektorat, assignee=inspektorat)
    identity.identity_request(case=case, actor=inspektorat, reason=IDENTITY_REASON)
    assert identity_items(kepala_dinas) == []
    assert identity_items(make_user(roles.PIMPINAN)) == []
    assert identity_items(inspektorat) == []  # the requester
    assert len(identity_items(second_inspektorat)) == 1


@pytest.mark.parametrize("decision", ["approve", "refuse"])
def test_the_item_leaves_once_decided(pending_request, kepala_dinas, inspektorat, decision):
    if decision == "approve":
        identity.identity_approve(access_request=pending_request, actor=kepala_dinas)
    else:
        identity.identity_refuse(access_request=pending_request, actor=kepala_dinas, note="Alasan belum cukup.")
    assert identity_items(kepala_dinas) == []
    assert identity_items(inspektorat) == []
