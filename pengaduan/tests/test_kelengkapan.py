"""The complainant's time to complete a complaint sent back to them (tunda).

Tunda pauses the handlers' clocks and starts "kelengkapan": 10 working days (a SlaPolicy
row, a waiting period) for the complainant to answer. While it runs, the complaint
cannot be archived as not completed, and the page says from which day it can; once it
has run out a handler may archive it, and until they do a late answer still resumes it.

6 July 2026 is a Monday; July 2026 has no holidays. A tunda on Tue 7 July gives the
complainant until Tue 21 July; archiving is possible from Wed 22 July.
"""

import datetime
import importlib

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts import roles
from accounts.testing import verified_login
from casework.models import Deadline, SlaPolicy, TimelineEntry
from casework.services import run_transition
from casework.tasks import run_deadline_sweep
from casework.workflow import TransitionBlocked
from pengaduan import services
from pengaduan.choices import ArchiveReason, State
from pengaduan.models import Pengaduan
from security.models import AuditEntry

ASKED = datetime.date(2026, 7, 7)
LAST_DAY = datetime.date(2026, 7, 21)
FIRST_ARCHIVE_DAY = datetime.date(2026, 7, 22)
EARLY = (
    "Pelapor dapat melengkapi pengaduan sampai 21 Juli 2026; "
    "pengaduan dapat diarsipkan sebagai tidak dilengkapi mulai 22 Juli 2026."
)


@pytest.fixture
def waiting(travel, file_pengaduan, advance):
    """A complaint sent back to its complainant on Tue 7 July."""
    travel(datetime.date(2026, 7, 6))
    case, code = file_pengaduan()
    travel(ASKED)
    case = advance(case, "tunda")
    return case, code


def the_clock(case):
    return Deadline.objects.get(case=case, clock="kelengkapan")


def test_tunda_gives_the_complainant_ten_working_days_that_are_theirs_not_the_handlers(waiting, mailoutbox):
    case, _code = waiting
    clock = the_clock(case)
    assert (clock.started_on, clock.due_date, clock.working_days) == (ASKED, LAST_DAY, 10)
    assert clock.is_waiting_period and clock.completed_at is None
    # The handlers have no due date of theirs; the list knows when the wait ends.
    assert Pengaduan.objects.values_list("due_date", "waiting_until").get(pk=case.pk) == (None, LAST_DAY)
    mailoutbox.clear()
    # Nobody on the staff is reminded of it, before or after it runs out.
    run_deadline_sweep(today=datetime.date(2026, 7, 20))
    run_deadline_sweep(today=datetime.date(2026, 8, 3))
    assert mailoutbox == []


@pytest.mark.parametrize("today", [ASKED, datetime.date(2026, 7, 14), LAST_DAY])
def test_archiving_is_refused_while_the_complainant_still_has_time(waiting, handler, travel, today):
    case, _code = waiting
    travel(today)
    with pytest.raises(TransitionBlocked) as refused:
        services.pengaduan_archive_incomplete(case=case, actor=handler)
    assert refused.value.reasons == [EARLY]
    case.refresh_from_db()
    assert case.state == State.DITUNDA and the_clock(case).completed_at is None


def test_after_the_last_day_a_handler_archives_it_and_the_complainant_reads_why(waiting, handler, travel):
    case, _code = waiting
    travel(FIRST_ARCHIVE_DAY)
    case = services.pengaduan_archive_incomplete(case=case, actor=handler, note="Tidak ada jawaban.")
    assert (case.state, case.archive_reason) == (State.DIARSIPKAN, ArchiveReason.TIDAK_DILENGKAPI)
    assert case.closed_at is not None
    assert not Deadline.objects.filter(case=case, completed_at__isnull=True).exists()
    assert Pengaduan.objects.get(pk=case.pk).waiting_until is None
    entry = TimelineEntry.objects.filter(case=case).last()
    assert entry.transition == "arsipkan_tidak_lengkap" and entry.is_public and entry.actor == handler
    assert "tidak dilengkapi sampai batas waktu 21 Juli 2026" in entry.public_note
    assert AuditEntry.objects.filter(
        case_id=case.pk, event="case.transition", data__reason=ArchiveReason.TIDAK_DILENGKAPI
    ).exists()


def test_a_late_answer_still_resumes_the_complaint_until_it_is_archived(waiting, travel):
    case, _code = waiting
    travel(datetime.date(2026, 7, 27))
    case = services.pengaduan_supply_information(case=case, reply="Maaf terlambat: nomor antrean 112.")
    assert case.state == State.DITERIMA
    assert the_clock(case).completed_at is not None
    assert Pengaduan.objects.get(pk=case.pk).due_date is not None  # the handlers' clocks run again
    assert Pengaduan.objects.get(pk=case.pk).waiting_until is None  # and nobody else's


def test_triage_archiving_cannot_borrow_the_reason(client, case_in, handler):
    case = case_in(State.DITERIMA)
    with pytest.raises(TransitionBlocked) as refused:
        services.pengaduan_archive(case=case, actor=handler, reason=ArchiveReason.TIDAK_DILENGKAPI)
    assert "hanya dipakai untuk pengaduan yang ditunda" in refused.value.reasons[0]
    case.refresh_from_db()
    assert case.state == State.DITERIMA and case.archive_reason == ""
    verified_login(client, handler)
    body = client.get(reverse("pengaduan_staff:detail", args=[case.pk])).content.decode()
    assert 'value="spam"' in body and 'value="tidak_dilengkapi"' not in body


@pytest.mark.parametrize("role", [roles.UNIT_TINDAK_LANJUT, roles.PIMPINAN, roles.TIM_PENILAI, roles.PEGAWAI])
def test_no_other_role_may_archive_it(waiting, travel, make_user, units, role):
    case, _code = waiting
    travel(FIRST_ARCHIVE_DAY)
    user = make_user(role, unit=units["identitas"])
    with pytest.raises(PermissionDenied):
        services.pengaduan_archive_incomplete(case=case, actor=user)
    case.refresh_from_db()
    assert case.state == State.DITUNDA


def test_the_complainant_cannot_archive_their_own_complaint(waiting, travel):
    case, _code = waiting
    travel(FIRST_ARCHIVE_DAY)
    with pytest.raises(PermissionDenied):
        run_transition(case=case, name="arsipkan_tidak_lengkap", by_reporter=True)


def test_the_handlers_page_says_from_which_day_then_offers_the_form(client, waiting, handler, travel):
    case, _code = waiting
    url = reverse("pengaduan_staff:archive_incomplete", args=[case.pk])
    travel(LAST_DAY)
    verified_login(client, handler)
    body = client.get(reverse("pengaduan_staff:detail", args=[case.pk])).content.decode()
    assert url not in body
    assert EARLY in body
    # Posting anyway is refused with the same reason, and nothing changes.
    response = client.post(url, {"arsipkan_tidak_lengkap-note": ""})
    assert response.status_code == 400 and EARLY in response.content.decode()
    travel(FIRST_ARCHIVE_DAY)
    verified_login(client, handler)  # a day later: the sign-in of the day before has expired
    body = client.get(reverse("pengaduan_staff:detail", args=[case.pk])).content.decode()
    assert url in body and EARLY not in body
    response = client.post(url, {"arsipkan_tidak_lengkap-note": "Tidak ada jawaban."})
    assert response.status_code == 302
    assert Pengaduan.objects.get(pk=case.pk).state == State.DIARSIPKAN


def test_the_tracking_page_tells_the_complainant_their_last_day(client, waiting):
    _case, code = waiting
    assert client.post(reverse("track"), {"code": code}).status_code == 302
    body = client.get(reverse("track_case")).content.decode()
    assert (
        'Jawab pertanyaan petugas di halaman pelacakan paling lambat <time datetime="2026-07-21">Selasa, 21 Juli '
        '2026</time>. Jika belum dijawab, mulai <time datetime="2026-07-22">Rabu, 22 Juli 2026</time> pengaduan '
        "dapat diarsipkan (ditutup) oleh petugas."
    ) in body


def test_the_period_is_data_a_later_rule_changes_for_later_requests(travel, file_pengaduan, advance, waiting):
    earlier, _code = waiting
    SlaPolicy.objects.create(
        kind="pengaduan",
        clock="kelengkapan",
        label="Waktu pelapor melengkapi (baru)",
        working_days=5,
        effective_from=datetime.date(2026, 7, 8),
        is_waiting_period=True,
        source="Keputusan Kepala Dinas",
    )
    travel(datetime.date(2026, 7, 8))
    later, _code = file_pengaduan()
    later = advance(later, "tunda")
    assert the_clock(later).due_date == datetime.date(2026, 7, 15)  # 5 working days
    assert the_clock(earlier).due_date == LAST_DAY  # a running clock keeps its rule


def test_complaints_already_waiting_get_the_period_from_the_day_the_rule_arrives(waiting, travel):
    case, _code = waiting
    the_clock(case).delete()  # as before this rule existed
    travel(datetime.date(2026, 8, 3))  # a Monday
    migration = importlib.import_module("pengaduan.migrations.0006_kelengkapan_period")
    migration.forwards(apps, None)
    clock = the_clock(case)
    assert (clock.started_on, clock.due_date, clock.is_waiting_period) == (
        datetime.date(2026, 8, 3),
        datetime.date(2026, 8, 18),  # 17 August, Independence Day, is not a working day
        True,
    )


@pytest.mark.parametrize("page", ["casework:inbox", "pengaduan_staff:list"])
def test_the_lists_mark_a_complaint_whose_complainant_ran_out_of_time(client, waiting, handler, travel, page):
    travel(LAST_DAY)
    verified_login(client, handler)
    assert "masa tunggu berakhir" not in client.get(reverse(page)).content.decode()
    travel(FIRST_ARCHIVE_DAY)
    verified_login(client, handler)
    body = client.get(reverse(page)).content.decode()
    assert 'class="badge badge--waited">masa tunggu berakhir<' in body
    assert "badge--overdue" not in body  # the complainant's time, never the handlers' lateness


def test_the_rule_cannot_be_undone_once_a_complaint_was_archived_under_it(waiting, handler, travel):
    from django.db.migrations.exceptions import IrreversibleError

    case, _code = waiting
    travel(FIRST_ARCHIVE_DAY)
    services.pengaduan_archive_incomplete(case=case, actor=handler)
    migration = importlib.import_module("pengaduan.migrations.0006_kelengkapan_period")
    with pytest.raises(IrreversibleError, match="tidak_dilengkapi"):
        migration.backwards(apps, None)
    assert Deadline.objects.filter(case=case, clock="kelengkapan").exists()


def test_after_the_last_day_the_tracking_page_says_an_answer_is_still_welcome(client, waiting, travel):
    _case, code = waiting
    travel(FIRST_ARCHIVE_DAY)
    assert client.post(reverse("track"), {"code": code}).status_code == 302
    body = client.get(reverse("track_case")).content.decode()
    assert 'Batas waktu menjawab sudah lewat pada <time datetime="2026-07-21">Selasa, 21 Juli 2026</time>.' in body
    assert "Jawaban Anda masih diterima selama pengaduan ini belum diarsipkan oleh petugas." in body
    assert "Jawab pertanyaan petugas di halaman pelacakan paling lambat" not in body


def test_the_tracking_page_in_english_gives_the_last_day(client, waiting):
    _case, code = waiting
    assert client.post(reverse("track"), {"code": code}).status_code == 302
    client.post(reverse("set_language"), {"language": "en", "next": reverse("track_case")})
    body = client.get(reverse("track_case")).content.decode()
    assert 'datetime="2026-07-21">Tuesday, 21 July 2026</time>' in body


@pytest.mark.parametrize(
    ("role", "status"), [(roles.PIMPINAN, 403), (roles.TIM_PENILAI, 403), (roles.UNIT_TINDAK_LANJUT, 404)]
)
def test_other_roles_posting_the_form_are_refused_and_nothing_changes(
    client, waiting, travel, make_user, units, role, status
):
    case, _code = waiting
    travel(FIRST_ARCHIVE_DAY)
    verified_login(client, make_user(role, unit=units["identitas"]))
    response = client.post(
        reverse("pengaduan_staff:archive_incomplete", args=[case.pk]), {"arsipkan_tidak_lengkap-note": ""}
    )
    assert response.status_code == status
    assert Pengaduan.objects.get(pk=case.pk).state == State.DITUNDA


@pytest.mark.parametrize(
    ("page", "query"),
    [("casework:inbox", {"masa_tunggu": "1"}), ("pengaduan_staff:list", {"tenggat": "masa_tunggu_berakhir"})],
)
def test_the_lists_filter_the_complaints_whose_waiting_period_ended(
    client, waiting, case_in, handler, travel, page, query
):
    case, _code = waiting
    other = case_in(State.DITERIMA)
    travel(FIRST_ARCHIVE_DAY)
    verified_login(client, handler)
    body = client.get(reverse(page), query).content.decode()
    assert case.reference in body and other.reference not in body
    travel(LAST_DAY)
    verified_login(client, handler)
    assert case.reference not in client.get(reverse(page), query).content.decode()


def test_the_archiving_sentence_reads_in_the_complainants_language(client, waiting, handler, travel):
    case, code = waiting
    travel(FIRST_ARCHIVE_DAY)
    services.pengaduan_archive_incomplete(case=case, actor=handler)
    assert client.post(reverse("track"), {"code": code}).status_code == 302
    body = client.get(reverse("track_case")).content.decode()
    assert "tidak dilengkapi sampai batas waktu 21 Juli 2026" in body
    client.post(reverse("set_language"), {"language": "en", "next": reverse("track_case")})
    body = client.get(reverse("track_case")).content.decode()
    assert "was not provided by the deadline of 21 July 2026" in body
    assert "tidak dilengkapi sampai batas waktu" not in body


def test_a_note_typed_by_the_handler_replaces_the_standard_sentence(waiting, handler, travel):
    case, _code = waiting
    travel(FIRST_ARCHIVE_DAY)
    services.pengaduan_archive_incomplete(case=case, actor=handler, public_note="Silakan hubungi loket 3.")
    entry = TimelineEntry.objects.filter(case=case).last()
    assert (entry.public_note, entry.public_note_key) == ("Silakan hubungi loket 3.", "")
