"""The recap page: the figures of gratifikasi.recap for a month, a semester or a range of
days, for Petugas UPG and the Pimpinan (for whom it is the only gratifikasi page); a bad
period is refused with a message and no figures; every other role gets 404."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from accounts.testing import verified_login
from casework.models import Case
from gratifikasi.choices import JenisLaporan, JenisPenerimaan, State

SUMMARY = reverse("gratifikasi_staff:summary")


def opened(case, year, month, day):
    Case.objects.filter(pk=case.pk).update(opened_at=timezone.make_aware(datetime.datetime(year, month, day, 10)))


@pytest.fixture
def period_data(submit_declaration, declaration_in):
    """Three declarations received by the UPG in March 2026 and one in August 2026."""
    goods = submit_declaration(jenis_penerimaan=JenisPenerimaan.BARANG, nilai=Decimal(750_000))
    money = declaration_in(State.DITERUSKAN_KPK)  # Rp2.000.000 in cash
    refusal = submit_declaration(jenis_laporan=JenisLaporan.PENOLAKAN, nilai=Decimal(5_000_000))
    august = submit_declaration(nilai=Decimal(300_000))
    for case in (goods, money, refusal):
        opened(case, 2026, 3, 10)
    opened(august, 2026, 8, 3)


def figures(response):
    assert response.status_code == 200, response.content.decode()[:3000]
    return response.context["recap"]


@pytest.mark.parametrize("role", [roles.PETUGAS_UPG, roles.PIMPINAN])
def test_the_month_recap(client, make_user, period_data, role):
    verified_login(client, make_user(role))
    response = client.get(SUMMARY, {"periode": "bulan", "tahun": "2026", "bulan": "3"})
    recap = figures(response)
    assert (recap.start, recap.end) == (datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))
    assert recap.total == 3
    assert recap.by_jenis_laporan == {"penerimaan": 2, "penolakan": 1}
    assert recap.nilai_penerimaan == Decimal(2_750_000)
    body = response.content.decode()
    assert "Maret 2026" in body
    assert "Rp2.750.000" in body and "Rp5.000.000" in body and "Rp750.000" in body
    assert "Diteruskan ke KPK" in body
    # Figures only: nobody's name, no link to a declaration.
    assert "Rina Marlina" not in body and "/staf/gratifikasi/" + "1/" not in body


def test_the_semester_and_a_custom_range(client, upg_officer, period_data):
    verified_login(client, upg_officer)
    first = figures(client.get(SUMMARY, {"periode": "semester", "tahun": "2026", "semester": "1"}))
    second = figures(client.get(SUMMARY, {"periode": "semester", "tahun": "2026", "semester": "2"}))
    assert (first.total, second.total) == (3, 1)
    assert (second.start, second.end) == (datetime.date(2026, 7, 1), datetime.date(2026, 12, 31))
    both = client.get(SUMMARY, {"periode": "rentang", "dari": "2026-03-10", "sampai": "2026-08-03"})
    assert figures(both).total == 4
    assert "10 Maret 2026 – 3 Agustus 2026" in both.content.decode()


def test_the_page_opens_on_this_month(client, upg_officer, submit_declaration):
    submit_declaration()
    verified_login(client, upg_officer)
    today = timezone.localdate()
    recap = figures(client.get(SUMMARY))
    assert recap.start == today.replace(day=1) and recap.total == 1


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"periode": "rentang", "dari": "2026-04-02", "sampai": "2026-04-01"}, "Tanggal akhir tidak boleh sebelum"),
        ({"periode": "rentang", "dari": "2026-02-30", "sampai": "2026-03-01"}, "Tanggal tidak valid"),
        ({"periode": "rentang", "dari": "2026-01-01"}, "Isi tanggal akhir."),
        ({"periode": "rentang", "dari": "1899-01-01", "sampai": "2026-01-01"}, "antara tahun 2000 dan 2100"),
        ({"periode": "bulan", "tahun": "2026", "bulan": "13"}, "Bulan ini tidak ada"),
        ({"periode": "bulan", "tahun": "dua ribu", "bulan": "3"}, "Tahun ditulis dengan angka"),
        ({"periode": "bulan", "tahun": "1999", "bulan": "3"}, "Tahun harus antara 2000 dan 2100."),
        ({"periode": "semester", "tahun": "2026"}, "Pilih semester."),
        ({"periode": "kuartal", "tahun": "2026"}, "Jenis periode ini tidak ada"),
    ],
)
def test_a_bad_period_is_refused_with_a_message(client, upg_officer, db, params, message):
    verified_login(client, upg_officer)
    response = client.get(SUMMARY, params)
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert "recap" not in response.context or response.context.get("recap") is None
    assert "Periode belum dapat ditampilkan." in body


def test_the_pimpinan_finds_the_recap_in_the_menu_and_nothing_else(client, pimpinan, submit_declaration):
    case = submit_declaration()
    verified_login(client, pimpinan)
    home = client.get(reverse("casework:inbox")).content.decode()
    assert f'href="{SUMMARY}"' in home
    assert f'href="{reverse("gratifikasi_staff:list")}"' not in home
    assert client.get(reverse("gratifikasi_staff:list")).status_code == 404
    assert client.get(reverse("gratifikasi_staff:detail", args=[case.pk])).status_code == 404
    assert client.get(reverse("gratifikasi_staff:custody_list")).status_code == 404


@pytest.mark.parametrize(
    "role",
    [roles.ADMIN_SISTEM, roles.PEGAWAI, roles.PENGELOLA_PENGADUAN, roles.PENGELOLA_WBS, roles.INSPEKTORAT],
)
def test_every_other_role_gets_404(client, make_user, db, role):
    verified_login(client, make_user(role))
    assert client.get(SUMMARY).status_code == 404
    home = client.get(reverse("casework:inbox")).content.decode()
    assert f'href="{SUMMARY}"' not in home


def test_the_recap_costs_the_same_whatever_the_number_of_declarations(
    client, upg_officer, submit_declaration, django_assert_max_num_queries
):
    verified_login(client, upg_officer)
    submit_declaration()
    with CaptureQueriesContext(connection) as queries:
        figures(client.get(SUMMARY))
    for _ in range(15):
        submit_declaration(jenis_penerimaan=JenisPenerimaan.BARANG)
    with django_assert_max_num_queries(len(queries)):
        assert figures(client.get(SUMMARY)).total == 16
