"""A kind's own staff page and the engine's shared endpoints (CaseKind.staff_page).

A refused message, note, assignment or privacy change comes back on the kind's own page
with what was typed; a kind with its own forms gets no generic transitions, and the
generic transition endpoint refuses them. Proven on the test-only kind "uji" with a
stand-in page.
"""

import dataclasses
import datetime

import pytest
from django.http import HttpResponse
from django.template import engines
from django.urls import reverse

from accounts import roles
from accounts.testing import verified_login
from casework import kinds, sla
from casework.models import Case, InternalNote, Message, SlaPolicy
from casework.selectors import staff_actions
from casework.services import run_transition
from casework.views_case import case_deadlines, case_panel_context

# Like every page, it shows the messages of the request (templates/base.html does).
KIND_PAGE = engines["django"].from_string(
    "HALAMAN JENIS {{ case.reference }}{% include 'includes/messages.html' %}"
    "{% include 'casework/includes/case_actions.html' %}{% include 'casework/includes/case_history.html' %}"
)


def stand_in_page(request, case, *, status=200, **bound_forms):
    """What a kind's page does: the shared panel's context plus its own, rendered."""
    return HttpResponse(KIND_PAGE.render(case_panel_context(request, case, **bound_forms), request), status=status)


@pytest.fixture
def own_page(monkeypatch):
    spec = dataclasses.replace(kinds.get_kind("uji"), staff_page=f"{__name__}.stand_in_page")
    monkeypatch.setitem(kinds._REGISTRY, "uji", spec)


@pytest.fixture
def case(open_uji):
    return open_uji(title="Antrean KK tidak dilayani")[0]


@pytest.fixture
def staff_client(client, handler):
    verified_login(client, handler)
    return client


def test_a_refused_note_comes_back_on_the_kinds_page_with_its_text(own_page, staff_client, case):
    text = "Catatan panjang sekali. " * 300
    response = staff_client.post(reverse("case:note", args=[case.pk]), {"body": text})
    body = response.content.decode()
    assert response.status_code == 400
    assert body.startswith(f"HALAMAN JENIS {case.reference}")
    assert "Teks terlalu panjang" in body and "Catatan panjang sekali." in body
    assert not InternalNote.objects.exists()


def test_a_message_from_someone_who_may_only_read_comes_back_there_as_forbidden(own_page, client, case, make_user):
    reader = make_user(roles.PEGAWAI)
    Case.objects.filter(pk=case.pk).update(assignee=reader)  # the uji policy lets an assignee read
    verified_login(client, reader)
    response = client.post(reverse("case:message", args=[case.pk]), {"body": "Halo pelapor"})
    assert response.status_code == 403
    body = response.content.decode()
    assert body.startswith("HALAMAN JENIS") and "Halo pelapor" in body and "tidak berwenang" in body
    assert not Message.objects.exists()


def test_loosening_privacy_and_a_wrong_assignee_come_back_there(own_page, staff_client, case, make_user):
    response = staff_client.post(reverse("case:confidentiality", args=[case.pk]), {"confidentiality": "biasa"})
    assert response.status_code == 400
    assert (
        response.content.decode().startswith("HALAMAN JENIS") and "wajib disertai alasan" in response.content.decode()
    )
    outsider = make_user(roles.PETUGAS_UPG)
    response = staff_client.post(reverse("case:assign", args=[case.pk]), {"assignee": outsider.pk, "note": "tugas"})
    assert response.status_code == 400 and response.content.decode().startswith("HALAMAN JENIS")
    assert 'value="tugas"' in response.content.decode()


def test_success_still_redirects_to_where_staff_open_the_case(own_page, staff_client, case):
    response = staff_client.post(reverse("case:note", args=[case.pk]), {"body": "Cek CCTV"})
    assert response.status_code == 302 and response.url == reverse("case:detail", args=[case.pk])
    assert staff_client.get(response.url).content.decode().startswith("HALAMAN JENIS")


def test_a_kind_with_its_own_forms_gets_no_generic_transitions(own_page, staff_client, case):
    body = staff_client.get(reverse("case:detail", args=[case.pk])).content.decode()
    assert reverse("case:transition", args=[case.pk, "verifikasi"]) not in body
    response = staff_client.post(reverse("case:transition", args=[case.pk, "verifikasi"]), {"note": "catatan"})
    assert response.status_code == 400
    assert "melalui formulirnya sendiri" in response.content.decode()
    case.refresh_from_db()
    assert case.state == "baru"


def test_a_kind_without_its_own_page_keeps_the_generic_transitions(staff_client, case):
    body = staff_client.get(reverse("case:detail", args=[case.pk])).content.decode()
    assert reverse("case:transition", args=[case.pk, "verifikasi"]) in body
    assert staff_client.post(reverse("case:transition", args=[case.pk, "verifikasi"])).status_code == 302


def test_shared_forms_show_only_to_who_may_use_them(client, case, make_user):
    reader = make_user(roles.PEGAWAI)
    Case.objects.filter(pk=case.pk).update(assignee=reader)
    verified_login(client, reader)
    body = client.get(reverse("case:detail", args=[case.pk])).content.decode()
    assert "Antrean KK tidak dilayani" in body
    for name in ("message", "note", "assign", "confidentiality"):
        assert reverse(f"case:{name}", args=[case.pk]) not in body


def test_the_shared_forms_have_ids_of_their_own(staff_client, case):
    body = staff_client.get(reverse("case:detail", args=[case.pk])).content.decode()
    assert 'id="message-body"' in body and 'id="note-body"' in body
    assert body.count('id="note-body"') == 1


def test_actions_say_who_may_run_them_apart_from_what_is_missing(case, handler, make_user):
    run_transition(case=case, name="verifikasi", actor=handler)
    case.refresh_from_db()
    by_name = {action["name"]: action for action in staff_actions(case, handler)}
    assert by_name["selesaikan"]["permitted"] is True
    assert by_name["selesaikan"]["blockers"] == ["Ringkasan tindak lanjut wajib diisi."]
    reader = make_user(roles.PEGAWAI)
    refused = {action["name"]: action for action in staff_actions(case, reader)}["selesaikan"]
    assert refused["permitted"] is False and "tidak berwenang" in refused["blockers"][0]


def test_deadlines_per_clock_are_marked_like_the_lists(open_uji, settings):
    settings.SIGAP_DUE_SOON_WORKING_DAYS = 2
    monday = datetime.date(2026, 3, 2)
    SlaPolicy.objects.create(
        kind="uji", clock="konfirmasi", label="Tunggu", working_days=1, effective_from=monday, is_waiting_period=True
    )
    case, _ = open_uji(opening_clocks=[])
    sla.start_clock(case=case, clock="verifikasi", on=monday)  # due Thursday 5 March
    sla.start_clock(case=case, clock="konfirmasi", on=monday)  # the reporter's time, due Tuesday
    rows = {row.label: row for row in case_deadlines(case, today=datetime.date(2026, 3, 4))}
    assert rows["Verifikasi"].is_due_soon and not rows["Verifikasi"].is_overdue
    assert not rows["Tunggu"].is_overdue and not rows["Tunggu"].is_due_soon
    rows = {row.label: row for row in case_deadlines(case, today=datetime.date(2026, 3, 9))}
    assert rows["Verifikasi"].is_overdue
    sla.pause_clocks(case=case, on=datetime.date(2026, 3, 9))
    assert not any(row.is_overdue for row in case_deadlines(case, today=datetime.date(2026, 3, 10)))


def test_a_clock_restarted_on_the_day_it_started_shows_its_last_run_only(open_uji):
    monday, tuesday = datetime.date(2026, 3, 2), datetime.date(2026, 3, 3)
    case, _ = open_uji(opening_clocks=[])
    for _ in range(3):  # three steps on Monday, each restarting the clock
        sla.start_clock(case=case, clock="verifikasi", on=monday)
    runs = [row.deadline for row in case_deadlines(case, today=monday)]
    assert len(runs) == 1 and runs[0].completed_at is None
    # A run that lasted a day is history worth keeping.
    sla.start_clock(case=case, clock="verifikasi", on=tuesday)
    runs = [row.deadline for row in case_deadlines(case, today=tuesday)]
    assert [run.started_on for run in runs] == [monday, tuesday]
    assert runs[0].completed_at is not None and runs[1].completed_at is None
