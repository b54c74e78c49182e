"""Every WBS staff page, endpoint and file answers "not found" to everyone who may not see
the report: every other role (the Pimpinan and Admin Sistem included), a superuser, the
Inspektorat on a report the Pengelola WBS handle, and the handler the report names. None
of their posts changes anything."""

import pytest
from django.urls import reverse

from accounts import roles
from accounts.testing import verified_login
from casework.models import Attachment, InternalNote, Message
from casework.tests import samples
from security.models import AuditEntry
from wbs import identity, services
from wbs.models import IdentityAccessRequest, LaporanWbs
from wbs.reported import TerlaporInput
from wbs.views_staff_case import ACTIONS

from .test_access import OTHER_ROLES


@pytest.fixture
def report(file_wbs, with_identity, wbs_handler, second_handler):
    """A report naming a second Pengelola WBS, with files, an identity and a request."""
    from casework.services import case_assign

    case, _code = file_wbs(
        identitas=with_identity,
        terlapor=[TerlaporInput(nama="Lina Marlina", jabatan="Pengelola WBS")],
        bukti=[samples.upload(samples.png_with_text(), "bukti.png", "image/png")],
    )
    services.wbs_reporter_add_evidence(
        case=case, uploads=[samples.upload(samples.jpeg_with_gps(), "foto.jpg", "image/jpeg")]
    )
    case_assign(case=case, actor=wbs_handler, assignee=wbs_handler)
    identity.identity_request(
        case=case, actor=wbs_handler, reason="Pelapor satu-satunya saksi; keterangannya diperlukan resmi."
    )
    return LaporanWbs.objects.get(pk=case.pk)


def requests_for(case):
    """Every staff request that touches the report: (method, url, data)."""
    pk = case.pk
    person = case.terlapor.first()
    yield "get", reverse("wbs_staff:detail", args=[pk]), {}
    for name in ACTIONS:
        yield "post", reverse("wbs_staff:act", args=[pk, name]), {f"{name}-question": "Siapa?"}
    yield "post", reverse("wbs_staff:message", args=[pk]), {"body": "Halo"}
    yield "post", reverse("wbs_staff:add_reported", args=[pk]), {"terlapor-baru-nama": "Orang"}
    yield "post", reverse("wbs_staff:match_reported", args=[pk, person.pk]), {}
    yield "post", reverse("wbs_staff:identity_request", args=[pk]), {"reason": "x" * 40}
    yield "get", reverse("wbs_staff:identity_open", args=[pk]), {}
    yield "post", reverse("wbs_staff:identity_open", args=[pk]), {}
    # The engine's shared pages of any case.
    yield "get", reverse("case:detail", args=[pk]), {}
    yield "post", reverse("case:message", args=[pk]), {"body": "Halo"}
    yield "post", reverse("case:note", args=[pk]), {"body": "Catatan"}
    yield "post", reverse("case:assign", args=[pk]), {"assignee": ""}
    yield "post", reverse("case:confidentiality", args=[pk]), {"confidentiality": "rahasia"}
    yield "post", reverse("case:transition", args=[pk, "verifikasi"]), {}
    for attachment in Attachment.objects.filter(case=case):
        yield "get", reverse("files:download", args=[attachment.pk]), {}


def snapshot(case):
    row = LaporanWbs.objects.get(pk=case.pk)
    return (
        row.state,
        row.assignee_id,
        row.confidentiality,
        row.terlapor.count(),
        Message.objects.filter(case=case).count(),
        InternalNote.objects.filter(case=case).count(),
        IdentityAccessRequest.objects.filter(laporan=case).count(),
        AuditEntry.objects.filter(case_id=case.pk, event__startswith="wbs.identity_opened").count(),
    )


def assert_nothing_reachable(client, user, case):
    verified_login(client, user)
    before = snapshot(case)
    for method, url, data in requests_for(case):
        response = getattr(client, method)(url, data)
        assert response.status_code == 404, (user, method, url, response.status_code)
    assert snapshot(case) == before


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_every_other_role_finds_nothing(client, report, make_user, units, role):
    # In the unit, and heading it, makes no difference.
    user = make_user(role, unit=units["dinas"])
    units["dinas"].head = user
    units["dinas"].save(update_fields=["head"])
    assert_nothing_reachable(client, user, report)


def test_a_superuser_finds_nothing(client, report, make_user):
    assert_nothing_reachable(client, make_user(roles.ADMIN_SISTEM, is_superuser=True, is_staff=True), report)


def test_the_handler_the_report_names_finds_nothing(client, report, second_handler):
    assert_nothing_reachable(client, second_handler, report)
    # The list opens for their role, without this report.
    assert report.reference not in client.get(reverse("wbs_staff:list")).content.decode()


def test_the_inspektorat_finds_nothing_of_a_report_the_pengelola_handle(client, report, inspektorat):
    assert_nothing_reachable(client, inspektorat, report)


def test_the_handler_reaches_every_page(client, report, wbs_handler):
    verified_login(client, wbs_handler)
    assert client.get(reverse("wbs_staff:detail", args=[report.pk])).status_code == 200
    for attachment in Attachment.objects.filter(case=report):
        assert client.get(reverse("files:download", args=[attachment.pk])).status_code == 200
