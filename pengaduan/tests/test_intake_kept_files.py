"""A complainant whose form is refused keeps their files and their time: the files wait
for the corrected form (casework.held_uploads), and the time since the form was first
shown counts for every try, so a correction sent at once is not taken for a robot."""

import re
import time

import pytest
from django.urls import reverse

from casework.attachments import storage_path
from casework.formstamp import sign_started
from casework.models import Attachment, HeldUpload
from casework.tests import samples
from pengaduan.models import Pengaduan
from tests.test_database_dump import dump_database, dump_files

URL = "/pengaduan/baru/"
NAME = "KANARI-PGD-SIMPAN"
CONTENT = "KANARI-PGD-ISI-SIMPAN"


@pytest.fixture
def form_data(kategori):
    def make(**changes):
        data = {
            "jenis": "pengaduan",
            "title": "Antrean KTP-el terlalu lama",
            "isi": "Saya menunggu enam jam.",
            "kategori": str(kategori.pk),
            "anonim": "on",
            "rahasia": "on",
            "dimulai": sign_started(time.time() - 60),
        }
        data.update(changes)
        return data

    return make


def evidence(name=f"{NAME}.pdf"):
    return samples.upload(samples.pdf_with_metadata(text=CONTENT.encode()), name)


def carried(response) -> dict:
    """What the refused page sends back: its stamp and its kept files' token."""
    body = response.content.decode()
    return {
        "dimulai": re.search(r'name="dimulai" value="([^"]+)"', body).group(1),
        "berkas_simpanan": re.search(r'name="berkas_simpanan" value="([^"]+)"', body).group(1),
    }


def test_a_typo_corrected_at_once_is_sent_with_the_file_kept(
    client, form_data, settings, django_capture_on_commit_callbacks
):
    settings.SIGAP_PENGADUAN_MIN_FILL_SECONDS = 3
    shown = client.get(URL).content.decode()
    first_stamp = re.search(r'name="dimulai" value="([^"]+)"', shown).group(1)
    # The person took their time (as if the form were shown a minute ago), then sent it
    # with a mistake.
    started = sign_started(time.time() - 60)
    response = client.post(URL, form_data(title="", dimulai=started, lampiran=[evidence()]))
    assert response.status_code == 400
    body = response.content.decode()
    assert f"{NAME}.pdf" in body and "Berkas Anda tersimpan." in body
    back = carried(response)
    assert back["dimulai"] == started != first_stamp
    held = HeldUpload.objects.get()
    assert held.form == "pengaduan.intake" and held.owner is None

    # Corrected within the second: not too fast, and the file goes with the complaint.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, form_data(**back))
    assert response.status_code == 302 and response["Location"] == reverse("pengaduan:receipt")
    case = Pengaduan.objects.get()
    [attachment] = Attachment.objects.filter(case=case)
    assert attachment.original_name == f"{NAME}.pdf" and attachment.from_reporter
    assert not HeldUpload.objects.exists() and not storage_path(held).exists()


def test_a_kept_file_can_be_removed_before_sending(client, form_data):
    response = client.post(URL, form_data(title="", lampiran=[evidence("a.pdf"), evidence("b.pdf")]))
    handles = [str(row.handle) for row in HeldUpload.objects.order_by("id")]
    response = client.post(URL, form_data(**carried(response), hapus_berkas=[handles[0]]))
    assert response.status_code == 302
    assert [a.original_name for a in Attachment.objects.all()] == ["b.pdf"]
    assert not HeldUpload.objects.exists()


def test_a_stamp_too_fast_for_a_person_is_still_refused(client, form_data, settings):
    settings.SIGAP_PENGADUAN_MIN_FILL_SECONDS = 3
    response = client.post(URL, form_data(title="", dimulai=sign_started(time.time()), lampiran=[evidence()]))
    assert response.status_code == 400 and "terlalu cepat" in response.content.decode()
    # Caught by the trap: the files are not kept, and the same stamp stays too quick.
    assert not HeldUpload.objects.exists()
    again = re.search(r'name="dimulai" value="([^"]+)"', response.content.decode()).group(1)
    assert client.post(URL, form_data(dimulai=again)).status_code == 400


def test_a_wbs_token_gets_nothing_on_the_complaint_form(client, form_data):
    response = client.post(
        "/wbs/lapor/", {"title": "", "dimulai": sign_started(time.time() - 60), "bukti": [evidence()]}
    )
    token = re.search(r'name="berkas_simpanan" value="([^"]+)"', response.content.decode()).group(1)
    assert client.post(URL, form_data(berkas_simpanan=token)).status_code == 302
    assert not Attachment.objects.exists() and HeldUpload.objects.get().form == "wbs.report"


def test_the_kept_file_is_in_clear_nowhere(client, form_data, settings):
    client.post(URL, form_data(title="", lampiran=[evidence()]))
    assert HeldUpload.objects.get().original_name == f"{NAME}.pdf"
    database, files = dump_database(), dump_files(settings.SIGAP_PRIVATE_STORAGE)
    assert files
    for canary in (NAME, CONTENT):
        assert canary not in database and canary.encode() not in files
