"""The risk map: the level computed at every cell of the scale, the history of every
change, yearly reviews and overdue ones, who reads and who keeps it, and a list whose
query count does not grow with the map."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from accounts.testing import verified_login
from benturan import risk_scale
from benturan.models import PetaRisiko, PetaRisikoVersi
from benturan.services_risk_map import peta_risiko_change, peta_risiko_create, peta_risiko_review
from security.models import AuditEntry

LIST = reverse("benturan_register:risk_map")

# The level of each cell, written out by hand: rows are likelihood 1..5, columns impact 1..5.
R, S, T, ST = "rendah", "sedang", "tinggi", "sangat_tinggi"
EXPECTED = [
    [R, R, R, R, S],
    [R, R, S, S, T],
    [R, S, S, T, T],
    [R, S, T, ST, ST],
    [S, T, T, ST, ST],
]


def next_year():
    return timezone.localdate() + datetime.timedelta(days=365)


@pytest.fixture
def entry_data(tree, kasi):
    def make(**overrides):
        data = {
            "unit": tree["seksi"],
            "objek": "jabatan",
            "nama": "Verifikator berkas KTP-el",
            "uraian_risiko": "Verifikator dapat mendahulukan berkas kerabat atau kenalan.",
            "sumber": "afiliasi_keluarga",
            "kemungkinan": 3,
            "dampak": 4,
            "pengendalian_ada": "Verifikasi berjenjang oleh kepala seksi.",
            "pemilik": kasi,
            "tinjau_berikutnya": next_year(),
        }
        data.update(overrides)
        return data

    return make


@pytest.fixture
def entry(tim, entry_data):
    def make(**overrides):
        return peta_risiko_create(actor=tim, data=entry_data(**overrides))

    return make


def test_the_level_at_every_cell_of_the_scale(db, tree, kasi):
    cells = [(k, d) for k in risk_scale.SCALE for d in risk_scale.SCALE]
    assert len(cells) == 25
    for k, d in cells:
        assert risk_scale.level(k, d) == EXPECTED[k - 1][d - 1], (k, d)
    # The database computes the same level from the two columns (filters and sorting).
    PetaRisiko.objects.bulk_create(
        [
            PetaRisiko(
                unit=tree["seksi"],
                objek="proses",
                nama=f"{k}x{d}",
                uraian_risiko="-",
                kemungkinan=k,
                dampak=d,
                pemilik=kasi,
                tinjau_berikutnya=next_year(),
            )
            for k, d in cells
        ]
    )
    computed = PetaRisiko.objects.annotate(level_db=risk_scale.level_expression()).values_list(
        "kemungkinan", "dampak", "level_db"
    )
    assert {(k, d): level for k, d, level in computed} == {(k, d): EXPECTED[k - 1][d - 1] for k, d in cells}


def test_the_level_is_never_typed(client, tim, entry_data):
    """The form has no level field; a level posted anyway changes nothing."""
    verified_login(client, tim)
    data = {key: getattr(value, "pk", value) for key, value in entry_data(kemungkinan=1, dampak=2).items()}
    response = client.post(reverse("benturan_register:risk_map_create"), {**data, "level": "sangat_tinggi"})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert PetaRisiko.objects.get().level == "rendah"


def test_every_change_is_kept_with_who_when_why_and_what(client, entry, tim, colleague, inspektorat):
    first = entry()
    changed = peta_risiko_change(
        entry=first, actor=tim, data={"kemungkinan": 5, "pemilik": colleague}, alasan="Petugas baru, antrean padat."
    )
    reviewed = peta_risiko_review(
        entry=changed, actor=tim, data={"tinjau_berikutnya": next_year()}, hasil="Masih relevan; tidak ada perubahan."
    )
    again = peta_risiko_review(
        entry=reviewed,
        actor=tim,
        data={"pengendalian_ada": "Verifikasi berjenjang dan rotasi petugas tiap enam bulan."},
        hasil="Pengendalian ditambah rotasi.",
    )
    assert again.versi == 4 and again.ditinjau_pada == timezone.localdate()
    versions = list(PetaRisikoVersi.objects.filter(entri=first).order_by("nomor"))
    assert [(v.nomor, v.aksi, v.oleh) for v in versions] == [
        (1, "dibuat", tim),
        (2, "diubah", tim),
        (3, "ditinjau", tim),
        (4, "ditinjau", tim),
    ]
    assert versions[1].catatan == "Petugas baru, antrean padat."
    assert sorted(field for field, _b, _a in versions[1].perubahan) == ["kemungkinan", "level", "pemilik"]
    assert ["kemungkinan", 3, 5] in versions[1].perubahan
    assert ["level", "tinggi", "sangat_tinggi"] in versions[1].perubahan
    assert ["pemilik", "Hendra Gunawan", "Dedi Kurniawan"] in versions[1].perubahan
    assert versions[2].perubahan == []  # reviewed, nothing changed
    assert [f for f, _b, _a in versions[3].perubahan] == ["pengendalian_ada"]
    events = list(
        AuditEntry.objects.filter(object_type="benturan.PetaRisiko", object_id=str(first.pk)).values_list(
            "event", flat=True
        )
    )
    assert events == [
        "benturan.risk_entry_created",
        "benturan.risk_entry_changed",
        "benturan.risk_entry_reviewed",
        "benturan.risk_entry_reviewed",
    ]
    # The page shows the history to a reader.
    verified_login(client, inspektorat)
    page = client.get(reverse("benturan_register:risk_map_entry", args=[first.pk])).content.decode()
    assert "Versi 2: Diubah" in page and "Petugas baru, antrean padat." in page
    assert "Hendra Gunawan" in page and "Dedi Kurniawan" in page
    assert "Masih relevan; tidak ada perubahan." in page and "Tidak ada isian yang berubah." in page


def test_a_change_needs_a_reason_and_a_difference(entry, tim):
    first = entry()
    with pytest.raises(ValidationError) as refused:
        peta_risiko_change(entry=first, actor=tim, data={"kemungkinan": 3}, alasan="Tidak ada")
    assert "Tidak ada yang berubah" in str(refused.value)
    with pytest.raises(ValidationError) as refused:
        peta_risiko_change(entry=first, actor=tim, data={"kemungkinan": 4}, alasan="  ")
    assert "alasan" in refused.value.message_dict
    assert PetaRisikoVersi.objects.filter(entri=first).count() == 1


def test_the_next_review_lies_ahead_and_an_overdue_one_shows(client, entry, tim, travel):
    with pytest.raises(ValidationError) as refused:
        entry(tinjau_berikutnya=timezone.localdate())
    assert "tinjau_berikutnya" in refused.value.message_dict
    due_soon = entry(nama="Operator loket", tinjau_berikutnya=timezone.localdate() + datetime.timedelta(days=3))
    later = entry(nama="Bendahara pengeluaran")
    travel(timezone.localdate() + datetime.timedelta(days=10))
    verified_login(client, tim)
    overdue = client.get(LIST, {"terlambat": "on"})
    assert [row.pk for row in overdue.context["rows"]] == [due_soon.pk]
    assert "terlambat ditinjau" in overdue.content.decode()
    page = client.get(reverse("benturan_register:risk_map_entry", args=[due_soon.pk])).content.decode()
    assert "Tinjauan tahunan entri ini sudah lewat waktunya." in page
    later_page = client.get(reverse("benturan_register:risk_map_entry", args=[later.pk])).content.decode()
    assert "terlambat ditinjau" not in later_page
    # An overdue entry can be corrected without moving its review date, and reviewed.
    peta_risiko_change(entry=due_soon, actor=tim, data={"dampak": 2}, alasan="Nilai dampak dikoreksi.")
    reviewed = peta_risiko_review(entry=due_soon, actor=tim, data={"tinjau_berikutnya": next_year()}, hasil="Ok.")
    assert not reviewed.review_overdue()


def test_the_list_filters_by_unit_level_and_what_is_mapped(client, entry, tim, tree, kasi_lain):
    seksi = entry()  # 3 × 4 = tinggi
    lain = entry(unit=tree["seksi_lain"], nama="Verifikator pindah datang", kemungkinan=1, dampak=1, objek="proses")
    verified_login(client, tim)
    assert [r.pk for r in client.get(LIST, {"unit": tree["seksi_lain"].pk}).context["rows"]] == [lain.pk]
    assert {r.pk for r in client.get(LIST, {"unit": tree["bidang"].pk}).context["rows"]} == {seksi.pk, lain.pk}
    assert [r.pk for r in client.get(LIST, {"level": "tinggi"}).context["rows"]] == [seksi.pk]
    assert [r.pk for r in client.get(LIST, {"objek": "proses"}).context["rows"]] == [lain.pk]
    wrong = client.get(LIST, {"level": "ekstrem"})
    assert wrong.status_code == 400 and "level" in wrong.context["form"].errors


@pytest.fixture
def readers(make_user, kadis, inspektorat, tim):
    return {
        "tim": tim,
        "inspektorat": inspektorat,
        "pimpinan": kadis,
        "tpi": make_user(roles.TIM_PENILAI),
    }


def test_who_reads_the_risk_map(client, entry, tree, readers, kasi, kabid, kasi_lain, pegawai, admin_sistem):
    in_seksi = entry()
    in_lain = entry(unit=tree["seksi_lain"], nama="Verifikator pindah datang")
    in_dinas = entry(unit=tree["dinas"], nama="Kepala Dinas: penandatanganan")
    everything = {in_seksi.pk, in_lain.pk, in_dinas.pk}

    def listed(user):
        verified_login(client, user)
        response = client.get(LIST)
        if response.status_code != 200:
            return response.status_code, None
        return 200, {row.pk for row in response.context["rows"]}

    for name, reader in readers.items():
        assert listed(reader) == (200, everything), name
    # A unit head: their unit and the units below it, nothing else.
    assert listed(kasi) == (200, {in_seksi.pk})
    assert listed(kasi_lain) == (200, {in_lain.pk})
    assert listed(kabid) == (200, {in_seksi.pk, in_lain.pk})
    verified_login(client, kasi)
    assert client.get(reverse("benturan_register:risk_map_entry", args=[in_lain.pk])).status_code == 404
    assert client.get(reverse("benturan_register:risk_map_entry", args=[in_seksi.pk])).status_code == 200
    # A pegawai and the Admin Sistem read nothing.
    for nobody in (pegawai, admin_sistem):
        verified_login(client, nobody)
        assert client.get(LIST).status_code == 404
        assert client.get(reverse("benturan_register:risk_map_entry", args=[in_seksi.pk])).status_code == 404
        assert client.get(reverse("benturan_register:index")).status_code == (404 if nobody == pegawai else 200)


@pytest.mark.parametrize("person", ["inspektorat", "kadis", "kasi", "pegawai", "admin_sistem"])
def test_only_the_tim_keeps_the_map(request, client, entry, entry_data, person):
    first = entry()
    user = request.getfixturevalue(person)
    with pytest.raises(PermissionDenied):
        peta_risiko_create(actor=user, data=entry_data())
    with pytest.raises(PermissionDenied):
        peta_risiko_change(entry=first, actor=user, data={"dampak": 1}, alasan="x")
    with pytest.raises(PermissionDenied):
        peta_risiko_review(entry=first, actor=user, data={}, hasil="x")
    verified_login(client, user)
    for url in (
        reverse("benturan_register:risk_map_create"),
        reverse("benturan_register:risk_map_change", args=[first.pk]),
        reverse("benturan_register:risk_map_review", args=[first.pk]),
    ):
        assert client.get(url).status_code == 404
        assert client.post(url, {"hasil": "x", "alasan": "x"}).status_code == 404
    assert PetaRisikoVersi.objects.count() == 1
    assert "Catat entri baru" not in client.get(LIST).content.decode()


def test_a_refused_form_keeps_what_was_typed(client, tim, tree, kasi):
    verified_login(client, tim)
    response = client.post(
        reverse("benturan_register:risk_map_create"),
        {
            "unit": tree["seksi"].pk,
            "objek": "proses",
            "nama": "Pengadaan blangko",
            "uraian_risiko": "",
            "kemungkinan": "4",
            "dampak": "9",
            "pemilik": kasi.pk,
            "tinjau_berikutnya": next_year().isoformat(),
        },
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) == {"uraian_risiko", "dampak"}
    page = response.content.decode()
    assert 'value="Pengadaan blangko"' in page
    assert not PetaRisiko.objects.exists()


def test_the_review_form_proposes_a_year_ahead_and_records_the_review(client, entry, tim):
    first = entry()
    verified_login(client, tim)
    url = reverse("benturan_register:risk_map_review", args=[first.pk])
    form = client.get(url).context["form"]
    assert form.initial["tinjau_berikutnya"] > timezone.localdate() + datetime.timedelta(days=360)
    data = {key: getattr(value, "pk", value) for key, value in form.initial.items()}
    data["tinjau_berikutnya"] = form.initial["tinjau_berikutnya"].isoformat()
    refused = client.post(url, data)
    assert refused.status_code == 400 and "hasil" in refused.context["form"].errors
    done = client.post(url, {**data, "hasil": "Diperiksa bersama kepala seksi; tetap."})
    assert done.status_code == 302
    assert PetaRisiko.objects.get().ditinjau_pada == timezone.localdate()


def test_the_list_costs_the_same_queries_at_two_sizes(client, tim, entry, kasi_lain, tree):
    def count():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(LIST)
        assert response.status_code == 200
        return len(queries), len(response.context["rows"])

    for i in range(3):
        entry(nama=f"Jabatan {i}")
    verified_login(client, tim)
    small = count()
    for i in range(24):
        entry(nama=f"Proses {i}", unit=tree["seksi_lain"], pemilik=kasi_lain)
    large = count()
    assert small[1] == 3 and large[1] == 25
    assert small[0] == large[0]
