"""The monev's files: checked in the form (type, size, count) with everything typed kept
on refusal, stored encrypted like a case's attachments, handed out as sent, covered by
key rotation and kept by the orphan sweep."""

import datetime
import io
from datetime import timedelta

from cryptography.fernet import Fernet
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from PIL import Image

from accounts.testing import verified_login
from casework.attachments import read_attachment, storage_path, sweep_orphan_files
from reports.models import BerkasRapat, BerkasTindakLanjut, RapatMonev
from security import crypto

D = datetime.date


def png(color=(200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), color).save(out, format="PNG")
    return out.getvalue()


def meeting_post(**overrides):
    data = {
        "tanggal": "2026-03-08",
        "perihal": "Monev Maret",
        "tempat": "Ruang rapat",
        "peserta": "Kepala Dinas dan Tim ZI",
        "objek": "Rencana kerja ZI",
    }
    data.update(overrides)
    return data


def test_a_meeting_is_recorded_with_its_files_encrypted(client, monev_people, clock):
    verified_login(client, monev_people["tim"])
    photo = png()
    response = client.post(
        reverse("reports:monev_meeting_create"),
        {**meeting_post(), "foto": [SimpleUploadedFile("rapat.png", photo)]},
    )
    rapat = RapatMonev.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("reports:monev_meeting", args=[rapat.pk])
    stored = BerkasRapat.objects.get()
    assert stored.jenis == "foto" and stored.original_name == "rapat.png"
    on_disk = storage_path(stored).read_bytes()
    assert photo not in on_disk and crypto.decrypt_bytes(on_disk) == read_attachment(stored)
    download = client.get(reverse("reports:monev_meeting_file", args=[stored.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "image/png"
    assert download.content == read_attachment(stored)


def test_a_refused_file_keeps_what_was_typed(client, monev_people, clock):
    verified_login(client, monev_people["tim"])
    response = client.post(
        reverse("reports:monev_meeting_create"),
        {
            **meeting_post(perihal="Monev April yang panjang"),
            "notula": [SimpleUploadedFile("notula.docx", b"PK\x03\x04 bukan")],
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Jenis berkas tidak diizinkan" in page and "notula.docx" in page
    assert 'value="Monev April yang panjang"' in page and "Kepala Dinas dan Tim ZI" in page
    assert not RapatMonev.objects.exists() and not BerkasRapat.objects.exists()


@override_settings(SIGAP_ATTACHMENT_MAX_COUNT=2, SIGAP_ATTACHMENT_MAX_BYTES=1024 * 1024)
def test_too_many_or_too_large_files_are_refused(client, monev_people, meeting, recommend):
    rapat = meeting(D(2026, 3, 8))
    verified_login(client, monev_people["tim"])
    url = reverse("reports:monev_meeting_files", args=[rapat.pk])
    three = [SimpleUploadedFile(f"f{i}.png", png()) for i in range(3)]
    response = client.post(url, {"jenis": "foto", "berkas": three})
    assert response.status_code == 400 and "Terlalu banyak berkas" in response.content.decode()
    big = SimpleUploadedFile("besar.png", png() + b"\0" * (1024 * 1024))
    response = client.post(url, {"jenis": "foto", "berkas": [big]})
    assert response.status_code == 400 and "Berkas terlalu besar" in response.content.decode()
    assert client.post(url, {"jenis": "notula", "berkas": [SimpleUploadedFile("n.png", png())]}).status_code == 302
    # One stored, one more allowed: the limit counts what the meeting holds.
    response = client.post(url, {"jenis": "foto", "berkas": three[:2]})
    assert response.status_code == 400 and "sisa 1 berkas" in response.content.decode()
    assert BerkasRapat.objects.count() == 1


def test_follow_up_evidence_is_kept_with_a_refusal_reported_beside_the_field(client, monev_people, meeting, recommend):
    rec = recommend(meeting(D(2026, 3, 8)))
    verified_login(client, monev_people["kasi"])
    url = reverse("reports:monev_recommendation", args=[rec.pk])
    response = client.post(
        url,
        {
            "uraian": "Sosialisasi sudah jalan",
            "tanggal": "2026-04-01",
            "berkas": [SimpleUploadedFile("x.exe", b"MZ..")],
        },
    )
    assert response.status_code == 400
    assert "Sosialisasi sudah jalan" in response.content.decode()
    response = client.post(
        url,
        {"uraian": "Sosialisasi sudah jalan", "tanggal": "2030-01-01", "berkas": [SimpleUploadedFile("a.png", png())]},
    )
    assert response.status_code == 400 and "tidak boleh sesudah hari ini" in response.content.decode()
    assert not BerkasTindakLanjut.objects.exists()
    response = client.post(
        url,
        {
            "uraian": "Sosialisasi sudah jalan",
            "tanggal": "2026-04-01",
            "selesai": "on",
            "berkas": [SimpleUploadedFile("a.png", png())],
        },
    )
    assert response.status_code == 302
    rec.refresh_from_db()
    assert rec.selesai_pada == D(2026, 4, 1) and BerkasTindakLanjut.objects.count() == 1


def test_key_rotation_and_the_orphan_sweep_cover_report_files(settings, monev_people, meeting):
    from reports.monev import services
    from reports.monev.forms import MeetingFilesForm

    rapat = meeting(D(2026, 3, 8))
    form = MeetingFilesForm({"jenis": "notula"}, {"berkas": [SimpleUploadedFile("n.png", png())]})
    assert form.is_valid(), form.errors
    stored = services.rapat_add_files(
        rapat=rapat, actor=monev_people["tim"], jenis="notula", files=form.cleaned_data["berkas"]
    )[0]
    content = read_attachment(stored)
    # The sweep knows the file belongs to a row.
    assert sweep_orphan_files(older_than=timedelta(0)) == []
    assert storage_path(stored).exists()

    settings.SIGAP_ENCRYPTION_KEYS = f"2:{Fernet.generate_key().decode()},{settings.SIGAP_ENCRYPTION_KEYS}"
    out = io.StringIO()
    call_command("rotate_encryption_keys", stdout=out)
    assert "reports.BerkasRapat files: re-encrypted 1 file(s)" in out.getvalue()
    stored.refresh_from_db()
    assert stored.key_version == 2 and crypto.bytes_key_version(storage_path(stored).read_bytes()) == 2
    assert read_attachment(stored) == content
