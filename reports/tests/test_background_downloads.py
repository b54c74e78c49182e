"""A semester's or a year's file of the UPG recap and of the monev report is made in the
background: the page's buttons ask for it and lead to its progress page; a month's recap
and a signed monev version still download at once."""

import pypdfium2
import pytest
from django.test import Client
from django.urls import reverse

from accounts import roles
from accounts.testing import verified_login
from reports.jobs.models import ReportJob

RECAP = reverse("reports:upg_recap")
REQUEST = reverse("reports:job_request")


def signed_in(make_user, *role_names):
    client = Client()
    verified_login(client, make_user(roles.PEGAWAI, *role_names))
    return client


def pdf_text(content: bytes) -> str:
    pdf = pypdfium2.PdfDocument(content)
    return "\n".join(pdf[index].get_textpage().get_text_range() for index in range(len(pdf)))


def test_a_semester_recap_offers_buttons_not_links(make_user):
    client = signed_in(make_user, roles.PETUGAS_UPG)
    page = client.get(RECAP, {"periode": "2026-S1"}).content.decode()
    assert f'action="{REQUEST}"' in page and 'name="laporan" value="rekap_upg"' in page
    assert "format=pdf" not in page
    # A direct address of the file shows the page with the buttons, never builds it here.
    response = client.get(RECAP, {"periode": "2026-S1", "format": "pdf"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert "dibuat di latar belakang" in response.content.decode()
    assert not ReportJob.objects.exists()


def test_a_month_recap_still_downloads_at_once(make_user):
    client = signed_in(make_user, roles.PETUGAS_UPG)
    page = client.get(RECAP, {"periode": "2026-03"}).content.decode()
    assert "format=pdf" in page and f'action="{REQUEST}"' not in page
    response = client.get(RECAP, {"periode": "2026-03", "format": "pdf"})
    assert response["Content-Type"] == "application/pdf"


def test_the_button_makes_the_file_in_the_background(make_user, django_capture_on_commit_callbacks):
    client = signed_in(make_user, roles.PETUGAS_UPG)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REQUEST, {"laporan": "rekap_upg", "periode": "2026-S1", "format": "pdf"})
    job = ReportJob.objects.get()
    assert response.status_code == 303 and response["Location"] == reverse("reports:job", args=[job.pk])
    assert (job.report_key, job.status) == ("rekap_upg", "siap")
    download = client.get(reverse("reports:job_file", args=[job.pk]))
    text = pdf_text(b"".join(download.streaming_content))
    assert "Rekapitulasi Penanganan Gratifikasi" in text and "Semester I 2026" in text


def test_the_monev_draft_of_a_semester_is_made_in_the_background(make_user, django_capture_on_commit_callbacks):
    client = signed_in(make_user, roles.TIM_PENILAI)
    page = client.get(reverse("reports:monev_semester", args=[2026, 1])).content.decode()
    assert 'name="laporan" value="monev"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REQUEST, {"laporan": "monev", "periode": "2026-S1", "format": "xlsx"})
    job = ReportJob.objects.get()
    assert response.status_code == 303 and job.status == "siap" and job.report_key == "monev"


@pytest.mark.parametrize(("role", "key"), [(roles.PENGELOLA_PENGADUAN, "rekap_upg"), (roles.PETUGAS_UPG, "monev")])
def test_a_role_the_report_does_not_name_may_not_ask(make_user, role, key):
    client = signed_in(make_user, role)
    response = client.post(REQUEST, {"laporan": key, "periode": "2026-S1", "format": "pdf"})
    assert response.status_code == 403 and not ReportJob.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"laporan": "lainnya", "periode": "2026-S1", "format": "pdf"},
        {"laporan": "rekap_upg", "periode": "2026-S3", "format": "pdf"},
        {"laporan": "rekap_upg", "periode": "2026-S1", "format": "docx"},
    ],
)
def test_a_bad_request_is_not_found(make_user, data):
    client = signed_in(make_user, roles.PETUGAS_UPG)
    assert client.post(REQUEST, data).status_code == 404


def test_a_visitor_cannot_ask(client, db):
    response = client.post(REQUEST, {"laporan": "rekap_upg", "periode": "2026-S1", "format": "pdf"})
    assert response.status_code == 302


def test_the_lke_year_file_is_made_in_the_background(make_user, django_capture_on_commit_callbacks):
    client = signed_in(make_user, roles.TIM_PENILAI)
    page = client.get(reverse("reports:lke"), {"tahun": "2026"}).content.decode()
    assert 'name="laporan" value="lke"' in page and "format=pdf" not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REQUEST, {"laporan": "lke", "periode": "2026", "format": "pdf"})
    job = ReportJob.objects.get()
    assert response.status_code == 303 and (job.report_key, job.status) == ("lke", "siap")
