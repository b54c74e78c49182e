"""Files on the tracking page: the reporter adds evidence while the case is open, within
the same type, size and count limits as everywhere, and sees (and downloads) only their
own files and those a handler chose to share."""

import pytest
from django.urls import reverse

from casework.attachments import add_attachment
from casework.models import Attachment
from casework.services import run_transition
from security.models import AuditEntry

from . import samples

ATTACH = reverse("track_attach")
PAGE = reverse("track_case")


@pytest.fixture
def case(client, open_uji):
    """A case whose tracking code has been entered on `client`."""
    case, code = open_uji(with_tracking_code=True)
    client.post(reverse("track"), {"code": code})
    return case


def attach(client, *files, **extra):
    return client.post(ATTACH, {"files": list(files)}, **extra)


def png(name="foto.png"):
    return samples.upload(samples.png_with_text(), name)


def test_the_reporter_adds_files_marked_as_theirs(client, case):
    response = attach(client, png("foto-loket.png"), samples.upload(samples.pdf_with_metadata(), "bukti.pdf"))
    assert response.status_code == 302 and response["Location"] == PAGE
    files = list(Attachment.objects.filter(case=case).order_by("id"))
    assert [(f.original_name, f.from_reporter, f.uploaded_by) for f in files] == [
        ("foto-loket.png", True, None),
        ("bukti.pdf", True, None),
    ]
    body = client.get(PAGE).content.decode()
    assert "2 berkas terlampir." in body
    assert "foto-loket.png" in body and "bukti.pdf" in body


def test_nothing_about_the_request_is_recorded(client, case):
    attach(client, png(), REMOTE_ADDR="203.0.113.44", HTTP_USER_AGENT="PonselSaya/1.0")
    entry = AuditEntry.objects.get(event="attachment.added", case_id=case.pk)
    assert entry.actor_id is None and "client" not in entry.data
    assert not AuditEntry.objects.filter(data__icontains="203.0.113.44").exists()
    assert not AuditEntry.objects.filter(data__icontains="PonselSaya").exists()


def test_no_file_chosen(client, case):
    response = attach(client)
    assert response.status_code == 400
    assert "Pilih setidaknya satu berkas untuk dilampirkan." in response.content.decode()


def test_a_file_of_a_refused_type_is_refused(client, case):
    response = attach(client, samples.upload(samples.HTML_PAGE, "halaman.pdf"))
    assert response.status_code == 400
    assert "Jenis berkas tidak diizinkan" in response.content.decode()
    assert not Attachment.objects.filter(case=case).exists()


def test_a_file_too_large_is_refused(client, case, settings):
    settings.SIGAP_ATTACHMENT_MAX_BYTES = 100
    response = attach(client, png())
    assert response.status_code == 400
    assert "Berkas terlalu besar" in response.content.decode()
    assert not Attachment.objects.filter(case=case).exists()


def test_the_count_limit_counts_the_files_already_there(client, case, settings, handler):
    settings.SIGAP_ATTACHMENT_MAX_COUNT = 2
    add_attachment(case=case, upload=png("dari-petugas.png"), uploaded_by=handler)
    response = attach(client, png("a.png"), png("b.png"))
    assert response.status_code == 400
    assert "paling banyak 2 berkas per kasus, sisa 1 berkas lagi" in response.content.decode()
    assert Attachment.objects.filter(case=case).count() == 1
    assert attach(client, png("a.png")).status_code == 302


def test_script_in_a_file_name_is_inert(client, case):
    attach(client, png("<img src=x onerror=alert(1)>.png"))
    body = client.get(PAGE).content.decode()
    assert "<img src=x" not in body
    assert "&lt;img src=x onerror=alert(1)&gt;.png" in body


def test_the_reporter_sees_their_files_and_the_shared_ones_only(client, case, handler):
    attach(client, png("punya-saya.png"))
    internal = add_attachment(case=case, upload=png("catatan-internal.png"), uploaded_by=handler)
    shared = add_attachment(case=case, upload=png("surat-balasan.png"), uploaded_by=handler, visible_to_reporter=True)
    body = client.get(PAGE).content.decode()
    assert "punya-saya.png" in body and "surat-balasan.png" in body
    assert "catatan-internal.png" not in body
    download = client.get(reverse("track_file", args=[shared.pk]))
    assert download.status_code == 200 and download.content.startswith(b"\x89PNG")
    assert download["Cache-Control"].startswith("no-store")
    assert download["Content-Disposition"].startswith("attachment;")
    assert client.get(reverse("track_file", args=[internal.pk])).status_code == 404


def test_a_closed_case_takes_no_more_files(client, case, handler):
    run_transition(case=case, name="tolak", actor=handler)
    assert ATTACH not in client.get(PAGE).content.decode()
    response = attach(client, png())
    assert response.status_code == 400
    assert "Kasus sudah ditutup; lampiran tidak dapat ditambahkan lagi." in response.content.decode()
    assert not Attachment.objects.filter(case=case).exists()


def test_files_are_only_posted(client, case):
    assert client.get(ATTACH).status_code == 405
