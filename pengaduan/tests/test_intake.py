"""Filing a complaint: from the public web form, or entered by a handler from another channel."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from casework import tracking
from casework.models import TimelineEntry
from pengaduan import selectors
from pengaduan.choices import Channel, State
from pengaduan.models import KategoriLayanan, Pengaduan
from security.models import AuditEntry


def test_a_public_complaint_gets_a_reference_and_a_tracking_code(file_pengaduan):
    case, code = file_pengaduan()
    assert case.reference.startswith(f"PGD/{timezone.localdate().year}/")
    assert case.state == State.DITERIMA and case.channel == Channel.WEB
    assert tracking.find_case(code).pk == case.pk
    assert isinstance(Pengaduan.objects.get(pk=case.pk), Pengaduan)


def test_a_public_complaint_is_private_by_default_and_keeps_nothing_about_the_request(file_pengaduan):
    case, _code = file_pengaduan()
    assert (case.confidentiality, case.is_anonymous) == ("rahasia", True)
    opening = TimelineEntry.objects.get(case=case)
    assert opening.by_reporter and opening.actor is None
    audit = AuditEntry.objects.get(case_id=case.pk, event="case.opened")
    assert audit.actor_id is None and "client" not in audit.data


def test_the_complainant_may_choose_to_be_named_and_public(file_pengaduan):
    case, _code = file_pengaduan(confidentiality="biasa", is_anonymous=False, nama="Budi Santoso")
    assert (case.confidentiality, case.is_anonymous, case.nama) == ("biasa", False, "Budi Santoso")


def test_the_public_form_is_always_the_web_channel(file_pengaduan):
    with pytest.raises(ValueError):
        file_pengaduan(channel=Channel.TELEPON)


@pytest.mark.parametrize("channel", [c for c in Channel if c not in (Channel.WEB, Channel.SP4N_LAPOR)])
def test_a_handler_records_the_channel(file_pengaduan, handler, channel):
    case, code = file_pengaduan(actor=handler, channel=channel)
    assert case.channel == channel and code
    opening = TimelineEntry.objects.get(case=case)
    assert opening.actor == handler and not opening.by_reporter


def test_a_complaint_from_lapor_keeps_its_ticket_once(file_pengaduan, handler):
    case, _code = file_pengaduan(actor=handler, channel=Channel.SP4N_LAPOR, lapor_tracking_id=" LAP-123 ")
    assert case.lapor_tracking_id == "LAP-123"
    with pytest.raises(ValidationError) as excinfo:
        file_pengaduan(actor=handler, channel=Channel.SP4N_LAPOR, lapor_tracking_id="LAP-123")
    assert excinfo.value.message_dict["lapor_tracking_id"] == [
        f"Tiket SP4N-LAPOR! ini sudah tercatat sebagai {case.reference}."
    ]


def test_a_lapor_complaint_needs_its_ticket_and_only_it_has_one(file_pengaduan, handler):
    with pytest.raises(ValidationError) as excinfo:
        file_pengaduan(actor=handler, channel=Channel.SP4N_LAPOR)
    assert excinfo.value.message_dict["lapor_tracking_id"] == [
        "Pengaduan dari SP4N-LAPOR! wajib mencantumkan nomor tiketnya."
    ]
    with pytest.raises(ValidationError) as excinfo:
        file_pengaduan(actor=handler, channel=Channel.TELEPON, lapor_tracking_id="LAP-9")
    assert "lapor_tracking_id" in excinfo.value.message_dict


def test_the_database_refuses_what_the_form_would(file_pengaduan):
    """Constraints hold even for code that skips validation."""
    case, _code = file_pengaduan()
    for changes in (
        {"rating": 6},
        {"channel": "merpati"},
        {"lapor_tracking_id": "LAP-1"},  # on a web complaint
        {"duplicate_of_id": case.pk, "archive_reason": "duplikat"},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            Pengaduan.objects.filter(pk=case.pk).update(**changes)


def test_judul_and_isi_are_required(file_pengaduan):
    with pytest.raises(ValidationError) as excinfo:
        file_pengaduan(title="  ", isi="")
    assert excinfo.value.message_dict["title"] == ["Judul wajib diisi."]
    assert "isi" in excinfo.value.message_dict


def test_too_long_input_gets_a_message(file_pengaduan):
    with pytest.raises(ValidationError) as excinfo:
        file_pengaduan(title="J" * 201, isi="x" * 10_001, lokasi="l" * 301, nama="n" * 201)
    errors = excinfo.value.message_dict
    assert errors["title"] == ["Pastikan nilai ini mengandung paling banyak 200 karakter (sekarang 201 karakter)."]
    assert {"isi", "lokasi", "nama"} <= set(errors)


def test_the_incident_cannot_be_in_the_future(file_pengaduan):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as excinfo:
        file_pengaduan(tanggal_kejadian=tomorrow)
    assert excinfo.value.message_dict["tanggal_kejadian"] == ["Tanggal kejadian tidak boleh setelah hari ini."]
    case, _code = file_pengaduan(tanggal_kejadian=timezone.localdate())
    assert case.tanggal_kejadian == timezone.localdate()


def test_contact_details_are_checked_and_tidied(file_pengaduan):
    case, _code = file_pengaduan(nik="3201 0112 0356 0001", email=" Budi@Example.ID ", telepon="0812-3456-7890")
    assert (case.nik, case.email, case.telepon) == ("3201011203560001", "budi@example.id", "0812-3456-7890")
    with pytest.raises(ValidationError) as excinfo:
        file_pengaduan(email="budi@", telepon="12ab")
    assert excinfo.value.message_dict["email"] == ["Alamat e-mail tidak valid."]
    assert "telepon" in excinfo.value.message_dict


def test_a_retired_category_or_unit_cannot_be_chosen(file_pengaduan, kategori, units):
    kategori.is_active = False
    kategori.save()
    units["identitas"].is_active = False
    units["identitas"].save()
    with pytest.raises(ValidationError) as excinfo:
        file_pengaduan(unit_tujuan=units["identitas"])
    assert set(excinfo.value.message_dict) == {"kategori", "unit_tujuan"}
    assert kategori not in selectors.active_kategori()


def test_the_suggested_unit_is_not_the_disposition(file_pengaduan, units):
    case, _code = file_pengaduan(unit_tujuan=units["kelahiran"])
    assert case.unit_tujuan == units["kelahiran"] and case.unit is None


def test_the_categories_are_seeded_in_order(db):
    assert list(selectors.active_kategori().values_list("slug", flat=True)) == [
        "ktp-el",
        "kk",
        "akta-kelahiran",
        "akta-kematian",
        "pindah-datang",
        "kia",
        "lainnya",
    ]


def test_a_category_in_use_cannot_be_deleted(file_pengaduan, kategori):
    from django.db.models import ProtectedError

    file_pengaduan()
    with pytest.raises(ProtectedError):
        kategori.delete()
    assert KategoriLayanan.objects.filter(pk=kategori.pk).exists()


def test_filing_costs_a_fixed_handful_of_queries(file_pengaduan, django_assert_max_num_queries):
    """A public submission must stay cheap: the reference number is taken in one
    statement, the opening clock and due date are computed before the insert, and the
    database's check constraints are left to the database instead of asked one by one."""
    file_pengaduan()  # the year's reference sequence exists from here on
    with django_assert_max_num_queries(10):
        file_pengaduan()


def test_a_ticket_entered_twice_at_once_is_refused_like_a_known_one(file_pengaduan, handler, monkeypatch):
    """Two staff enter the same ticket at once: the second one's check ran before the
    first was stored, so the database refuses the insert; the service says which field."""
    from pengaduan import services

    first, _code = file_pengaduan(actor=handler, channel=Channel.SP4N_LAPOR, lapor_tracking_id="LAP-777")
    real = services._lapor_ticket_recorded_as
    calls = []

    def missed_once(ticket):
        calls.append(ticket)
        return None if len(calls) == 1 else real(ticket)

    monkeypatch.setattr(services, "_lapor_ticket_recorded_as", missed_once)
    with transaction.atomic():
        with pytest.raises(ValidationError) as excinfo:
            file_pengaduan(actor=handler, channel=Channel.SP4N_LAPOR, lapor_tracking_id="LAP-777")
        assert excinfo.value.message_dict["lapor_tracking_id"] == [
            f"Tiket SP4N-LAPOR! ini sudah tercatat sebagai {first.reference}."
        ]
        # The caller's transaction is still usable.
        assert Pengaduan.objects.filter(lapor_tracking_id="LAP-777").count() == 1


def test_another_integrity_error_is_not_taken_for_a_duplicate_ticket():
    from pengaduan import services

    assert services._is_lapor_ticket_conflict(
        IntegrityError('duplicate key value violates unique constraint "pengaduan_lapor_id_unique"')
    )
    assert services._is_lapor_ticket_conflict(
        IntegrityError("UNIQUE constraint failed: pengaduan_pengaduan.lapor_tracking_id")
    )
    other = IntegrityError("CHECK constraint failed: pengaduan_lapor_id_iff_lapor")
    assert not services._is_lapor_ticket_conflict(other)
