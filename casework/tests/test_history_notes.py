"""Sentences SIGAP writes itself in a history: kept as text in the site's language, shown
in the reader's language."""

import datetime

import pytest
from django.utils import translation

from casework.history_notes import HistoryNote, render
from casework.models import TimelineEntry
from gratifikasi import history_notes as gratifikasi_notes
from gratifikasi.choices import StatusKpk
from pengaduan import history_notes


def test_the_history_keeps_the_sentence_in_the_site_language_whatever_is_active():
    note = HistoryNote.of(history_notes.ARCHIVED_INCOMPLETE, date=datetime.date(2026, 7, 21))
    with translation.override("en"):
        stored = note.stored_text()
    assert stored.startswith("Informasi yang diminta tidak dilengkapi sampai batas waktu 21 Juli 2026")


def test_each_reader_reads_it_in_their_language():
    entry = TimelineEntry(
        public_note="teks tersimpan",
        public_note_key=history_notes.AUTO_CLOSED,
        public_note_params={"days": 10},
    )
    with translation.override("id"):
        assert entry.public_note_text.startswith("Pengaduan ditutup otomatis")
        assert "10 hari kerja" in entry.public_note_text
    with translation.override("en"):
        assert "10 working days" in entry.public_note_text


def test_dates_and_choices_follow_the_reader_and_entered_text_stays():
    params = HistoryNote.of(
        gratifikasi_notes.SK_RECORDED, nomor="SK-12/2026", date=datetime.date(2026, 3, 2), status=StatusKpk.MILIK_NEGARA
    ).params
    assert params["date"] == "2026-03-02"
    with translation.override("id"):
        indonesian = render(gratifikasi_notes.SK_RECORDED, params, fallback="")
    with translation.override("en"):
        english = render(gratifikasi_notes.SK_RECORDED, params, fallback="")
    assert "2 Maret 2026" in indonesian and "SK-12/2026" in indonesian
    assert "March 2, 2026" in english or "2 March 2026" in english
    assert "SK-12/2026" in english
    with translation.override("en"):
        assert str(StatusKpk.MILIK_NEGARA.label) in english


def test_a_typed_note_is_shown_as_typed():
    entry = TimelineEntry(public_note="Mohon kirim foto KTP-el.")
    with translation.override("en"):
        assert entry.public_note_text == "Mohon kirim foto KTP-el."


@pytest.mark.parametrize(
    ("key", "params"),
    [("tidak.ada", {"days": 3}), (history_notes.AUTO_CLOSED, {}), (history_notes.ARCHIVED_INCOMPLETE, {"date": "x"})],
)
def test_a_note_that_no_longer_fits_falls_back_to_the_kept_text(key, params):
    entry = TimelineEntry(public_note="teks tersimpan", public_note_key=key, public_note_params=params)
    with translation.override("en"):
        assert entry.public_note_text == "teks tersimpan"


def test_an_unknown_message_cannot_be_written():
    with pytest.raises(LookupError):
        HistoryNote.of("tidak.terdaftar")


def test_a_value_typed_by_an_officer_is_shown_inert(db):
    from django.template.loader import render_to_string
    from django.utils import timezone

    from casework.kinds import get_kind

    note = HistoryNote.of(
        gratifikasi_notes.FORWARDED, date=datetime.date(2026, 3, 2), nomor='<script>alert("x")</script>'
    )
    entry = TimelineEntry(
        transition="teruskan_kpk",
        from_state="analisis",
        to_state="diteruskan_kpk",
        public_note=note.stored_text(),
        public_note_key=note.key,
        public_note_params=note.params,
        created_at=timezone.now(),
    )
    html = render_to_string("casework/track/history.html", {"history": [entry], "kind": get_kind("gratifikasi")})
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
