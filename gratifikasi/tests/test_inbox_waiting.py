"""A declaration sent back to its declarant waits in their Kotak Masuk (gratifikasi.waiting):
with the completion period's due date, the one their declaration's page shows, linking
to the answer form; for them alone; gone once they answered or the UPG closed it."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from accounts import roles
from accounts.testing import verified_login
from casework.models import Deadline
from casework.waiting import waiting_for
from gratifikasi import services
from gratifikasi.choices import Clock, State
from gratifikasi.selectors import declarant_clocks

from .conftest import expire_completion_period

INBOX = reverse("casework:inbox")
LABEL = "Lengkapi laporan gratifikasi"


def completion_items(user):
    return [item for item in waiting_for(user) if item.label.startswith(LABEL)]


def test_the_declarant_finds_the_request_with_its_due_date_and_a_way_to_the_form(client, declarant, declaration_in):
    case = declaration_in(State.PERLU_DILENGKAPI)
    running = Deadline.objects.get(case_id=case.pk, clock=Clock.KELENGKAPAN, completed_at__isnull=True)
    [item] = completion_items(declarant)
    assert item.label == f"{LABEL} {case.reference}"
    assert item.url == reverse("gratifikasi:detail", args=[case.pk]) + "#lengkapi"
    # The same date the declaration's page gives as the limit to complete.
    shown = {view.clock: view.due_date for view in declarant_clocks(case)}
    assert item.due == running.due_date == shown[Clock.KELENGKAPAN]
    assert "Lampirkan foto amplop" in item.note

    verified_login(client, declarant)
    body = client.get(INBOX).content.decode()
    assert case.reference in body
    assert running.due_date.isoformat() in body
    assert "Kotak Masuk kosong" not in body
    detail = client.get(item.url)
    assert detail.status_code == 200
    assert 'id="lengkapi"' in detail.content.decode()


def test_nobody_else_gets_the_item(declarant, declaration_in, upg_officer, pimpinan, make_user):
    declaration_in(State.PERLU_DILENGKAPI)
    for person in (upg_officer, pimpinan, make_user(roles.PEGAWAI)):
        assert completion_items(person) == []


def test_a_declaration_in_any_other_state_waits_for_nothing_from_its_declarant(declarant, declaration_in):
    for state in (State.ADMINISTRASI, State.VERIFIKASI, State.ANALISIS, State.TIDAK_DIPROSES):
        declaration_in(state)
    assert completion_items(declarant) == []


def test_the_item_leaves_once_answered(declarant, declaration_in):
    case = declaration_in(State.PERLU_DILENGKAPI)
    services.declaration_complete(case=case, declarant=declarant, jawaban="Alamat pemberi sudah saya lengkapi.")
    assert completion_items(declarant) == []


def test_a_late_answer_still_waits_and_is_marked_late(client, declarant, declaration_in):
    case = declaration_in(State.PERLU_DILENGKAPI)
    expire_completion_period(case)
    [item] = completion_items(declarant)
    assert item.due == timezone.localdate() - timedelta(days=1)
    verified_login(client, declarant)
    response = client.get(INBOX)
    [row] = [row for row in response.context["waiting"] if row.item.label.startswith(LABEL)]
    assert row.is_overdue and not row.is_due_soon
    assert 'class="badge badge--overdue">terlambat<' in response.content.decode()


def test_each_declaration_sent_back_is_an_item_of_its_own(declarant, declaration_in):
    first = declaration_in(State.PERLU_DILENGKAPI)
    second = declaration_in(State.PERLU_DILENGKAPI)
    assert sorted(item.label for item in completion_items(declarant)) == sorted(
        f"{LABEL} {case.reference}" for case in (first, second)
    )
