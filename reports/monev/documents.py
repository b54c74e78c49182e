"""The semester monev report as a Document, in the structure of the seed report:

    BAB I    Pendahuluan (the introduction, then the legal basis as a numbered list)
    BAB II   Pelaksanaan monitoring dan evaluasi: per meeting its date, subject and
             attendees, and the table NO | URAIAN | MASUKAN PERBAIKAN
    BAB III  Tindak lanjut hasil evaluasi periode sebelumnya: the recommendations of
             earlier semesters still open when this one began, then those of this
             semester's meetings, per meeting, NO | MASUKAN PERBAIKAN | TINDAK LANJUT
    BAB IV   Statistik penanganan per area (casework.reporting's figures per kind)
    BAB V    Penutup, then the place, date and the Kepala Dinas' signature block

`build` makes it from the records as they are now (the draft, and the content of a
signing); an issued version is read back from its snapshot (reports.monev.snapshot).
"""

from __future__ import annotations

from datetime import date

from django.utils import formats
from django.utils.translation import gettext as _

from casework.reporting import KindFigures, Period, all_reporting

from ..document import Chart, Document, Paragraph, Section, Series, Signature, Table, percent
from . import defaults, selectors
from .models import LaporanMonev, RapatMonev, Rekomendasi, StatusLaporan

FINDINGS_COLUMNS = ("NO", "URAIAN", "MASUKAN PERBAIKAN")
FOLLOW_UP_COLUMNS = ("NO", "MASUKAN PERBAIKAN", "TINDAK LANJUT")
STATISTICS_COLUMNS = ("AREA", "DITERIMA", "DALAM PROSES", "SELESAI", "SELESAI TEPAT WAKTU", "KEPATUHAN (%)")


def day_text(day: date) -> str:
    return formats.date_format(day, "j F Y")


def follow_up_text(rekomendasi: Rekomendasi, end: date) -> str:
    """The TINDAK LANJUT cell: what was done by `end`, and where it stood then."""
    entries = [
        f"{entry.uraian} ({day_text(entry.tanggal)})"
        for entry in selectors.follow_ups_until(rekomendasi, end)
        if entry.jenis != "dibuka"
    ]
    done = "; ".join(entries) if entries else _("Belum ada tindak lanjut.")
    if selectors.finished_by(rekomendasi, end):
        state = _("Selesai %(day)s.") % {"day": day_text(rekomendasi.selesai_pada)}
    else:
        state = _("Belum selesai; penanggung jawab %(unit)s, batas waktu %(day)s.") % {
            "unit": rekomendasi.unit.name,
            "day": day_text(rekomendasi.batas_waktu),
        }
    return f"{done} {state}"


def meeting_heading(number: int, rapat: RapatMonev) -> str:
    return _("%(number)d. Rapat monev %(day)s: %(subject)s") % {
        "number": number,
        "day": day_text(rapat.tanggal),
        "subject": rapat.perihal,
    }


def _meeting_blocks(number: int, rapat: RapatMonev) -> list:
    values = {"day": day_text(rapat.tanggal), "place": rapat.tempat, "attendees": " ".join(rapat.peserta.split())}
    if rapat.tempat:
        said = _("Dilaksanakan pada %(day)s di %(place)s, dihadiri oleh %(attendees)s.") % values
    else:
        said = _("Dilaksanakan pada %(day)s, dihadiri oleh %(attendees)s.") % values
    blocks: list = [Paragraph(meeting_heading(number, rapat), strong=True), Paragraph(said)]
    if rapat.objek:
        blocks.append(Paragraph(_("Objek monitoring: %(object)s") % {"object": " ".join(rapat.objek.split())}))
    blocks.append(
        Table(
            columns=FINDINGS_COLUMNS,
            rows=tuple((rec.nomor, rec.uraian, rec.masukan) for rec in rapat.rekomendasi.all()),
            empty=_("Tidak ada uraian yang dicatat pada rapat ini."),
            widths=(0.6, 4, 4),
            sheet=_("Hasil monev"),
        )
    )
    return blocks


def _follow_up_table(recommendations: list[Rekomendasi], end: date) -> Table:
    return Table(
        columns=FOLLOW_UP_COLUMNS,
        rows=tuple(
            (number, rec.masukan, follow_up_text(rec, end)) for number, rec in enumerate(recommendations, start=1)
        ),
        widths=(0.6, 4, 4),
        sheet=_("Tindak lanjut"),
    )


def _grouped_by_meeting(recommendations: list[Rekomendasi]) -> list[tuple[RapatMonev, list[Rekomendasi]]]:
    groups: list[tuple[RapatMonev, list[Rekomendasi]]] = []
    for rec in recommendations:
        if groups and groups[-1][0].pk == rec.rapat_id:
            groups[-1][1].append(rec)
        else:
            groups.append((rec.rapat, [rec]))
    return groups


def _follow_up_section(period: Period, meetings: list[RapatMonev], carried: list[Rekomendasi]) -> Section:
    blocks: list = [
        Paragraph(
            _(
                "Tindak lanjut atas masukan perbaikan dipantau untuk memastikan setiap masukan benar-benar "
                "dilaksanakan. Masukan yang belum selesai pada akhir semester dibawa ke laporan semester "
                "berikutnya sampai selesai."
            )
        ),
        Paragraph(_("A. Masukan perbaikan periode sebelumnya"), strong=True),
    ]
    if not carried:
        blocks.append(Paragraph(_("Tidak ada masukan perbaikan periode sebelumnya yang masih terbuka.")))
    for rapat, recs in _grouped_by_meeting(carried):
        blocks.append(
            Paragraph(
                _("Pemantauan tindak lanjut rapat monev %(day)s: %(subject)s")
                % {"day": day_text(rapat.tanggal), "subject": rapat.perihal}
            )
        )
        blocks.append(_follow_up_table(recs, period.end))
    blocks.append(Paragraph(_("B. Masukan perbaikan semester ini"), strong=True))
    with_recs = [rapat for rapat in meetings if rapat.rekomendasi.all()]
    if not with_recs:
        blocks.append(Paragraph(_("Belum ada masukan perbaikan pada semester ini.")))
    for rapat in with_recs:
        blocks.append(
            Paragraph(
                _("Pemantauan tindak lanjut rapat monev %(day)s: %(subject)s")
                % {"day": day_text(rapat.tanggal), "subject": rapat.perihal}
            )
        )
        blocks.append(_follow_up_table(list(rapat.rekomendasi.all()), period.end))
    return Section(_("BAB III Tindak Lanjut Hasil Evaluasi Periode Sebelumnya"), tuple(blocks), page_break=True)


def _statistics_section(figures: list[KindFigures], period: Period) -> Section:
    rows = tuple((f.label, f.received, f.in_process, f.finished, f.finished_on_time, f.compliance) for f in figures)
    totals = [sum(getattr(f, name) for f in figures) for name in ("received", "in_process", "finished")]
    on_time = sum(f.finished_on_time for f in figures)
    blocks: list = [
        Paragraph(
            _(
                "Kasus yang diterima pada %(period)s menurut area, dihitung dari catatan SIGAP. Selesai "
                "tepat waktu berarti selesai tanpa melewati batas waktu penanganannya; kepatuhan adalah "
                "selesai tepat waktu dibagi selesai. Whistle-blowing system hanya ditampilkan sebagai jumlah."
            )
            % {"period": period.label}
        ),
        Table(
            columns=STATISTICS_COLUMNS,
            rows=rows,
            footer=(_("Jumlah"), *totals, on_time, percent(on_time, totals[2])),
            empty=_("Belum ada jenis kasus yang terdaftar."),
            widths=(3, 1.2, 1.2, 1.2, 1.4, 1.2),
            sheet=_("Statistik"),
        ),
    ]
    if figures:
        months = figures[0].by_month
        blocks.append(
            Chart(
                title=_("Kasus diterima per bulan"),
                categories=tuple(tally.label for tally in months),
                series=tuple(Series(f.label, tuple(tally.count for tally in f.by_month)) for f in figures),
                kind="line",
            )
        )
        blocks.append(
            Chart(
                title=_("Kepatuhan batas waktu per area (%)"),
                categories=tuple(f.label for f in figures),
                series=(Series(_("Kepatuhan"), tuple(f.compliance or 0 for f in figures)),),
                percent=True,
            )
        )
    return Section(_("BAB IV Statistik Penanganan per Area"), tuple(blocks), page_break=True)


def _summary(meetings: list[RapatMonev], carried: list[Rekomendasi], end: date) -> Paragraph:
    recs = [rec for rapat in meetings for rec in rapat.rekomendasi.all()]
    values = {
        "meetings": len(meetings),
        "recs": len(recs),
        "done": sum(1 for rec in recs if selectors.finished_by(rec, end)),
        "carried": len(carried),
        "carried_done": sum(1 for rec in carried if selectors.finished_by(rec, end)),
    }
    text = _(
        "Selama semester ini dilaksanakan %(meetings)d rapat monev dengan %(recs)d masukan perbaikan, "
        "%(done)d di antaranya telah selesai ditindaklanjuti."
    )
    if carried:
        text += " " + _(
            "Dari %(carried)d masukan periode sebelumnya yang masih terbuka, %(carried_done)d selesai pada "
            "semester ini."
        )
    else:
        text += " " + _("Tidak ada masukan periode sebelumnya yang masih terbuka.")
    return Paragraph(text % values)


def build(laporan: LaporanMonev, *, signature: Signature | None = None, status_note: str = "") -> Document:
    """The semester's report from the records as they are now."""
    period = laporan.period
    meetings = selectors.meetings_in(period)
    carried = selectors.carried_into(period)
    figures = [reporting.figures(period) for reporting in all_reporting()]
    unit = selectors.unit_name()
    intro = [Paragraph(text) for text in defaults.paragraphs(laporan.pendahuluan)]
    legal = [
        Paragraph(f"{number}. {item}")
        for number, item in enumerate(defaults.legal_basis_items(laporan.dasar_hukum), start=1)
    ]
    meeting_blocks: list = [
        Paragraph(
            _(
                "Rapat monitoring dan evaluasi pembangunan Zona Integritas dilaksanakan secara berkala. Hasil "
                "setiap rapat pada %(period)s sebagai berikut."
            )
            % {"period": period.label}
        ),
        _summary(meetings, carried, period.end),
    ]
    if not meetings:
        meeting_blocks.append(Paragraph(_("Belum ada rapat monev yang dicatat pada semester ini.")))
    for number, rapat in enumerate(meetings, start=1):
        meeting_blocks.extend(_meeting_blocks(number, rapat))
    return Document(
        title=_("Laporan Monitoring dan Evaluasi Pembangunan Zona Integritas"),
        subtitle=f"{unit} · {period.label}" if unit else period.label,
        sections=(
            Section(
                _("BAB I Pendahuluan"),
                (*intro, Paragraph(_("Dasar hukum"), strong=True), *legal),
            ),
            Section(_("BAB II Pelaksanaan Monitoring dan Evaluasi"), tuple(meeting_blocks), page_break=True),
            _follow_up_section(period, meetings, carried),
            _statistics_section(figures, period),
            Section(_("BAB V Penutup"), tuple(Paragraph(text) for text in defaults.paragraphs(laporan.penutup))),
        ),
        signature=signature,
        slug=f"laporan-monev-{period.slug.lower()}",
        status_note=status_note,
    )


def draft(laporan: LaporanMonev, today: date) -> Document:
    """The report as it would read if signed today: computed from the records now."""
    if laporan.status == StatusLaporan.DIAJUKAN:
        note = _("Draf yang menunggu tanda tangan Pimpinan. Angka dihitung dari catatan saat halaman dibuka.")
    else:
        note = _("Draf, belum ditandatangani. Angka dihitung dari catatan saat halaman dibuka.")
    return build(laporan, signature=draft_signature(laporan, today), status_note=note)


def issued_or_draft(laporan: LaporanMonev, versions: list, today: date) -> tuple[object | None, Document]:
    """The semester's report as it stands: its latest issued version, read back as it
    was signed, while it is signed; else the draft as of `today`. `versions` are
    selectors.versions_of(laporan), newest first. Returns (version or None, document)."""
    from . import snapshot

    if laporan.is_signed and versions:
        return versions[0], snapshot.from_json(versions[0].dokumen)
    return None, draft(laporan, today)


def draft_for_job(*, period: Period, user=None, **_params) -> Document:
    """The semester's report for a background file (reports.jobs.downloads)."""
    from django.utils import timezone

    laporan = selectors.report_for(period.start.year, 1 if period.start.month == 1 else 2)
    return issued_or_draft(laporan, selectors.versions_of(laporan), timezone.localdate())[1]


def signature_of(*, place: str, day: date, signer) -> Signature:
    """The Kepala Dinas' block: the office of the unit at the top, the signer's name and NIP."""
    unit = selectors.unit_name()
    office = _("Kepala %(unit)s") % {"unit": unit} if unit else _("Kepala Dinas")
    return Signature(place=place, day=day, office=office, name=signer.full_name or str(signer), nip=signer.nip or "")


def draft_signature(laporan: LaporanMonev, today: date) -> Signature | None:
    """The block a draft shows: the current head of the top unit, unsigned."""
    unit = selectors.top_unit()
    if unit is None or unit.head is None:
        return None
    return signature_of(place=laporan.tempat or "", day=today, signer=unit.head)
