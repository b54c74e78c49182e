"""A report's staff page (/staf/wbs/<pk>/): what the handler reads, and one form per
action, each refusal coming back on the page with the text kept."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.testing import verified_login
from casework.models import Message
from casework.services import case_assign
from casework.tests import samples
from wbs.choices import Penanganan, State
from wbs.models import LaporanWbs
from wbs.reported import TerlaporInput


def act(client, case, name, **fields):
    return client.post(
        reverse("wbs_staff:act", args=[case.pk, name]), {f"{name}-{key}": value for key, value in fields.items()}
    )


@pytest.fixture
def handler_client(client, wbs_handler):
    verified_login(client, wbs_handler)
    return client


def page(client, case):
    response = client.get(reverse("wbs_staff:detail", args=[case.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_kind_opens_on_its_own_page(handler_client, file_wbs):
    case, _code = file_wbs()
    assert handler_client.get(reverse("case:detail", args=[case.pk]))["Location"] == f"/staf/wbs/{case.pk}/"


def test_the_page_shows_the_report_decrypted_and_never_the_identity_or_contact(
    handler_client, file_wbs, with_identity, pegawai
):
    case, _code = file_wbs(
        identitas=with_identity,
        kontak_email="rahasia.pelapor@example.test",
        nilai_kerugian="1500000",
        terlapor=[TerlaporInput(nama="Budi Santoso", jabatan="Pengadministrasi"), TerlaporInput(nama="Orang Luar")],
        bukti=[samples.upload(samples.png_with_text(), "foto-loket.png", "image/png")],
    )
    body = page(handler_client, case)
    for text in (
        "Pungutan liar di loket KTP-el",
        "Petugas loket meminta uang Rp50.000",
        "Loket 3, kantor Disdukcapil",
        "Setiap Senin sejak Maret 2026",
        "Uang diminta secara lisan",
        "1.500.000",
        "Korupsi",
        "foto-loket.png",
        "Budi Santoso",
        "Akun pegawai: Budi Santoso",  # matched to the directory
        "Belum dicocokkan dengan akun pegawai.",  # the other one
        "Pelapor memberikan identitas. Identitas itu tersegel.",
        "Tanggapan pertama kepada pelapor",  # the deadline clock
        "Praktik instansi (Kemenpora)",  # and the source of its figure
        "Riwayat",
        "Percakapan dengan pelapor",
        "Catatan internal",
    ):
        assert text in body, text
    assert "Siti Pelapor" not in body and "0812 1111 2222" not in body
    assert "rahasia.pelapor" not in body and "alamatnya tidak ditampilkan" in body


def test_missing_elements_are_named_and_verifying_without_a_reason_is_refused(handler_client, file_wbs):
    case, _code = file_wbs(dimana="", terlapor=[])
    body = page(handler_client, case)
    assert "Unsur yang belum terjawab:" in body and "di mana" in body
    response = act(handler_client, case, "verifikasi", note="Catatan saya.")
    assert response.status_code == 400
    body = response.content.decode()
    assert "belum menjawab semua unsur" in body and "Catatan saya." in body
    assert LaporanWbs.objects.get(pk=case.pk).state == State.DITERIMA
    response = act(handler_client, case, "verifikasi", alasan="Cukup untuk ditelaah: lokasi jelas dari bukti.")
    assert response.status_code == 302
    assert LaporanWbs.objects.get(pk=case.pk).state == State.DITELAAH


def test_asking_the_reporter_needs_a_question(handler_client, file_wbs):
    case, _code = file_wbs()
    response = act(handler_client, case, "tunda", question="", note="Catatan internal.")
    assert response.status_code == 400 and "Catatan internal." in response.content.decode()
    assert act(handler_client, case, "tunda", question="Siapa saksinya?").status_code == 302
    case = LaporanWbs.objects.get(pk=case.pk)
    assert case.state == State.DITUNDA
    assert case.timeline.get(transition="tunda").public_note == "Siapa saksinya?"
    # Waiting: the handler may take it back when the reporter answered by message.
    body = page(handler_client, case)
    assert "Pelapor sudah menjawab lewat pesan" in body
    assert act(handler_client, case, "lengkapi").status_code == 302
    assert LaporanWbs.objects.get(pk=case.pk).state == State.DITERIMA


def test_examination_forwarding_and_the_finding(handler_client, case_in):
    case = case_in(State.DITELAAH)
    response = act(handler_client, case, "periksa", hasil_telaah="Bukti cukup.")
    assert response.status_code == 400 and "Bukti cukup." in response.content.decode()
    assert (
        act(handler_client, case, "periksa", hasil_telaah="Bukti cukup.", pemeriksa="tim_internal").status_code == 302
    )
    case = LaporanWbs.objects.get(pk=case.pk)
    # Proven without a recommendation: refused, with what was typed.
    response = act(handler_client, case, "selesaikan", temuan="terbukti", note="Rapat 3 Juli.")
    assert response.status_code == 400
    assert "wajib disertai rekomendasi" in response.content.decode() and "Rapat 3 Juli." in response.content.decode()
    response = act(handler_client, case, "selesaikan", temuan="terbukti", rekomendasi="Hukuman disiplin sedang.")
    assert response.status_code == 302
    case = LaporanWbs.objects.get(pk=case.pk)
    assert (case.state, case.temuan, case.rekomendasi) == (State.SELESAI, "terbukti", "Hukuman disiplin sedang.")
    assert "Hukuman disiplin sedang." in page(handler_client, case)


def test_forwarding_names_the_body_and_its_reference(handler_client, case_in):
    case = case_in(State.DITELAAH)
    response = act(
        handler_client, case, "teruskan", forwarded_to="lainnya", forward_reference="B/1/2026", hasil_telaah="x"
    )
    assert response.status_code == 400
    assert "Tuliskan nama instansi tujuan penerusan." in response.content.decode()
    assert 'value="B/1/2026"' in response.content.decode()
    response = act(
        handler_client,
        case,
        "teruskan",
        forwarded_to="kpk",
        forward_reference="R/77/KPK/2026",
        hasil_telaah="Dugaan korupsi di atas kewenangan unit.",
    )
    assert response.status_code == 302
    case = LaporanWbs.objects.get(pk=case.pk)
    assert (case.state, case.forwarded_to, case.forward_reference) == (State.DITERUSKAN, "kpk", "R/77/KPK/2026")
    body = page(handler_client, case)
    assert "Komisi Pemberantasan Korupsi (KPK)" in body and "R/77/KPK/2026" in body


def test_from_examination_forwarding_keeps_the_review(handler_client, case_in):
    case = case_in(State.DIPERIKSA)
    assert "teruskan-hasil_telaah" not in page(handler_client, case)
    assert act(handler_client, case, "teruskan", forwarded_to="kejaksaan", forward_reference="S/9").status_code == 302
    assert LaporanWbs.objects.get(pk=case.pk).hasil_telaah == "Bukti awal cukup."


def test_ending_a_report_gives_the_reporter_a_reason(handler_client, file_wbs):
    case, _code = file_wbs()
    assert act(handler_client, case, "hentikan", alasan="").status_code == 400
    assert act(handler_client, case, "hentikan", alasan="Kejadian di luar unit kami.").status_code == 302
    case = LaporanWbs.objects.get(pk=case.pk)
    assert case.state == State.TIDAK_DAPAT_DITINDAKLANJUTI
    assert case.timeline.get(transition="hentikan").public_note == "Kejadian di luar unit kami."


def test_news_for_the_reporter_keeps_the_stage_and_is_labelled_in_the_history(handler_client, case_in):
    case = case_in(State.DITELAAH)
    assert act(handler_client, case, "kirim_pembaruan", update="").status_code == 400
    assert act(handler_client, case, "kirim_pembaruan", update="Saksi sedang dimintai keterangan.").status_code == 302
    assert LaporanWbs.objects.get(pk=case.pk).state == State.DITELAAH
    body = page(handler_client, case)
    assert "Kabar perkembangan untuk pelapor" in body and ">kirim_pembaruan<" not in body


def test_an_action_of_another_state_is_refused_with_the_reason(handler_client, file_wbs):
    case, _code = file_wbs()
    response = act(handler_client, case, "selesaikan", temuan="terbukti", rekomendasi="Sanksi.")
    assert response.status_code == 400
    assert "tidak dapat dilakukan pada status" in response.content.decode()
    assert handler_client.post(reverse("wbs_staff:act", args=[case.pk, "tidak-ada"])).status_code == 404


def test_the_message_form_goes_through_the_wbs_service_and_tells_the_reporter(
    handler_client, file_wbs, django_capture_on_commit_callbacks
):
    case, _code = file_wbs(kontak_email="pelapor@example.test")
    body = page(handler_client, case)
    assert f'action="/staf/wbs/{case.pk}/pesan/"' in body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = handler_client.post(reverse("wbs_staff:message", args=[case.pk]), {"body": "Mohon kirim rekaman."})
    assert response.status_code == 302
    assert Message.objects.get(case=case).body == "Mohon kirim rekaman."
    assert [m.to for m in mail.outbox] == [["pelapor@example.test"]]
    response = handler_client.post(reverse("wbs_staff:message", args=[case.pk]), {"body": ""})
    assert response.status_code == 400


def test_a_reported_person_is_added_and_matched(handler_client, file_wbs, pegawai, person, wbs_handler):
    case, _code = file_wbs(terlapor=[TerlaporInput(nama="Seseorang di Loket")])
    url = reverse("wbs_staff:add_reported", args=[case.pk])
    response = handler_client.post(url, {"terlapor-baru-unit_kerja": "Seksi Identitas"})
    assert response.status_code == 400 and 'value="Seksi Identitas"' in response.content.decode()
    assert handler_client.post(url, {"terlapor-baru-user": pegawai.pk}).status_code == 302
    assert "Akun pegawai: Budi Santoso" in page(handler_client, case)
    first = case.terlapor.order_by("id").first()
    other = person("Dewi Lestari")
    response = handler_client.post(
        reverse("wbs_staff:match_reported", args=[case.pk, first.pk]), {f"terlapor-{first.pk}-user": other.pk}
    )
    assert response.status_code == 302
    assert "Akun pegawai: Dewi Lestari" in page(handler_client, case)
    assert "Terlapor dicatat" in page(handler_client, case)  # the history line, labelled


def test_naming_the_kepala_dinas_hands_the_report_to_the_inspektorat(
    handler_client, file_wbs, kepala_dinas, wbs_handler
):
    case, _code = file_wbs()
    case_assign(case=case, actor=wbs_handler, assignee=wbs_handler)
    response = handler_client.post(
        reverse("wbs_staff:add_reported", args=[case.pk]), {"terlapor-baru-user": kepala_dinas.pk}
    )
    assert response["Location"] == reverse("wbs_staff:list")
    assert LaporanWbs.objects.get(pk=case.pk).penanganan == Penanganan.INSPEKTORAT
    assert handler_client.get(reverse("wbs_staff:detail", args=[case.pk])).status_code == 404


def test_a_closed_report_offers_no_action(handler_client, case_in):
    case = case_in(State.SELESAI)
    body = page(handler_client, case)
    assert "Tidak ada tindakan pada status ini." in body


def test_a_refused_shared_form_comes_back_on_the_wbs_page(handler_client, file_wbs):
    case, _code = file_wbs()
    response = handler_client.post(reverse("case:note", args=[case.pk]), {"body": ""})
    assert response.status_code == 400
    assert "Minta kelengkapan kepada pelapor" in response.content.decode()  # the WBS page's own forms


def test_the_staff_menu_can_offer_the_wbs_pages_to_those_who_may_open_them(
    wbs_handler, inspektorat, kepala_dinas, pegawai
):
    from django.template import Context, Template

    def links(user):
        template = Template(
            "{% load wbs_staff %}{% wbs_staff_links user as links %}{% for l in links %}{{ l.url }} {% endfor %}"
        )
        return template.render(Context({"user": user})).split()

    assert links(wbs_handler) == ["/staf/wbs/"]
    assert links(inspektorat) == ["/staf/wbs/", "/staf/wbs/permintaan-identitas/"]
    assert links(kepala_dinas) == ["/staf/wbs/permintaan-identitas/"]
    assert links(pegawai) == []


def test_the_privacy_form_offers_only_the_levels_a_report_may_have(handler_client, file_wbs):
    case, _code = file_wbs()
    form = handler_client.get(reverse("wbs_staff:detail", args=[case.pk])).context["confidentiality_form"]
    assert [value for value, _label in form.fields["confidentiality"].choices] == ["rahasia", "sangat_rahasia"]
    response = handler_client.post(reverse("case:confidentiality", args=[case.pk]), {"confidentiality": "biasa"})
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.confidentiality == "sangat_rahasia"
