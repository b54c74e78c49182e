"""A complaint's staff page: what each reader sees on it, and who may not open it.

The handler sees the whole complaint (decrypted), its channel, files, identity, privacy
flags, deadlines per clock and the shared panel; each action's form appears only where
the state and the reader's role allow it. A role without complaints, or a recused
handler, gets 404 as if the complaint did not exist.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import roles
from accounts.testing import verified_login
from casework.attachments import add_attachment
from casework.models import Attachment
from casework.services import case_recuse, message_post, note_add
from casework.tests.samples import png_with_text, upload
from pengaduan import services
from pengaduan.choices import Channel, Jenis, State

ACTION_URLS = {
    "verifikasi": "pengaduan_staff:verify",
    "tunda": "pengaduan_staff:request_information",
    "bukan_wewenang": "pengaduan_staff:forward",
    "arsipkan": "pengaduan_staff:archive",
    "arsipkan_tidak_lengkap": "pengaduan_staff:archive_incomplete",
    "disposisi": "pengaduan_staff:route",
    "catat_tindak_lanjut": "pengaduan_staff:follow_up",
    "jawab": "pengaduan_staff:answer",
    "selesaikan": "pengaduan_staff:close",
}
# The forms each state offers a handler.
HANDLER_FORMS = {
    State.DITERIMA: {"verifikasi", "tunda", "bukan_wewenang", "arsipkan"},
    State.DITUNDA: set(),  # until the complainant's time to answer runs out
    State.DIVERIFIKASI: {"disposisi"},
    State.DIDISPOSISIKAN: {"catat_tindak_lanjut"},
    State.DITINDAKLANJUTI: {"jawab"},
    State.DIJAWAB: {"selesaikan"},
    State.SELESAI: set(),
    State.DITERUSKAN: set(),
    State.DIARSIPKAN: set(),
}
NO_ACCESS_ROLES = [roles.PEGAWAI, roles.PETUGAS_UPG, roles.PENGELOLA_WBS, roles.INSPEKTORAT, roles.ADMIN_SISTEM]
OBSERVER_ROLES = [roles.PIMPINAN, roles.TIM_PENILAI]


def page_url(case):
    return reverse("pengaduan_staff:detail", args=[case.pk])


def offered_forms(body, case):
    return {name for name, url in ACTION_URLS.items() if reverse(url, args=[case.pk]) in body}


def open_page(client, user, case):
    verified_login(client, user)
    response = client.get(page_url(case))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def full_complaint(file_pengaduan, units, handler):
    """A complaint from SP4N-LAPOR! with every field filled, and one attachment."""
    case, _code = file_pengaduan(
        actor=handler,
        channel=Channel.SP4N_LAPOR,
        lapor_tracking_id="LAPOR-7781",
        jenis=Jenis.ASPIRASI,
        title="Loket akta tutup sebelum jam layanan",
        isi="Loket akta kelahiran sudah tutup pukul 13.00 padahal jam layanan sampai 15.00.",
        tanggal_kejadian=datetime.date(2026, 1, 12),
        lokasi="Mal Pelayanan Publik lantai 2",
        unit_tujuan=units["kelahiran"],
        nama="Rina Marlina",
        nik="3201014501900001",
        email="rina@example.test",
        telepon="0812 1111 2222",
    )
    add_attachment(case=case, upload=upload(png_with_text(), "foto-loket.png"), from_reporter=True)
    return case


def test_handler_sees_everything_a_handler_needs(client, handler, full_complaint):
    body = open_page(client, handler, full_complaint)
    for text in [
        full_complaint.reference,
        "Loket akta tutup sebelum jam layanan",
        "Loket akta kelahiran sudah tutup pukul 13.00",
        "Mal Pelayanan Publik lantai 2",
        "12 Jan 2026",
        "SP4N-LAPOR!",
        "LAPOR-7781",
        "Aspirasi",
        "KTP-el",
        "Seksi Kelahiran",
        # The identity, for the complaints team.
        "Rina Marlina",
        "3201014501900001",
        "rina@example.test",
        "0812 1111 2222",
        # Privacy flags in plain words.
        "tidak tercantum di daftar tindak lanjut bulanan di situs",
        "identitas pelapor disembunyikan dari pihak terlapor dan publik",
        # The file, downloaded through the authorised files view.
        "foto-loket.png",
        reverse("files:download", args=[Attachment.objects.get(case=full_complaint).pk]),
        # Deadlines per clock, and the shared panel.
        "Batas waktu per tahap",
        "Riwayat",
        "Percakapan dengan pelapor",
        "Catatan internal",
        "Penugasan dan kerahasiaan",
    ]:
        assert text in body, text


def test_the_generic_transitions_are_not_offered(client, handler, case_in):
    case = case_in(State.DITERIMA)
    body = open_page(client, handler, case)
    assert f"/staf/kasus/{case.pk}/tindakan/" not in body
    assert offered_forms(body, case) == HANDLER_FORMS[State.DITERIMA]


@pytest.mark.parametrize("state", list(HANDLER_FORMS))
def test_each_state_offers_the_handler_its_own_actions(client, handler, case_in, state):
    case = case_in(state)
    body = open_page(client, handler, case)
    assert offered_forms(body, case) == HANDLER_FORMS[state]
    if state == State.DITUNDA:
        assert "Menunggu kelengkapan dari pelapor" in body
    if not HANDLER_FORMS[state] and state != State.DITUNDA:
        assert "Tidak ada tindakan pada status ini." in body


def test_deadlines_per_clock_show_overdue_and_paused(client, handler, case_in, travel):
    travel(datetime.date(2026, 3, 2))  # a Monday
    late = case_in(State.DITERIMA)
    waiting = case_in(State.DITUNDA)
    travel(datetime.date(2026, 3, 16))
    body = open_page(client, handler, late)
    assert "Verifikasi pengaduan" in body or "Verifikasi" in body
    assert 'class="is-overdue"' in body and "terlambat" in body
    body = open_page(client, handler, waiting)
    assert "dihentikan sementara sejak 2 Mar 2026" in body
    assert 'class="is-overdue"' not in body


def test_each_deadline_names_its_source(client, handler, case_in, travel):
    travel(datetime.date(2026, 3, 2))
    case = case_in(State.DIVERIFIKASI)
    body = open_page(client, handler, case)
    table = body.split('<table class="cases deadlines">', 1)[1].split("</table>", 1)[0]
    assert '<th scope="col">Dasar</th>' in table
    rows = {row.split("</th>", 1)[0]: row for row in table.split("<tr")[2:]}
    (verification,) = [row for head, row in rows.items() if "Verifikasi pengaduan" in head]
    (resolution,) = [row for head, row in rows.items() if "Penyelesaian pengaduan" in head]
    assert "Perpres 76/2013" in verification and "SP4N-LAPOR! (PermenPANRB 5/2025)" in verification
    # The figure kept from the replaced regulation says so.
    assert "dipertahankan sampai diperiksa terhadap naskah PermenPANRB 5/2025" in verification
    assert "Perpres 76/2013" in resolution and "PermenPANRB" not in resolution


def test_a_closed_clock_is_done_not_late(client, handler, case_in, travel):
    travel(datetime.date(2026, 3, 2))
    case = case_in(State.DIVERIFIKASI)
    travel(datetime.date(2026, 3, 20))
    body = open_page(client, handler, case)
    assert "selesai 2 Mar 2026" in body  # the verification clock stopped on time


def test_unit_member_sees_only_the_follow_up_form_and_no_anonymous_identity(client, unit_member, case_in):
    case = case_in(State.DIDISPOSISIKAN, nama="Rina Marlina", email="rina@example.test")
    body = open_page(client, unit_member, case)
    assert offered_forms(body, case) == {"catat_tindak_lanjut"}
    assert "Rina Marlina" not in body and "rina@example.test" not in body
    assert "Disembunyikan: pelapor meminta anonim" in body
    # Neither assignment nor privacy is theirs; talking to the complainant and notes are.
    assert reverse("case:assign", args=[case.pk]) not in body
    assert reverse("case:confidentiality", args=[case.pk]) not in body
    assert reverse("case:message", args=[case.pk]) in body
    assert reverse("case:note", args=[case.pk]) in body


def test_unit_member_sees_identity_the_complainant_did_not_hide(client, unit_member, case_in):
    case = case_in(State.DIDISPOSISIKAN, nama="Rina Marlina", is_anonymous=False)
    assert "Rina Marlina" in open_page(client, unit_member, case)


@pytest.mark.parametrize("role", OBSERVER_ROLES)
def test_observers_read_the_page_but_get_no_form(client, make_user, case_in, role):
    case = case_in(State.DITERIMA, nama="Rina Marlina")
    body = open_page(client, make_user(role), case)
    assert case.title in body
    assert offered_forms(body, case) == set()
    assert "Tindakan pada status ini yang tidak dapat Anda lakukan" in body
    assert "Peran Anda tidak berwenang melakukan tindakan ini." in body
    for name in ("message", "note", "assign", "confidentiality"):
        assert reverse(f"case:{name}", args=[case.pk]) not in body
    assert "Rina Marlina" not in body  # anonymous: not for overseers either


@pytest.mark.parametrize("role", NO_ACCESS_ROLES)
def test_roles_without_complaints_get_not_found(client, make_user, units, case_in, role):
    case = case_in(State.DIDISPOSISIKAN)
    verified_login(client, make_user(role, unit=units["identitas"]))
    assert client.get(page_url(case)).status_code == 404


def test_recused_handler_gets_not_found(client, handler, case_in):
    case = case_in(State.DITERIMA)
    case_recuse(case=case, user=handler, reason="terlapor")
    verified_login(client, handler)
    assert client.get(page_url(case)).status_code == 404


def test_unit_member_of_another_unit_or_before_disposition_gets_not_found(client, make_user, units, case_in):
    other_unit = make_user(roles.UNIT_TINDAK_LANJUT, unit=units["kelahiran"])
    verified_login(client, other_unit)
    assert client.get(page_url(case_in(State.DIDISPOSISIKAN))).status_code == 404
    own_unit = make_user(roles.UNIT_TINDAK_LANJUT, unit=units["identitas"])
    verified_login(client, own_unit)
    assert client.get(page_url(case_in(State.DIVERIFIKASI))).status_code == 404


def test_another_kinds_case_is_not_found_here(client, handler, open_uji):
    case, _ = open_uji()
    verified_login(client, handler)
    assert client.get(page_url(case)).status_code == 404


def test_the_engine_sends_staff_to_this_page(client, handler, case_in):
    case = case_in(State.DITERIMA)
    verified_login(client, handler)
    response = client.get(reverse("case:detail", args=[case.pk]))
    assert response.status_code == 302 and response.url == page_url(case)
    assert page_url(case) in client.get(reverse("casework:inbox")).content.decode()


def test_the_generic_transition_endpoint_refuses_a_complaint(client, handler, case_in):
    """arsipkan without a reason, tunda without a question: only the kind's forms may run them."""
    case = case_in(State.DITERIMA)
    verified_login(client, handler)
    for name in ("tunda", "verifikasi", "arsipkan"):
        response = client.post(reverse("case:transition", args=[case.pk, name]), {"note": "catatan"})
        assert response.status_code == 400
        assert "melalui formulirnya sendiri" in response.content.decode()
        assert [t.name for t in response.templates][0] == "pengaduan/staff/detail.html"
    case.refresh_from_db()
    assert case.state == State.DITERIMA


def test_query_count_does_not_grow_with_files_messages_and_notes(
    client, handler, case_in, django_assert_max_num_queries
):
    case = case_in(State.DIJAWAB)
    verified_login(client, handler)
    with CaptureQueriesContext(connection) as queries:
        client.get(page_url(case))
    for n in range(4):
        add_attachment(case=case, upload=upload(png_with_text(), f"bukti-{n}.png"), uploaded_by=handler)
        message_post(case=case, body=f"Pesan {n}", actor=handler)
        note_add(case=case, actor=handler, body=f"Catatan {n}")
    with django_assert_max_num_queries(len(queries)):
        assert client.get(page_url(case)).status_code == 200


def test_the_triager_sees_similar_complaints_and_nobody_else_does(client, case_in, handler, make_user):
    original = case_in(State.DIVERIFIKASI, title="Antrean perekaman KTP-el panjang")
    case = case_in(State.DITERIMA, title="Antrean perekaman KTP-el")
    page = reverse("pengaduan_staff:detail", args=[case.pk])
    verified_login(client, handler)
    body = client.get(page).content.decode()
    assert "Pengaduan serupa yang masih berjalan" in body and original.reference in body
    verified_login(client, make_user(roles.PIMPINAN))
    assert "Pengaduan serupa" not in client.get(page).content.decode()
    # Past triage the suggestions are gone, for the handler too.
    services.pengaduan_verify(case=case, actor=handler)
    verified_login(client, handler)
    assert "Pengaduan serupa" not in client.get(page).content.decode()
