"""The monev pages end to end over HTTP: a meeting with two recommendations, one followed
up, the report signed, the next semester's report carrying the other; the forms keep
what was typed when refused; the PDF and the workbook say what the page says."""

import datetime
import io

import openpyxl
import pypdfium2
from django.urls import reverse

from accounts.testing import verified_login
from reports.monev.models import LaporanMonev, LaporanMonevVersi, RapatMonev, Rekomendasi

D = datetime.date


def pdf_text(content: bytes) -> str:
    pdf = pypdfium2.PdfDocument(content)
    return "\n".join(pdf[index].get_textpage().get_text_range() for index in range(len(pdf)))


def flat(text: str) -> str:
    return " ".join(text.split())


def background_file(client, periode: str, fmt: str, capture) -> bytes:
    """Ask for the semester's file as the page's button does, and download what was made."""
    from reports.jobs.models import ReportJob

    with capture(execute=True):
        response = client.post(reverse("reports:job_request"), {"laporan": "monev", "periode": periode, "format": fmt})
    assert response.status_code == 303, response.content.decode()[:300]
    job = ReportJob.objects.filter(fmt=fmt).latest("created_at")
    download = client.get(reverse("reports:job_file", args=[job.pk]))
    assert download.status_code == 200
    return b"".join(download.streaming_content)


def test_a_semester_from_meeting_to_the_next_reports_carried_table(
    client, monev_people, tree, clock, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    clock.to(D(2026, 3, 9))
    verified_login(client, monev_people["tim"])
    response = client.post(
        reverse("reports:monev_meeting_create"),
        {"tanggal": "2026-03-08", "perihal": "Monev Maret", "peserta": "Kepala Dinas dan Tim ZI"},
    )
    rapat = RapatMonev.objects.get()
    add = reverse("reports:monev_recommendation_create", args=[rapat.pk])
    for masukan in ("Pasang banner janji layanan", "Perbarui SOP loket"):
        response = client.post(
            add,
            {
                "uraian": "Temuan " + masukan,
                "masukan": masukan,
                "unit": tree["seksi"].pk,
                "batas_waktu": "2026-05-31",
                "lagi": "1",
            },
        )
        assert response.status_code == 302 and response["Location"] == add
    banner, sop = Rekomendasi.objects.order_by("nomor")

    clock.to(D(2026, 4, 2))
    verified_login(client, monev_people["kasi"])
    response = client.post(
        reverse("reports:monev_recommendation", args=[sop.pk]),
        {"uraian": "SOP loket ditetapkan ulang", "tanggal": "2026-04-01", "selesai": "on"},
    )
    assert response.status_code == 302

    clock.to(D(2026, 7, 1))
    verified_login(client, monev_people["tim"])
    assert client.post(reverse("reports:monev_submit", args=[2026, 1])).status_code == 302
    verified_login(client, monev_people["kadis"])
    response = client.post(
        reverse("reports:monev_sign", args=[2026, 1]), {"tempat": "Kota Contoh", "tanggal": "2026-06-30"}
    )
    assert response.status_code == 302
    assert LaporanMonevVersi.objects.get().nomor == 1

    # The next semester's report, as a page and as a PDF, carries the unfinished one.
    clock.to(D(2026, 8, 1))
    url = reverse("reports:monev_semester", args=[2026, 2])
    verified_login(client, monev_people["kadis"])  # a month later: a new session
    page = client.get(url).content.decode()
    carried = page.split("A. Masukan perbaikan periode sebelumnya")[1].split("B. Masukan perbaikan semester ini")[0]
    assert "Pasang banner janji layanan" in carried and "Perbarui SOP loket" not in carried
    # A draft semester's file is made in the background (reports.jobs.downloads).
    text = flat(pdf_text(background_file(client, "2026-S2", "pdf", capture)))
    carried_pdf = text.split("A. Masukan perbaikan periode sebelumnya")[1].split("B. Masukan perbaikan semester ini")[0]
    assert "Pasang banner janji layanan" in carried_pdf and "Perbarui SOP loket" not in carried_pdf
    assert "Halaman 1 dari" in text

    # The signed semester's PDF is the issued version, with the Kepala Dinas' block.
    signed = flat(pdf_text(client.get(reverse("reports:monev_semester", args=[2026, 1]) + "?format=pdf").content))
    assert "Kota Contoh, 30 Juni 2026" in signed and "NIP. 197305121998031002" in signed
    assert "SOP loket ditetapkan ulang (1 April 2026) Selesai 1 April 2026." in signed


def test_the_workbook_holds_the_pages_tables(
    client, monev_people, meeting, recommend, django_capture_on_commit_callbacks
):
    recommend(meeting(D(2026, 3, 8)), masukan="Perbanyak infografis")
    verified_login(client, monev_people["inspektorat"])
    content = background_file(client, "2026-S1", "xlsx", django_capture_on_commit_callbacks)
    book = openpyxl.load_workbook(io.BytesIO(content))
    cells = {cell.value for sheet in book.worksheets for row in sheet.iter_rows() for cell in row}
    assert "Perbanyak infografis" in cells and "MASUKAN PERBAIKAN" in cells
    assert "Pengaduan masyarakat" in cells or any(str(v).startswith("Pengaduan") for v in cells if v)


def test_refused_forms_keep_what_was_typed(client, monev_people, meeting, tree):
    verified_login(client, monev_people["tim"])
    response = client.post(
        reverse("reports:monev_meeting_create"),
        {"tanggal": "2030-01-01", "perihal": "Monev yang akan datang", "peserta": "Tim ZI"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Tanggal rapat tidak boleh sesudah hari ini." in body and 'value="Monev yang akan datang"' in body

    rapat = meeting(D(2026, 3, 8))
    response = client.post(
        reverse("reports:monev_recommendation_create", args=[rapat.pk]),
        {"uraian": "Uraian yang panjang", "masukan": "Masukan", "unit": tree["seksi"].pk, "batas_waktu": "2026-03-01"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Batas waktu tidak boleh sebelum tanggal rapat." in body and "Uraian yang panjang" in body

    response = client.post(
        reverse("reports:monev_edit", args=[2026, 1]),
        {"pendahuluan": "Pendahuluan baru", "dasar_hukum": "", "penutup": "Penutup", "tempat": "Kota"},
    )
    assert response.status_code == 400
    assert "Pendahuluan baru" in response.content.decode()
    assert not LaporanMonev.objects.exists()

    verified_login(client, monev_people["kadis"])
    response = client.post(
        reverse("reports:monev_sign", args=[2026, 1]), {"tempat": "Kota Contoh", "tanggal": "2031-01-01"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "tidak boleh sesudah hari ini" in body and 'value="Kota Contoh"' in body
    assert not LaporanMonevVersi.objects.exists()


def test_the_index_lists_the_semesters(client, monev_people, meeting):
    meeting(D(2025, 8, 1))
    verified_login(client, monev_people["kadis"])
    page = client.get(reverse("reports:monev_index")).content.decode()
    assert "Semester II 2025" in page and "Semester II 2026" in page
    assert reverse("reports:monev_semester", args=[2025, 2]) in page
    # A year SIGAP does not answer for is no address at all.
    assert client.get("/staf/laporan/monev/1999/semester-1/").status_code == 404
    assert client.get("/staf/laporan/monev/2026/semester-3/").status_code == 404
    assert client.get("/staf/laporan/monev/99999/semester-1/").status_code == 404
