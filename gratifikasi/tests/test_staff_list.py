"""The UPG's declaration list: who may open it (a Petugas UPG, who never sees their own
declarations), the filters, the search, sorting, pagination, bad filter values, and a
query count that stays the same whatever the page size or the number of declarations."""

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
from gratifikasi.models import Gratifikasi

LIST = reverse("gratifikasi_staff:list")


@pytest.fixture
def staff(client, upg_officer):
    verified_login(client, upg_officer)
    return client


def shown(response) -> list[str]:
    assert response.status_code == 200, response.content.decode()[:2000]
    return [row.case.reference for row in response.context["rows"]]


def refs(*cases) -> set[str]:
    return {case.reference for case in cases}


def set_case(case, **fields):
    """Test setup only: put a declaration's dates or flags where a test needs them."""
    case_fields = {name: value for name, value in fields.items() if name in {"opened_at", "received_on", "due_date"}}
    own = {name: value for name, value in fields.items() if name not in case_fields}
    if "opened_at" in case_fields:  # filed that day, as a declarant's own report is
        case_fields.setdefault("received_on", timezone.localdate(case_fields["opened_at"]))
    if case_fields:
        Case.objects.filter(pk=case.pk).update(**case_fields)
    if own:
        Gratifikasi.objects.filter(pk=case.pk).update(**own)
    return Gratifikasi.objects.get(pk=case.pk)


def local(year, month, day, hour=10):
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


# --- Who may open the list ----------------------------------------------------------------------


def test_a_visitor_is_sent_to_sign_in(client, db):
    response = client.get(LIST)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize(
    "role",
    [
        roles.PIMPINAN,
        roles.ADMIN_SISTEM,
        roles.PEGAWAI,
        roles.PENGELOLA_PENGADUAN,
        roles.PENGELOLA_WBS,
        roles.TIM_BENTURAN,
        roles.INSPEKTORAT,
        roles.TIM_PENILAI,
        roles.UNIT_TINDAK_LANJUT,
    ],
)
def test_every_other_role_gets_404_and_no_menu_link(client, make_user, submit_declaration, role):
    case = submit_declaration()
    verified_login(client, make_user(role))
    assert client.get(LIST).status_code == 404
    assert client.get(LIST, {"cari": case.reference}).status_code == 404
    home = client.get(reverse("casework:inbox")).content.decode()
    assert f'href="{LIST}"' not in home


def test_the_officer_sees_every_declaration_but_their_own(staff, submit_declaration, upg_officer, declaration_in):
    others = [submit_declaration(), declaration_in(State.ANALISIS), declaration_in(State.SELESAI)]
    own = submit_declaration(declarant=upg_officer, nama="Dewi Lestari")
    response = staff.get(LIST)
    assert set(shown(response)) == refs(*others)
    assert shown(staff.get(LIST, {"cari": own.reference})) == []
    body = response.content.decode()
    assert f'href="{LIST}" aria-current="page"' in body  # the menu link
    assert "Rina Marlina" in body and "Rp2.000.000" in body and "Seksi Identitas Penduduk" in body


def test_an_empty_list_says_so(staff, db):
    body = staff.get(LIST).content.decode()
    assert "Belum ada laporan gratifikasi yang dapat Anda tangani." in body


# --- Filters --------------------------------------------------------------------------------------


def test_filter_by_state(staff, submit_declaration, declaration_in):
    new = submit_declaration()
    analysed = declaration_in(State.ANALISIS)
    assert shown(staff.get(LIST, {"status": State.ANALISIS})) == [analysed.reference]
    assert shown(staff.get(LIST, {"status": State.ADMINISTRASI})) == [new.reference]


def test_filter_by_kind_of_report_and_of_gift(staff, submit_declaration):
    money = submit_declaration()
    goods = submit_declaration(jenis_penerimaan=JenisPenerimaan.BARANG)
    refusal = submit_declaration(jenis_laporan=JenisLaporan.PENOLAKAN, jenis_penerimaan=JenisPenerimaan.BARANG)
    assert shown(staff.get(LIST, {"jenis_laporan": "penolakan"})) == [refusal.reference]
    assert set(shown(staff.get(LIST, {"jenis_laporan": "penerimaan"}))) == refs(money, goods)
    assert set(shown(staff.get(LIST, {"jenis_penerimaan": "barang"}))) == refs(goods, refusal)
    assert shown(staff.get(LIST, {"jenis_penerimaan": "barang", "jenis_laporan": "penerimaan"})) == [goods.reference]


def test_filter_by_late_reporting(staff, submit_declaration):
    on_time = submit_declaration()
    late_upg = set_case(submit_declaration(), terlambat_upg=True)
    late_kpk = set_case(submit_declaration(), terlambat_upg=True, terlambat_kpk=True)
    assert set(shown(staff.get(LIST, {"terlambat": "upg"}))) == refs(late_upg, late_kpk)
    assert shown(staff.get(LIST, {"terlambat": "kpk"})) == [late_kpk.reference]
    assert set(shown(staff.get(LIST, {"terlambat": "ya"}))) == refs(late_upg, late_kpk)
    assert on_time.reference in shown(staff.get(LIST))
    body = staff.get(LIST).content.decode()
    assert "lewat 30 hari kerja" in body and "lewat 10 hari kerja" in body


def test_a_declaration_filed_late_is_flagged_at_submission(staff, submit_declaration):
    late = submit_declaration(tanggal_terima=timezone.localdate() - datetime.timedelta(days=70))
    assert late.terlambat_upg and late.terlambat_kpk
    assert shown(staff.get(LIST, {"terlambat": "kpk"})) == [late.reference]


def test_filter_overdue(staff, submit_declaration):
    today = timezone.localdate()
    overdue = set_case(submit_declaration(), due_date=today - datetime.timedelta(days=1))
    set_case(submit_declaration(), due_date=today + datetime.timedelta(days=20))
    assert shown(staff.get(LIST, {"tenggat": "terlambat"})) == [overdue.reference]


def test_filter_by_date_reported(staff, submit_declaration):
    march = set_case(submit_declaration(), opened_at=local(2026, 3, 10))
    april = set_case(submit_declaration(), opened_at=local(2026, 4, 2))
    assert shown(staff.get(LIST, {"dari": "2026-04-01"})) == [april.reference]
    assert shown(staff.get(LIST, {"sampai": "2026-03-31"})) == [march.reference]
    assert shown(staff.get(LIST, {"dari": "2026-03-10", "sampai": "2026-03-10"})) == [march.reference]


def test_search_by_reference_registration_or_kpk_number(staff, declaration_in, submit_declaration):
    forwarded = declaration_in(State.DITERUSKAN_KPK)
    other = submit_declaration()
    assert shown(staff.get(LIST, {"cari": forwarded.reference})) == [forwarded.reference]
    assert shown(staff.get(LIST, {"cari": other.reference[-6:]})) == [other.reference]
    assert shown(staff.get(LIST, {"cari": forwarded.nomor_registrasi_upg.lower()})) == [forwarded.reference]
    assert shown(staff.get(LIST, {"cari": "GOL-2026-000123"})) == [forwarded.reference]
    assert shown(staff.get(LIST, {"cari": "tidak-ada-999"})) == []
    assert "Tidak ada laporan yang cocok dengan filter ini." in staff.get(LIST, {"cari": "zzz"}).content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"status": "hilang"}, "Status ini tidak ada; pilih dari daftar."),
        ({"jenis_laporan": "hadiah"}, "Jenis laporan ini tidak ada; pilih dari daftar."),
        ({"jenis_penerimaan": "emas"}, "Jenis penerimaan ini tidak ada; pilih dari daftar."),
        ({"terlambat": "sangat"}, "Pilihan keterlambatan ini tidak ada; pilih dari daftar."),
        ({"dari": "2026-13-01"}, "Tanggal tidak valid"),
        ({"dari": "2026-04-02", "sampai": "2026-04-01"}, "Tanggal akhir tidak boleh sebelum tanggal awal."),
        ({"dari": "1900-01-01"}, "Tanggal harus antara tahun 2000 dan 2100."),
        ({"urut": "acak"}, "Urutan ini tidak ada; pilih dari daftar."),
        ({"per_halaman": "7"}, "Pilih 10, 25, 50, atau 100 baris per halaman."),
    ],
)
def test_a_bad_filter_is_reported_and_kept(staff, submit_declaration, params, message):
    submit_declaration()
    response = staff.get(LIST, params)
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert response.context["rows"] == []
    for value in params.values():
        assert value in body  # what was typed stays in the form


# --- Sorting and pages ------------------------------------------------------------------------------


def test_sort_by_date_reported_and_by_deadline(staff, submit_declaration):
    today = timezone.localdate()
    older = set_case(submit_declaration(), opened_at=local(2026, 1, 5), due_date=today + datetime.timedelta(days=3))
    newer = set_case(submit_declaration(), opened_at=local(2026, 2, 5), due_date=today + datetime.timedelta(days=1))
    assert shown(staff.get(LIST)) == [newer.reference, older.reference]
    assert shown(staff.get(LIST, {"urut": "terlama"})) == [older.reference, newer.reference]
    assert shown(staff.get(LIST, {"urut": "batas"})) == [newer.reference, older.reference]
    body = staff.get(LIST, {"urut": "terlama"}).content.decode()
    assert 'aria-sort="ascending"' in body


def test_pages(staff, submit_declaration):
    cases = [set_case(submit_declaration(), opened_at=local(2026, 1, 1 + i)) for i in range(12)]
    first = staff.get(LIST, {"per_halaman": 10})
    assert shown(first) == [case.reference for case in reversed(cases)][:10]
    assert 'rel="next"' in first.content.decode()
    second = staff.get(LIST, {"per_halaman": 10, "setelah": first.context["page"].next_cursor})
    assert shown(second) == [cases[1].reference, cases[0].reference]
    # The last page is the last ten, read from the end.
    last = [case.reference for case in reversed(cases)][2:]
    assert shown(staff.get(LIST, {"per_halaman": 10, "akhir": 1})) == last


def test_queries_do_not_grow_with_the_page_size_or_the_table(
    staff, submit_declaration, upg_officer, declarant, django_assert_num_queries
):
    """Every row shows the declarant's unit, an assignee and the declaration's own
    columns, so a missing join would cost one query per row and show here."""
    today = timezone.localdate()

    def add(n):
        for i in range(n):
            case = submit_declaration(
                jenis_penerimaan=JenisPenerimaan.BARANG if i % 2 else JenisPenerimaan.UANG, nilai=Decimal(100_000 * i)
            )
            Case.objects.filter(pk=case.pk).update(assignee=upg_officer, due_date=today + datetime.timedelta(i % 3 - 1))

    def page(size, **filters):
        with CaptureQueriesContext(connection) as queries:
            response = staff.get(LIST, {"per_halaman": size, "urut": "batas", **filters})
        return len(queries), len(shown(response))

    add(5)
    baseline, rows = page(10)
    assert rows == 5
    filtered, _ = page(10, tenggat="terlambat_atau_segera", jenis_penerimaan="barang", cari="GRT")
    with django_assert_num_queries(baseline):
        assert page(50)[1] == 5
    add(55)
    with django_assert_num_queries(baseline):
        assert page(10)[1] == 10
    with django_assert_num_queries(baseline):
        assert page(50)[1] == 50
    with django_assert_num_queries(filtered):
        assert page(50, tenggat="terlambat_atau_segera", jenis_penerimaan="barang", cari="GRT")[1] > 10
