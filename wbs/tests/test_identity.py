"""The sealed identity and its access-request flow (GlobaLeaks' identity access request).

Handlers see only that an identity exists. The assigned Pengelola WBS asks in writing; a
Pimpinan or Inspektorat member other than the requester decides; only an approved
request lets its requester open the identity; every step and every opening is audited.
"""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from accounts.testing import verified_login
from casework.models import Recusal
from casework.services import case_assign
from security import crypto
from security.models import AuditEntry
from wbs import identity, sealing, selectors
from wbs.choices import StatusPermintaan
from wbs.models import IdentityAccessRequest, LaporanWbs, SealedIdentity
from wbs.reported import TerlaporInput

from .conftest import IDENTITY_REASON

REASON = IDENTITY_REASON


@pytest.fixture
def report(identified_report):
    return identified_report


@pytest.fixture
def pending(pending_request):
    return pending_request


def events(case, event):
    return AuditEntry.objects.filter(case_id=case.pk, event=event)


# --- Asking ------------------------------------------------------------------------------------


def test_the_assigned_handler_asks_with_a_written_reason(report, wbs_handler):
    with pytest.raises(ValidationError) as refused:
        identity.identity_request(case=report, actor=wbs_handler, reason="perlu")
    assert "reason" in refused.value.message_dict
    access_request = identity.identity_request(case=report, actor=wbs_handler, reason=REASON)
    assert access_request.is_pending and access_request.reason == REASON
    entry = events(report, "wbs.identity_requested").get()
    assert entry.actor_id == wbs_handler.pk and entry.data["request"] == access_request.pk
    assert REASON not in str(entry.data)  # the reason is content: encrypted, not in the audit
    assert report.timeline.filter(transition="identity_request").get().note == REASON


def test_only_the_assigned_handler_may_ask(report, second_handler, make_user):
    with pytest.raises(PermissionDenied, match="ditugasi"):
        identity.identity_request(case=report, actor=second_handler, reason=REASON)
    for role in (roles.PIMPINAN, roles.INSPEKTORAT, roles.ADMIN_SISTEM, roles.PEGAWAI):
        with pytest.raises(PermissionDenied):
            identity.identity_request(case=report, actor=make_user(role), reason=REASON)


def test_there_is_nothing_to_ask_for_without_an_identity(file_wbs, wbs_handler):
    case, _code = file_wbs()
    case_assign(case=case, actor=wbs_handler, assignee=wbs_handler)
    with pytest.raises(ValidationError, match="tidak memberikan identitas"):
        identity.identity_request(case=case, actor=wbs_handler, reason=REASON)


def test_one_pending_request_at_a_time(pending, report, wbs_handler):
    with pytest.raises(ValidationError, match="menunggu"):
        identity.identity_request(case=report, actor=wbs_handler, reason=REASON)
    with pytest.raises(IntegrityError), transaction.atomic():
        IdentityAccessRequest.objects.create(laporan=report, requested_by=wbs_handler, reason=REASON)


# --- Deciding ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [roles.PIMPINAN, roles.INSPEKTORAT])
def test_a_pimpinan_or_the_inspektorat_approves(pending, report, make_user, role):
    decider = make_user(role)
    assert list(selectors.requests_to_decide(decider)) == [pending]
    approved = identity.identity_approve(access_request=pending, actor=decider, note="Disetujui untuk pemeriksaan.")
    assert (approved.status, approved.decided_by) == (StatusPermintaan.DISETUJUI, decider)
    assert events(report, "wbs.identity_approved").get().actor_id == decider.pk
    assert not selectors.requests_to_decide(decider).exists()


def test_the_requester_cannot_approve_their_own_request(pending, make_user):
    # Even holding a deciding role as well.
    pending.requested_by.groups.add(*make_user(roles.PIMPINAN).groups.all())
    requester = type(pending.requested_by).objects.get(pk=pending.requested_by_id)
    with pytest.raises(PermissionDenied, match="pemintanya sendiri"):
        identity.identity_approve(access_request=pending, actor=requester)
    assert not selectors.requests_to_decide(requester).exists()
    pending.refresh_from_db()
    assert pending.is_pending
    # The database refuses it too.
    with pytest.raises(IntegrityError), transaction.atomic():
        IdentityAccessRequest.objects.filter(pk=pending.pk).update(
            status=StatusPermintaan.DISETUJUI, decided_by=requester, decided_at=timezone.now()
        )


@pytest.mark.parametrize(
    "role", [roles.PENGELOLA_WBS, roles.PEGAWAI, roles.ADMIN_SISTEM, roles.TIM_PENILAI, roles.PETUGAS_UPG]
)
def test_no_other_role_decides(pending, make_user, role):
    other = make_user(role)
    assert not selectors.requests_to_decide(other).exists()
    with pytest.raises(PermissionDenied):
        identity.identity_approve(access_request=pending, actor=other)
    with pytest.raises(PermissionDenied):
        identity.identity_refuse(access_request=pending, actor=other, note="Tidak.")


def test_a_decider_the_report_names_cannot_decide(file_wbs, with_identity, wbs_handler, person):
    named = person("Auditor Terlapor", roles.INSPEKTORAT)
    case, _code = file_wbs(identitas=with_identity, terlapor=[TerlaporInput(nama="Auditor Terlapor")])
    case_assign(case=case, actor=wbs_handler, assignee=wbs_handler)
    access_request = identity.identity_request(case=case, actor=wbs_handler, reason=REASON)
    assert not selectors.requests_to_decide(named).exists()
    with pytest.raises(PermissionDenied):
        identity.identity_approve(access_request=access_request, actor=named)


def test_on_a_report_about_the_leadership_only_the_inspektorat_decides(
    file_wbs, with_identity, kepala_dinas, inspektorat, second_inspektorat, make_user
):
    case, _code = file_wbs(identitas=with_identity, terlapor=[TerlaporInput(nama="Suharto Wibowo")])
    case_assign(case=case, actor=inspektorat, assignee=inspektorat)
    access_request = identity.identity_request(case=case, actor=inspektorat, reason=REASON)
    other_pimpinan = make_user(roles.PIMPINAN)
    for pimpinan in (kepala_dinas, other_pimpinan):
        assert not selectors.requests_to_decide(pimpinan).exists()
        with pytest.raises(PermissionDenied):
            identity.identity_approve(access_request=access_request, actor=pimpinan)
    with pytest.raises(PermissionDenied):
        identity.identity_approve(access_request=access_request, actor=inspektorat)
    identity.identity_approve(access_request=access_request, actor=second_inspektorat)
    assert identity.identity_open(case=case, actor=inspektorat)["nama"] == "Siti Pelapor"


def test_a_refusal_says_why_and_is_final(pending, report, make_user, wbs_handler):
    decider = make_user(roles.INSPEKTORAT)
    with pytest.raises(ValidationError):
        identity.identity_refuse(access_request=pending, actor=decider, note=" ")
    refused = identity.identity_refuse(
        access_request=pending, actor=decider, note="Keterangan dapat diminta lewat pesan."
    )
    assert refused.status == StatusPermintaan.DITOLAK
    assert events(report, "wbs.identity_refused").exists()
    with pytest.raises(ValidationError, match="sudah diputus"):
        identity.identity_approve(access_request=refused, actor=make_user(roles.PIMPINAN))
    with pytest.raises(PermissionDenied, match="setelah permintaan Anda disetujui"):
        identity.identity_open(case=report, actor=wbs_handler)
    assert not events(report, "wbs.identity_opened").exists()
    # A new, better-argued request may follow.
    assert identity.identity_request(case=report, actor=wbs_handler, reason=REASON + " Mendesak.").is_pending


# --- Opening -----------------------------------------------------------------------------------


def test_nobody_opens_before_approval(pending, report, wbs_handler):
    with pytest.raises(PermissionDenied):
        identity.identity_open(case=report, actor=wbs_handler)


def test_only_the_requester_opens_and_every_opening_is_audited(pending, report, wbs_handler, second_handler, make_user):
    identity.identity_approve(access_request=pending, actor=make_user(roles.PIMPINAN))
    opened = identity.identity_open(case=report, actor=wbs_handler)
    assert opened == {"nama": "Siti Pelapor", "nip": "199001012015012001", "telepon": "0812 1111 2222"}
    identity.identity_open(case=report, actor=wbs_handler)
    entries = events(report, "wbs.identity_opened")
    assert entries.count() == 2 and {e.actor_id for e in entries} == {wbs_handler.pk}
    assert all("Siti" not in str(e.data) for e in AuditEntry.objects.all())
    # Another handler of the same report has no approval of their own.
    with pytest.raises(PermissionDenied):
        identity.identity_open(case=report, actor=second_handler)


def test_an_approval_is_void_once_the_requester_may_no_longer_act(pending, report, wbs_handler, make_user):
    identity.identity_approve(access_request=pending, actor=make_user(roles.PIMPINAN))
    Recusal.objects.create(case=report, user=wbs_handler, reason=Recusal.Reason.KONFLIK)
    with pytest.raises(PermissionDenied):
        identity.identity_open(case=report, actor=wbs_handler)


def test_an_approval_ends_when_the_report_is_reassigned(pending, report, wbs_handler, second_handler, make_user):
    identity.identity_approve(access_request=pending, actor=make_user(roles.PIMPINAN))
    assert identity.identity_open(case=report, actor=wbs_handler)["nama"] == "Siti Pelapor"
    case_assign(case=report, actor=wbs_handler, assignee=second_handler)
    # The former handler may still act on the report (same role), but no longer holds it.
    with pytest.raises(PermissionDenied, match="ditugasi"):
        identity.identity_open(case=report, actor=wbs_handler)
    pending.refresh_from_db()
    assert pending.status == StatusPermintaan.BERAKHIR and pending.ended_at is not None
    assert report.timeline.filter(transition="identity_ended").exists()
    # The new handler has no approval of their own; neither does taking the report back
    # bring the old one to life.
    with pytest.raises(PermissionDenied):
        identity.identity_open(case=report, actor=second_handler)
    case_assign(case=report, actor=second_handler, assignee=wbs_handler)
    with pytest.raises(PermissionDenied):
        identity.identity_open(case=report, actor=wbs_handler)
    assert events(report, "wbs.identity_opened").count() == 1


def test_a_pending_request_ends_with_the_assignment(pending, report, wbs_handler, second_handler, make_user):
    case_assign(case=report, actor=wbs_handler, assignee=None)
    pending.refresh_from_db()
    assert pending.status == StatusPermintaan.BERAKHIR
    decider = make_user(roles.PIMPINAN)
    assert not selectors.requests_to_decide(decider).exists()
    with pytest.raises(ValidationError):
        identity.identity_approve(access_request=pending, actor=decider)


def test_an_approval_ends_when_its_holder_is_recused(pending, report, wbs_handler, make_user):
    from casework.services import case_recuse

    identity.identity_approve(access_request=pending, actor=make_user(roles.PIMPINAN))
    case_recuse(case=report, user=wbs_handler, reason=Recusal.Reason.KONFLIK)
    pending.refresh_from_db()
    assert pending.status == StatusPermintaan.BERAKHIR


def test_the_former_handler_is_no_longer_offered_the_identity(
    client, pending, report, wbs_handler, second_handler, make_user
):
    identity.identity_approve(access_request=pending, actor=make_user(roles.PIMPINAN))
    verified_login(client, wbs_handler)
    url = reverse("wbs_staff:identity_open", args=[report.pk])
    assert url in client.get(reverse("wbs_staff:detail", args=[report.pk])).content.decode()
    case_assign(case=report, actor=wbs_handler, assignee=second_handler)
    body = client.get(reverse("wbs_staff:detail", args=[report.pk])).content.decode()
    assert url not in body
    assert "Berakhir" in body
    response = client.post(url)
    assert response.status_code == 403 and "Siti Pelapor" not in response.content.decode()


# --- Sealed apart from every ordinary path -----------------------------------------------------


def test_the_handlers_page_and_the_loaded_report_never_hold_the_identity(client, report, wbs_handler):
    verified_login(client, wbs_handler)
    response = client.get(reverse("wbs_staff:detail", args=[report.pk]))
    assert response.status_code == 200
    assert "Siti Pelapor" not in response.content.decode()
    assert "Siti Pelapor" not in repr(response.context[-1].flatten())
    loaded = LaporanWbs.objects.get(pk=report.pk)
    assert all("Siti Pelapor" not in str(value) for value in vars(loaded).values())
    sealed = SealedIdentity.objects.get(laporan=report)
    assert "Siti" not in sealed.envelope and "Siti" not in str(sealed)
    # The field keys cannot open it: it is not an ordinary encrypted value.
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt_text(sealed.envelope)


def test_a_sealed_identity_moved_to_another_report_does_not_open(report, file_wbs):
    other, _code = file_wbs()
    envelope = SealedIdentity.objects.get(laporan=report).envelope
    assert sealing.unseal(envelope, report_id=report.pk)["nama"] == "Siti Pelapor"
    with pytest.raises(sealing.SealError):
        sealing.unseal(envelope, report_id=other.pk)


def test_the_sealing_key_is_not_the_field_key(report, settings):
    envelope = SealedIdentity.objects.get(laporan=report).envelope
    settings.SIGAP_WBS_IDENTITY_KEYS = settings.SIGAP_ENCRYPTION_KEYS
    with pytest.raises(sealing.SealError):
        sealing.unseal(envelope, report_id=report.pk)
