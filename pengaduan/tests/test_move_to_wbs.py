"""A complaint that is really a report of staff wrongdoing moves to the WBS with the
complainant's consent, keeping its files and the complainant's anonymity, and leaving no
link between the two records."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from PIL import Image

from accounts import roles
from casework import access, attachments
from casework.models import Attachment, Deadline, PartyDigest
from casework.parties import name_digest
from casework.workflow import TransitionBlocked
from pengaduan import services_wbs
from pengaduan.choices import State
from pengaduan.models import Pengaduan
from security.models import AuditEntry
from wbs import receipts
from wbs.models import LaporanWbs

CANARY = "Kepala seksi meminta uang pelicin 500 ribu di loket 3"
EXPLANATION = "Laporan Anda menyangkut perilaku pegawai; WBS melindungi identitas pelapor lebih kuat."


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def complaint(file_pengaduan):
    from django.core.files.uploadedfile import SimpleUploadedFile

    case, _code = file_pengaduan(
        title="Pungutan liar di loket",
        isi=CANARY,
        lokasi="Loket 3",
        nama="Siti Aminah",
        nik="3201234506780001",
        email="siti@example.test",
        telepon="0812 3456 7890",
        is_anonymous=False,
    )
    attachments.add_attachment(
        case=case, upload=SimpleUploadedFile("bukti.png", png(), "image/png"), from_reporter=True
    )
    return case


@pytest.fixture
def proposed(complaint, handler):
    return services_wbs.pengaduan_propose_wbs(case=complaint, actor=handler, explanation=EXPLANATION)


def test_the_proposal_explains_itself_to_the_complainant_and_pauses_the_clocks(proposed):
    assert proposed.state == State.MENUNGGU_PERSETUJUAN_WBS
    entry = proposed.timeline.filter(transition="usulkan_wbs").get()
    assert entry.is_public and entry.public_note == EXPLANATION
    assert Deadline.objects.filter(case=proposed, completed_at__isnull=True).exclude(paused_on=None).exists()
    assert Pengaduan.objects.get(pk=proposed.pk).due_date is None


def test_a_proposal_without_an_explanation_is_refused(complaint, handler):
    with pytest.raises(ValidationError, match="mengapa"):
        services_wbs.pengaduan_propose_wbs(case=complaint, actor=handler, explanation="  ")
    assert Pengaduan.objects.get(pk=complaint.pk).state == State.DITERIMA


def test_only_a_complaint_in_triage_can_be_proposed(case_in, handler):
    verified = case_in(State.DIVERIFIKASI)
    with pytest.raises(TransitionBlocked):
        services_wbs.pengaduan_propose_wbs(case=verified, actor=handler, explanation=EXPLANATION)


@pytest.mark.parametrize("role", [roles.PENGELOLA_PENGADUAN, roles.PIMPINAN, roles.PENGELOLA_WBS])
def test_no_staff_member_can_consent_for_the_complainant(proposed, make_user, role):
    from casework.services import run_transition

    with pytest.raises(PermissionDenied):
        run_transition(case=proposed, name="setujui_wbs", actor=make_user(role))
    assert Pengaduan.objects.get(pk=proposed.pk).state == State.MENUNGGU_PERSETUJUAN_WBS


def test_declining_keeps_it_a_complaint_with_its_clocks_running(proposed):
    case = services_wbs.pengaduan_keep_as_complaint(case=proposed)
    assert case.state == State.DITERIMA
    assert not Deadline.objects.filter(case=case, completed_at__isnull=True).exclude(paused_on=None).exists()
    assert Pengaduan.objects.get(pk=case.pk).due_date is not None


def test_a_handler_may_withdraw_the_proposal(proposed, handler):
    assert services_wbs.pengaduan_keep_as_complaint(case=proposed, actor=handler).state == State.DITERIMA


def test_consent_files_a_wbs_report_with_the_content_and_files(proposed):
    original = attachments.read_attachment(Attachment.objects.get(case=proposed))
    case, _report, code = services_wbs.pengaduan_move_to_wbs(case=proposed)
    assert case.state == State.DIPINDAHKAN_KE_WBS and case.closed_at is not None
    report = receipts.find_report(code)
    assert report is not None
    assert report.title == "Pungutan liar di loket"
    assert report.apa == CANARY and report.dimana == "Loket 3"
    moved = Attachment.objects.get(case=report)
    assert attachments.read_attachment(moved) == original and moved.from_reporter


def test_the_identity_is_sealed_in_the_wbs_and_erased_from_the_complaint(proposed):
    assert PartyDigest.objects.filter(case=proposed, digest=name_digest("Siti Aminah")).exists()
    case, _report, code = services_wbs.pengaduan_move_to_wbs(case=proposed)
    report = receipts.find_report(code)
    assert hasattr(report, "sealed_identity")  # handlers see only that one exists
    case = Pengaduan.objects.get(pk=case.pk)
    assert (case.nama, case.nik, case.email, case.telepon, case.isi, case.lokasi) == ("", "", "", "", "", "")
    assert case.title == services_wbs.MOVED_TITLE
    assert not Attachment.objects.filter(case=case).exists()
    # Not even the keyed digest of the name, kept for conflict-of-interest controls.
    assert not PartyDigest.objects.filter(case=case, digest=name_digest("Siti Aminah")).exists()


def test_nothing_links_the_complaint_and_the_report(proposed):
    case, _report, code = services_wbs.pengaduan_move_to_wbs(case=proposed)
    report = receipts.find_report(code)
    entry = AuditEntry.objects.get(case_id=case.pk, event="case.moved_to_wbs")
    assert str(report.pk) not in str(entry.data) and report.reference not in str(entry.data)
    for text in [n.note + n.public_note for n in case.timeline.all()]:
        assert report.reference not in text
    # Nor does the content stay readable in the complaint's rows.
    with connection.cursor() as cursor:
        cursor.execute("SELECT isi, nama, email FROM pengaduan_pengaduan WHERE case_ptr_id = %s", [case.pk])
        assert all(not value or CANARY not in value for value in cursor.fetchone())


def test_the_complaint_team_cannot_see_the_wbs_report(proposed, handler, make_user):
    _case, _report, code = services_wbs.pengaduan_move_to_wbs(case=proposed)
    report = receipts.find_report(code)
    assert not access.can_view(handler, report)
    assert access.can_view(make_user(roles.PENGELOLA_WBS), report)


def test_consent_is_given_once(proposed):
    services_wbs.pengaduan_move_to_wbs(case=proposed)
    with pytest.raises(TransitionBlocked):
        services_wbs.pengaduan_move_to_wbs(case=Pengaduan.objects.get(pk=proposed.pk))
    assert LaporanWbs.objects.count() == 1


def test_consent_without_a_proposal_is_refused(complaint):
    with pytest.raises(TransitionBlocked):
        services_wbs.pengaduan_move_to_wbs(case=complaint)
    assert not LaporanWbs.objects.exists()
