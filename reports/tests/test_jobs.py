"""Reports made in the background (reports.jobs), with the tasks run at once in-process (the
test settings' immediate backend): asking, the page that shows the progress, the file
kept encrypted and given only to whoever asked while they hold the report's role, one
run per request, failure, expiry and asking again."""

import io
import re
from datetime import timedelta

import openpyxl
import pypdfium2
import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from accounts.testing import verified_login
from bench.generate_cases import generate
from casework.reporting import Period, all_reporting
from reports.dashboard import statistics
from reports.dashboard.counts import current_semester
from reports.document import Document, Paragraph, Section
from reports.jobs import needs_background, register, request_file, services, storage
from reports.jobs.models import ReportJob
from security import audit
from security.models import AuditEntry

DOWNLOAD = reverse("reports:dashboard_statistics")


def broken_build(*, period, user):
    raise RuntimeError("rahasia: isi kasus yang tidak boleh tampil")


def tiny_build(*, period, user, progress, words="satu"):
    progress(50)
    return Document(title="Uji", slug=f"uji-{period.slug}", sections=(Section("Isi", (Paragraph(words),)),))


register("uji", label="Laporan uji", roles=(roles.PIMPINAN,))


@pytest.fixture
def pimpinan(make_user):
    return make_user(roles.PIMPINAN)


@pytest.fixture
def signed_in(client, pimpinan):
    verified_login(client, pimpinan)
    return client


def semester_slug() -> str:
    return current_semester(timezone.localdate()).slug


def ask(client, captured, fmt="pdf", periode=None):
    with captured(execute=True):
        response = client.post(DOWNLOAD, {"periode": periode or semester_slug(), "format": fmt})
    assert response.status_code == 303, response.content.decode()[:500]
    return response


def pdf_text(content: bytes) -> str:
    pdf = pypdfium2.PdfDocument(content)
    return "\n".join(pdf[index].get_textpage().get_text_range() for index in range(len(pdf)))


# --- Asking and getting the file -------------------------------------------------------------


def test_the_pimpinan_asks_for_the_semester_statistics_and_downloads_the_pdf(
    signed_in, pimpinan, django_capture_on_commit_callbacks, settings
):
    generate(150, seed=5)
    response = ask(signed_in, django_capture_on_commit_callbacks)
    job = ReportJob.objects.get()
    assert response["Location"] == reverse("reports:job", args=[job.pk])
    assert (job.requested_by, job.status, job.progress, job.report_key) == (pimpinan, "siap", 100, "statistik")
    assert job.task_id and job.expires_at > timezone.now() + timedelta(days=6)

    page = signed_in.get(response["Location"]).content.decode()
    assert 'http-equiv="refresh"' not in page  # done: nothing more to wait for
    assert reverse("reports:job_file", args=[job.pk]) in page

    download = signed_in.get(reverse("reports:job_file", args=[job.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert f'filename="statistik-{semester_slug()}.pdf"' in download["Content-Disposition"]
    content = b"".join(download.streaming_content)
    text = pdf_text(content)
    semester = current_semester(timezone.localdate())
    total = sum(reporting.figures(semester).received for reporting in all_reporting())
    assert "Statistik penanganan kasus" in text and f"{total:,}".replace(",", ".") in text

    # Kept encrypted: the bytes on disk are not the PDF.
    on_disk = storage.path_of(job.storage_name).read_bytes()
    assert not on_disk.startswith(b"%PDF") and b"Statistik" not in on_disk
    assert storage.path_of(job.storage_name).parent == settings.SIGAP_PRIVATE_STORAGE / "laporan"
    # The download is an export in the audit log.
    entry = AuditEntry.objects.filter(event=audit.Event.EXPORT).get()
    assert entry.actor_id == pimpinan.pk and entry.data["report"] == "statistik"


def test_the_workbook_holds_the_same_numbers(signed_in, django_capture_on_commit_callbacks, pimpinan):
    generate(150, seed=6)
    ask(signed_in, django_capture_on_commit_callbacks, fmt="xlsx")
    job = ReportJob.objects.get()
    download = signed_in.get(reverse("reports:job_file", args=[job.pk]))
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    summary = workbook["Ringkasan"]
    rows = {row[0]: row[1:] for row in summary.iter_rows(min_row=3, values_only=True) if row[0]}
    semester = current_semester(timezone.localdate())
    for reporting in all_reporting():
        figures = reporting.figures(semester)
        assert rows[figures.label][:4] == (
            figures.received,
            figures.in_process,
            figures.finished,
            figures.finished_on_time,
        )


def test_asking_again_while_it_is_kept_sends_to_the_same_job(signed_in, django_capture_on_commit_callbacks):
    first = ask(signed_in, django_capture_on_commit_callbacks)
    second = ask(signed_in, django_capture_on_commit_callbacks)
    assert first["Location"] == second["Location"]
    assert ReportJob.objects.count() == 1
    # Another format or period is another request.
    ask(signed_in, django_capture_on_commit_callbacks, fmt="xlsx")
    assert ReportJob.objects.count() == 2


def test_made_again_with_todays_numbers_on_request(signed_in, django_capture_on_commit_callbacks):
    ask(signed_in, django_capture_on_commit_callbacks)
    job = ReportJob.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(reverse("reports:job_again", args=[job.pk]))
    again = ReportJob.objects.exclude(pk=job.pk).get()
    assert response["Location"] == reverse("reports:job", args=[again.pk])
    assert again.status == "siap" and again.storage_name != job.storage_name


# --- Who gets it -----------------------------------------------------------------------------


def test_nobody_else_sees_the_job_or_its_file(client, signed_in, make_user, django_capture_on_commit_callbacks):
    ask(signed_in, django_capture_on_commit_callbacks)
    job = ReportJob.objects.get()
    other = make_user(roles.PIMPINAN)  # the same role is not enough: it is not theirs
    verified_login(client, other)
    for name in ("reports:job", "reports:job_file"):
        assert client.get(reverse(name, args=[job.pk])).status_code == 404
    assert client.post(reverse("reports:job_again", args=[job.pk])).status_code == 404
    assert str(job.pk) not in client.get(reverse("reports:jobs")).content.decode()


def test_whoever_lost_the_role_no_longer_downloads(signed_in, pimpinan, django_capture_on_commit_callbacks):
    ask(signed_in, django_capture_on_commit_callbacks)
    job = ReportJob.objects.get()
    pimpinan.groups.set([Group.objects.get_or_create(name=roles.PEGAWAI)[0]])
    assert signed_in.get(reverse("reports:job_file", args=[job.pk])).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("role", [roles.PENGELOLA_PENGADUAN, roles.PEGAWAI, roles.ADMIN_SISTEM])
def test_other_roles_may_not_ask(client, make_user, role):
    verified_login(client, make_user(role))
    assert client.post(DOWNLOAD, {"periode": semester_slug(), "format": "pdf"}).status_code == 403
    assert not ReportJob.objects.exists()


@pytest.mark.django_db
def test_request_file_refuses_a_role_the_report_does_not_name(make_user):
    request = RequestFactory().post("/")
    request.user = make_user(roles.TIM_PENILAI)  # "uji" is for the Pimpinan only
    with pytest.raises(PermissionDenied):
        request_file(
            request, report_key="uji", period=Period.year(2026), fmt="pdf", build="reports.tests.test_jobs.tiny_build"
        )


def test_a_report_cannot_name_a_role_that_does_not_exist():
    with pytest.raises(ValueError):
        register("keliru", label="Keliru", roles=("Juru Kunci",))


# --- Running -----------------------------------------------------------------------------------


def test_a_job_runs_once_however_often_its_task_runs(pimpinan, django_capture_on_commit_callbacks):
    kind = register("uji", label="Laporan uji", roles=(roles.PIMPINAN,))
    with django_capture_on_commit_callbacks(execute=True):
        job, created = services.request_job(
            user=pimpinan,
            kind=kind,
            period=Period.month(2026, 3),
            fmt="pdf",
            build="reports.tests.test_jobs.tiny_build",
            params={"words": "dua"},
        )
    assert created
    job.refresh_from_db()
    assert job.status == "siap"
    assert services.run_job(job.pk) == {"ran": False}
    # Progress reported by the build is the job's: 5 % + 75 % of its 50 %.
    assert job.progress == 100


def test_a_failed_build_says_so_without_its_exception(signed_in, pimpinan, django_capture_on_commit_callbacks):
    kind = register("uji", label="Laporan uji", roles=(roles.PIMPINAN,))
    with django_capture_on_commit_callbacks(execute=True):
        job, _created = services.request_job(
            user=pimpinan, kind=kind, period=Period.year(2026), fmt="xlsx", build="reports.tests.test_jobs.broken_build"
        )
    job.refresh_from_db()
    assert job.status == "gagal" and job.storage_name is None
    page = signed_in.get(reverse("reports:job", args=[job.pk])).content.decode()
    assert "Laporan gagal dibuat" in page and "rahasia" not in page


def test_only_the_reports_own_functions_build(pimpinan):
    kind = register("uji", label="Laporan uji", roles=(roles.PIMPINAN,))
    with pytest.raises(ValueError):
        services.request_job(user=pimpinan, kind=kind, period=Period.year(2026), fmt="pdf", build="os.system")
    with pytest.raises(ValueError):
        services.request_job(
            user=pimpinan, kind=kind, period=Period.year(2026), fmt="csv", build="reports.tests.test_jobs.tiny_build"
        )


@pytest.mark.django_db
def test_a_queued_job_shows_its_progress_and_refreshes_itself(signed_in, pimpinan, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    kind = register("uji", label="Laporan uji", roles=(roles.PIMPINAN,))
    job, _created = services.request_job(
        user=pimpinan, kind=kind, period=Period.year(2026), fmt="pdf", build="reports.tests.test_jobs.tiny_build"
    )
    body = signed_in.get(reverse("reports:job", args=[job.pk])).content.decode()
    assert '<meta http-equiv="refresh" content="2">' in body
    assert re.search(r'<progress id="job-progress" max="100" value="0">', body)
    # The refresh needs no script of its own: the head holds only the site's file.
    assert not re.search(r"<script(?![^>]*\bsrc=)", body)
    # Waiting long for a worker that never came: the page says so.
    ReportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(hours=1))
    assert "db_worker" in signed_in.get(reverse("reports:job", args=[job.pk])).content.decode()


def test_a_run_whose_worker_died_may_be_asked_for_again(pimpinan, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    kind = register("uji", label="Laporan uji", roles=(roles.PIMPINAN,))
    args = {
        "user": pimpinan,
        "kind": kind,
        "period": Period.year(2026),
        "fmt": "pdf",
        "build": "reports.tests.test_jobs.tiny_build",
    }
    job, _created = services.request_job(**args)
    ReportJob.objects.filter(pk=job.pk).update(status="berjalan", started_at=timezone.now() - timedelta(minutes=30))
    assert services.request_job(**args) == (job, False)  # still believed running
    ReportJob.objects.filter(pk=job.pk).update(started_at=timezone.now() - timedelta(hours=2))
    again, created = services.request_job(**args)
    assert created and again.pk != job.pk
    job.refresh_from_db()
    assert job.status == "gagal"


def test_an_expired_file_is_removed_and_no_longer_given(signed_in, django_capture_on_commit_callbacks):
    ask(signed_in, django_capture_on_commit_callbacks)
    job = ReportJob.objects.get()
    path = storage.path_of(job.storage_name)
    assert services.expire_files() == 0 and path.exists()
    assert services.expire_files(now=job.expires_at + timedelta(seconds=1)) == 1
    job.refresh_from_db()
    assert job.status == "kedaluwarsa" and not path.exists()
    assert signed_in.get(reverse("reports:job_file", args=[job.pk])).status_code == 404
    assert "sudah tidak disimpan" in signed_in.get(reverse("reports:job", args=[job.pk])).content.decode()


def test_a_file_altered_on_disk_is_not_given(signed_in, django_capture_on_commit_callbacks):
    ask(signed_in, django_capture_on_commit_callbacks)
    job = ReportJob.objects.get()
    storage.path_of(job.storage_name).write_bytes(b"bukan laporan")
    assert signed_in.get(reverse("reports:job_file", args=[job.pk])).status_code == 404


def test_which_reports_go_to_the_background():
    assert needs_background(Period.semester(2026, 1)) and needs_background(Period.year(2026))
    assert not needs_background(Period.month(2026, 3))
    assert needs_background(Period.month(2026, 3), rows=5000) and not needs_background(rows=100)


def test_the_statistics_report_is_registered_for_the_overseers():
    from reports.jobs import registry

    kind = registry.get(statistics.REPORT_KEY)
    assert set(kind.roles) >= {roles.PIMPINAN, roles.TIM_PENILAI, roles.INSPEKTORAT}
