"""A conflict case's staff page: what it shows, the steps it offers to whom, and a
refused step coming back with what was typed."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.testing import verified_login
from benturan.choices import PURPOSE_BUKTI_PELAKSANAAN, State
from benturan.models import Benturan, Pengendalian
from casework.models import Attachment
from casework.tests.samples import pdf_with_metadata, upload


def page(case):
    return reverse("benturan_staff:detail", args=[case.pk])


def act(name, case):
    url_names = {
        "mulai_analisis": "start_analysis",
        "putuskan_pengendalian": "decide_control",
        "putuskan_tidak_ada_konflik": "decide_no_conflict",
        "catat_pelaksanaan": "record_implementation",
        "selesaikan": "close_monitoring",
    }
    return reverse(f"benturan_staff:{url_names[name]}", args=[case.pk])


def offered(response) -> set[str]:
    return {row["action"].name for row in response.context["action_rows"] if row["form"] is not None}


def form_of(response, name):
    return next(row["form"] for row in response.context["action_rows"] if row["action"].name == name)


def blocked(response) -> set[str]:
    return {row["action"].name for row in response.context["action_rows"] if row["form"] is None}


def test_the_superior_sees_what_was_filed_and_who_decides(client, declare, kasi, kabid, colleague):
    case = declare(pihak_pegawai=[colleague], rujukan_kasus="PGD/2026/000077")
    verified_login(client, kasi)
    response = client.get(page(case))
    body = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Pernyataan oleh pejabat sendiri",
        "Rina Marlina",
        "Afiliasi: hubungan keluarga",
        "Penetapan pemenang pengadaan blangko KTP-el 2026",
        "Sepupu saya direktur CV Sinar Cetak, salah satu peserta pengadaan.",
        "Dedi Kurniawan",
        "PGD/2026/000077",
        "Hendra Gunawan",  # decides
        "Bambang Hartono",  # hears of a late decision
        "Keputusan atasan atas benturan kepentingan",  # the clock
        "Diputuskan oleh Hendra Gunawan.",  # the routing line of the history
    ):
        assert text in body, text
    assert offered(response) == {"mulai_analisis"}
    assert response.context["may"]["message"] and response.context["may"]["note"]
    assert not response.context["may"]["assign"] and not response.context["may"]["confidentiality"]


def test_the_reporter_is_named_to_staff(client, report, kasi, colleague):
    case = report()
    verified_login(client, kasi)
    body = client.get(page(case)).content.decode()
    assert "Laporan oleh pegawai lain" in body and "Dedi Kurniawan" in body
    assert "tidak pernah diberitahukan kepada pejabat yang bersangkutan" in body


@pytest.mark.parametrize(
    ("state", "superior", "tim_steps"),
    [
        (State.DIAJUKAN, {"mulai_analisis"}, set()),
        (State.ANALISIS, {"putuskan_pengendalian", "putuskan_tidak_ada_konflik"}, set()),
        (State.PELAKSANAAN, {"catat_pelaksanaan"}, {"catat_pelaksanaan"}),
        (State.PEMANTAUAN, {"selesaikan"}, {"selesaikan"}),
        (State.SELESAI, set(), set()),
    ],
)
def test_each_state_offers_its_steps_to_whoever_may_take_them(
    client, case_in, kasi, tim, inspektorat, state, superior, tim_steps
):
    case = case_in(state)
    verified_login(client, kasi)
    assert offered(client.get(page(case))) == superior
    verified_login(client, tim)
    response = client.get(page(case))
    assert offered(response) == tim_steps
    assert blocked(response) == superior - tim_steps
    verified_login(client, inspektorat)
    response = client.get(page(case))
    assert offered(response) == set() and blocked(response) == superior
    assert not any(response.context["may"].values())


def test_the_decision_form_offers_the_sanction_only_for_a_report(client, case_in, kasi):
    verified_login(client, kasi)
    declared = client.get(page(case_in(State.ANALISIS))).content.decode()
    reported = client.get(page(case_in(State.ANALISIS, report_it=True))).content.decode()
    assert "putuskan_pengendalian-rekomendasi_sanksi" not in declared
    assert "putuskan_pengendalian-rekomendasi_sanksi" in reported


def test_a_refused_decision_comes_back_with_what_was_typed(client, case_in, kasi):
    case = case_in(State.ANALISIS)
    verified_login(client, kasi)
    response = client.post(
        act("putuskan_pengendalian", case),
        {
            "putuskan_pengendalian-controls": ["recusal", "pengalihan_tugas"],
            "putuskan_pengendalian-hal": "Rapat penetapan pemenang",
            "putuskan_pengendalian-alasan": "Sepupu pejabat adalah peserta.",
            "putuskan_pengendalian-pihak_nama": "CV Sinar Cetak",
        },
    )
    assert response.status_code == 400
    form = response.context["putuskan_pengendalian_form"]
    assert form.errors["pengganti"] == ["Pilih pegawai yang mengambil alih tugas."]
    body = response.content.decode()
    assert 'value="Rapat penetapan pemenang"' in body and "Sepupu pejabat adalah peserta.</textarea>" in body
    assert 'value="CV Sinar Cetak"' in body
    assert form["controls"].value() == ["recusal", "pengalihan_tugas"]
    assert not Pengendalian.objects.exists() and Benturan.objects.get(pk=case.pk).state == State.ANALISIS


def test_the_decision_through_the_page(client, case_in, kasi, outsider, pegawai):
    case = case_in(State.ANALISIS)
    verified_login(client, kasi)
    response = client.post(
        act("putuskan_pengendalian", case),
        {
            "putuskan_pengendalian-controls": ["pengalihan_tugas"],
            "putuskan_pengendalian-hal": "Rapat penetapan pemenang",
            "putuskan_pengendalian-pengganti": outsider.pk,
            "putuskan_pengendalian-alasan": "Sepupu pejabat adalah peserta.",
            "putuskan_pengendalian-note": "Dibahas dengan kepala bidang.",
        },
    )
    assert response.status_code == 302 and response["Location"] == page(case)
    control = Pengendalian.objects.get(benturan=case)
    assert (control.jenis, control.pengganti, control.pejabat) == ("pengalihan_tugas", outsider, pegawai)
    body = client.get(page(case)).content.decode()
    assert "Pengendalian diputuskan." in body and "Wulan Sari" in body
    assert "Dibahas dengan kepala bidang." in body


def test_the_colleague_offered_for_a_handover_is_no_party(client, case_in, kasi, colleague, pegawai, outsider):
    case = case_in(State.ANALISIS, pihak_pegawai=[colleague])
    verified_login(client, kasi)
    choices = form_of(client.get(page(case)), "putuskan_pengendalian").fields["pengganti"].queryset
    assert outsider in choices and pegawai not in choices and colleague not in choices


def test_the_implementation_through_the_page_with_a_document(client, case_in, kasi):
    case = case_in(State.PELAKSANAAN)
    verified_login(client, kasi)
    response = client.post(
        act("catat_pelaksanaan", case),
        {
            "catat_pelaksanaan-bukti": "Surat tugas Nomor 800/12/2026.",
            # The local day of the decision: between 17.00 and midnight UTC it is already tomorrow in WIB.
            "catat_pelaksanaan-tanggal_pelaksanaan": timezone.localdate(case.diputuskan_pada).isoformat(),
            "catat_pelaksanaan-files": [upload(pdf_with_metadata(), "surat-tugas.pdf", "application/pdf")],
        },
    )
    assert response.status_code == 302
    assert Attachment.objects.get(case=case).purpose == PURPOSE_BUKTI_PELAKSANAAN
    body = client.get(page(case)).content.decode()
    assert "Bukti pelaksanaan pengendalian" in body and "surat-tugas.pdf" in body


def test_a_step_by_someone_who_may_only_read_is_forbidden(client, case_in, inspektorat):
    case = case_in(State.ANALISIS)
    verified_login(client, inspektorat)
    response = client.post(act("putuskan_tidak_ada_konflik", case), {"putuskan_tidak_ada_konflik-alasan": "Tidak ada."})
    assert response.status_code == 403
    assert Benturan.objects.get(pk=case.pk).state == State.ANALISIS


def test_a_step_by_someone_who_may_not_see_the_case_is_not_found(client, case_in, kabid, pegawai):
    case = case_in(State.ANALISIS)
    for person in (kabid, pegawai):
        verified_login(client, person)
        response = client.post(act("putuskan_tidak_ada_konflik", case), {"putuskan_tidak_ada_konflik-alasan": "x"})
        assert response.status_code == 404
    assert Benturan.objects.get(pk=case.pk).state == State.ANALISIS


def test_a_refused_shared_form_comes_back_on_this_page(client, declare, kasi):
    case = declare()
    verified_login(client, kasi)
    response = client.post(reverse("case:note", args=[case.pk]), {"body": ""})
    assert response.status_code == 400
    assert "benturan/staff/detail.html" in [template.name for template in response.templates]


def test_the_generic_case_page_sends_staff_here(client, declare, kasi):
    case = declare()
    verified_login(client, kasi)
    response = client.get(reverse("case:detail", args=[case.pk]))
    assert response.status_code == 302 and response["Location"] == page(case)


def test_the_named_case_is_linked_only_for_who_may_open_it(client, declare, kasi, tim):
    related = declare(hal="Penerbitan akta")
    case = declare(rujukan_kasus=related.reference)
    verified_login(client, kasi)
    assert client.get(page(case)).context["linked_case_link"].pk == related.pk
    # The Tim sees every case, so it is linked for them too; a reference to a case the
    # reader may not open stays text.
    Benturan.objects.filter(pk=related.pk).update(declarant=tim, pejabat=tim)
    verified_login(client, tim)
    assert client.get(page(case)).context["linked_case_link"] is None
