"""The declarant's own pages: the list, the declaration with its status, deadlines and
public history, the answer to a completion request; and nobody else's declaration, for
any role, ever."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import flow
from accounts.testing import verified_login
from casework import services as case_services
from casework.models import Attachment, HeldUpload, Message, TimelineEntry
from gratifikasi.choices import Clock, State
from gratifikasi.models import Gratifikasi
from security.audit import Event
from security.models import AuditEntry


@pytest.fixture
def signed_in(client, declarant):
    verified_login(client, declarant)
    return client


def detail_url(case):
    return reverse("gratifikasi:detail", args=[case.pk])


def complete_url(case):
    return reverse("gratifikasi:complete", args=[case.pk])


def section(body: str, heading_id: str) -> str:
    start = body.index(f'id="{heading_id}"')
    return body[start : body.index("</section>", start)]


# --- Who reaches the pages ------------------------------------------------------------------


def own_urls(case):
    return [
        reverse("gratifikasi:detail", args=[case.pk]),
        reverse("gratifikasi:receipt", args=[case.pk]),
    ]


@pytest.mark.parametrize("person", ["other_employee", "upg_officer", "pimpinan", "admin_sistem"])
def test_nobody_else_reaches_a_declaration_whatever_their_role(
    client, request, declaration_in, photo, make_user, person
):
    case = declaration_in(State.PERLU_DILENGKAPI, photos=[photo()])
    attachment = Attachment.objects.get(case=case)
    someone = make_user() if person == "other_employee" else request.getfixturevalue(person)
    verified_login(client, someone)
    for url in [*own_urls(case), reverse("gratifikasi:photo", args=[case.pk, attachment.pk])]:
        assert client.get(url).status_code == 404, url
    response = client.post(complete_url(case), {"jawaban": "Saya yang melengkapi."})
    assert response.status_code == 404
    response = client.post(reverse("gratifikasi:message", args=[case.pk]), {"body": "Atas nama pelapor."})
    assert response.status_code == 404 and not Message.objects.exists()
    case.refresh_from_db()
    assert case.state == State.PERLU_DILENGKAPI and case.jawaban_kelengkapan == ""
    # Their own list does not show it.
    body = client.get(reverse("gratifikasi:list")).content.decode()
    assert case.reference not in body


def test_a_visitor_is_sent_to_sign_in(client, submit_declaration):
    case = submit_declaration()
    for url in [reverse("gratifikasi:list"), reverse("gratifikasi:new"), *own_urls(case)]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:login")), url
    assert client.post(complete_url(case), {"jawaban": "x"}).status_code == 302


def test_the_second_factor_is_required(client, declarant, submit_declaration):
    case = submit_declaration()
    client.force_login(declarant)
    for url in [reverse("gratifikasi:list"), reverse("gratifikasi:new"), detail_url(case)]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == flow.second_factor_url(declarant, url), url


def test_an_officer_declaring_a_gift_sees_it_here_as_a_declarant(client, upg_officer, submit_declaration):
    case = submit_declaration(declarant=upg_officer, nama=upg_officer.full_name)
    verified_login(client, upg_officer)
    assert client.get(detail_url(case)).status_code == 200
    assert case.reference in client.get(reverse("gratifikasi:list")).content.decode()


def test_the_menu_links_to_the_declarant_pages(signed_in):
    body = signed_in.get(reverse("home")).content.decode()
    assert f'href="{reverse("gratifikasi:list")}"' in body and "Gratifikasi saya" in body


# --- The list ---------------------------------------------------------------------------------


def test_the_list_shows_own_declarations_with_status_and_next_date(signed_in, submit_declaration, declaration_in):
    first = submit_declaration()
    sent_back = declaration_in(State.PERLU_DILENGKAPI)
    response = signed_in.get(reverse("gratifikasi:list"))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    body = response.content.decode()
    rows = body.split("<tbody>", 1)[1]
    assert rows.index(sent_back.reference) < rows.index(first.reference)  # newest first
    assert "Diterima, menunggu registrasi UPG" in body and "Perlu dilengkapi pelapor" in body
    assert "Rp2.000.000" in body
    kelengkapan = sent_back.deadlines.get(clock=Clock.KELENGKAPAN, completed_at__isnull=True)
    assert kelengkapan.due_date.strftime("%Y-%m-%d") in body


def test_the_list_is_empty_for_a_new_employee(client, make_user):
    verified_login(client, make_user())
    body = client.get(reverse("gratifikasi:list")).content.decode()
    assert "Anda belum pernah melaporkan gratifikasi." in body
    assert f'href="{reverse("gratifikasi:new")}"' in body


def test_the_list_costs_the_same_queries_for_a_page_of_any_length(
    signed_in, submit_declaration, django_assert_max_num_queries
):
    submit_declaration()
    with django_assert_max_num_queries(12) as few:
        signed_in.get(reverse("gratifikasi:list"))
    for _ in range(5):
        submit_declaration()
    with django_assert_max_num_queries(len(few.captured_queries)):
        signed_in.get(reverse("gratifikasi:list"))


# --- The declaration ----------------------------------------------------------------------------


def test_the_page_shows_status_history_and_what_was_declared(signed_in, declaration_in, photo):
    case = declaration_in(State.VERIFIKASI, photos=[photo("kado.jpg")])
    response = signed_in.get(detail_url(case))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert case.reference in body and "<strong>Verifikasi kelengkapan</strong>" in body
    assert "UPG sedang memeriksa kelengkapan laporan Anda." in body
    history = section(body, "riwayat")
    assert "Laporan diterima" in history and "Verifikasi kelengkapan" in history
    assert "Budi Santoso, CV Maju Jaya" in body and "Rp2.000.000" in body
    attachment = Attachment.objects.get(case=case)
    assert f'href="{reverse("gratifikasi:photo", args=[case.pk, attachment.pk])}"' in body
    download = signed_in.get(reverse("gratifikasi:photo", args=[case.pk, attachment.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "image/jpeg"
    assert b"".join(download).startswith(b"\xff\xd8")


def test_the_clocks_count_from_the_day_received(signed_in, submit_declaration):
    received = timezone.localdate() - timedelta(days=2)
    case = submit_declaration(tanggal_terima=received)
    body = signed_in.get(detail_url(case)).content.decode()
    clocks = section(body, "batas-waktu")
    lapor_kpk = case.deadlines.get(clock=Clock.LAPOR_KPK)
    assert lapor_kpk.started_on == received and lapor_kpk.working_days == 30
    assert "Pelaporan ke KPK (30 hari kerja sejak diterima)" in clocks
    assert f"(30 hari kerja sejak {received.day} " in clocks
    assert "Pelaporan ke UPG (10 hari kerja sejak diterima)" in clocks
    # Each limit names the rule it comes from.
    assert "Dasar: UU 31/1999 jo. UU 20/2001 Pasal 12C ayat (2); UU 30/2002 Pasal 16" in clocks
    assert "Dasar: Ketentuan pengendalian gratifikasi instansi (UPG)" in clocks
    # Reported two days after receipt: the 10 working days to the UPG were met.
    upg = clocks.split("Pelaporan ke UPG", 1)[1].split("</li>", 1)[0]
    assert "Terpenuhi" in upg
    assert "Sisa " in clocks.split("Pelaporan ke KPK", 1)[1].split("</li>", 1)[0]


def test_a_late_report_shows_the_upg_limit_as_late(signed_in, submit_declaration):
    case = submit_declaration(tanggal_terima=timezone.localdate() - timedelta(days=25))
    assert case.terlambat_upg and not case.terlambat_kpk
    body = signed_in.get(detail_url(case)).content.decode()
    upg = section(body, "batas-waktu").split("Pelaporan ke UPG", 1)[1].split("</li>", 1)[0]
    assert "Terlambat" in upg and "setelah batas" in upg
    assert "disampaikan ke UPG lebih dari 10 hari kerja" in body


# --- Completing a declaration sent back ---------------------------------------------------------


def answer(case, **changes):
    """The completion form as the browser posts it: the answer and the declaration's
    current values in the correction fields."""
    data = {
        "jawaban": "Foto amplop saya lampirkan; alamat pemberi Jl. Asia Afrika No. 5, Bandung.",
        "pemberi_nama": case.pemberi_nama,
        "pemberi_instansi": case.pemberi_instansi,
        "pemberi_alamat": case.pemberi_alamat,
        "hubungan": case.hubungan,
        "jenis_peristiwa": case.jenis_peristiwa,
        "jenis_penerimaan": case.jenis_penerimaan,
        "uraian": case.uraian,
        "nilai": f"Rp{int(case.nilai):,}".replace(",", "."),
        "tanggal_terima": case.tanggal_terima.isoformat(),
        "tempat_terima": case.tempat_terima,
        "kronologi": case.kronologi,
    }
    if case.dititipkan:
        data["dititipkan"] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_the_request_to_complete_is_shown_with_its_period(signed_in, declaration_in):
    case = declaration_in(State.PERLU_DILENGKAPI)
    body = signed_in.get(detail_url(case)).content.decode()
    request = section(body, "lengkapi-judul")
    assert "Lampirkan foto amplop dan sebutkan alamat lengkap pemberi." in request
    assert f'action="{complete_url(case)}#lengkapi"' in request and 'type="file"' in request
    assert 'value="Rp2.000.000"' in request  # the corrections start from what was declared
    kelengkapan = case.deadlines.get(clock=Clock.KELENGKAPAN, completed_at__isnull=True)
    assert f"Batas waktu melengkapi: {kelengkapan.due_date.day} " in request and "(20 hari kerja)" in request
    clock = section(body, "batas-waktu").split("Melengkapi laporan", 1)[1].split("</li>", 1)[0]
    assert "(20 hari kerja sejak" in clock and "Berjalan" in clock


def test_the_period_to_complete_was_30_working_days_before_the_amendment(client, declarant, declaration_in, travel):
    travel(date(2026, 1, 12))
    case = declaration_in(State.PERLU_DILENGKAPI, tanggal_terima=date(2026, 1, 5))
    verified_login(client, declarant)
    body = client.get(detail_url(case)).content.decode()
    clock = section(body, "batas-waktu").split("Melengkapi laporan", 1)[1].split("</li>", 1)[0]
    assert "(30 hari kerja sejak 12 Januari 2026)" in clock


def test_the_answer_sends_the_declaration_back_to_verification(signed_in, declarant, declaration_in, photo):
    case = declaration_in(State.PERLU_DILENGKAPI)
    response = signed_in.post(complete_url(case), {**answer(case, nilai="Rp2.250.000"), "foto": [photo("amplop.jpg")]})
    assert response.status_code == 302 and response["Location"] == detail_url(case)
    case.refresh_from_db()
    assert case.state == State.VERIFIKASI
    assert case.jawaban_kelengkapan.startswith("Foto amplop saya lampirkan")
    assert case.nilai == 2_250_000
    assert case.deadlines.get(clock=Clock.KELENGKAPAN).completed_at is not None
    assert Attachment.objects.get(case=case).original_name == "amplop.jpg"
    entry = TimelineEntry.objects.filter(case=case).latest("created_at", "id")
    assert (entry.transition, entry.actor) == ("lengkapi", declarant)
    assert "Rp2.000.000 → Rp2.250.000" in entry.note
    page = signed_in.get(response["Location"]).content.decode()
    assert "Jawaban Anda terkirim dan laporan Anda diverifikasi kembali oleh UPG." in page
    assert "Foto amplop saya lampirkan" in section(page, "riwayat")


def test_an_answer_without_corrections_changes_no_field(signed_in, declaration_in):
    case = declaration_in(State.PERLU_DILENGKAPI)
    assert signed_in.post(complete_url(case), answer(case)).status_code == 302
    entry = TimelineEntry.objects.filter(case=case, transition="lengkapi").get()
    assert entry.note == ""


def test_a_refused_answer_keeps_what_was_typed(signed_in, declaration_in, photo):
    case = declaration_in(State.PERLU_DILENGKAPI)
    response = signed_in.post(
        complete_url(case), {**answer(case, jawaban="", nilai="dua juta"), "foto": [photo("amplop.jpg")]}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Tuliskan jawaban atas permintaan UPG." in body
    assert "Tuliskan nilai dengan angka" in body and 'value="dua juta"' in body
    assert re.search(r'class="held-files__name">amplop.jpg<', body)
    assert re.search(r"<details open>\s*<summary>Perbaiki isian laporan", body)
    case.refresh_from_db()
    assert case.state == State.PERLU_DILENGKAPI and not Attachment.objects.filter(case=case).exists()
    # The corrected answer takes the kept photo without picking it again.
    token = response.context["completion_form"].held_files.signed_token()
    response = signed_in.post(complete_url(case), {**answer(case), "berkas_simpanan": token})
    assert response.status_code == 302
    assert [a.original_name for a in Attachment.objects.filter(case=case)] == ["amplop.jpg"]
    assert not HeldUpload.objects.exists()


def test_a_photo_kept_for_one_declarations_answer_goes_to_no_other(signed_in, declaration_in, photo):
    first, second = declaration_in(State.PERLU_DILENGKAPI), declaration_in(State.PERLU_DILENGKAPI)
    response = signed_in.post(complete_url(first), {**answer(first, jawaban=""), "foto": [photo("amplop.jpg")]})
    token = response.context["completion_form"].held_files.signed_token()
    response = signed_in.post(complete_url(second), {**answer(second), "berkas_simpanan": token})
    assert response.status_code == 302
    assert not Attachment.objects.filter(case=second).exists()
    assert HeldUpload.objects.count() == 1


@pytest.mark.parametrize("state", [State.ADMINISTRASI, State.VERIFIKASI, State.ANALISIS, State.SELESAI])
def test_an_answer_is_refused_in_any_other_state(signed_in, declaration_in, state):
    case = declaration_in(state)
    response = signed_in.post(complete_url(case), answer(case))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Jawaban Anda belum terkirim." in body
    assert "Tindakan ini tidak dapat dilakukan pada status" in body
    case.refresh_from_db()
    assert case.state == state and case.jawaban_kelengkapan == ""


def test_a_late_answer_is_still_accepted_while_the_declaration_waits(signed_in, declaration_in):
    from gratifikasi.tests.conftest import expire_completion_period

    case = declaration_in(State.PERLU_DILENGKAPI)
    expire_completion_period(case)
    body = signed_in.get(detail_url(case)).content.decode()
    assert "Terlambat" in section(body, "batas-waktu").split("Melengkapi laporan", 1)[1].split("</li>", 1)[0]
    assert "Batas itu sudah lewat, tetapi jawaban Anda masih diterima" in body
    assert signed_in.post(complete_url(case), answer(case)).status_code == 302
    assert Gratifikasi.objects.get(pk=case.pk).state == State.VERIFIKASI


# --- Outcomes -------------------------------------------------------------------------------------


def test_the_decision_and_follow_up_are_shown_when_known(signed_in, declaration_in):
    case = declaration_in(State.SELESAI)
    body = signed_in.get(detail_url(case)).content.decode()
    assert "GOL-2026-000123" in body
    assert "Keputusan KPK" in body and "<strong>Milik negara</strong>" in body and "SK-123/GTF/2026" in body
    assert "Penyerahan kepada negara" in body and "BAST/UPG/2026/001" in body


def test_a_gift_found_not_obligatory_shows_the_rule_cited(signed_in, declaration_in):
    case = declaration_in(State.TIDAK_WAJIB)
    body = signed_in.get(detail_url(case)).content.decode()
    assert "Kesimpulan UPG: tidak wajib dilaporkan" in body
    assert case.aturan_dikutip.source in body


# --- Talking with the UPG -----------------------------------------------------------------------


def test_the_declarant_reads_the_upgs_message_and_answers_it(signed_in, declarant, upg_officer, declaration_in):
    case = declaration_in(State.ANALISIS)
    case_services.message_post(case=case, body="Apakah bingkisan masih disimpan?", actor=upg_officer)
    body = signed_in.get(detail_url(case)).content.decode()
    conversation = section(body, "percakapan")
    assert "Apakah bingkisan masih disimpan?" in conversation
    assert Message.objects.get().read_at is not None

    url = reverse("gratifikasi:message", args=[case.pk])
    response = signed_in.post(url, {"body": "Masih, di lemari <b>ruang</b> rapat."})
    assert response.status_code == 302 and response["Location"].endswith("#percakapan")
    reply = Message.objects.get(sender=Message.Sender.REPORTER)
    # Named, like the declarant's other steps: an employee's message is not anonymous.
    assert reply.author == declarant and reply.body == "Masih, di lemari <b>ruang</b> rapat."
    entry = AuditEntry.objects.filter(event=Event.MESSAGE_POSTED).latest("id")
    assert entry.actor_id == declarant.pk and entry.data["sender"] == "reporter"
    page = signed_in.get(detail_url(case)).content.decode()
    assert "Masih, di lemari &lt;b&gt;ruang&lt;/b&gt; rapat." in page


def test_an_empty_message_is_refused_on_the_page(signed_in, declaration_in):
    case = declaration_in(State.ANALISIS)
    response = signed_in.post(reverse("gratifikasi:message", args=[case.pk]), {"body": "   "})
    assert response.status_code == 400 and not Message.objects.exists()
    assert 'id="percakapan"' in response.content.decode()


def test_no_message_on_a_closed_declaration(signed_in, declaration_in):
    case = declaration_in(State.SELESAI)
    body = section(signed_in.get(detail_url(case)).content.decode(), "percakapan")
    assert "Kasus ini sudah ditutup." in body and "<textarea" not in body
    response = signed_in.post(reverse("gratifikasi:message", args=[case.pk]), {"body": "Masih ada pertanyaan."})
    assert response.status_code == 400 and not Message.objects.exists()
    assert "pesan tidak dapat dikirim lagi" in response.content.decode()


def test_an_id_no_row_can_have_is_not_found(signed_in):
    huge = 10**25
    for url in (f"/gratifikasi/{huge}/", f"/gratifikasi/{huge}/tanda-terima.pdf", f"/gratifikasi/{huge}/berkas/1/"):
        assert signed_in.get(url).status_code == 404, url
    assert signed_in.post(f"/gratifikasi/{huge}/pesan/", {"body": "Halo"}).status_code == 404
