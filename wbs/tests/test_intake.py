"""Filing a WBS report: what is kept, what is refused, and what is never recorded.

The reporter has no account and, when an employee files while signed in, is still not
linked: wbs_create takes no user and no request at all.
"""

import inspect
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db.models import TextField
from django.db.models.functions import Cast

from casework import tracking
from casework.models import Attachment, Case, Deadline, NamedPerson, Recusal, ReferenceSequence
from casework.named_persons import account_digest
from casework.tests import samples
from security.models import AuditEntry
from wbs import receipts, services
from wbs.choices import Penanganan, State
from wbs.identity import Identitas
from wbs.models import KontakPelapor, LaporanWbs, SealedIdentity
from wbs.reported import TerlaporInput

from .conftest import complete_report


def test_filing_takes_no_user_and_no_request():
    parameters = set(inspect.signature(services.wbs_create).parameters)
    assert not parameters & {"actor", "user", "request", "session", "ip", "client"}
    for reporter_service in (
        services.wbs_reporter_supply,
        services.wbs_reporter_message,
        services.wbs_reporter_add_evidence,
        services.wbs_reporter_set_contact,
        services.wbs_reporter_forget_contact,
    ):
        assert not set(inspect.signature(reporter_service).parameters) & {"actor", "user", "request"}


def test_a_filed_report_is_secret_anonymous_and_waits_for_its_first_response(file_wbs):
    case, code = file_wbs()
    assert case.reference.startswith("WBS/") and case.state == State.DITERIMA
    assert (case.confidentiality, case.is_anonymous) == ("sangat_rahasia", True)
    assert case.unit is None and case.assignee is None
    assert case.penanganan == Penanganan.PENGELOLA_WBS
    opened = case.timeline.get()
    assert opened.by_reporter and opened.actor is None
    assert list(Deadline.objects.filter(case=case).values_list("clock", flat=True)) == ["tanggapan_awal"]
    entry = AuditEntry.objects.get(case_id=case.pk, event="case.opened")
    assert entry.actor_id is None and entry.actor_label == "" and "client" not in entry.data


def test_the_receipt_code_opens_the_report_and_only_its_slow_hash_is_kept(file_wbs):
    case, code = file_wbs()
    row = LaporanWbs.objects.filter(pk=case.pk).values("receipt_digest", "tracking_digest").get()
    assert row["tracking_digest"] is None
    assert row["receipt_digest"] == tracking.slow_digest(code, purpose=receipts.PURPOSE)
    assert tracking.normalize(code) not in row["receipt_digest"]
    assert receipts.find_report(code).pk == case.pk
    assert receipts.find_report(tracking.generate_code()) is None
    # The complaint tracking page's look-up cannot open a WBS report.
    assert tracking.find_case(code) is None


def test_every_report_gets_its_own_code(file_wbs):
    codes = {file_wbs()[1] for _ in range(3)}
    assert len(codes) == 3


def test_bad_input_names_each_field_and_keeps_nothing(db):
    before = (Case.objects.count(), ReferenceSequence.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ValidationError) as refused:
        services.wbs_create(
            **complete_report(
                title=" ",
                apa="",
                kategori="gosip",
                nilai_kerugian=Decimal("-5"),
                terlapor=[TerlaporInput(unit_kerja="Seksi Identitas")],
                identitas=Identitas(nip="123", email="bukan-email"),
                kontak_email="juga bukan",
            )
        )
    errors = refused.value.message_dict
    # Checked before anything is written: the person, identity and contact first.
    assert {"terlapor", "identitas_nip", "identitas_email", "kontak_email"} <= set(errors)
    assert "Terlapor ke-1" in errors["terlapor"][0]
    with pytest.raises(ValidationError) as refused:
        services.wbs_create(**complete_report(title=" ", apa="", kategori="gosip", nilai_kerugian=Decimal("-5")))
    assert {"title", "apa", "kategori", "nilai_kerugian"} <= set(refused.value.message_dict)
    assert (Case.objects.count(), ReferenceSequence.objects.count(), AuditEntry.objects.count()) == before


def test_too_many_reported_people_is_refused(db):
    people = [TerlaporInput(nama=f"Orang {n}") for n in range(services.MAX_TERLAPOR + 1)]
    with pytest.raises(ValidationError) as refused:
        services.wbs_create(**complete_report(terlapor=people))
    assert "terlapor" in refused.value.message_dict


def test_the_loss_is_an_exact_decimal_and_never_a_float(file_wbs):
    case, _code = file_wbs(nilai_kerugian=Decimal("1500000.50"))
    assert LaporanWbs.objects.get(pk=case.pk).nilai_kerugian == Decimal("1500000.50")
    case, _code = file_wbs(nilai_kerugian="250000")
    assert LaporanWbs.objects.get(pk=case.pk).nilai_kerugian == Decimal("250000")
    with pytest.raises(ValidationError):
        file_wbs(nilai_kerugian=0.1)
    case, _code = file_wbs()
    assert LaporanWbs.objects.get(pk=case.pk).nilai_kerugian is None


def test_evidence_is_cleaned_encrypted_and_kept_without_its_uploader(file_wbs):
    case, _code = file_wbs(bukti=[samples.upload(samples.jpeg_with_gps(), "IMG_2044.jpg", "image/jpeg")])
    attachment = Attachment.objects.get(case=case)
    assert attachment.from_reporter and attachment.uploaded_by is None
    from casework.attachments import read_attachment

    cleaned = read_attachment(attachment)
    assert not any(canary in cleaned for canary in samples.METADATA_CANARIES)
    entry = AuditEntry.objects.get(case_id=case.pk, event="attachment.added")
    assert entry.actor_id is None and "client" not in entry.data


def test_a_refused_file_refuses_the_whole_report(db):
    with pytest.raises(ValidationError):
        services.wbs_create(**complete_report(bukti=[samples.upload(samples.WINDOWS_EXE, "bukti.exe")]))
    assert not LaporanWbs.objects.exists()


def test_an_identity_is_sealed_and_the_report_only_says_there_is_one(file_wbs, with_identity):
    plain, _code = file_wbs()
    assert not plain.has_identity
    case, _code = file_wbs(identitas=with_identity)
    assert case.has_identity
    sealed = SealedIdentity.objects.get(laporan=case)
    assert "Siti Pelapor" not in sealed.envelope and sealed.envelope.startswith("seal1:")
    # An empty identity form is no identity.
    case, _code = file_wbs(identitas=Identitas(nama="  "))
    assert not case.has_identity


def test_a_notification_contact_is_kept_only_when_given(file_wbs):
    case, _code = file_wbs()
    assert not KontakPelapor.objects.filter(laporan=case).exists()
    case, _code = file_wbs(kontak_email=" Pelapor@Example.TEST ")
    assert KontakPelapor.objects.get(laporan=case).email == "pelapor@example.test"


def test_reported_people_are_matched_to_staff_by_a_unique_name(file_wbs, pegawai, person):
    case, _code = file_wbs(
        terlapor=[TerlaporInput(nama="budi  santoso", jabatan="Pengadministrasi"), TerlaporInput(nama="Orang Luar")]
    )
    matched, outsider = NamedPerson.objects.filter(case=case).order_by("id")
    assert matched.matched_user_id == pegawai.pk and matched.akun_digest == account_digest(pegawai.pk)
    assert outsider.matched_user_id is None and outsider.akun_digest == ""
    # The match is never stored in clear, and an employee who cannot see WBS is not
    # recused (a Recusal row would name them in clear).
    raw = (
        NamedPerson.objects.filter(pk=matched.pk).annotate(raw=Cast("akun", TextField())).values_list("raw", flat=True)
    )
    assert raw.get().startswith("enc:v")
    assert not Recusal.objects.filter(case=case).exists()
    # Two staff with one name: a guess is never a match.
    person("Budi Santoso")
    case, _code = file_wbs(terlapor=[TerlaporInput(nama="Budi Santoso")])
    assert NamedPerson.objects.get(case=case).akun_digest == ""


def test_a_person_picked_from_the_directory_is_matched_whatever_the_name(file_wbs, pegawai):
    case, _code = file_wbs(terlapor=[TerlaporInput(nama="Pak B", user=pegawai)])
    assert NamedPerson.objects.get(case=case).matched_user_id == pegawai.pk
