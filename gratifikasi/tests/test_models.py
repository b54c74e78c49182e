"""Rules within one declaration row and one custody row: each refusal names the field to
correct and says what is wrong."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from gratifikasi.choices import JenisLaporan, JenisTindakLanjut, StatusKpk
from gratifikasi.models import BarangTitipan, ExemptionRule, Gratifikasi


def declaration(**fields):
    values = {
        "jenis_laporan": JenisLaporan.PENERIMAAN,
        "tanggal_terima": date(2026, 3, 2),
        "kpk_tanggal": date(2026, 3, 10),
        "opened_at": timezone.make_aware(timezone.datetime(2026, 3, 3, 10, 0)),
        "received_on": date(2026, 3, 3),
    }
    values.update(fields)
    return Gratifikasi(**values)


def errors_of(instance) -> dict:
    with pytest.raises(ValidationError) as excinfo:
        instance.clean()
    return excinfo.value.message_dict


def test_a_gift_received_tomorrow_is_refused():
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert "tanggal_terima" in errors_of(declaration(tanggal_terima=tomorrow, kpk_tanggal=None))


def test_a_refused_gift_cannot_be_held():
    errors = errors_of(declaration(jenis_laporan=JenisLaporan.PENOLAKAN, dititipkan=True))
    assert "tidak dapat dititipkan" in errors["dititipkan"][0]


def test_forwarding_cannot_precede_receipt():
    errors = errors_of(declaration(kpk_tanggal=date(2026, 3, 1)))
    assert errors["kpk_tanggal"] == ["Tanggal penerusan ke KPK tidak boleh sebelum gratifikasi diterima."]


def test_forwarding_cannot_precede_the_report():
    reported = {
        "opened_at": timezone.make_aware(timezone.datetime(2026, 3, 12, 9, 0)),
        "received_on": date(2026, 3, 12),
    }
    errors = errors_of(declaration(**reported, kpk_tanggal=date(2026, 3, 11)))
    assert errors["kpk_tanggal"] == [
        "Tanggal penerusan ke KPK tidak boleh sebelum laporan ini diterima UPG (12 Maret 2026)."
    ]
    declaration(**reported, kpk_tanggal=date(2026, 3, 12)).clean()  # the same day is fine


def test_the_sk_is_recorded_whole():
    errors = errors_of(declaration(sk_status=StatusKpk.MILIK_NEGARA))
    assert set(errors) == {"sk_nomor", "sk_tanggal"}


def test_an_sk_cannot_precede_forwarding():
    errors = errors_of(declaration(sk_status=StatusKpk.MILIK_NEGARA, sk_nomor="SK-1", sk_tanggal=date(2026, 3, 9)))
    assert errors["sk_tanggal"] == ["Tanggal SK tidak boleh sebelum laporan diteruskan ke KPK."]


def test_a_refusal_has_no_sk():
    errors = errors_of(
        declaration(
            jenis_laporan=JenisLaporan.PENOLAKAN,
            sk_status=StatusKpk.MILIK_NEGARA,
            sk_nomor="SK-1",
            sk_tanggal=date(2026, 3, 20),
        )
    )
    assert "sk_status" in errors


SK = {"sk_status": StatusKpk.MILIK_NEGARA, "sk_nomor": "SK-1", "sk_tanggal": date(2026, 3, 20)}


def test_the_follow_up_must_fit_the_decision():
    errors = errors_of(
        declaration(**SK, tindak_lanjut_jenis=JenisTindakLanjut.PENGEMBALIAN, tindak_lanjut_tanggal=date(2026, 3, 25))
    )
    assert errors["tindak_lanjut_jenis"] == [
        "Untuk status “Milik negara” tindak lanjut yang sesuai: Penyerahan kepada negara."
    ]


def test_a_handover_needs_its_receipt_number_and_a_date_after_the_sk():
    errors = errors_of(
        declaration(**SK, tindak_lanjut_jenis=JenisTindakLanjut.PENYERAHAN, tindak_lanjut_tanggal=date(2026, 3, 19))
    )
    assert set(errors) == {"tindak_lanjut_tanggal", "tindak_lanjut_nomor"}


def test_compensation_value_only_with_compensation():
    sk = {**SK, "sk_status": StatusKpk.MILIK_NEGARA_KOMPENSASI}
    errors = errors_of(
        declaration(
            **sk,
            tindak_lanjut_jenis=JenisTindakLanjut.KOMPENSASI,
            tindak_lanjut_tanggal=date(2026, 3, 25),
            tindak_lanjut_nomor="NTPN-1",
        )
    )
    assert errors == {"kompensasi_nilai": ["Isi nilai kompensasi yang dibayarkan."]}
    errors = errors_of(
        declaration(
            **sk,
            tindak_lanjut_jenis=JenisTindakLanjut.PENYERAHAN,
            tindak_lanjut_tanggal=date(2026, 3, 25),
            tindak_lanjut_nomor="BAST-1",
            kompensasi_nilai=Decimal(100),
        )
    )
    assert list(errors) == ["kompensasi_nilai"]


def test_a_compensation_of_nothing_is_refused():
    sk = {**SK, "sk_status": StatusKpk.MILIK_NEGARA_KOMPENSASI}
    errors = errors_of(
        declaration(
            **sk,
            tindak_lanjut_jenis=JenisTindakLanjut.KOMPENSASI,
            tindak_lanjut_tanggal=date(2026, 3, 25),
            tindak_lanjut_nomor="NTPN-1",
            kompensasi_nilai=Decimal(0),
        )
    )
    assert "lebih dari Rp0" in errors["kompensasi_nilai"][0]


def test_a_complete_follow_up_passes():
    declaration(
        **SK,
        tindak_lanjut_jenis=JenisTindakLanjut.PENYERAHAN,
        tindak_lanjut_tanggal=date(2026, 3, 25),
        tindak_lanjut_nomor="BAST-1",
    ).clean()


def test_a_rule_period_must_be_ordered():
    rule = ExemptionRule(category="uji", letter="z", effective_from=date(2026, 1, 20), effective_to=date(2026, 1, 19))
    assert "effective_to" in errors_of(rule)


def test_a_rule_is_in_force_on_both_ends_of_its_period():
    rule = ExemptionRule(effective_from=date(2019, 1, 1), effective_to=date(2026, 1, 19))
    assert rule.in_force_on(date(2019, 1, 1)) and rule.in_force_on(date(2026, 1, 19))
    assert not rule.in_force_on(date(2026, 1, 20)) and not rule.in_force_on(date(2018, 12, 31))


def test_a_release_names_the_reason_and_the_recipient():
    item = BarangTitipan(diterima_tanggal=date(2026, 3, 2), dikeluarkan_tanggal=date(2026, 3, 1))
    errors = errors_of(item)
    assert set(errors) == {"dikeluarkan_tanggal", "alasan_keluar", "dikeluarkan_kepada"}
    assert BarangTitipan(diterima_tanggal=date(2026, 3, 2)).is_held
