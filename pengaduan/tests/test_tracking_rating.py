"""The complainant reads the answer on the tracking page and rates it (1–5 with a comment);
a dissatisfied rating may reopen the complaint once, and a second reopening is refused
with its reason while the comment stays on the page."""

import pytest
from django.test import override_settings
from django.urls import reverse

from pengaduan import services
from pengaduan.choices import State
from pengaduan.models import Pengaduan

RATE = reverse("pengaduan:track_rate")
PAGE = reverse("track_case")
ANSWER = "Terima kasih. Mulai Senin petugas perekaman menjadi dua orang."
NOT_AGAIN = "Pengaduan hanya dapat dibuka kembali satu kali, dan pengaduan ini sudah pernah dibuka kembali."


def fresh(case):
    return Pengaduan.objects.get(pk=case.pk)


@pytest.mark.parametrize("state", [State.DIJAWAB, State.SELESAI])
def test_the_answer_is_shown_with_the_rating_form(client, tracked, state):
    tracked(state)
    body = client.get(PAGE).content.decode()
    assert "Jawaban atas pengaduan Anda" in body and ANSWER in body
    assert f'action="{RATE}#penilaian"' in body
    # The answer comes before the conversation and the history.
    assert body.index(ANSWER) < body.index("Percakapan dengan petugas")


@pytest.mark.parametrize("state", [State.DITERIMA, State.DITUNDA, State.DIDISPOSISIKAN, State.DITINDAKLANJUTI])
def test_nothing_to_rate_before_the_answer(client, tracked, state):
    case = tracked(state)
    assert RATE not in client.get(PAGE).content.decode()
    response = client.post(RATE, {"rating": "4", "comment": "Bagus."})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Jawaban dapat dinilai setelah pengaduan dijawab." in body and "Bagus." in body
    assert fresh(case).rating is None


def test_a_rating_is_saved_and_then_shown(client, tracked):
    case = tracked(State.DIJAWAB)
    response = client.post(RATE, {"rating": "4", "comment": "Cukup cepat."}, REMOTE_ADDR="192.0.2.9")
    assert response.status_code == 302 and response["Location"] == PAGE
    case = fresh(case)
    assert (case.state, case.rating, case.rating_comment) == (State.DIJAWAB, 4, "Cukup cepat.")
    body = client.get(PAGE).content.decode()
    assert "Anda memberi nilai 4 dari 5." in body and "Cukup cepat." in body
    assert "Terima kasih atas penilaian Anda." in body


@pytest.mark.parametrize("value", ["0", "6", "-1", "empat", ""])
def test_a_rating_is_between_one_and_five(client, tracked, value):
    case = tracked(State.DIJAWAB)
    response = client.post(RATE, {"rating": value, "comment": "Komentar saya."})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Pilih penilaian dari 1 sampai 5." in body and "Komentar saya." in body
    assert fresh(case).rating is None


def test_a_dissatisfied_rating_reopens_the_case(client, tracked):
    case = tracked(State.DIJAWAB)
    response = client.post(RATE, {"rating": "1", "comment": "KTP saya belum dicetak.", "reopen": "on"})
    assert response.status_code == 302
    case = fresh(case)
    assert (case.state, case.reopened_count, case.rating) == (State.DIVERIFIKASI, 1, 1)
    body = client.get(PAGE).content.decode()
    assert "dibuka kembali dan akan ditangani lagi" in body
    assert "KTP saya belum dicetak." in body  # the reason is in the public history
    assert RATE not in body  # nothing to rate until the next answer


def test_after_a_dissatisfied_rating_the_page_offers_to_reopen(client, tracked):
    case = tracked(State.SELESAI)
    client.post(RATE, {"rating": "2", "comment": "Belum selesai."})
    body = client.get(PAGE).content.decode()
    assert "Buka kembali pengaduan" in body and 'name="reopen" value="on"' in body
    client.post(RATE, {"rating": "2", "comment": "Belum selesai juga.", "reopen": "on"})
    case = fresh(case)
    assert (case.state, case.rating_comment, case.closed_at) == (State.DIVERIFIKASI, "Belum selesai juga.", None)


def test_a_satisfied_rating_does_not_reopen(client, tracked):
    case = tracked(State.DIJAWAB)
    response = client.post(RATE, {"rating": "4", "comment": "Baik.", "reopen": "on"})
    assert response.status_code == 400
    assert "penilaian tidak puas (2 atau kurang)" in response.content.decode()
    case = fresh(case)
    assert (case.state, case.rating) == (State.DIJAWAB, None)


@override_settings(SIGAP_PENGADUAN_DISSATISFIED_RATING=3)
def test_the_page_says_which_ratings_may_reopen(client, tracked):
    tracked(State.DIJAWAB)
    assert "Hanya untuk penilaian 3 atau kurang." in client.get(PAGE).content.decode()


def test_the_second_reopening_is_refused_and_the_comment_kept(client, tracked, advance):
    case = tracked(State.DIJAWAB)
    client.post(RATE, {"rating": "1", "comment": "Belum.", "reopen": "on"})
    for name in ["disposisi", "catat_tindak_lanjut", "jawab"]:
        case = advance(case, name)
    body = client.get(PAGE).content.decode()
    # The new answer asks for a new rating, and says a reopening is no longer possible.
    assert "Anda memberi nilai" not in body
    assert "tidak dapat dibuka kembali lagi" in body and 'name="reopen"' not in body
    # An old page (or a hand-made request) asks again anyway: the service says why not.
    response = client.post(RATE, {"rating": "1", "comment": "Masih belum dicetak juga.", "reopen": "on"})
    assert response.status_code == 400
    body = response.content.decode()
    assert NOT_AGAIN in body and "Masih belum dicetak juga." in body
    case = fresh(case)
    assert (case.state, case.reopened_count, case.rating) == (State.DIJAWAB, 1, 1)
    # Rating without reopening still works.
    assert client.post(RATE, {"rating": "2", "comment": "Masih belum dicetak juga."}).status_code == 302
    assert fresh(case).rating == 2


def test_script_in_the_answer_and_the_comment_is_inert(client, file_pengaduan, advance, handler):
    case, code = file_pengaduan()
    for name in ["verifikasi", "disposisi", "catat_tindak_lanjut"]:
        case = advance(case, name)
    services.pengaduan_answer(case=case, actor=handler, answer="<script>alert('jawaban')</script>")
    client.post(reverse("track"), {"code": code})
    client.post(RATE, {"rating": "5", "comment": "<img src=x onerror=alert(2)>"})
    body = client.get(PAGE).content.decode()
    assert "<script>alert('jawaban')</script>" not in body and "&lt;script&gt;" in body
    assert "<img src=x" not in body and "&lt;img src=x onerror=alert(2)&gt;" in body
