"""The UPG recap for March 2026, against numbers counted by hand.

filed  decl.  report      gift      occasion     value      end state / notes
27 Feb F      penerimaan  uang      pernikahan   9.000.000  (outside the period)
 2 Mar C      penolakan   uang      tugas        5.000.000  diteruskan 27 Mar, late:
                                                            received 2 Feb, KPK limit 25 Mar;
                                                            late to the UPG (limit 18 Feb)
 3 Mar A      penerimaan  uang      pernikahan   2.000.000  SK milik negara, penyerahan;
                                                            an object held, then released
 4 Mar B      penerimaan  barang    ulang tahun    300.000  tidak wajib (huruf o)
 5 Mar D      penerimaan  makanan   lainnya        150.000  administrasi; received 5 Jan:
                                                            late to the UPG and to KPK;
                                                            an object held
 6 Mar E      penerimaan  barang    pernikahan   1.200.000  tidak diproses
 9 Mar G      penerimaan  uang      keagamaan    2.500.000  SK dapat diganti uang, kompensasi
"""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from gratifikasi import recap as recap_module
from gratifikasi.choices import JenisLaporan, JenisPenerimaan, JenisPeristiwa, StatusKpk
from gratifikasi.exemptions import rules_in_force
from gratifikasi.recap import Bucket, Timeliness, recap
from gratifikasi.services_custody import custody_receive
from gratifikasi.tests.conftest import expire_completion_period

pytestmark = pytest.mark.django_db

MARCH = {"start": date(2026, 3, 1), "end": date(2026, 3, 31)}


def hold(case, officer):
    return custody_receive(
        case=case,
        actor=officer,
        uraian="Barang",
        nilai=case.nilai,
        diterima_dari=case.nama,
        diterima_tanggal=timezone.localdate(),
        lokasi_simpan="Lemari UPG",
    )


@pytest.fixture
def march(travel, submit_declaration, advance, upg_officer):
    travel(date(2026, 2, 27))
    submit_declaration(tanggal_terima=date(2026, 2, 26), nilai=Decimal(9_000_000))

    travel(date(2026, 3, 2))
    c = submit_declaration(
        jenis_laporan=JenisLaporan.PENOLAKAN,
        jenis_peristiwa=JenisPeristiwa.TUGAS_PELAYANAN,
        tanggal_terima=date(2026, 2, 2),
        nilai=Decimal(5_000_000),
    )
    c = advance(advance(c, "registrasi"), "terima_lengkap")

    travel(date(2026, 3, 3))
    a = advance(advance(submit_declaration(tanggal_terima=date(2026, 3, 2)), "registrasi"), "terima_lengkap")
    hold(a, upg_officer)
    for step in ("teruskan_kpk", "catat_sk", "catat_tindak_lanjut"):
        a = advance(a, step)

    travel(date(2026, 3, 4))
    b = submit_declaration(
        tanggal_terima=date(2026, 3, 3),
        jenis_penerimaan=JenisPenerimaan.BARANG,
        jenis_peristiwa=JenisPeristiwa.ULANG_TAHUN,
        hubungan="rekan_kerja",
        nilai=Decimal(300_000),
    )
    b = advance(advance(b, "registrasi"), "terima_lengkap")
    advance(b, "simpulkan_tidak_wajib", rule=rules_in_force(b.tanggal_terima).get(category="rekan_lainnya"))

    travel(date(2026, 3, 5))
    d = submit_declaration(
        tanggal_terima=date(2026, 1, 5),
        jenis_penerimaan=JenisPenerimaan.MAKANAN,
        jenis_peristiwa=JenisPeristiwa.LAINNYA,
        nilai=Decimal(150_000),
    )
    hold(d, upg_officer)

    travel(date(2026, 3, 6))
    e = submit_declaration(
        tanggal_terima=date(2026, 3, 5), jenis_penerimaan=JenisPenerimaan.BARANG, nilai=Decimal(1_200_000)
    )
    e = advance(advance(e, "registrasi"), "minta_kelengkapan")
    expire_completion_period(e)
    advance(e, "tutup_tidak_lengkap")

    travel(date(2026, 3, 9))
    g = submit_declaration(
        tanggal_terima=date(2026, 3, 6), jenis_peristiwa=JenisPeristiwa.KEAGAMAAN, nilai=Decimal(2_500_000)
    )
    for step in ("registrasi", "terima_lengkap", "teruskan_kpk"):
        g = advance(g, step)
    g = advance(g, "catat_sk", sk_status=StatusKpk.MILIK_NEGARA_KOMPENSASI)
    advance(g, "catat_tindak_lanjut", jenis="kompensasi", nomor="NTPN 0001", kompensasi_nilai=Decimal(2_500_000))

    travel(date(2026, 3, 27))
    advance(c, "teruskan_kpk", kpk_tanggal=date(2026, 3, 27))


def test_march_counted_by_hand(march):
    result = recap(**MARCH)
    assert result.total == 6
    assert result.by_jenis_laporan == {"penerimaan": 5, "penolakan": 1}
    assert result.by_state_group == {
        "dalam_proses": 1,
        "diteruskan": 1,
        "ditetapkan": 2,
        "penolakan_selesai": 0,
        "tidak_wajib": 1,
        "tidak_diproses": 1,
    }
    assert result.by_penerimaan == {
        "uang": Bucket(2, Decimal(4_500_000)),
        "barang": Bucket(2, Decimal(1_500_000)),
        "makanan": Bucket(1, Decimal(150_000)),
        "rabat": Bucket(),
        "penginapan": Bucket(),
        "tiket": Bucket(),
        "fasilitas_lain": Bucket(),
    }
    assert result.by_peristiwa["pernikahan"] == Bucket(2, Decimal(3_200_000))
    assert result.by_peristiwa["ulang_tahun"] == Bucket(1, Decimal(300_000))
    assert result.by_peristiwa["lainnya"] == Bucket(1, Decimal(150_000))
    assert result.by_peristiwa["keagamaan"] == Bucket(1, Decimal(2_500_000))
    assert result.by_peristiwa["tugas_pelayanan"] == Bucket()  # the refusal is not a received value
    assert sum(bucket.count for bucket in result.by_peristiwa.values()) == 5
    assert (result.nilai_penerimaan, result.nilai_penolakan) == (Decimal(6_150_000), Decimal(5_000_000))
    assert result.by_sk_status == {
        "milik_penerima": 0,
        "milik_negara": 1,
        "milik_negara_kompensasi": 1,
        "tidak_dapat_ditetapkan": 0,
    }
    assert result.by_tindak_lanjut == {"penyerahan": 1, "pengembalian": 0, "kompensasi": 1, "tidak_ada": 0}
    assert result.kompensasi_total == Decimal(2_500_000)
    assert result.timeliness == Timeliness(
        tepat_waktu_upg=4,
        terlambat_upg=2,
        terlambat_kpk=1,
        diteruskan=3,
        diteruskan_tepat_waktu=2,
        diteruskan_terlambat=1,
    )
    assert (result.titipan_diterima, result.titipan_disimpan) == (2, 1)


def test_a_refusal_closed_after_forwarding_is_not_counted_as_decided_by_kpk(march, travel, advance):
    refusal = recap_module.period_declarations(**MARCH).get(jenis_laporan=JenisLaporan.PENOLAKAN)
    travel(date(2026, 3, 30))
    advance(refusal, "tutup_penolakan")
    result = recap(**MARCH)
    assert result.by_state_group["penolakan_selesai"] == 1
    assert result.by_state_group["diteruskan"] == 0
    # "Decided by KPK" holds exactly the declarations with an SK.
    assert result.by_state_group["ditetapkan"] == sum(result.by_sk_status.values()) == 2
    assert sum(result.by_state_group.values()) == result.total


def test_money_stays_decimal(march):
    result = recap(**MARCH)
    assert all(isinstance(bucket.nilai, Decimal) for bucket in result.by_penerimaan.values())
    assert isinstance(result.nilai_penerimaan, Decimal) and isinstance(result.kompensasi_total, Decimal)


def test_one_day(march):
    result = recap(start=date(2026, 3, 3), end=date(2026, 3, 3))
    assert result.total == 1
    assert result.by_penerimaan["uang"] == Bucket(1, Decimal(2_000_000))
    assert result.by_tindak_lanjut["penyerahan"] == 1


def test_february_holds_only_the_earlier_one(march):
    result = recap(start=date(2026, 2, 1), end=date(2026, 2, 28))
    assert result.total == 1 and result.nilai_penerimaan == Decimal(9_000_000)


def test_an_empty_period_is_all_zeros(db):
    result = recap(start=date(2030, 1, 1), end=date(2030, 1, 31))
    assert result.total == 0 and result.nilai_penerimaan == Decimal(0)
    assert set(result.by_state_group.values()) == {0}
    assert result.timeliness == Timeliness()


def test_a_period_ending_before_it_starts_is_refused(db):
    with pytest.raises(ValueError):
        recap(start=date(2026, 3, 2), end=date(2026, 3, 1))


def test_the_query_count_does_not_grow_with_the_declarations(march, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        recap(**MARCH)
    assert recap_module.period_declarations(**MARCH).count() == 6
