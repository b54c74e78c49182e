"""A reporter whose form is refused keeps their evidence and their time, linked to no one:
the files wait, encrypted, for the corrected form under a token only that page holds
(casework.held_uploads) with nothing about the reporter, and go as soon as the report is
filed; the time since the form was first shown counts for every try."""

import re
import time

import pytest
from django.contrib.sessions.models import Session

from accounts.testing import verified_login
from casework.attachments import storage_path
from casework.formstamp import sign_started
from casework.models import Attachment, HeldUpload
from casework.tests import samples
from tests.test_database_dump import dump_database, dump_files
from wbs.models import LaporanWbs

from .conftest import form_data

URL = "/wbs/lapor/"
NAME = "KANARI-WBS-SIMPAN"
CONTENT = "KANARI-WBS-ISI-SIMPAN"


def evidence(name=f"{NAME}.pdf"):
    return samples.upload(samples.pdf_with_metadata(text=CONTENT.encode()), name)


def carried(response) -> dict:
    body = response.content.decode()
    return {
        "dimulai": re.search(r'name="dimulai" value="([^"]+)"', body).group(1),
        "berkas_simpanan": re.search(r'name="berkas_simpanan" value="([^"]+)"', body).group(1),
    }


def test_a_typo_corrected_at_once_files_the_report_with_the_kept_file(
    client, db, settings, django_capture_on_commit_callbacks
):
    settings.SIGAP_WBS_MIN_FILL_SECONDS = 5
    started = sign_started(time.time() - 60)
    response = client.post(URL, form_data(apa="", dimulai=started, bukti=[evidence()]))
    assert response.status_code == 400
    assert "Berkas Anda tersimpan." in response.content.decode()
    back = carried(response)
    assert back["dimulai"] == started
    held = HeldUpload.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, form_data(**back))
    assert response.status_code == 302
    report = LaporanWbs.objects.get()
    assert [a.original_name for a in Attachment.objects.filter(case=report)] == [f"{NAME}.pdf"]
    # Nothing of the refused try stays: no row, no file.
    assert not HeldUpload.objects.exists() and not storage_path(held).exists()


def test_a_kept_file_names_no_one_even_for_a_signed_in_employee(client, pegawai):
    verified_login(client, pegawai)
    session_key = client.cookies["sessionid"].value
    expiry = Session.objects.get(session_key=session_key).expire_date
    response = client.post(URL, form_data(apa="", bukti=[evidence()]))
    assert response.status_code == 400
    assert "sessionid" not in response.cookies
    assert Session.objects.get(session_key=session_key).expire_date == expiry
    row = HeldUpload.objects.values().get()
    # What the row holds: the form, a digest of the page's token, the encrypted file's
    # details and an expiry on the hour. No owner, address, device, session or time.
    assert row["owner_id"] is None and row["form"] == "wbs.report"
    assert set(row) == {
        "id",
        "form",
        "token_digest",
        "owner_id",
        "handle",
        "original_name",
        "content_type",
        "size",
        "original_size",
        "storage_name",
        "key_version",
        "expires_at",
    }
    assert (row["expires_at"].minute, row["expires_at"].second) == (0, 0)
    token = carried(response)["berkas_simpanan"]
    # Nor the page's token itself (only its digest).
    for value in (pegawai.username, pegawai.full_name, session_key, token.split(":")[0]):
        assert value not in str(row)


def test_a_complaint_forms_token_gets_nothing_on_the_report_form(client, db):
    refused_complaint = {"title": "", "isi": "x", "dimulai": sign_started(time.time() - 60), "lampiran": [evidence()]}
    response = client.post("/pengaduan/baru/", refused_complaint)
    token = carried(response)["berkas_simpanan"]
    assert client.post(URL, form_data(berkas_simpanan=token)).status_code == 302
    assert not Attachment.objects.exists() and HeldUpload.objects.get().form == "pengaduan.intake"


@pytest.mark.parametrize("token", ["1", "x" * 60, "abc:def:ghi"])
def test_a_guessed_token_gets_nothing(client, db, token):
    client.post(URL, form_data(apa="", bukti=[evidence()]))
    assert client.post(URL, form_data(berkas_simpanan=token)).status_code == 302
    assert not Attachment.objects.exists() and HeldUpload.objects.count() == 1


def test_the_kept_file_is_in_clear_nowhere(client, db, settings):
    client.post(URL, form_data(apa="", bukti=[evidence()]))
    assert HeldUpload.objects.get().original_name == f"{NAME}.pdf"
    database, files = dump_database(), dump_files(settings.SIGAP_PRIVATE_STORAGE)
    assert files
    for canary in (NAME, CONTENT):
        assert canary not in database and canary.encode() not in files
