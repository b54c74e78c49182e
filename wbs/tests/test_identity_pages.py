"""The pages of the identity access request: the assigned handler asks in writing on the
report's page; a Pimpinan or Inspektorat member decides from the reference, the reason
and the requester alone; the approved requester opens the identity on its own page,
audited at each opening and never cached."""

import pytest
from django.urls import reverse

from accounts import roles
from accounts.testing import verified_login
from casework.services import case_assign
from security.models import AuditEntry
from wbs import identity
from wbs.choices import StatusPermintaan
from wbs.models import IdentityAccessRequest
from wbs.reported import TerlaporInput

from .conftest import IDENTITY_REASON as REASON

REQUESTS = "/staf/wbs/permintaan-identitas/"


def decide(client, access_request, decision, note=""):
    url = reverse("wbs_staff:identity_decide", args=[access_request.pk, decision])
    return client.post(url, {f"p{access_request.pk}-note": note})


def opened(case):
    return AuditEntry.objects.filter(case_id=case.pk, event="wbs.identity_opened").count()


def test_the_assigned_handler_asks_on_the_report_page(client, identified_report, wbs_handler):
    verified_login(client, wbs_handler)
    page = client.get(reverse("wbs_staff:detail", args=[identified_report.pk])).content.decode()
    assert "Minta pembukaan identitas" in page
    url = reverse("wbs_staff:identity_request", args=[identified_report.pk])
    response = client.post(url, {"reason": "perlu"})
    assert response.status_code == 400
    assert "paling sedikit 30 karakter" in response.content.decode() and "perlu</textarea>" in response.content.decode()
    assert client.post(url, {"reason": REASON})["Location"] == reverse("wbs_staff:detail", args=[identified_report.pk])
    page = client.get(reverse("wbs_staff:detail", args=[identified_report.pk])).content.decode()
    assert "Menunggu keputusan" in page and "Minta pembukaan identitas" not in page
    assert "Permintaan membuka identitas pelapor" in page  # the history line, labelled


def test_another_handler_is_refused_with_the_text_kept(client, identified_report, second_handler):
    verified_login(client, second_handler)
    response = client.post(reverse("wbs_staff:identity_request", args=[identified_report.pk]), {"reason": REASON})
    assert response.status_code == 403
    assert REASON in response.content.decode() and "ditugasi" in response.content.decode()
    assert not IdentityAccessRequest.objects.exists()


@pytest.mark.parametrize("role", [roles.PIMPINAN, roles.INSPEKTORAT])
def test_the_decider_sees_only_what_the_decision_needs(client, pending_request, identified_report, make_user, role):
    verified_login(client, make_user(role))
    response = client.get(REQUESTS)
    assert response.status_code == 200
    body = response.content.decode()
    assert identified_report.reference in body and REASON in body and "Agus Salim" in body
    # Not the identified_report: neither its content nor whom it names.
    for secret in ("Pungutan liar", "Petugas loket meminta", "Loket 3", "Petugas Loket Tiga", "Siti Pelapor"):
        assert secret not in body


def test_approval_lets_the_requester_open_and_each_opening_is_audited(
    client, pending_request, identified_report, make_user, wbs_handler
):
    decider = make_user(roles.PIMPINAN)
    verified_login(client, decider)
    response = decide(client, pending_request, "setujui", "Disetujui untuk pemeriksaan.")
    assert response["Location"] == REQUESTS
    pending_request.refresh_from_db()
    assert (pending_request.status, pending_request.decided_by) == (StatusPermintaan.DISETUJUI, decider)
    assert f"{pending_request.pk}/setujui/" not in client.get(REQUESTS).content.decode()  # decided: gone from the list

    verified_login(client, wbs_handler)
    page = client.get(reverse("wbs_staff:detail", args=[identified_report.pk])).content.decode()
    assert "Buka identitas pelapor" in page and "Siti Pelapor" not in page
    url = reverse("wbs_staff:identity_open", args=[identified_report.pk])
    confirm = client.get(url)
    assert (
        confirm.status_code == 200 and "Siti Pelapor" not in confirm.content.decode() and opened(identified_report) == 0
    )
    for expected in (1, 2):
        response = client.post(url)
        assert response.status_code == 200
        body = response.content.decode()
        assert "Siti Pelapor" in body and "199001012015012001" in body
        assert "no-store" in response["Cache-Control"]
        assert opened(identified_report) == expected


def test_self_approval_is_refused(client, pending_request, wbs_handler, make_user):
    wbs_handler.groups.add(*make_user(roles.PIMPINAN).groups.all())
    verified_login(client, wbs_handler)
    assert report_not_listed(client, pending_request)
    assert decide(client, pending_request, "setujui").status_code == 404
    pending_request.refresh_from_db()
    assert pending_request.is_pending


def report_not_listed(client, access_request) -> bool:
    body = client.get(REQUESTS).content.decode()
    return access_request.laporan.reference not in body and f"{access_request.pk}/setujui/" not in body


def test_a_pimpinan_does_not_decide_on_a_report_on_the_leadership(
    client, file_wbs, with_identity, kepala_dinas, inspektorat, second_inspektorat, make_user
):
    case, _code = file_wbs(identitas=with_identity, terlapor=[TerlaporInput(nama="Suharto Wibowo")])
    case_assign(case=case, actor=inspektorat, assignee=inspektorat)
    access_request = identity.identity_request(case=case, actor=inspektorat, reason=REASON)
    for pimpinan in (kepala_dinas, make_user(roles.PIMPINAN)):
        verified_login(client, pimpinan)
        assert report_not_listed(client, access_request)
        assert decide(client, access_request, "setujui").status_code == 404
    verified_login(client, second_inspektorat)
    assert decide(client, access_request, "setujui").status_code == 302
    access_request.refresh_from_db()
    assert access_request.is_approved and access_request.decided_by == second_inspektorat


@pytest.mark.parametrize("role", [roles.PENGELOLA_WBS, roles.PEGAWAI, roles.ADMIN_SISTEM, roles.TIM_PENILAI])
def test_no_other_role_has_the_decision_page(client, pending_request, make_user, role):
    verified_login(client, make_user(role))
    assert client.get(REQUESTS).status_code == 404
    assert decide(client, pending_request, "setujui").status_code == 404
    pending_request.refresh_from_db()
    assert pending_request.is_pending


def test_a_refusal_needs_a_note_and_then_nothing_opens(
    client, pending_request, identified_report, make_user, wbs_handler
):
    verified_login(client, make_user(roles.INSPEKTORAT))
    response = decide(client, pending_request, "tolak", "")
    assert response.status_code == 400 and "Tuliskan alasan penolakan." in response.content.decode()
    assert decide(client, pending_request, "tolak", "Keterangan dapat diminta lewat pesan.").status_code == 302
    pending_request.refresh_from_db()
    assert pending_request.status == StatusPermintaan.DITOLAK

    verified_login(client, wbs_handler)
    page = client.get(reverse("wbs_staff:detail", args=[identified_report.pk])).content.decode()
    assert "Keterangan dapat diminta lewat pesan." in page and "Buka identitas pelapor</a>" not in page
    response = client.post(reverse("wbs_staff:identity_open", args=[identified_report.pk]))
    assert response.status_code == 403 and "Siti Pelapor" not in response.content.decode()
    assert opened(identified_report) == 0


def test_without_any_request_nothing_opens(client, identified_report, wbs_handler):
    verified_login(client, wbs_handler)
    response = client.post(reverse("wbs_staff:identity_open", args=[identified_report.pk]))
    assert response.status_code == 403 and "Siti Pelapor" not in response.content.decode()
    assert opened(identified_report) == 0
