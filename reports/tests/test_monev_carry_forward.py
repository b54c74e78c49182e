"""An unfinished recommendation is carried into every next semester's "tindak lanjut
periode sebelumnya" until it is finished; the follow-up shown is what was done by the
end of that semester. Checked against a plain loop over the raw rows."""

import datetime

from casework.reporting import Period
from reports.document import Paragraph, Table
from reports.monev import documents, selectors, services
from reports.monev.models import Rekomendasi

from .monev_fixtures import TODAY

D = datetime.date


def expected_carried(period: Period) -> list[int]:
    """Recomputed from the raw rows, without the selector's query."""
    rows = []
    for rec in Rekomendasi.objects.select_related("rapat").order_by("pk"):
        if rec.rapat.tanggal < period.start and (rec.selesai_pada is None or rec.selesai_pada >= period.start):
            rows.append((rec.rapat.tanggal, rec.rapat_id, rec.nomor, rec.pk))
    return [pk for *_key, pk in sorted(rows)]


def follow_up_blocks(doc):
    section = next(s for s in doc.sections if s.title.startswith("BAB III"))
    return section.blocks


def carried_rows(doc) -> list[tuple]:
    """The rows of the carried tables: those between heading A and heading B."""
    rows, inside = [], False
    for block in follow_up_blocks(doc):
        if isinstance(block, Paragraph) and block.strong:
            inside = block.text.startswith("A.")
        elif inside and isinstance(block, Table):
            rows.extend(block.rows)
    return rows


def test_an_open_recommendation_is_carried_until_done(meeting, recommend, follow_up, monev_people):
    s1 = Period.semester(2025, 1)
    s2 = Period.semester(2025, 2)
    s3 = Period.semester(2026, 1)
    rapat = meeting(D(2025, 3, 10))
    done_in_s1 = recommend(rapat, masukan="Perbarui SOP pelayanan loket.")
    open_one = recommend(rapat, masukan="Pasang banner janji layanan di depan kantor.")
    follow_up(done_in_s1, D(2025, 4, 2), done=True, text="SOP loket diperbarui dan ditetapkan.")
    follow_up(open_one, D(2025, 5, 20), text="Desain banner sedang dibuat.")

    # Semester I 2025: both are this semester's; nothing carried from before.
    assert selectors.carried_into(s1) == [] == expected_carried(s1)

    # Semester II 2025: only the unfinished one is carried, with its follow-up so far.
    carried = [rec.pk for rec in selectors.carried_into(s2)]
    assert carried == [open_one.pk] == expected_carried(s2)
    report = selectors.report_for(2025, 2)
    rows = carried_rows(documents.build(report))
    assert [row[1] for row in rows] == ["Pasang banner janji layanan di depan kantor."]
    assert "Desain banner sedang dibuat." in rows[0][2]
    assert "Belum selesai" in rows[0][2] and "Seksi Identitas Penduduk" in rows[0][2]

    # Finished during Semester I 2026: shown there as finished, then never again.
    follow_up(open_one, D(2026, 2, 3), done=True, text="Banner terpasang di depan kantor.")
    assert [rec.pk for rec in selectors.carried_into(s3)] == [open_one.pk] == expected_carried(s3)
    s3_rows = carried_rows(documents.build(selectors.report_for(2026, 1)))
    assert "Banner terpasang di depan kantor." in s3_rows[0][2] and "Selesai 3 Februari 2026" in s3_rows[0][2]
    s4 = Period.semester(2026, 2)
    assert selectors.carried_into(s4) == [] == expected_carried(s4)

    # The Semester II 2025 report still shows it as it stood then: open, without the
    # follow-up done in 2026.
    again = carried_rows(documents.build(selectors.report_for(2025, 2)))
    assert "Banner terpasang" not in again[0][2] and "Belum selesai" in again[0][2]


def test_carried_across_two_semesters_and_grouped_by_meeting(meeting, recommend, follow_up, tree):
    first = meeting(D(2025, 2, 14), perihal="Monev Februari")
    second = meeting(D(2025, 9, 1), perihal="Monev September")
    a = recommend(first, masukan="A")
    b = recommend(second, masukan="B", unit=tree["seksi_tanpa_kepala"])
    c = recommend(second, masukan="C")
    follow_up(c, D(2025, 10, 1), done=True)

    s1_2026 = Period.semester(2026, 1)
    assert [r.pk for r in selectors.carried_into(s1_2026)] == [a.pk, b.pk] == expected_carried(s1_2026)
    doc = documents.build(selectors.report_for(2026, 1))
    headings = [
        block.text for block in follow_up_blocks(doc) if isinstance(block, Paragraph) and "Pemantauan" in block.text
    ]
    assert headings == [
        "Pemantauan tindak lanjut rapat monev 14 Februari 2025: Monev Februari",
        "Pemantauan tindak lanjut rapat monev 1 September 2025: Monev September",
    ]
    assert [row[1] for row in carried_rows(doc)] == ["A", "B"]


def test_a_reopened_recommendation_is_carried_again(meeting, recommend, follow_up, monev_people, clock):
    rec = recommend(meeting(D(2025, 3, 1)))
    follow_up(rec, D(2025, 3, 20), done=True)
    s2 = Period.semester(2025, 2)
    assert selectors.carried_into(s2) == []
    clock.to(D(2025, 8, 5))
    services.rekomendasi_reopen(rekomendasi=rec, actor=monev_people["tim"], alasan="Belum menjangkau loket kecamatan.")
    clock.to(TODAY)
    assert [r.pk for r in selectors.carried_into(s2)] == [rec.pk] == expected_carried(s2)
    rec.refresh_from_db()
    assert rec.is_open


def test_this_semesters_recommendations_are_followed_up_in_the_same_report(meeting, recommend, follow_up):
    rapat = meeting(D(2026, 3, 8), perihal="Monev Maret")
    rec = recommend(rapat, masukan="Perbanyak infografis ZI")
    follow_up(rec, D(2026, 4, 1), text="Infografis dipasang di ruang tunggu.")
    doc = documents.build(selectors.report_for(2026, 1))
    blocks = follow_up_blocks(doc)
    b_index = next(i for i, b in enumerate(blocks) if isinstance(b, Paragraph) and b.text.startswith("B."))
    table = next(b for b in blocks[b_index:] if isinstance(b, Table))
    assert table.columns == ("NO", "MASUKAN PERBAIKAN", "TINDAK LANJUT")
    assert table.rows[0][1] == "Perbanyak infografis ZI"
    assert "Infografis dipasang di ruang tunggu. (1 April 2026)" in table.rows[0][2]
