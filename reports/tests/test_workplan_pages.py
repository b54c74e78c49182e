"""The work plan pages: who opens them, the Tim ZI's forms (a refusal keeps what was
typed), evidence uploads and their files, the PDF and workbook of the plan, and the due
and missing evidence in the Tim ZI's Kotak Masuk."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.testing import verified_login
from casework.waiting import waiting_for
from reports.workplan import services
from reports.workplan.models import BerkasBuktiAksi, BuktiAksi, RencanaKerja

from .monev_fixtures import TODAY
from .test_monev_files import png

D = datetime.date


@pytest.fixture
def plan(monev_people):
    return services.rencana_kerja_create(year=2026, actor=monev_people["tim"])


def test_each_role_opens_only_its_pages(client, monev_people, plan):
    aksi = plan.aksi.order_by("urutan").first()
    bukti = services.bukti_add(
        aksi=aksi, actor=monev_people["tim"], periode="2026", jenis="foto", tautan="https://a.id/"
    )
    read = [
        reverse("reports:workplan_year", args=[2026]),
        reverse("reports:workplan_year", args=[2026]) + "?format=xlsx",
        reverse("reports:workplan_action", args=[aksi.pk]),
        reverse("reports:workplan_evidence", args=[bukti.pk]),
    ]
    keep = [
        reverse("reports:workplan_action_create", args=[2026]),
        reverse("reports:workplan_action_change", args=[aksi.pk]),
        reverse("reports:workplan_settings", args=[2026]),
    ]
    for who, reads, keeps in (
        ("tim", True, True),
        ("kadis", True, False),
        ("inspektorat", True, False),
        ("kasi", False, False),
        ("pegawai", False, False),
        ("admin_sistem", False, False),
    ):
        verified_login(client, monev_people[who])
        for url in read:
            assert client.get(url).status_code == (200 if reads else 404), (who, url)
        for url in keep:
            assert client.get(url).status_code == (200 if keeps else 404), (who, url)
        if not keeps:
            assert client.post(reverse("reports:workplan_create", args=[2027])).status_code == 404
    assert not RencanaKerja.objects.filter(tahun=2027).exists()


def test_the_tim_creates_the_plan_and_uploads_evidence(client, monev_people, clock):
    verified_login(client, monev_people["tim"])
    page = client.get(reverse("reports:workplan_year", args=[2026])).content.decode()
    assert "Belum ada rencana kerja tahun 2026" in page
    assert client.post(reverse("reports:workplan_create", args=[2026])).status_code == 302
    plan = RencanaKerja.objects.get(tahun=2026)
    aksi = plan.aksi.get(indikator_kode="benturan.sosialisasi")
    url = reverse("reports:workplan_evidence_add", args=[aksi.pk])

    # Neither a file nor a link: refused, what was typed stays.
    response = client.post(url, {"periode": "2026", "jenis": "daftar_hadir", "keterangan": "Sosialisasi 12 Januari"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Unggah berkas atau isi tautan publikasinya." in body and "Sosialisasi 12 Januari" in body
    # A file of a refused type: refused beside the field.
    response = client.post(
        url,
        {"periode": "2026", "jenis": "daftar_hadir", "berkas": [SimpleUploadedFile("hadir.docx", b"PK\x03\x04")]},
    )
    assert response.status_code == 400 and "Jenis berkas tidak diizinkan" in response.content.decode()
    assert not BuktiAksi.objects.exists()

    photo = png()
    response = client.post(
        url,
        {
            "periode": "2026",
            "jenis": "daftar_hadir",
            "keterangan": "Sosialisasi 12 Januari",
            "berkas": [SimpleUploadedFile("hadir.png", photo)],
        },
    )
    assert response.status_code == 302
    stored = BerkasBuktiAksi.objects.get()
    download = client.get(reverse("reports:workplan_file", args=[stored.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "image/png"
    detail = client.get(reverse("reports:workplan_action", args=[aksi.pk])).content.decode()
    assert "Daftar hadir: Sosialisasi 12 Januari" in detail and "Ada bukti" in detail


def test_an_action_form_refusal_keeps_what_was_typed(client, monev_people, plan):
    verified_login(client, monev_people["tim"])
    response = client.post(
        reverse("reports:workplan_action_create", args=[2026]),
        {
            "sub_area": "wbs",
            "indikator_kode": "pengaduan.kebijakan",  # not of the WBS
            "indikator": "Indikator baru",
            "rencana_aksi": "Rapat evaluasi WBS dengan Inspektorat",
            "output": "Notula",
            "jenis_output": "unggahan",
            "bulan_mulai": "9",
            "bulan_selesai": "3",
            "frekuensi": "sekali",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Rapat evaluasi WBS dengan Inspektorat" in body
    assert "Indikator ini bukan bagian dari sub-area yang dipilih." in body
    assert "Bulan selesai tidak boleh sebelum bulan mulai." in body


def test_the_plan_downloads_as_pdf_and_workbook(client, monev_people, plan):
    verified_login(client, monev_people["inspektorat"])
    pdf = client.get(reverse("reports:workplan_year", args=[2026]) + "?format=pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    xlsx = client.get(reverse("reports:workplan_year", args=[2026]) + "?format=xlsx")
    assert xlsx.status_code == 200 and "rencana-aksi-penguatan-pengawasan-2026.xlsx" in xlsx["Content-Disposition"]


def evidence_items(user):
    return [item for item in waiting_for(user) if item.label.startswith("Bukti rencana aksi")]


def test_due_and_missing_evidence_waits_for_the_tim(monev_people, clock, plan):
    clock.to(D(2026, 2, 10))
    items = evidence_items(monev_people["tim"])
    # Late: the January rows (benturan mapping, January complaints are proven by SIGAP);
    # due within 14 days: February's.
    labels = {item.label for item in items}
    assert any("pedoman penanganan benturan kepentingan" in label for label in labels)
    assert all(item.due <= D(2026, 2, 24) for item in items)
    assert not any("laporan bulanan tindak lanjut pengaduan" in label.lower() for label in labels)
    for who in ("kadis", "inspektorat", "kasi", "pegawai"):
        assert evidence_items(monev_people[who]) == [], who

    aksi = plan.aksi.get(indikator_kode="benturan.pemetaan")
    services.bukti_add(aksi=aksi, actor=monev_people["tim"], periode="2026", jenis="sk", tautan="https://a.id/sk")
    assert not any(
        item.url == reverse("reports:workplan_action", args=[aksi.pk]) for item in evidence_items(monev_people["tim"])
    )

    # Fewer reminder days, fewer items.
    services.rencana_kerja_change(plan=plan, actor=monev_people["tim"], pengingat_hari=0)
    assert all(item.due < D(2026, 2, 10) for item in evidence_items(monev_people["tim"]))
    clock.to(TODAY)
