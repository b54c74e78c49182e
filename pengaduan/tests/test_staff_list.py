"""The staff complaint list: who may open it and what each role sees in it, the filters,
the search, sorting and pagination, bad filter values, and a query count that stays the
same whatever the page size or the number of complaints."""

import datetime
import re
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from accounts.testing import verified_login
from casework.models import Case
from casework.services import case_assign, case_recuse
from casework.views_case import case_url
from pengaduan import services
from pengaduan.choices import Channel, State
from pengaduan.models import KategoriLayanan

LIST = reverse("pengaduan_staff:list")

# Roles that see no complaint at all: the list is refused, and so is every case in it.
FORBIDDEN_ROLES = [
    roles.PEGAWAI,
    roles.PENGELOLA_WBS,
    roles.PETUGAS_UPG,
    roles.TIM_BENTURAN,
    roles.INSPEKTORAT,
    roles.ADMIN_SISTEM,
]


def shown(response) -> list[str]:
    assert response.status_code == 200, response.content.decode()[:2000]
    return [row.case.reference for row in response.context["rows"]]


def set_case(case, **fields):
    """Test setup only: put a complaint's dates or people where a test needs them. A
    case given the moment it was entered was received that day, unless it says when."""
    if "opened_at" in fields:
        fields.setdefault("received_on", timezone.localdate(fields["opened_at"]))
    Case.objects.filter(pk=case.pk).update(**fields)
    case.refresh_from_db()
    return case


def local(year, month, day, hour=10, minute=0):
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


# --- Who may open the list, and what they see ------------------------------------------------


def test_a_visitor_is_sent_to_sign_in(client, db):
    response = client.get(LIST)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("role", FORBIDDEN_ROLES)
def test_roles_without_complaints_get_neither_the_list_nor_a_case_in_it(client, make_user, case_in, units, role):
    case = case_in(State.DIDISPOSISIKAN)
    # Even as a member of the unit the complaint went to.
    outsider = make_user(role, unit=units["identitas"])
    verified_login(client, outsider)
    assert client.get(LIST).status_code == 403
    assert client.get(LIST, {"cari": case.reference}).status_code == 403
    assert client.get(case_url(case)).status_code == 404
    # The navigation does not offer it either.
    home = client.get(reverse("casework:inbox")).content.decode()
    assert f'href="{LIST}"' not in home


def test_a_unit_role_without_a_unit_gets_no_list(client, make_user, db):
    verified_login(client, make_user(roles.UNIT_TINDAK_LANJUT))
    assert client.get(LIST).status_code == 403


def test_the_handler_sees_every_complaint_and_the_link_to_the_list(staff, case_in):
    cases = [case_in(State.DITERIMA), case_in(State.DIDISPOSISIKAN), case_in(State.SELESAI)]
    response = staff.get(LIST)
    assert set(shown(response)) == {case.reference for case in cases}
    body = response.content.decode()
    assert f'href="{LIST}" aria-current="page"' in body
    assert reverse("pengaduan_staff:create") in body


@pytest.mark.parametrize("role", [roles.PIMPINAN, roles.TIM_PENILAI])
def test_observers_see_every_complaint_but_are_not_offered_the_entry(client, make_user, case_in, role):
    cases = [case_in(State.DITERIMA), case_in(State.DIARSIPKAN)]
    verified_login(client, make_user(role))
    response = client.get(LIST)
    assert set(shown(response)) == {case.reference for case in cases}
    assert reverse("pengaduan_staff:create") not in response.content.decode()


def test_a_unit_member_sees_only_what_was_dispositioned_to_their_unit(client, unit_member, units, case_in, handler):
    ours = case_in(State.DIDISPOSISIKAN)
    followed_up = case_in(State.DITINDAKLANJUTI)
    not_yet = case_in(State.DIVERIFIKASI)
    fresh = case_in(State.DITERIMA)
    theirs = services.pengaduan_route_to_unit(case=case_in(State.DIVERIFIKASI), actor=handler, unit=units["kelahiran"])
    verified_login(client, unit_member)
    assert set(shown(client.get(LIST))) == {ours.reference, followed_up.reference}
    # Neither a filter nor the search reaches the others.
    assert shown(client.get(LIST, {"unit": units["kelahiran"].pk})) == []
    for other in (not_yet, fresh, theirs):
        assert shown(client.get(LIST, {"cari": other.reference})) == []


def test_a_recused_handler_does_not_see_the_case(staff, handler, case_in):
    recused = case_in(State.DITERIMA)
    other = case_in(State.DITERIMA)
    case_recuse(case=recused, user=handler, reason="konflik")
    assert shown(staff.get(LIST)) == [other.reference]
    assert shown(staff.get(LIST, {"cari": recused.reference})) == []
    assert staff.get(case_url(recused)).status_code == 404


# --- What a row shows ------------------------------------------------------------------------


def test_a_row_shows_what_staff_work_from(staff, handler, case_in, kategori, units):
    case = case_in(State.DIDISPOSISIKAN, title="Loket akta tutup siang")
    case_assign(case=case, actor=handler, assignee=handler)
    case = set_case(case, due_date=timezone.localdate() - datetime.timedelta(days=1))
    response = staff.get(LIST)
    body = response.content.decode()
    for text in (
        case.reference,
        "Loket akta tutup siang",
        kategori.name,
        "Formulir web",
        units["identitas"].name,
        "Didisposisikan ke unit",
        handler.full_name,
        case.due_date.isoformat(),
        "terlambat",
    ):
        assert text in body, text
    assert f'href="{case_url(case)}"' in body
    # The day received, which its deadlines count from.
    assert f'datetime="{case.received_on.isoformat()}"' in body


def test_a_complaint_entered_late_shows_the_day_received_and_the_day_entered(staff, handler, file_pengaduan, travel):
    travel(datetime.date(2026, 3, 25))
    file_pengaduan(
        actor=handler,
        channel="kotak_pengaduan",
        received_on=datetime.date(2026, 3, 17),
        late_entry_reason="Kotak pengaduan dibuka setelah libur.",
    )
    body = staff.get(LIST).content.decode()
    cell = body.split('<td data-label="Diterima"', 1)[1].split("</td>", 1)[0]
    assert '<time datetime="2026-03-17">17 Mar 2026</time>' in cell and "dicatat 25 Mar 2026" in cell


def test_due_soon_is_marked_and_a_closed_case_has_no_deadline(staff, case_in):
    soon = set_case(case_in(State.DITERIMA), due_date=timezone.localdate())
    closed = case_in(State.DIARSIPKAN)
    response = staff.get(LIST)
    rows = {row.case.reference: row.case for row in response.context["rows"]}
    assert rows[soon.reference].is_due_soon and not rows[soon.reference].is_overdue
    assert not rows[closed.reference].is_due_soon and not rows[closed.reference].is_overdue
    body = response.content.decode()
    assert "segera jatuh tempo</span>" in body
    assert "Ditutup" in body


def test_script_in_a_title_is_shown_as_text(staff, file_pengaduan, handler):
    case, _code = file_pengaduan(title='<script>alert("judul")</script><b>tebal</b>')
    body = staff.get(LIST).content.decode()
    assert "<script>alert" not in body and "<b>tebal</b>" not in body
    assert "&lt;script&gt;alert(&quot;judul&quot;)&lt;/script&gt;&lt;b&gt;tebal&lt;/b&gt;" in body


def test_the_list_reads_no_complaint_text_or_identity(staff, file_pengaduan):
    """Only the title is decrypted on a list page: never the story or who told it."""
    file_pengaduan(nama="Siti Aminah", email="siti@example.test", isi="Cerita lengkap yang rahasia")
    response = staff.get(LIST)
    complaint = response.context["rows"][0].complaint
    assert {"isi", "nama", "nik", "email", "telepon", "jawaban"} <= complaint.get_deferred_fields()
    assert "Siti Aminah" not in response.content.decode()


# --- Filters ---------------------------------------------------------------------------------


def test_filter_by_state(staff, case_in):
    fresh = case_in(State.DITERIMA)
    case_in(State.DIVERIFIKASI)
    assert shown(staff.get(LIST, {"status": State.DITERIMA})) == [fresh.reference]


def test_filter_by_kategori_including_a_retired_one(staff, file_pengaduan, kategori):
    akta = KategoriLayanan.objects.get(slug="akta-kelahiran")
    ktp, _code = file_pengaduan()
    birth, _code = file_pengaduan(kategori=akta)
    assert shown(staff.get(LIST, {"kategori": akta.pk})) == [birth.reference]
    KategoriLayanan.objects.filter(pk=kategori.pk).update(is_active=False)
    assert shown(staff.get(LIST, {"kategori": kategori.pk})) == [ktp.reference]


def test_filter_by_channel(staff, file_pengaduan, handler):
    web, _code = file_pengaduan()
    phone, _code = file_pengaduan(actor=handler, channel=Channel.TELEPON)
    assert shown(staff.get(LIST, {"saluran": Channel.TELEPON})) == [phone.reference]
    assert shown(staff.get(LIST, {"saluran": Channel.WEB})) == [web.reference]


def test_filter_by_unit(staff, case_in, handler, units):
    identitas = case_in(State.DIDISPOSISIKAN)
    kelahiran = services.pengaduan_route_to_unit(
        case=case_in(State.DIVERIFIKASI), actor=handler, unit=units["kelahiran"]
    )
    assert shown(staff.get(LIST, {"unit": units["identitas"].pk})) == [identitas.reference]
    assert shown(staff.get(LIST, {"unit": units["kelahiran"].pk})) == [kelahiran.reference]


def test_filter_overdue_and_due_soon(staff, case_in):
    today = timezone.localdate()
    late = set_case(case_in(State.DITERIMA), due_date=today - datetime.timedelta(days=3))
    soon = set_case(case_in(State.DITERIMA), due_date=today)
    later = set_case(case_in(State.DITERIMA), due_date=today + datetime.timedelta(days=30))
    case_in(State.SELESAI)
    assert shown(staff.get(LIST, {"tenggat": "terlambat"})) == [late.reference]
    assert shown(staff.get(LIST, {"tenggat": "segera"})) == [soon.reference]
    assert set(shown(staff.get(LIST, {"tenggat": "terlambat_atau_segera"}))) == {late.reference, soon.reference}
    assert later.reference in shown(staff.get(LIST))


def test_filter_by_dates_received_counts_whole_local_days(staff, case_in):
    first = set_case(case_in(State.DITERIMA), opened_at=local(2026, 3, 1, 0, 5))
    last = set_case(case_in(State.DITERIMA), opened_at=local(2026, 3, 31, 23, 55))
    set_case(case_in(State.DITERIMA), opened_at=local(2026, 2, 28, 23, 55))
    set_case(case_in(State.DITERIMA), opened_at=local(2026, 4, 1, 0, 5))
    # A letter of 31 March entered on 2 April is March's, and among its last.
    letter = set_case(case_in(State.DITERIMA), opened_at=local(2026, 4, 2, 9), received_on=datetime.date(2026, 3, 31))
    # One received on 1 April and entered at once is not.
    set_case(case_in(State.DITERIMA), opened_at=local(2026, 4, 1, 8), received_on=datetime.date(2026, 4, 1))
    march = {"dari": "2026-03-01", "sampai": "2026-03-31"}
    assert shown(staff.get(LIST, march)) == [letter.reference, last.reference, first.reference]
    assert shown(staff.get(LIST, {"dari": "2026-03-31"}))[-2:] == [letter.reference, last.reference]
    assert shown(staff.get(LIST, {"dari": "2026-03-01", "sampai": "2026-03-01"})) == [first.reference]


def test_search_finds_part_of_a_reference_in_any_case(staff, case_in):
    cases = [case_in(State.DITERIMA) for _ in range(3)]
    target = cases[1]
    number = target.reference.rsplit("/", 1)[1]  # "000002"
    assert shown(staff.get(LIST, {"cari": number})) == [target.reference]
    assert shown(staff.get(LIST, {"cari": target.reference.lower()})) == [target.reference]
    assert shown(staff.get(LIST, {"cari": f"  {target.reference}  "})) == [target.reference]
    assert len(shown(staff.get(LIST, {"cari": "pgd/"}))) == 3


def test_search_finds_a_lapor_ticket(staff, file_pengaduan, handler):
    lapor, _code = file_pengaduan(actor=handler, channel=Channel.SP4N_LAPOR, lapor_tracking_id="LAP-2026-7781")
    file_pengaduan()
    response = staff.get(LIST, {"cari": "lap-2026-77"})
    assert shown(response) == [lapor.reference]
    assert "LAP-2026-7781" in response.content.decode()


def test_the_search_box_says_what_can_be_searched(staff):
    body = staff.get(LIST).content.decode()
    assert 'placeholder="Nomor, tiket SP4N-LAPOR!, NIK, telepon, e-mail, atau nama pelapor"' in body
    assert "terenkripsi" in body and "sama persis" in body


def test_filters_combine(staff, case_in, file_pengaduan, handler):
    match, _code = file_pengaduan(actor=handler, channel=Channel.EMAIL)
    file_pengaduan(actor=handler, channel=Channel.TELEPON)
    case_in(State.DIVERIFIKASI)
    query = {"saluran": Channel.EMAIL, "status": State.DITERIMA, "cari": match.reference[-6:]}
    assert shown(staff.get(LIST, query)) == [match.reference]


def test_no_match_says_so(staff, case_in):
    case_in(State.DITERIMA)
    response = staff.get(LIST, {"status": State.SELESAI})
    assert shown(response) == []
    assert "Tidak ada pengaduan yang cocok dengan filter ini." in response.content.decode()


# --- Bad filter values ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"status": "hilang"}, "status", "Status ini tidak ada; pilih dari daftar."),
        ({"kategori": "abc"}, "kategori", "Kategori ini tidak ada; pilih dari daftar."),
        ({"kategori": "999999"}, "kategori", "Kategori ini tidak ada; pilih dari daftar."),
        ({"saluran": "merpati"}, "saluran", "Saluran ini tidak ada; pilih dari daftar."),
        ({"unit": "-1"}, "unit", "Unit kerja ini tidak ada; pilih dari daftar."),
        ({"tenggat": "kemarin"}, "tenggat", "Pilihan batas waktu ini tidak ada; pilih dari daftar."),
        ({"dari": "2026-13-45"}, "dari", "Tanggal tidak valid; tulis seperti 2026-03-31."),
        ({"sampai": "kemarin"}, "sampai", "Tanggal tidak valid; tulis seperti 2026-03-31."),
        ({"dari": "0001-01-01"}, "dari", "Tanggal harus antara tahun 2000 dan 2100."),
        ({"sampai": "9999-12-31"}, "sampai", "Tanggal harus antara tahun 2000 dan 2100."),
        ({"dari": "2026-04-01", "sampai": "2026-03-01"}, "sampai", "Tanggal akhir tidak boleh sebelum tanggal awal."),
        ({"urut": "acak"}, "urut", "Urutan ini tidak ada; pilih dari daftar."),
        ({"per_halaman": "7"}, "per_halaman", "Pilih 10, 25, 50, atau 100 baris per halaman."),
        ({"cari": "x" * 51}, "cari", "Kata pencarian terlalu panjang: paling banyak 50 karakter."),
    ],
)
def test_a_bad_filter_value_is_explained_and_kept(staff, case_in, params, field, message):
    case_in(State.DITERIMA)
    response = staff.get(LIST, params)
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors[field] == [message]
    body = response.content.decode()
    assert "Filter belum dapat diterapkan." in body
    assert "<table" not in body
    # What was typed stays in the box (a select cannot show a value it does not offer).
    for name in {"cari", "dari", "sampai"} & set(params):
        assert f'value="{params[name]}"' in body


def test_the_good_filters_stay_beside_a_bad_one(staff, case_in):
    case_in(State.DITERIMA)
    response = staff.get(LIST, {"status": State.DITERIMA, "saluran": Channel.EMAIL, "kategori": "abc"})
    assert response.status_code == 400
    body = response.content.decode()
    assert '<option value="diterima" selected>' in body
    assert '<option value="email" selected>' in body


def test_odd_input_never_fails_the_page(staff, case_in):
    case_in(State.DITERIMA)
    for params in (
        {"cari": "PGD\x00"},
        {"cari": "%_\\'\""},
        {"dari": "99999-01-01"},
        {"kategori": "1.5"},
        {"kategori": "99999999999999999999999"},
        {"unit": "9223372036854775808"},
        {"per_halaman": "1000000"},
        {"page": "-3"},
        {"page": "abc"},
        {"status": ["diterima", "selesai"]},
    ):
        assert staff.get(LIST, params).status_code in (200, 400), params


# --- Sorting and pagination -----------------------------------------------------------------


def test_sorted_by_opening_newest_first_unless_asked(staff, case_in):
    old = set_case(case_in(State.DITERIMA), opened_at=local(2026, 1, 5))
    new = set_case(case_in(State.DITERIMA), opened_at=local(2026, 2, 5))
    assert shown(staff.get(LIST)) == [new.reference, old.reference]
    assert shown(staff.get(LIST, {"urut": "terlama"})) == [old.reference, new.reference]


def test_sorted_by_deadline_with_closed_cases_last(staff, case_in):
    today = timezone.localdate()
    closed = case_in(State.SELESAI)
    far = set_case(case_in(State.DITERIMA), due_date=today + datetime.timedelta(days=20))
    near = set_case(case_in(State.DITERIMA), due_date=today + datetime.timedelta(days=2))
    assert shown(staff.get(LIST, {"urut": "batas"})) == [near.reference, far.reference, closed.reference]
    assert shown(staff.get(LIST, {"urut": "batas_terjauh"})) == [far.reference, near.reference, closed.reference]


def test_column_headers_sort_and_keep_the_filters(staff, case_in):
    case_in(State.DITERIMA)
    body = staff.get(LIST, {"status": State.DITERIMA, "page": "1"}).content.decode()
    assert 'aria-sort="descending"><a href="?status=diterima&amp;urut=terlama">' in body
    assert '<a href="?status=diterima&amp;urut=batas">Batas waktu</a>' in body
    body = staff.get(LIST, {"status": State.DITERIMA, "urut": "batas"}).content.decode()
    assert 'aria-sort="ascending"><a href="?status=diterima&amp;urut=batas_terjauh">' in body


def test_the_form_shows_the_defaults_and_opens_the_folded_filters_in_use(staff, case_in):
    case_in(State.DITERIMA)
    body = staff.get(LIST).content.decode()
    assert '<option value="25" selected>' in body and '<option value="terbaru" selected>' in body
    assert '<details class="list-filters__more">' in body
    body = staff.get(LIST, {"saluran": Channel.EMAIL}).content.decode()
    assert '<details class="list-filters__more" open>' in body
    body = staff.get(LIST, {"dari": "kemarin"}).content.decode()
    assert '<details class="list-filters__more" open>' in body


def _link(body: str, rel: str) -> str:
    return re.search(rf'href="([^"]+)" rel="{rel}"', body).group(1).replace("&amp;", "&")


def test_pages_keep_the_filters(staff, case_in):
    cases = [case_in(State.DITERIMA) for _ in range(12)]
    case_in(State.DIVERIFIKASI)
    response = staff.get(LIST, {"status": State.DITERIMA, "per_halaman": "10"})
    assert len(shown(response)) == 10
    body = response.content.decode()
    assert "12 pengaduan" in body and 'rel="prev"' not in body
    next_link = _link(body, "next")
    assert next_link.startswith("?status=diterima&per_halaman=10&setelah=")
    second = staff.get(LIST + next_link)
    assert len(shown(second)) == 2 and 'rel="next"' not in second.content.decode()
    assert set(shown(response)) | set(shown(second)) == {case.reference for case in cases}
    # Back from the second page is the first page again, full.
    back = staff.get(LIST + _link(second.content.decode(), "prev"))
    assert shown(back) == shown(response) and 'rel="prev"' not in back.content.decode()


def test_an_old_page_number_shows_the_first_page(staff, case_in):
    for _ in range(3):
        case_in(State.DITERIMA)
    response = staff.get(LIST, {"per_halaman": "10", "page": "9"})
    assert response.status_code == 200 and len(shown(response)) == 3


# --- Cost -----------------------------------------------------------------------------------


def test_queries_do_not_grow_with_the_page_size_or_the_table(
    staff, file_pengaduan, handler, units, django_assert_num_queries
):
    """Every row has a category, a unit and an assignee to show, so a missing join would
    cost one query per row and show here."""
    today = timezone.localdate()
    kategori = list(KategoriLayanan.objects.all()[:3])

    def add(n):
        for i in range(n):
            case, _code = file_pengaduan(kategori=kategori[i % 3], title=f"Pengaduan {i}")
            set_case(
                case,
                unit=units["identitas"] if i % 2 else units["kelahiran"],
                assignee=handler,
                due_date=today - datetime.timedelta(days=i % 3 - 1),
            )

    def page(size, **filters):
        with CaptureQueriesContext(connection) as queries:
            response = staff.get(LIST, {"per_halaman": size, "urut": "batas", **filters})
        return len(queries), len(shown(response))

    # Session, the user with their roles and whether they head a unit, second factor; the
    # holidays (for "due soon"); the page with its count; public submissions not yet
    # opened; the agency's profile (the footer; a process keeps it a minute, the tests
    # read it every time). The filter form's two lists are this process's copy
    # (casework.choice_rows), read by the first page only. The session is not written:
    # its expiry moves at most once a minute (security.idle_session).
    add(5)
    first, _rows = page(10)
    baseline, rows = page(10)
    assert (first, baseline, rows) == (9, 7, 5)
    # A deadline filter reads the holidays once more; the category is found in the copy.
    filtered, rows = page(10, tenggat="terlambat_atau_segera", kategori=kategori[0].pk)
    assert (filtered, rows) == (baseline + 1, 2)
    with django_assert_num_queries(baseline):
        assert page(50)[1] == 5
    add(55)
    with django_assert_num_queries(baseline):
        assert page(10)[1] == 10
    with django_assert_num_queries(baseline):
        assert page(50)[1] == 50
    with django_assert_num_queries(filtered):
        assert page(50, tenggat="terlambat_atau_segera", kategori=kategori[0].pk)[1] == 21


# --- Public submissions not yet opened ----------------------------------------------------------


def test_the_list_says_when_public_submissions_wait_too_long(staff, kategori, settings):
    """The worker that opens public submissions is not running: the complaints are safe
    but staff cannot see them, so the list says so instead of looking quiet."""
    from casework import intake
    from pengaduan import services

    settings.SIGAP_INTAKE_STALL_MINUTES = 5
    services.pengaduan_submit(title="Menunggu", isi="Belum dibuka.", kategori=kategori)
    assert "belum tercatat sebagai kasus" not in staff.get(LIST).content.decode()

    later = timezone.now() + datetime.timedelta(minutes=6)
    with mock.patch.object(timezone, "now", return_value=later):
        body = staff.get(LIST).content.decode()
    assert "1 pengaduan dari formulir publik belum tercatat sebagai kasus" in body
    assert "manage.py db_worker" in body

    intake.open_pending()
    with mock.patch.object(timezone, "now", return_value=later):
        assert "belum tercatat sebagai kasus" not in staff.get(LIST).content.decode()


def test_the_category_and_unit_filters_offer_a_new_or_retired_row_at_once(staff, units):
    """The filters read this process's copy of the lists; a row saved here clears it."""
    staff.get(LIST)
    KategoriLayanan.objects.create(name="Kategori baru", slug="kategori-baru", is_active=False, order=99)
    units["identitas"].name = "Seksi Identitas Penduduk"
    units["identitas"].save()
    body = staff.get(LIST).content.decode()
    assert ">Kategori baru</option>" in body and "Seksi Identitas Penduduk</option>" in body
    new = KategoriLayanan.objects.get(slug="kategori-baru")
    assert staff.get(LIST, {"kategori": new.pk}).status_code == 200
