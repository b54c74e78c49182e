"""Changing a reported person's account match is a recorded event: it needs a reason, the
earlier match stays in the history, and the recusal the earlier match created stays
until someone with the right (the Inspektorat, for a WBS report) lifts it, with a reason."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts import roles
from accounts.testing import verified_login
from casework import access
from casework.models import Recusal
from casework.services import case_recusal_lift
from security.models import AuditEntry
from wbs import services
from wbs.reported import TerlaporInput
from wbs.selectors import reported_persons


@pytest.fixture
def wrongly_matched(file_wbs, wbs_handler, second_handler):
    """A report whose reporter picked the wrong Pengelola WBS from the directory (another
    Pengelola WBS still handles it)."""
    case, _code = file_wbs(terlapor=[TerlaporInput(nama="Lina", jabatan="Pengadministrasi", user=second_handler)])
    assert Recusal.objects.filter(case=case, user=second_handler).exists()
    return case


def test_a_match_is_not_overwritten_silently(wrongly_matched, wbs_handler, second_handler, pegawai):
    case = wrongly_matched
    named = reported_persons(case).get()
    with pytest.raises(ValidationError, match="alasan"):
        services.wbs_match_reported(case=case, actor=wbs_handler, terlapor=named, user=pegawai)
    named.refresh_from_db()
    assert named.matched_user_id == second_handler.pk
    services.wbs_match_reported(
        case=case, actor=wbs_handler, terlapor=named, user=pegawai, reason="Nama yang dimaksud pelapor adalah Budi."
    )
    named.refresh_from_db()
    assert named.matched_user_id == pegawai.pk
    # The earlier match stays in the history, with who changed it and why.
    history = list(named.matches.order_by("matched_at", "id"))
    assert [m.matched_user_id for m in history] == [second_handler.pk, pegawai.pk]
    assert history[1].matched_by == wbs_handler and history[1].reason.startswith("Nama yang dimaksud")
    entry = case.timeline.filter(transition="named_match").get()
    assert entry.actor == wbs_handler and "Nama yang dimaksud" in entry.note
    audit = AuditEntry.objects.filter(case_id=case.pk, event="case.named_match_changed").get()
    assert audit.data["person"] == named.pk and audit.data["replaced"] is True
    # Audit data is stored in clear: no account is named there.
    assert str(second_handler.pk) not in str({k: v for k, v in audit.data.items() if k != "person"})
    # The recusal of the earlier match stays: the wrongly named handler still sees nothing.
    assert Recusal.objects.filter(case=case, user=second_handler).exists()
    assert not access.can_view(second_handler, case)


def test_the_page_shows_the_earlier_match_and_asks_for_a_reason(client, wrongly_matched, wbs_handler, pegawai):
    case = wrongly_matched
    named = reported_persons(case).get()
    verified_login(client, wbs_handler)
    url = reverse("wbs_staff:match_reported", args=[case.pk, named.pk])
    body = client.get(reverse("wbs_staff:detail", args=[case.pk])).content.decode()
    assert url in body  # a matched person may be rematched, with a reason
    response = client.post(url, {f"terlapor-{named.pk}-user": pegawai.pk})
    assert response.status_code == 400 and "alasan" in response.content.decode()
    response = client.post(
        url, {f"terlapor-{named.pk}-user": pegawai.pk, f"terlapor-{named.pk}-reason": "Salah pilih akun."}
    )
    assert response.status_code == 302
    body = client.get(reverse("wbs_staff:detail", args=[case.pk])).content.decode()
    assert "Akun pegawai: Budi Santoso" in body
    assert "Lina Marlina" in body and "Salah pilih akun." in body  # the earlier match, kept


def test_only_the_inspektorat_lifts_the_recusal_with_a_reason(
    wrongly_matched, wbs_handler, second_handler, pegawai, inspektorat, kepala_dinas
):
    case = wrongly_matched
    named = reported_persons(case).get()
    services.wbs_match_reported(case=case, actor=wbs_handler, terlapor=named, user=pegawai, reason="Salah pilih.")
    for someone in (wbs_handler, kepala_dinas, second_handler):
        with pytest.raises(PermissionDenied):
            case_recusal_lift(case=case, actor=someone, user=second_handler, reason="Bukan dia.")
    with pytest.raises(ValidationError):
        case_recusal_lift(case=case, actor=inspektorat, user=second_handler, reason=" ")
    assert Recusal.objects.filter(case=case, user=second_handler).exists()
    case_recusal_lift(
        case=case, actor=inspektorat, user=second_handler, reason="Yang dimaksud pelapor adalah Budi, bukan Lina."
    )
    assert not Recusal.objects.filter(case=case, user=second_handler).exists()
    assert access.can_view(second_handler, case)
    entry = AuditEntry.objects.filter(case_id=case.pk, event="case.recusal_lifted").get()
    assert entry.actor_id == inspektorat.pk and entry.data["user"] == second_handler.pk
    assert case.timeline.filter(transition="recusal_lifted").get().note.startswith("Yang dimaksud")


def test_a_recusal_of_a_person_still_matched_is_not_lifted(wrongly_matched, second_handler, inspektorat):
    with pytest.raises(ValidationError, match="masih"):
        case_recusal_lift(case=wrongly_matched, actor=inspektorat, user=second_handler, reason="Bukan dia.")
    assert Recusal.objects.filter(case=wrongly_matched, user=second_handler).exists()


def test_the_lifting_page_lists_only_what_the_user_may_lift(
    client, wrongly_matched, wbs_handler, second_handler, pegawai, inspektorat, make_user
):
    case = wrongly_matched
    named = reported_persons(case).get()
    services.wbs_match_reported(case=case, actor=wbs_handler, terlapor=named, user=pegawai, reason="Salah pilih.")
    url = reverse("casework:recusals")
    verified_login(client, wbs_handler)
    assert client.get(url).status_code == 404
    verified_login(client, make_user(roles.PIMPINAN))
    assert case.reference not in client.get(url).content.decode()
    verified_login(client, inspektorat)
    body = client.get(url).content.decode()
    assert case.reference in body and "Lina Marlina" in body
    assert "Pungutan liar" not in body  # never the report's content
    recusal = Recusal.objects.get(case=case, user=second_handler)
    lift = reverse("casework:recusal_lift", args=[recusal.pk])
    response = client.post(lift, {f"r{recusal.pk}-reason": ""})
    assert response.status_code == 400
    assert client.post(lift, {f"r{recusal.pk}-reason": "Yang dimaksud adalah Budi."}).status_code == 302
    assert not Recusal.objects.filter(pk=recusal.pk).exists()
