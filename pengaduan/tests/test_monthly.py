"""The public monthly follow-up page (Perpres 76/2013): counts of every complaint received in
the month, and an anonymised list of the *biasa* ones only — never a *rahasia* case, an
identity, a tracking code or anything the complainant wrote."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from casework.models import Case, Deadline
from pengaduan.choices import Clock, State

from .conftest import PATHS

URL = reverse("pengaduan:monthly")
OCT = datetime.date(2026, 10, 5)  # a Monday
IDENTITY = {
    "nama": "Siti Aminah Rahmawati",
    "nik": "3201014101900002",
    "email": "siti.aminah@contoh.id",
    "telepon": "081234567890",
    "title": "Judul yang ditulis pelapor",
    "isi": "Isi pengaduan yang tidak boleh terbit",
    "lokasi": "Jalan Kenanga nomor 7",
}


@pytest.fixture
def complaint(travel, file_pengaduan, advance):
    """A complaint filed on `day`, brought to `state`; returns (case, tracking code)."""

    def make(state=State.DITERIMA, *, day=OCT, confidentiality="biasa", **fields):
        travel(day)
        case, code = file_pengaduan(confidentiality=confidentiality, **fields)
        for name in PATHS[state]:
            case = advance(case, name)
        return case, code

    return make


def page(client, **params):
    return client.get(URL, params)


def test_the_default_is_the_last_complete_month(client, complaint, travel):
    complaint(day=datetime.date(2026, 10, 30))
    travel(datetime.date(2026, 11, 21))
    response = page(client)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Oktober 2026" in body
    assert response.context["summary"].received == 1


def test_a_chosen_month_shows_its_complaints_only(client, complaint):
    complaint(day=datetime.date(2026, 9, 30))
    complaint(day=OCT)
    complaint(day=datetime.date(2026, 11, 2))
    response = page(client, bulan="2026-10")
    assert response.context["summary"].received == 1
    assert len(response.context["rows"]) == 1


def test_the_month_is_counted_in_local_time(client, complaint, travel):
    # 23:30 in Jakarta on 31 October is still October, although it is 16:30 UTC.
    case, _ = complaint(day=datetime.date(2026, 10, 31))
    late_evening = timezone.make_aware(datetime.datetime(2026, 10, 31, 23, 30))
    Case.objects.filter(pk=case.pk).update(opened_at=late_evening)
    travel(datetime.date(2026, 12, 1))
    assert page(client, bulan="2026-10").context["summary"].received == 1
    assert page(client, bulan="2026-11").context["summary"].received == 0


def test_a_complaint_counts_in_the_month_it_was_received_not_the_month_it_was_entered(
    client, file_pengaduan, handler, travel, advance
):
    # A letter from the kotak pengaduan received on Friday 25 September, typed in on
    # Monday 5 October and answered on Monday 12 October.
    travel(OCT)
    case, _ = file_pengaduan(
        actor=handler,
        channel="kotak_pengaduan",
        confidentiality="biasa",
        received_on=datetime.date(2026, 9, 25),
        late_entry_reason="Kotak pengaduan dibuka setiap awal bulan.",
    )
    for name in ["verifikasi", "disposisi", "catat_tindak_lanjut"]:
        case = advance(case, name)
    travel(datetime.date(2026, 10, 12))
    advance(case, "jawab")
    assert page(client, bulan="2026-10").context["summary"].received == 0
    september = page(client, bulan="2026-09")
    assert september.context["summary"].received == 1
    (row,) = september.context["rows"]
    # From the day received: 28-30 September and 1-2, 5-9 and 12 October, 11 working days.
    assert (row.received_on, row.answered_on, row.working_days) == (
        datetime.date(2026, 9, 25),
        datetime.date(2026, 10, 12),
        11,
    )


def test_counts_by_state_kategori_and_channel_include_confidential_cases(client, complaint):
    complaint(State.DIJAWAB)
    complaint(State.DITUNDA, confidentiality="rahasia")
    complaint(State.DITUNDA, confidentiality="sangat_rahasia")
    summary = page(client, bulan="2026-10").context["summary"]
    assert summary.received == 3
    assert [(t.label, t.count) for t in summary.by_state] == [
        ("Ditunda, menunggu kelengkapan dari pelapor", 2),
        ("Dijawab", 1),
    ]
    assert [(t.label, t.count) for t in summary.by_kategori] == [("KTP-el", 3)]
    assert [(t.label, t.count) for t in summary.by_channel] == [("Formulir web", 3)]
    assert (summary.answered, summary.answered_on_time) == (1, 1)


def test_a_rahasia_case_is_never_listed(client, complaint):
    complaint(State.SELESAI, confidentiality="rahasia", title="Rahasia satu")
    complaint(State.SELESAI, confidentiality="sangat_rahasia", title="Rahasia dua")
    complaint(State.SELESAI)
    response = page(client, bulan="2026-10")
    assert response.context["summary"].received == 3
    assert len(response.context["rows"]) == 1
    assert response.content.decode().count('<td data-label="No.">') == 1


def test_no_identity_code_reference_or_text_of_the_complainant_is_shown(client, complaint):
    biasa, code = complaint(State.SELESAI, **IDENTITY)
    secret, secret_code = complaint(State.SELESAI, confidentiality="rahasia", **IDENTITY)
    body = page(client, bulan="2026-10").content.decode()
    for value in [*IDENTITY.values(), code, code.replace("-", ""), biasa.reference, secret_code, secret.reference]:
        assert value not in body
    # Nor the answer, written to one person: it is not reviewed for publication.
    assert "petugas perekaman menjadi dua orang" not in body


def test_a_row_says_when_it_was_answered_how_long_it_took_and_whether_in_time(client, complaint, travel, advance):
    case, _ = complaint(State.DITINDAKLANJUTI)  # received Monday 5 October
    travel(datetime.date(2026, 10, 12))
    advance(case, "jawab")
    late, _ = complaint(State.DIJAWAB)
    # As if the answer had come after the resolution deadline.
    Deadline.objects.filter(case=late, clock=Clock.PENYELESAIAN).update(due_date=datetime.date(2026, 10, 1))
    complaint(State.DIVERIFIKASI)
    rows = page(client, bulan="2026-10").context["rows"]
    assert [(r.answered_on, r.working_days, r.on_time) for r in rows] == [
        (datetime.date(2026, 10, 12), 5, True),
        (OCT, 0, False),
        (None, None, None),
    ]
    assert [r.status for r in rows] == ["Dijawab", "Dijawab", "Diverifikasi"]
    assert [r.unit for r in rows] == ["Seksi Identitas", "Seksi Identitas", ""]
    summary = page(client, bulan="2026-10").context["summary"]
    assert (summary.answered, summary.answered_on_time) == (2, 1)


def test_a_reopened_complaint_is_not_counted_as_answered_until_answered_again(client, complaint, travel, advance):
    from pengaduan.services import pengaduan_rate

    case, _ = complaint(State.DIJAWAB)
    pengaduan_rate(case=case, rating=1, comment="Belum selesai.", reopen=True)
    (row,) = page(client, bulan="2026-10").context["rows"]
    assert (row.status, row.answered_on, row.on_time) == ("Diverifikasi", None, None)
    assert page(client, bulan="2026-10").context["summary"].answered == 0
    travel(datetime.date(2026, 10, 9))
    for name in ("disposisi", "catat_tindak_lanjut", "jawab"):
        case = advance(case, name)
    (row,) = page(client, bulan="2026-10").context["rows"]
    assert (row.status, row.answered_on) == ("Dijawab", datetime.date(2026, 10, 9))
    assert page(client, bulan="2026-10").context["summary"].answered == 1


def test_working_days_leave_out_holidays(client, complaint, travel, advance):
    # Received Monday 10 August 2026, answered Tuesday 18 August: Monday 17 August
    # (Proklamasi) is a holiday, so five working days rather than six.
    case, _ = complaint(State.DITINDAKLANJUTI, day=datetime.date(2026, 8, 10))
    travel(datetime.date(2026, 8, 18))
    advance(case, "jawab")
    assert page(client, bulan="2026-08").context["rows"][0].working_days == 5


@pytest.mark.parametrize(
    "value",
    ["abc", "2026-13", "2026-00", "0000-01", "2026-10-05", "10-2026", "2026/10", "<script>", "9" * 30, "２０２６-10"],
)
def test_a_bad_month_gets_a_message_never_an_error(client, complaint, value):
    complaint()
    response = page(client, bulan=value)
    assert response.status_code == 400
    body = response.content.decode()
    assert "format TTTT-BB" in body
    assert "<script>" not in body
    assert "rows" not in response.context


def test_a_month_before_the_first_year_is_refused_for_what_it_is(client, complaint):
    response = page(client, bulan="1999-12")
    assert response.status_code == 400
    body = response.content.decode()
    assert "Laporan bulanan tersedia mulai Januari 2000." in body and "format TTTT-BB" not in body


def test_a_month_still_to_come_is_refused(client, complaint, travel):
    travel(datetime.date(2026, 11, 21))
    response = page(client, bulan="2026-12")
    assert response.status_code == 400
    assert "Bulan Desember 2026 belum tiba." in response.content.decode()


def test_the_running_month_is_shown_as_provisional(client, complaint, travel):
    complaint(day=datetime.date(2026, 11, 2))
    travel(datetime.date(2026, 11, 21))
    response = page(client, bulan="2026-11")
    assert response.status_code == 200
    assert "Bulan ini masih berjalan" in response.content.decode()
    assert response.context["next_month"] is None


def test_script_in_a_category_name_is_inert(client, complaint, kategori):
    kategori.name = "<script>alert(1)</script>"
    kategori.save()
    complaint()
    body = page(client, bulan="2026-10").content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_the_page_needs_no_login_and_is_linked_from_the_home_page(client, db):
    assert f'href="{URL}"' in client.get(reverse("home")).content.decode()
    assert page(client, bulan="2026-10").status_code == 200


def test_the_list_is_paginated(client, complaint, monkeypatch):
    from pengaduan import views_tracking

    monkeypatch.setattr(views_tracking, "MONTHLY_PAGE_SIZE", 2)
    for _ in range(3):
        complaint(State.SELESAI)
    first = page(client, bulan="2026-10")
    assert [r.number for r in first.context["rows"]] == [1, 2]
    second = page(client, bulan="2026-10", page="2")
    assert [r.number for r in second.context["rows"]] == [3]
    assert page(client, bulan="2026-10", page="bukan-angka").status_code == 200


def queries_for(client, **params) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert page(client, **params).status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_complaints(client, complaint, travel, advance):
    complaint(State.SELESAI)
    complaint(State.DITUNDA, confidentiality="rahasia")
    few = queries_for(client, bulan="2026-10")
    for state in [State.SELESAI, State.DIJAWAB, State.DIDISPOSISIKAN, State.DIARSIPKAN] * 3:
        complaint(state)
        complaint(state, confidentiality="rahasia")
    many = queries_for(client, bulan="2026-10")
    assert many == few
    assert few <= 10


def test_a_complaint_moved_to_the_wbs_is_not_listed(client, complaint):
    """Its row would tell the public that a whistle-blowing report came from it."""
    from pengaduan import monthly

    kept, _ = complaint(State.DIJAWAB)
    moved, _ = complaint(State.DITERIMA)
    Case.objects.filter(pk=moved.pk).update(state=State.DIPINDAHKAN_KE_WBS)
    assert [row["state"] for row in monthly.published(monthly.Month.of(OCT))] == [State.DIJAWAB]
    response = page(client, bulan="2026-10")
    assert len(response.context["rows"]) == 1
    assert response.context["summary"].received == 2  # still counted, as a number
