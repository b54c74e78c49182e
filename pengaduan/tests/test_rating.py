"""The complainant rates the answer (1–5 with a comment); a dissatisfied rating (2 or less
by default) may reopen the complaint, once."""

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from casework.models import TimelineEntry
from casework.workflow import TransitionBlocked
from pengaduan import services
from pengaduan.choices import State
from pengaduan.models import Pengaduan
from security.models import AuditEntry


@pytest.mark.parametrize("state", [State.DIJAWAB, State.SELESAI])
def test_the_answer_is_rated_with_a_comment(case_in, state):
    case = services.pengaduan_rate(case=case_in(state), rating=5, comment="  Cepat ditangani.  ")
    case = Pengaduan.objects.get(pk=case.pk)
    assert (case.state, case.rating, case.rating_comment) == (state, 5, "Cepat ditangani.")
    entry = TimelineEntry.objects.filter(case=case, transition="rating").get()
    assert entry.by_reporter and not entry.is_public
    assert entry.note == "Penilaian pelapor: 5 dari 5."
    assert AuditEntry.objects.get(case_id=case.pk, event="case.rated").data == {"rating": 5, "reopen": False}


@pytest.mark.parametrize("state", [s for s in State if s not in (State.DIJAWAB, State.SELESAI)])
def test_nothing_to_rate_before_the_answer(case_in, state):
    with pytest.raises(ValidationError) as excinfo:
        services.pengaduan_rate(case=case_in(state), rating=4)
    assert excinfo.value.messages == ["Jawaban dapat dinilai setelah pengaduan dijawab."]


@pytest.mark.parametrize("rating", [0, 6, -1])
def test_a_rating_is_between_one_and_five(case_in, rating):
    with pytest.raises(ValidationError) as excinfo:
        services.pengaduan_rate(case=case_in(State.DIJAWAB), rating=rating)
    assert "rating" in excinfo.value.message_dict


def test_a_dissatisfied_rating_reopens_the_complaint(case_in):
    case = services.pengaduan_rate(
        case=case_in(State.DIJAWAB), rating=1, comment="KTP saya belum juga dicetak.", reopen=True
    )
    assert (case.state, case.reopened_count, case.rating) == (State.DIVERIFIKASI, 1, 1)
    entry = TimelineEntry.objects.filter(case=case, transition="buka_kembali").get()
    assert entry.by_reporter and entry.is_public and entry.public_note == "KTP saya belum juga dicetak."


def test_a_satisfied_rating_cannot_reopen(case_in):
    case = case_in(State.SELESAI)
    with pytest.raises(ValidationError) as excinfo:
        services.pengaduan_rate(case=case, rating=3, reopen=True)
    assert excinfo.value.messages == [
        "Pengaduan hanya dapat dibuka kembali dengan penilaian tidak puas (2 atau kurang)."
    ]
    case.refresh_from_db()
    assert case.state == State.SELESAI and case.rating is None


@override_settings(SIGAP_PENGADUAN_DISSATISFIED_RATING=3)
def test_what_counts_as_dissatisfied_is_a_setting(case_in):
    case = services.pengaduan_rate(case=case_in(State.SELESAI), rating=3, reopen=True)
    assert case.state == State.DIVERIFIKASI


def test_the_second_reopen_is_refused_and_the_rating_is_not_kept(case_in, advance):
    case = services.pengaduan_rate(case=case_in(State.DIJAWAB), rating=1, reopen=True)
    for name in ["disposisi", "catat_tindak_lanjut", "jawab"]:
        case = advance(case, name)
    with pytest.raises(TransitionBlocked) as excinfo:
        services.pengaduan_rate(case=case, rating=2, comment="Masih belum.", reopen=True)
    assert excinfo.value.reasons == [
        "Pengaduan hanya dapat dibuka kembali satu kali, dan pengaduan ini sudah pernah dibuka kembali."
    ]
    case.refresh_from_db()
    assert (case.state, case.rating) == (State.DIJAWAB, 1)
    # Rating without reopening still works.
    case = services.pengaduan_rate(case=case, rating=2, comment="Masih belum.")
    assert (case.state, case.rating) == (State.DIJAWAB, 2)
