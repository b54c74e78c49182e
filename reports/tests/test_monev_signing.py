"""Signing freezes a semester's report: its text and numbers are kept as issued and never
recomputed; changing the records afterwards changes the live draft only; reopening and
signing again issues version 2 and keeps version 1 as it was."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.testing import verified_login
from casework.models import Case
from casework.reporting import Period
from pengaduan.models import KategoriLayanan
from pengaduan.services import pengaduan_create
from reports.document import Chart, Document, Link, Paragraph, Section, Series, Signature, Table
from reports.monev import documents, selectors, services, snapshot
from reports.monev.models import LaporanMonev, LaporanMonevVersi, StatusLaporan
from security.models import AuditEntry

from .monev_fixtures import TODAY, sign

D = datetime.date
S1_2026 = Period.semester(2026, 1)


@pytest.fixture
def complaint(clock):
    kategori = KategoriLayanan.objects.get(slug="ktp-el")

    def file(day):
        clock.to(day)
        try:
            case, _code = pengaduan_create(title="Antrean KTP-el", isi="Menunggu lama.", kategori=kategori)
        finally:
            clock.to(TODAY)
        return case

    return file


def received_in(kind: str, period: Period) -> int:
    """Counted by hand from the raw rows."""
    return sum(1 for case in Case.objects.filter(kind=kind) if period.start <= case.received_on <= period.end)


def statistics_row(doc: Document, label_start: str) -> tuple:
    section = next(s for s in doc.sections if s.title.startswith("BAB IV"))
    table = next(b for b in section.blocks if isinstance(b, Table))
    return next(row for row in table.rows if str(row[0]).startswith(label_start))


def pendahuluan_text(doc: Document) -> str:
    """The introduction's paragraphs: those before the legal basis."""
    texts = []
    for block in doc.sections[0].blocks:
        if isinstance(block, Paragraph) and block.strong:
            break
        texts.append(block.text)
    return " ".join(texts)


def test_a_signed_version_keeps_its_numbers_and_text(monev_people, meeting, recommend, follow_up, complaint, client):
    complaint(D(2026, 2, 10))
    complaint(D(2026, 3, 5))
    rec = recommend(meeting(D(2026, 3, 8)))
    assert received_in("pengaduan", S1_2026) == 2

    version = sign(monev_people, 2026, 1, day=D(2026, 6, 30))
    assert version.nomor == 1 and version.ditandatangani_oleh == monev_people["kadis"]
    issued = snapshot.from_json(version.dokumen)
    assert statistics_row(issued, "Pengaduan")[1] == 2
    assert issued.signature == Signature(
        place="Kota Contoh",
        day=D(2026, 6, 30),
        office="Kepala Dinas Kependudukan dan Pencatatan Sipil",
        name="Drs. Budi Santoso",
        nip="197305121998031002",
    )

    # The records move on: a complaint entered for the semester, a follow-up, a new owner.
    complaint(D(2026, 5, 2))
    follow_up(rec, D(2026, 7, 2), done=True, text="Sudah disosialisasikan.")
    services.rekomendasi_change(
        rekomendasi=rec, actor=monev_people["tim"], data={"batas_waktu": D(2026, 9, 30), "unit": rec.unit}
    )
    assert received_in("pengaduan", S1_2026) == 3
    live = documents.build(LaporanMonev.objects.get(tahun=2026, semester=1))
    assert statistics_row(live, "Pengaduan")[1] == 3

    # The issued version does not.
    kept = LaporanMonevVersi.objects.get(pk=version.pk)
    assert kept.dokumen == version.dokumen
    assert snapshot.from_json(kept.dokumen) == issued
    verified_login(client, monev_people["inspektorat"])
    page = client.get(reverse("reports:monev_semester", args=[2026, 1])).content.decode()
    assert "Versi 1, ditandatangani" in page
    assert "Sudah disosialisasikan." not in page

    # Reissue: reopen with a reason, correct the text, sign again.
    services.monev_report_reopen(
        year=2026, semester=1, actor=monev_people["tim"], alasan="Pengaduan Mei belum tercatat."
    )
    services.monev_report_edit(
        year=2026, semester=1, actor=monev_people["tim"], data={"pendahuluan": "Pendahuluan yang diperbaiki."}
    )
    second = sign(monev_people, 2026, 1, day=D(2026, 7, 10))
    assert second.nomor == 2 and second.alasan == "Pengaduan Mei belum tercatat."
    reissued = snapshot.from_json(second.dokumen)
    assert statistics_row(reissued, "Pengaduan")[1] == 3
    assert pendahuluan_text(reissued) == "Pendahuluan yang diperbaiki."
    # Version 1 is kept as issued, and still shown on its own page.
    first = LaporanMonevVersi.objects.get(laporan__tahun=2026, laporan__semester=1, nomor=1)
    assert snapshot.from_json(first.dokumen) == issued
    assert "Pendahuluan yang diperbaiki." not in pendahuluan_text(issued)
    old_page = client.get(reverse("reports:monev_version", args=[2026, 1, 1])).content.decode()
    assert "Versi 1 yang terbit" in old_page and "Pendahuluan yang diperbaiki." not in old_page
    assert LaporanMonev.objects.get(tahun=2026, semester=1).versi_terakhir == 2


def test_a_signed_semester_locks_what_it_printed(monev_people, meeting, recommend, follow_up, tree):
    rapat = meeting(D(2026, 3, 8))
    rec = recommend(rapat)
    sign(monev_people, 2026, 1)
    tim = monev_people["tim"]
    with pytest.raises(ValidationError, match="sudah ditandatangani"):
        services.rapat_change(rapat=rapat, actor=tim, data={"perihal": "Perihal lain"})
    with pytest.raises(ValidationError, match="sudah ditandatangani"):
        meeting(D(2026, 4, 1))
    with pytest.raises(ValidationError, match="sudah ditandatangani"):
        services.rekomendasi_create(
            rapat=rapat,
            actor=tim,
            data={"uraian": "x", "masukan": "y", "unit": tree["seksi"], "batas_waktu": D(2026, 5, 1)},
        )
    with pytest.raises(ValidationError) as refused:
        services.rekomendasi_change(rekomendasi=rec, actor=tim, data={"masukan": "Masukan lain"})
    assert "masukan" in refused.value.message_dict
    with pytest.raises(ValidationError, match="sudah ditandatangani"):
        services.monev_report_edit(year=2026, semester=1, actor=tim, data={"penutup": "Lain"})
    # What lives on after the report still changes.
    services.rekomendasi_change(rekomendasi=rec, actor=tim, data={"unit": tree["seksi_lain"]})
    follow_up(rec, D(2026, 8, 1), done=True)
    # A meeting of the next semester is recorded as usual.
    meeting(D(2026, 7, 20))


def test_the_tim_records_a_signature_made_on_paper(monev_people, meeting):
    meeting(D(2026, 3, 8))
    version = sign(monev_people, 2026, 1, actor=monev_people["tim"], day=D(2026, 6, 29))
    assert version.ditandatangani_oleh == monev_people["kadis"] and version.dicatat_oleh == monev_people["tim"]
    assert snapshot.from_json(version.dokumen).signature.name == "Drs. Budi Santoso"
    entry = AuditEntry.objects.filter(event=services.EVENT_REPORT_SIGNED).get()
    assert entry.actor_id == monev_people["tim"].pk and entry.data["on_paper"] is True


def test_signing_is_refused_when_wrong(monev_people, meeting):
    meeting(D(2026, 3, 8))
    with pytest.raises(ValidationError) as refused:
        services.monev_report_sign(
            year=2026, semester=1, actor=monev_people["kadis"], tempat="", tanggal=TODAY + datetime.timedelta(days=1)
        )
    assert set(refused.value.message_dict) == {"tempat", "tanggal"}
    with pytest.raises(ValidationError, match="sebelum semester dimulai"):
        sign(monev_people, 2026, 1, day=D(2025, 12, 31))
    for who in ("inspektorat", "pegawai", "kasi", "admin_sistem"):
        with pytest.raises(PermissionDenied):
            sign(monev_people, 2026, 1, actor=monev_people[who])
    sign(monev_people, 2026, 1)
    with pytest.raises(ValidationError, match="sudah ditandatangani"):
        sign(monev_people, 2026, 1)
    assert LaporanMonevVersi.objects.count() == 1


def test_submitting_asks_the_pimpinan_and_needs_a_meeting(monev_people, meeting):
    from casework.waiting import waiting_for

    with pytest.raises(ValidationError, match="paling sedikit satu rapat"):
        services.monev_report_submit(year=2026, semester=2, actor=monev_people["tim"])
    meeting(D(2026, 9, 1))
    services.monev_report_submit(year=2026, semester=2, actor=monev_people["tim"])
    report = LaporanMonev.objects.get(tahun=2026, semester=2)
    assert report.status == StatusLaporan.DIAJUKAN
    items = [item for item in waiting_for(monev_people["kadis"]) if "Tandatangani" in item.label]
    assert [item.url for item in items] == [reverse("reports:monev_semester", args=[2026, 2])]
    assert not [item for item in waiting_for(monev_people["tim"]) if "Tandatangani" in item.label]
    sign(monev_people, 2026, 2)
    assert not [item for item in waiting_for(monev_people["kadis"]) if "Tandatangani" in item.label]


def test_a_document_survives_its_snapshot_exactly():
    doc = Document(
        title="Judul",
        subtitle="Sub",
        slug="uji",
        status_note="Catatan",
        sections=(
            Section("Satu", (Paragraph("Teks", strong=True), Paragraph("Biasa")), page_break=True),
            Section(
                "Dua",
                (
                    Table(
                        columns=("A", "B", "C", "D"),
                        rows=(("x", 1, Decimal("12.5"), D(2026, 1, 2)), (Link("3", "/a/"), None, Decimal("0"), "")),
                        footer=("Jumlah", 1, None, None),
                        caption="Cap",
                        empty="Kosong",
                        widths=(1, 2, 3, 4),
                        sheet="Lembar",
                    ),
                    Chart("Grafik", ("Jan", "Feb"), (Series("S", (1, Decimal("2.5"))),), kind="line", percent=True),
                ),
            ),
        ),
        signature=Signature(place="Kota", day=D(2026, 6, 30), office="Kepala", name="Nama", nip="1"),
    )
    import json

    kept = json.loads(json.dumps(snapshot.to_json(doc)))
    assert snapshot.from_json(kept) == doc


def test_the_statistics_follow_the_engine_figures_for_every_kind(monev_people, meeting, complaint):
    from casework.reporting import all_reporting

    complaint(D(2026, 1, 31))
    meeting(D(2026, 2, 1))
    doc = documents.build(selectors.report_for(2026, 1))
    section = next(s for s in doc.sections if s.title.startswith("BAB IV"))
    table = next(b for b in section.blocks if isinstance(b, Table))
    figures = [r.figures(S1_2026) for r in all_reporting()]
    assert [row[0] for row in table.rows] == [f.label for f in figures]
    for row, f in zip(table.rows, figures, strict=True):
        assert row[1:] == (f.received, f.in_process, f.finished, f.finished_on_time, f.compliance)
        assert row[1] == received_in(f.kind, S1_2026)
    assert table.footer[1] == sum(received_in(f.kind, S1_2026) for f in figures)
    chart = next(b for b in section.blocks if isinstance(b, Chart))
    assert chart.categories[0] == "Januari 2026" and len(chart.categories) == 6


def test_the_report_costs_the_same_queries_whatever_the_number_of_records(monev_people, meeting, recommend, follow_up):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        report = selectors.report_for(2026, 2)
        with CaptureQueriesContext(connection) as captured:
            documents.build(report)
        return len(captured)

    first = meeting(D(2026, 3, 1))
    follow_up(recommend(first), D(2026, 3, 5))
    recommend(meeting(D(2026, 8, 1)))
    small = queries()
    for month in (8, 9, 10):
        rapat = meeting(D(2026, month, 15))
        for _ in range(3):
            follow_up(recommend(rapat), D(2026, month, 20))
    for _ in range(3):
        follow_up(recommend(first), D(2026, 4, 1))
    assert queries() == small
