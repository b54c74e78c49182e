"""Who sees and does what on the monev pages: the Tim ZI / TPI keeps, the Pimpinan reads
and signs, the Inspektorat reads, a unit head sees and follows up only the
recommendations of their units; everyone else gets 404, and so does every refused post."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.testing import verified_login
from reports.monev import access, services
from reports.monev.models import RapatMonev, TindakLanjutRekomendasi

D = datetime.date


@pytest.fixture
def records(meeting, recommend, tree):
    rapat = meeting(D(2026, 3, 8))
    return {
        "rapat": rapat,
        "mine": recommend(rapat, masukan="Untuk seksi identitas"),
        "headless": recommend(rapat, masukan="Untuk seksi tanpa kepala", unit=tree["seksi_tanpa_kepala"]),
        "other": recommend(rapat, masukan="Untuk bidang lain", unit=tree["seksi_lain"]),
    }


def pages(records) -> dict[str, str]:
    rapat, rec = records["rapat"], records["mine"]
    return {
        "index": reverse("reports:monev_index"),
        "semester": reverse("reports:monev_semester", args=[2026, 1]),
        "semester_pdf": reverse("reports:monev_semester", args=[2026, 1]) + "?format=pdf",
        "edit": reverse("reports:monev_edit", args=[2026, 1]),
        "sign": reverse("reports:monev_sign", args=[2026, 1]),
        "meeting": reverse("reports:monev_meeting", args=[rapat.pk]),
        "meeting_create": reverse("reports:monev_meeting_create"),
        "meeting_change": reverse("reports:monev_meeting_change", args=[rapat.pk]),
        "recommendation_create": reverse("reports:monev_recommendation_create", args=[rapat.pk]),
        "recommendations": reverse("reports:monev_recommendations"),
        "recommendation": reverse("reports:monev_recommendation", args=[rec.pk]),
        "recommendation_change": reverse("reports:monev_recommendation_change", args=[rec.pk]),
    }


ALL = (
    "index",
    "semester",
    "semester_pdf",
    "edit",
    "sign",
    "meeting",
    "meeting_create",
    "meeting_change",
    "recommendation_create",
    "recommendations",
    "recommendation",
    "recommendation_change",
)
# What each role opens (200); every other page answers 404.
READ = {"index", "semester", "semester_pdf", "meeting", "recommendations", "recommendation"}
OWNER = {"index", "recommendations", "recommendation"}
EXPECTED = {
    "tim": set(ALL),
    "kadis": READ | {"sign"},
    "inspektorat": READ,
    "kasi": OWNER,
    "kabid": OWNER,
    "kasi_lain": {"index", "recommendations"},
    "pegawai": set(),
    "admin_sistem": set(),
}


@pytest.mark.parametrize("who", sorted(EXPECTED))
def test_each_role_opens_only_its_pages(client, monev_people, records, who):
    verified_login(client, monev_people[who])
    for name, url in pages(records).items():
        status = client.get(url).status_code
        assert status == (200 if name in EXPECTED[who] else 404), (who, name, status)


def test_a_unit_head_sees_the_recommendations_of_their_units_only(monev_people, records):
    mine, headless, other = records["mine"], records["headless"], records["other"]
    visible = {
        who: set(access.visible_recommendations(monev_people[who]).values_list("pk", flat=True)) for who in monev_people
    }
    assert visible["kasi"] == {mine.pk}
    assert visible["kabid"] == {mine.pk, headless.pk}
    assert visible["kasi_lain"] == {other.pk}
    assert visible["pegawai"] == visible["admin_sistem"] == set()
    assert visible["tim"] == visible["kadis"] == visible["inspektorat"] == {mine.pk, headless.pk, other.pk}


def test_only_who_answers_for_it_or_the_tim_records_a_follow_up(client, monev_people, records):
    rec = records["mine"]
    url = reverse("reports:monev_recommendation", args=[rec.pk])
    post = {"uraian": "Sudah dilaksanakan.", "tanggal": "2026-04-01"}
    # The kabid and the kadis head units above: they see it, the kasi answers for it.
    for who in ("kasi_lain", "inspektorat", "kadis", "kabid", "pegawai"):
        verified_login(client, monev_people[who])
        assert client.post(url, post).status_code == 404, who
        with pytest.raises(PermissionDenied):
            services.tindak_lanjut_record(
                rekomendasi=rec, actor=monev_people[who], uraian="x", tanggal=D(2026, 4, 1), selesai=False
            )
    assert not TindakLanjutRekomendasi.objects.exists()
    for who in ("kasi", "tim"):
        verified_login(client, monev_people[who])
        assert client.post(url, post).status_code == 302, who
    # A unit without a head: the head of the unit above answers for it.
    verified_login(client, monev_people["kabid"])
    headless = reverse("reports:monev_recommendation", args=[records["headless"].pk])
    assert client.post(headless, post).status_code == 302
    assert TindakLanjutRekomendasi.objects.count() == 3


def test_refused_posts_change_nothing(client, monev_people, records):
    rapat = records["rapat"]
    for who in ("kadis", "inspektorat", "kasi", "pegawai", "admin_sistem"):
        verified_login(client, monev_people[who])
        assert client.post(reverse("reports:monev_meeting_create"), {"perihal": "x"}).status_code == 404
        assert client.post(reverse("reports:monev_edit", args=[2026, 1]), {"penutup": "x"}).status_code == 404
        assert client.post(reverse("reports:monev_submit", args=[2026, 1])).status_code == 404
        assert client.post(reverse("reports:monev_reopen", args=[2026, 1]), {"alasan": "x"}).status_code == 404
        assert (
            client.post(reverse("reports:monev_meeting_change", args=[rapat.pk]), {"perihal": "x"}).status_code == 404
        )
    assert RapatMonev.objects.count() == 1
    for who in ("inspektorat", "kasi", "pegawai"):
        verified_login(client, monev_people[who])
        response = client.post(reverse("reports:monev_sign", args=[2026, 1]), {"tempat": "x", "tanggal": "2026-06-30"})
        assert response.status_code == 404
    for who in ("kadis", "inspektorat", "kasi"):
        with pytest.raises(PermissionDenied):
            services.rapat_create(actor=monev_people[who], data={})


def test_files_are_read_only_by_those_who_see_their_record(client, monev_people, records, follow_up):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from reports.monev.forms import FollowUpForm
    from reports.tests.test_monev_files import png

    rec = records["mine"]
    form = FollowUpForm({"uraian": "x", "tanggal": "2026-04-01"}, {"berkas": [SimpleUploadedFile("a.png", png())]})
    assert form.is_valid(), form.errors
    entry = services.tindak_lanjut_record(
        rekomendasi=rec,
        actor=monev_people["kasi"],
        uraian="Bukti",
        tanggal=D(2026, 4, 1),
        selesai=False,
        files=form.cleaned_data["berkas"],
    )
    url = reverse("reports:monev_follow_up_file", args=[entry.berkas.get().pk])
    for who, status in (("kasi", 200), ("kabid", 200), ("tim", 200), ("inspektorat", 200), ("kasi_lain", 404)):
        verified_login(client, monev_people[who])
        assert client.get(url).status_code == status, who
    services.rapat_add_files(
        rapat=records["rapat"], actor=monev_people["tim"], jenis="notula", files=form.cleaned_data["berkas"]
    )
    meeting_file = reverse("reports:monev_meeting_file", args=[records["rapat"].berkas.get().pk])
    for who, status in (("tim", 200), ("kadis", 200), ("kasi", 404), ("pegawai", 404)):
        verified_login(client, monev_people[who])
        assert client.get(meeting_file).status_code == status, who
