"""Each action of a complaint's staff page, through its own form and endpoint.

Success moves the complaint through its service; a refusal (a missing field, a rule of
the workflow, a role that may not act) comes back on the same page with the form as it
was typed and the reason — 400, or 403 for a role that may not act, 404 for one that may
not even see the complaint.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts import roles
from accounts.models import UnitKerja
from accounts.testing import verified_login
from casework.models import Attachment, Deadline, InternalNote, Message, TimelineEntry
from casework.sanitize import sanitize
from casework.services import case_recuse
from casework.tests.samples import HTML_PAGE, pdf_with_metadata, png_with_text, upload
from casework.workflow import TransitionBlocked
from pengaduan.choices import ArchiveReason, Jenis, State
from pengaduan.models import KategoriLayanan, Pengaduan
from pengaduan.services_follow_up import EVIDENCE_PURPOSE, pengaduan_record_follow_up_with_evidence

LONG_NOTE = "Catatan internal yang panjang: pelapor menelepon dua kali, nomor antrean 112."


def url(name, case):
    return reverse(f"pengaduan_staff:{name}", args=[case.pk])


def post(client, name, case, data, **extra):
    """Post an action's form; its fields carry the action's prefix, as the page renders them."""
    prefix = {
        "verify": "verifikasi",
        "request_information": "tunda",
        "forward": "bukan_wewenang",
        "archive": "arsipkan",
        "route": "disposisi",
        "follow_up": "catat_tindak_lanjut",
        "answer": "jawab",
        "close": "selesaikan",
    }[name]
    return client.post(url(name, case), {f"{prefix}-{key}": value for key, value in data.items()}, **extra)


def reload(case) -> Pengaduan:
    return Pengaduan.objects.get(pk=case.pk)


def assert_refused_on_the_page(response, status, *texts):
    assert response.status_code == status
    assert response.templates[0].name == "pengaduan/staff/detail.html"
    body = response.content.decode()
    for text in texts:
        assert text in body, text
    return body


@pytest.fixture
def as_handler(client, handler):
    verified_login(client, handler)
    return client


# --- Success ------------------------------------------------------------------------------


def test_verify_with_a_corrected_category_and_type(as_handler, case_in):
    case = case_in(State.DITERIMA)
    kk = KategoriLayanan.objects.get(slug="kk")
    response = post(
        as_handler,
        "verify",
        case,
        {"kategori": kk.pk, "jenis": Jenis.PERMINTAAN_INFORMASI, "note": "cek", "public_note": "Diterima."},
    )
    assert response.status_code == 302 and response.url == url("detail", case)
    case = reload(case)
    assert (case.state, case.kategori, case.jenis) == (State.DIVERIFIKASI, kk, Jenis.PERMINTAAN_INFORMASI)
    entry = TimelineEntry.objects.filter(case=case).last()
    assert "Kategori diubah: KTP-el → Kartu Keluarga (KK)." in entry.note
    assert "Jenis laporan diubah: Pengaduan → Permintaan informasi." in entry.note
    assert entry.note.endswith("cek") and entry.public_note == "Diterima."
    assert "Pengaduan diverifikasi." in as_handler.get(response.url).content.decode()


def test_verify_unchanged_records_no_correction(as_handler, case_in, kategori):
    case = case_in(State.DITERIMA)
    post(as_handler, "verify", case, {"kategori": kategori.pk, "jenis": Jenis.PENGADUAN})
    assert reload(case).state == State.DIVERIFIKASI
    assert TimelineEntry.objects.filter(case=case).last().note == ""


def test_request_information_pauses_the_deadlines(as_handler, case_in):
    case = case_in(State.DITERIMA)
    response = post(as_handler, "request_information", case, {"question": "Nomor antrean Anda berapa?"})
    assert response.status_code == 302
    assert reload(case).state == State.DITUNDA
    assert TimelineEntry.objects.filter(case=case).last().public_note == "Nomor antrean Anda berapa?"
    running = Deadline.objects.filter(case=case, completed_at__isnull=True, paused_on__isnull=True)
    # Only the complainant's own time to answer counts on.
    assert list(running.values_list("clock", "is_waiting_period")) == [("kelengkapan", True)]


def test_forward_records_where(as_handler, case_in):
    case = case_in(State.DITERIMA)
    post(as_handler, "forward", case, {"forwarded_to": "Ombudsman RI", "public_note": "Diteruskan ke Ombudsman."})
    case = reload(case)
    assert (case.state, case.forwarded_to) == (State.DITERUSKAN, "Ombudsman RI")
    assert case.closed_at is not None


def test_archive_as_spam(as_handler, case_in):
    case = case_in(State.DITERIMA)
    post(as_handler, "archive", case, {"archive_reason": ArchiveReason.SPAM, "duplicate_of": ""})
    case = reload(case)
    assert (case.state, case.archive_reason, case.duplicate_of) == (State.DIARSIPKAN, "spam", None)


def test_archive_as_duplicate_of_a_suggested_complaint(as_handler, case_in):
    original = case_in(State.DIVERIFIKASI, title="Antrean perekaman KTP-el sangat lama")
    case = case_in(State.DITERIMA, title="Antrean perekaman KTP-el lama sekali")
    body = as_handler.get(url("detail", case)).content.decode()
    assert "Pengaduan serupa yang masih berjalan" in body
    assert f'name="arsipkan-duplicate_of" value="{original.pk}"' in body
    post(as_handler, "archive", case, {"archive_reason": ArchiveReason.DUPLIKAT, "duplicate_of": original.pk})
    case = reload(case)
    assert (case.state, case.duplicate_of) == (State.DIARSIPKAN, original)


def test_archive_as_duplicate_by_reference_number(as_handler, case_in):
    original = case_in(State.DIVERIFIKASI, title="Printer KK rusak")
    case = case_in(State.DITERIMA, title="Formulir tidak tersedia")
    reference = original.reference.lower()  # typed by hand
    post(as_handler, "archive", case, {"archive_reason": ArchiveReason.DUPLIKAT, "duplicate_reference": reference})
    assert reload(case).duplicate_of == original


def test_disposition_to_a_unit(as_handler, case_in, units):
    case = case_in(State.DIVERIFIKASI, unit_tujuan=units["kelahiran"])
    body = as_handler.get(url("detail", case)).content.decode()
    assert f'<option value="{units["kelahiran"].pk}" selected>' in body  # the complainant's suggestion
    post(as_handler, "route", case, {"unit": units["identitas"].pk})
    case = reload(case)
    assert (case.state, case.unit) == (State.DIDISPOSISIKAN, units["identitas"])


def test_unit_member_records_the_follow_up_with_evidence(client, unit_member, case_in):
    case = case_in(State.DIDISPOSISIKAN)
    verified_login(client, unit_member)
    files = [upload(png_with_text(), "foto-loket-baru.png"), upload(pdf_with_metadata(), "surat-tugas.pdf")]
    response = post(
        client,
        "follow_up",
        case,
        {"tindak_lanjut": "Petugas perekaman ditambah.", "lampiran": files},
        format="multipart",
    )
    assert response.status_code == 302
    case = reload(case)
    assert (case.state, case.tindak_lanjut) == (State.DITINDAKLANJUTI, "Petugas perekaman ditambah.")
    evidence = Attachment.objects.filter(case=case, purpose=EVIDENCE_PURPOSE).order_by("pk")
    assert [a.original_name for a in evidence] == ["foto-loket-baru.png", "surat-tugas.pdf"]
    assert all(a.uploaded_by == unit_member and not a.visible_to_reporter for a in evidence)
    body = client.get(url("detail", case)).content.decode()
    assert "Bukti tindak lanjut" in body and "surat-tugas.pdf" in body


def test_answer_then_close(as_handler, case_in):
    case = case_in(State.DITINDAKLANJUTI)
    post(as_handler, "answer", case, {"jawaban": "Mulai Senin petugas perekaman dua orang."})
    case = reload(case)
    assert (case.state, case.jawaban) == (State.DIJAWAB, "Mulai Senin petugas perekaman dua orang.")
    post(as_handler, "close", case, {"note": "Pelapor puas lewat telepon."})
    assert reload(case).state == State.SELESAI


# --- Refusals keep what was typed ---------------------------------------------------------


def test_tunda_without_a_question_keeps_the_note(as_handler, case_in):
    case = case_in(State.DITERIMA)
    response = post(as_handler, "request_information", case, {"question": "   ", "note": LONG_NOTE})
    assert_refused_on_the_page(response, 400, "Tuliskan informasi apa yang perlu dilengkapi pelapor.", LONG_NOTE)
    assert reload(case).state == State.DITERIMA


def test_forward_without_a_body_keeps_the_note(as_handler, case_in):
    case = case_in(State.DITERIMA)
    response = post(as_handler, "forward", case, {"forwarded_to": "", "note": LONG_NOTE})
    assert_refused_on_the_page(response, 400, "Tuliskan instansi tujuan penerusan", LONG_NOTE)
    assert reload(case).state == State.DITERIMA


def test_forward_too_long_is_refused_with_a_message(as_handler, case_in):
    case = case_in(State.DITERIMA)
    response = post(as_handler, "forward", case, {"forwarded_to": "x" * 301})
    assert_refused_on_the_page(response, 400, "x" * 301)
    assert reload(case).state == State.DITERIMA


def test_answer_twice_keeps_the_second_answer_and_says_why(as_handler, case_in):
    """A double submit, or a colleague who answered first: the state has moved on."""
    case = case_in(State.DITINDAKLANJUTI)
    post(as_handler, "answer", case, {"jawaban": "Jawaban pertama."})
    response = post(as_handler, "answer", case, {"jawaban": "Jawaban kedua yang lebih lengkap."})
    assert_refused_on_the_page(
        response, 400, "tidak dapat dilakukan pada status", "Jawaban kedua yang lebih lengkap.", "Belum tersimpan."
    )
    assert reload(case).jawaban == "Jawaban pertama."


def test_duplicate_without_its_original_is_refused(as_handler, case_in):
    case = case_in(State.DITERIMA)
    response = post(as_handler, "archive", case, {"archive_reason": ArchiveReason.DUPLIKAT, "note": LONG_NOTE})
    assert_refused_on_the_page(response, 400, "Pengaduan duplikat harus menyebut pengaduan asalnya.", LONG_NOTE)
    assert reload(case).state == State.DITERIMA


def test_duplicate_of_an_unknown_or_hidden_reference_is_refused_alike(as_handler, case_in, handler):
    case = case_in(State.DITERIMA)
    hidden = case_in(State.DIVERIFIKASI)
    case_recuse(case=hidden, user=handler, reason="konflik")
    for reference in ("PGD/1999/000001", hidden.reference):
        response = post(
            as_handler, "archive", case, {"archive_reason": ArchiveReason.DUPLIKAT, "duplicate_reference": reference}
        )
        assert_refused_on_the_page(
            response, 400, f"Tidak ada pengaduan bernomor {reference} yang dapat Anda buka.", f'value="{reference}"'
        )
    assert reload(case).state == State.DITERIMA


def test_duplicate_of_a_closed_complaint_is_refused_on_the_reference(as_handler, case_in):
    closed = case_in(State.DIARSIPKAN)
    case = case_in(State.DITERIMA)
    response = post(
        as_handler, "archive", case, {"archive_reason": ArchiveReason.DUPLIKAT, "duplicate_reference": closed.reference}
    )
    body = assert_refused_on_the_page(response, 400, "Pengaduan asal sudah ditutup")
    assert f'value="{closed.reference}"' in body
    assert reload(case).state == State.DITERIMA


def test_an_original_with_another_reason_is_not_dropped_silently(as_handler, case_in):
    original = case_in(State.DIVERIFIKASI)
    case = case_in(State.DITERIMA)
    response = post(
        as_handler, "archive", case, {"archive_reason": ArchiveReason.SPAM, "duplicate_reference": original.reference}
    )
    assert_refused_on_the_page(response, 400, "Pengaduan asal hanya diisi bila alasannya duplikat.")
    assert reload(case).state == State.DITERIMA


def test_forged_choices_are_refused_with_a_message(as_handler, case_in, units):
    case = case_in(State.DITERIMA)
    response = post(as_handler, "verify", case, {"kategori": 99999, "jenis": "bukan-jenis", "note": LONG_NOTE})
    assert_refused_on_the_page(response, 400, LONG_NOTE)
    response = post(as_handler, "archive", case, {"archive_reason": "hapus", "duplicate_of": "abc"})
    assert_refused_on_the_page(response, 400)
    assert reload(case).state == State.DITERIMA
    verified = case_in(State.DIVERIFIKASI)
    retired = UnitKerja.objects.create(code="lama", name="Seksi Lama", level="seksi", is_active=False)
    response = post(as_handler, "route", verified, {"unit": retired.pk, "note": LONG_NOTE})
    assert_refused_on_the_page(response, 400, LONG_NOTE)
    assert reload(verified).state == State.DIVERIFIKASI


# Ids no row can have, as a fuzzer sends them: past a signed 64-bit integer, negative,
# not a number at all.
IMPOSSIBLE_IDS = [str(2**63), str(10**20), "-1", "0", "abc", "1e5"]


@pytest.mark.parametrize("value", IMPOSSIBLE_IDS)
def test_an_impossible_original_is_refused_with_a_message(as_handler, case_in, units, value):
    case = case_in(State.DITERIMA)
    response = post(
        as_handler,
        "archive",
        case,
        {"archive_reason": ArchiveReason.DUPLIKAT, "duplicate_of": value, "note": LONG_NOTE},
    )
    assert_refused_on_the_page(response, 400, "Pengaduan asal tidak ditemukan.", LONG_NOTE)
    assert reload(case).state == State.DITERIMA
    response = post(as_handler, "verify", case, {"kategori": value, "jenis": Jenis.PENGADUAN, "note": LONG_NOTE})
    assert_refused_on_the_page(response, 400, LONG_NOTE)
    verified = case_in(State.DIVERIFIKASI)
    response = post(as_handler, "route", verified, {"unit": value, "note": LONG_NOTE})
    assert_refused_on_the_page(response, 400, LONG_NOTE)
    assert reload(verified).state == State.DIVERIFIKASI


def test_follow_up_with_a_refused_file_keeps_the_text_and_stores_nothing(client, unit_member, case_in):
    case = case_in(State.DIDISPOSISIKAN)
    verified_login(client, unit_member)
    files = [upload(png_with_text(), "foto.png"), upload(HTML_PAGE, "halaman.html")]
    response = post(
        client, "follow_up", case, {"tindak_lanjut": "Uraian yang ditulis lama.", "lampiran": files}, format="multipart"
    )
    assert_refused_on_the_page(
        response, 400, "Uraian yang ditulis lama.", "Jenis berkas tidak diizinkan", "pilih lagi sebelum mengirim"
    )
    assert reload(case).state == State.DIDISPOSISIKAN
    assert not Attachment.objects.filter(case=case).exists()


def test_follow_up_past_the_file_limit_is_refused(client, unit_member, case_in, settings):
    settings.SIGAP_ATTACHMENT_MAX_COUNT = 1
    case = case_in(State.DIDISPOSISIKAN)
    verified_login(client, unit_member)
    files = [upload(png_with_text(), "a.png"), upload(png_with_text(), "b.png")]
    response = post(client, "follow_up", case, {"tindak_lanjut": "Uraian.", "lampiran": files}, format="multipart")
    assert_refused_on_the_page(response, 400, "Terlalu banyak lampiran", "Uraian.")
    assert reload(case).state == State.DIDISPOSISIKAN


# --- Who may act --------------------------------------------------------------------------

# (endpoint, the state it acts from, valid data)
ACTIONS = [
    ("verify", State.DITERIMA, {"kategori": 1, "jenis": Jenis.PENGADUAN}),
    ("request_information", State.DITERIMA, {"question": "Mohon nomor antrean."}),
    ("forward", State.DITERIMA, {"forwarded_to": "Ombudsman RI"}),
    ("archive", State.DITERIMA, {"archive_reason": ArchiveReason.SPAM}),
    ("route", State.DIVERIFIKASI, {"unit": "identitas"}),
    ("follow_up", State.DIDISPOSISIKAN, {"tindak_lanjut": "Sudah ditangani."}),
    ("answer", State.DITINDAKLANJUTI, {"jawaban": "Sudah kami perbaiki."}),
    ("close", State.DIJAWAB, {"note": "Pelapor puas."}),
]


def valid(data, units, kategori):
    data = dict(data)
    if data.get("unit") == "identitas":
        data["unit"] = units["identitas"].pk
    if "kategori" in data:
        data["kategori"] = kategori.pk
    return data


@pytest.mark.parametrize(("name", "state", "data"), ACTIONS)
@pytest.mark.parametrize("role", [roles.PEGAWAI, roles.PETUGAS_UPG, roles.PENGELOLA_WBS, roles.INSPEKTORAT])
def test_roles_without_complaints_get_not_found(client, make_user, units, kategori, case_in, role, name, state, data):
    case = case_in(state)
    verified_login(client, make_user(role, unit=units["identitas"]))
    assert post(client, name, case, valid(data, units, kategori)).status_code == 404
    assert reload(case).state == state


@pytest.mark.parametrize(("name", "state", "data"), ACTIONS)
@pytest.mark.parametrize("role", [roles.PIMPINAN, roles.TIM_PENILAI])
def test_observers_may_not_act_and_keep_their_text(
    client, make_user, units, kategori, case_in, role, name, state, data
):
    case = case_in(state)
    verified_login(client, make_user(role))
    data = {**valid(data, units, kategori), "note": LONG_NOTE}
    response = post(client, name, case, data)
    assert_refused_on_the_page(response, 403, "Peran Anda tidak berwenang melakukan tindakan ini.", LONG_NOTE)
    assert reload(case).state == state


@pytest.mark.parametrize(("name", "state", "data"), ACTIONS)
def test_recused_handler_gets_not_found(client, handler, units, kategori, case_in, name, state, data):
    case = case_in(state)
    case_recuse(case=case, user=handler, reason="terlapor")
    verified_login(client, handler)
    assert post(client, name, case, valid(data, units, kategori)).status_code == 404
    assert reload(case).state == state


@pytest.mark.parametrize(("name", "state", "data"), [action for action in ACTIONS if action[0] not in ("follow_up",)])
def test_unit_member_may_record_the_follow_up_only(client, unit_member, units, kategori, case_in, name, state, data):
    case = case_in(state)
    case.unit = units["identitas"]  # so the unit member sees it in every state
    Pengaduan.objects.filter(pk=case.pk).update(unit=units["identitas"])
    verified_login(client, unit_member)
    response = post(client, name, case, valid(data, units, kategori))
    assert response.status_code == 403
    assert reload(case).state == state


def test_get_on_an_action_endpoint_is_not_allowed(as_handler, case_in):
    assert as_handler.get(url("verify", case_in(State.DITERIMA))).status_code == 405


# --- The engine's shared forms come back on this page -------------------------------------


def test_a_refused_note_comes_back_on_this_page_with_its_text(client, make_user, case_in):
    case = case_in(State.DITERIMA)
    verified_login(client, make_user(roles.PIMPINAN))
    response = client.post(reverse("case:note", args=[case.pk]), {"body": "Tolong dipercepat, ini penting."})
    assert_refused_on_the_page(response, 403, "Tolong dipercepat, ini penting.", "Peran Anda tidak berwenang")
    assert not InternalNote.objects.filter(case=case).exists()


def test_a_too_long_message_comes_back_on_this_page(as_handler, case_in):
    case = case_in(State.DITERIMA)
    text = "Mohon maaf atas keterlambatan. " * 200
    response = as_handler.post(reverse("case:message", args=[case.pk]), {"body": text})
    assert_refused_on_the_page(response, 400, "Teks terlalu panjang", "Mohon maaf atas keterlambatan.")
    assert not Message.objects.filter(case=case).exists()


def test_loosening_privacy_without_a_reason_comes_back_on_this_page(as_handler, case_in):
    case = case_in(State.DITERIMA)
    response = as_handler.post(
        reverse("case:confidentiality", args=[case.pk]), {"confidentiality": "biasa", "is_anonymous": ""}
    )
    assert_refused_on_the_page(response, 400, "wajib disertai alasan")
    case = reload(case)
    assert case.confidentiality == "rahasia" and case.is_anonymous
    response = as_handler.post(
        reverse("case:confidentiality", args=[case.pk]),
        {"confidentiality": "biasa", "is_anonymous": "on", "reason": "Pelapor setuju dipublikasikan."},
    )
    assert response.status_code == 302 and reload(case).confidentiality == "biasa"


def test_assigning_an_outsider_comes_back_on_this_page(as_handler, case_in, make_user):
    case = case_in(State.DITERIMA)
    outsider = make_user(roles.PETUGAS_UPG)
    response = as_handler.post(reverse("case:assign", args=[case.pk]), {"assignee": outsider.pk, "note": "coba"})
    assert_refused_on_the_page(response, 400, 'value="coba"')
    assert reload(case).assignee is None


# --- The follow-up and its files are kept together or not at all --------------------------


def stored_files(settings):
    root = settings.SIGAP_PRIVATE_STORAGE
    return [p for p in root.iterdir()] if root.exists() else []


def test_a_refused_follow_up_keeps_no_file(case_in, handler, settings):
    case = case_in(State.DIVERIFIKASI)  # not yet dispositioned: the transition is refused
    with pytest.raises(TransitionBlocked):
        pengaduan_record_follow_up_with_evidence(
            case=case, actor=handler, summary="Uraian.", files=[upload(png_with_text(), "a.png")]
        )
    assert not Attachment.objects.filter(case=case).exists() and stored_files(settings) == []


def test_a_file_refused_after_the_transition_undoes_it(case_in, unit_member, settings):
    """The count limit is checked again under the lock; the last file over it undoes all."""
    settings.SIGAP_ATTACHMENT_MAX_COUNT = 1
    case = case_in(State.DIDISPOSISIKAN)
    files = [sanitize(png_with_text(), "a.png"), sanitize(png_with_text(), "b.png")]
    with pytest.raises(ValidationError):
        pengaduan_record_follow_up_with_evidence(case=case, actor=unit_member, summary="Uraian.", files=files)
    case = reload(case)
    assert (case.state, case.tindak_lanjut) == (State.DIDISPOSISIKAN, "")
    assert not Attachment.objects.filter(case=case).exists() and stored_files(settings) == []
