"""The complainant answers a request for information from the tracking page: the handler's
question is shown first, the answer resumes the deadlines, and an answer that arrives
when the complaint no longer waits is kept as a plain message."""

import datetime
import re

import pytest
from django.urls import reverse

from casework.models import Attachment, Deadline, HeldUpload, Message
from casework.tests import samples
from pengaduan import services
from pengaduan.choices import State
from security.models import AuditEntry

REPLY = reverse("pengaduan:track_reply")
PAGE = reverse("track_case")
QUESTION = "Mohon sebutkan nomor antrean Anda."


def test_the_question_comes_first_with_a_reply_form_instead_of_the_message_form(client, tracked):
    tracked(State.DITUNDA)
    body = client.get(PAGE).content.decode()
    assert "Petugas memerlukan informasi tambahan dari Anda" in body
    assert body.index(QUESTION) < body.index("Percakapan dengan petugas")
    assert f'action="{REPLY}#permintaan"' in body
    assert f'action="{PAGE}#percakapan"' not in body


@pytest.mark.parametrize("state", [State.DITERIMA, State.DIVERIFIKASI, State.DIJAWAB])
def test_other_open_states_keep_the_plain_message_form(client, tracked, state):
    tracked(state)
    body = client.get(PAGE).content.decode()
    assert f'action="{PAGE}#percakapan"' in body
    assert REPLY not in body


def test_the_reply_resumes_the_clock_and_reaches_the_handler(client, file_pengaduan, advance, travel):
    travel(datetime.date(2026, 7, 6))  # Monday: asked at once; verification was due Thursday 9
    case, code = file_pengaduan()
    advance(case, "tunda")
    travel(datetime.date(2026, 7, 8))  # Wednesday: Tuesday 7 and Wednesday 8 were spent waiting
    client.post(reverse("track"), {"code": code})
    response = client.post(REPLY, {"body": "Nomor antrean 112."}, REMOTE_ADDR="192.0.2.77")
    assert response.status_code == 302 and response["Location"] == PAGE
    case.refresh_from_db()
    assert case.state == State.DITERIMA
    clock = Deadline.objects.get(case=case, clock="verifikasi")
    assert clock.is_running and clock.due_date == datetime.date(2026, 7, 13)  # two working days given back
    assert case.due_date == clock.due_date
    message = Message.objects.get(case=case)
    assert (message.sender, message.body, message.author) == ("reporter", "Nomor antrean 112.", None)
    assert not AuditEntry.objects.filter(data__icontains="192.0.2.77").exists()
    assert "diproses kembali" in client.get(PAGE).content.decode()


def test_a_reply_when_the_case_no_longer_waits_is_a_plain_message(client, tracked):
    case = tracked(State.DITUNDA)
    # A handler records the missing information given by phone; the reporter's page is old.
    services.pengaduan_supply_information(case=case, reply="Dicatat dari telepon.")
    Message.objects.filter(case=case).delete()
    response = client.post(REPLY, {"body": "Nomor antrean 112."})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == State.DITERIMA
    assert list(Message.objects.filter(case=case).values_list("sender", "body")) == [("reporter", "Nomor antrean 112.")]


def test_a_reply_to_a_closed_case_is_refused_and_kept(client, tracked, advance):
    case = tracked(State.DITUNDA)
    services.pengaduan_supply_information(case=case, reply="Lewat telepon.")
    advance(case, "arsipkan")
    response = client.post(REPLY, {"body": "Nomor antrean 112."})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Kasus sudah ditutup" in body and "Nomor antrean 112." in body


def test_an_empty_or_too_long_reply_is_refused_and_kept(client, tracked):
    case = tracked(State.DITUNDA)
    response = client.post(REPLY, {"body": "  "})
    assert response.status_code == 400
    assert "Tuliskan informasi yang diminta petugas." in response.content.decode()
    text = "x" * 5001
    response = client.post(REPLY, {"body": text})
    assert response.status_code == 400
    assert "terlalu panjang" in response.content.decode() and text in response.content.decode()
    case.refresh_from_db()
    assert case.state == State.DITUNDA and not Message.objects.filter(case=case).exists()


def test_the_reply_carries_the_files_asked_for(client, tracked):
    case = tracked(State.DITUNDA)
    photo = samples.upload(samples.jpeg_with_gps(), "tanda-terima.jpg")
    response = client.post(REPLY, {"body": "Foto tanda terima terlampir.", "lampiran": [photo]})
    assert response.status_code == 302
    attachment = Attachment.objects.get(case=case)
    assert attachment.from_reporter and attachment.uploaded_by is None
    assert attachment.original_name == "tanda-terima.jpg"
    case.refresh_from_db()
    assert case.state == State.DITERIMA


def test_a_refused_file_keeps_the_reply_text_and_sends_nothing(client, tracked):
    case = tracked(State.DITUNDA)
    bad = samples.upload(samples.HTML_PAGE, "<img src=x onerror=alert(1)>.pdf")
    response = client.post(REPLY, {"body": "Nomor antrean 112.", "lampiran": [bad]})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Jenis berkas tidak diizinkan" in body and "Nomor antrean 112." in body
    assert "<img src=x" not in body and "&lt;img src=x onerror=alert(1)&gt;.pdf" in body
    case.refresh_from_db()
    assert case.state == State.DITUNDA
    assert not Message.objects.filter(case=case).exists() and not Attachment.objects.filter(case=case).exists()


def test_script_in_the_question_is_inert(client, file_pengaduan, handler):
    case, code = file_pengaduan()
    services.pengaduan_request_information(case=case, actor=handler, question="<script>alert(1)</script>")
    client.post(reverse("track"), {"code": code})
    body = client.get(PAGE).content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_files_of_a_refused_answer_are_kept_for_the_next_try(client, tracked):
    case = tracked(State.DITUNDA)
    photo = samples.upload(samples.png_with_text(), "nomor-antrean.png", "image/png")
    response = client.post(REPLY, {"body": "", "lampiran": [photo]})
    assert response.status_code == 400
    body = response.content.decode()
    assert "nomor-antrean.png" in body and "Berkas Anda tersimpan." in body
    token = re.search(r'name="berkas_simpanan" value="([^"]+)"', body).group(1)
    assert HeldUpload.objects.get().form == f"pengaduan.reply.{case.pk}"

    response = client.post(REPLY, {"body": "Nomor antrean 112.", "berkas_simpanan": token})
    assert response.status_code == 302
    assert [a.original_name for a in Attachment.objects.filter(case=case)] == ["nomor-antrean.png"]
    assert not HeldUpload.objects.exists()


def test_a_kept_file_of_one_complaint_is_not_found_by_anothers_answer(client, tracked):
    tracked(State.DITUNDA)
    photo = samples.upload(samples.png_with_text(), "milik-orang-lain.png", "image/png")
    body = client.post(REPLY, {"body": "", "lampiran": [photo]}).content.decode()
    token = re.search(r'name="berkas_simpanan" value="([^"]+)"', body).group(1)
    other = tracked(State.DITUNDA)  # the same browser now follows another complaint
    response = client.post(REPLY, {"body": "Jawaban.", "berkas_simpanan": token})
    assert response.status_code == 302
    assert not Attachment.objects.filter(case=other).exists()
