"""The custody register's pages: receiving an object on a declaration's page, the
register with its held / released filter, releasing an object, and the printable tanda
terima of each step; every refusal keeps what was typed; only a Petugas UPG who may
handle the declaration reaches any of it."""

from datetime import timedelta
from decimal import Decimal

import pypdfium2
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from accounts.testing import verified_login
from casework.models import TimelineEntry
from gratifikasi.choices import JenisLaporan, JenisPenerimaan, State
from gratifikasi.models import BarangTitipan
from gratifikasi.services_custody import custody_receive, custody_release

REGISTER = reverse("gratifikasi_staff:custody_list")


def today():
    return timezone.localdate()


def receive_url(case):
    return reverse("gratifikasi_staff:custody_receive", args=[case.pk])


def release_url(item):
    return reverse("gratifikasi_staff:custody_release", args=[item.pk])


def receipt_url(item, jenis="terima"):
    return reverse("gratifikasi_staff:custody_receipt", args=[item.pk]) + f"?jenis={jenis}"


def receive_data(**overrides):
    data = {
        "uraian": "Jam tangan merek Seiko, kotak asli",
        "nilai": "Rp2.000.000",
        "diterima_dari": "Rina Marlina",
        "diterima_tanggal": today().isoformat(),
        "lokasi_simpan": "Lemari arsip UPG, rak 2",
    }
    data.update(overrides)
    return {f"titipan-{key}": value for key, value in data.items()}


def pdf_text(content: bytes) -> str:
    document = pypdfium2.PdfDocument(content)
    return "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))


@pytest.fixture
def as_officer(client, upg_officer):
    verified_login(client, upg_officer)
    return client


@pytest.fixture
def goods(submit_declaration):
    """A received gift the declarant hands to the UPG."""
    return submit_declaration(jenis_penerimaan=JenisPenerimaan.BARANG, dititipkan=True)


@pytest.fixture
def held(goods, upg_officer):
    return custody_receive(
        case=goods,
        actor=upg_officer,
        uraian="Jam tangan merek Seiko",
        nilai=Decimal(2_000_000),
        diterima_dari="Rina Marlina",
        diterima_tanggal=today(),
        lokasi_simpan="Lemari arsip UPG, rak 2",
    )


@pytest.fixture
def returnable(held, goods, advance):
    """The held object of a declaration found not obligatory: it may go back."""
    advance(advance(advance(goods, "registrasi"), "terima_lengkap"), "simpulkan_tidak_wajib")
    return held


# --- Receiving, from the declaration's page ----------------------------------------------------


def test_the_declaration_page_offers_the_receipt_form_prefilled(as_officer, goods):
    body = as_officer.get(reverse("gratifikasi_staff:detail", args=[goods.pk])).content.decode()
    assert f'action="{receive_url(goods)}"' in body
    assert 'name="titipan-nilai" value="Rp2.000.000"' in body
    assert 'name="titipan-diterima_dari" value="Rina Marlina"' in body
    assert "belum ada barang yang dicatat diterima" in body


def test_receive_an_object(as_officer, goods):
    response = as_officer.post(receive_url(goods), receive_data())
    assert response.status_code == 302
    assert response.url == reverse("gratifikasi_staff:detail", args=[goods.pk])
    item = BarangTitipan.objects.get(gratifikasi=goods)
    assert item.nomor == f"TTP/{today().year}/0001"
    assert (item.nilai, item.lokasi_simpan, item.is_held) == (Decimal(2_000_000), "Lemari arsip UPG, rak 2", True)
    assert TimelineEntry.objects.filter(case=goods, transition="titipan_diterima").exists()
    body = as_officer.get(response.url).content.decode()
    assert f"Barang titipan {item.nomor} dicatat." in body
    assert receipt_url(item) in body.replace("&amp;", "&")
    assert "Barang diterima untuk dititipkan di UPG" in body  # the history line


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("nilai", "1,5", "Tuliskan nilai dalam rupiah penuh"),
        ("nilai", "", "Isi perkiraan nilai barang"),
        ("uraian", "", "Tuliskan barang yang diterima"),
        ("lokasi_simpan", "", "Tuliskan di mana barang disimpan"),
        ("diterima_tanggal", "kemarin", "Tanggal tidak valid"),
    ],
)
def test_a_receipt_typed_wrong_comes_back_with_what_was_typed(as_officer, goods, field, value, message):
    response = as_officer.post(receive_url(goods), receive_data(**{field: value}))
    assert response.status_code == 400
    assert response.templates[0].name == "gratifikasi/staff/detail.html"
    body = response.content.decode()
    assert message in body
    assert "Lemari arsip UPG, rak 2" in body or field == "lokasi_simpan"
    assert not BarangTitipan.objects.exists()


def test_a_receipt_dated_tomorrow_is_refused_on_its_field(as_officer, goods):
    tomorrow = (today() + timedelta(days=1)).isoformat()
    response = as_officer.post(receive_url(goods), receive_data(diterima_tanggal=tomorrow))
    assert response.status_code == 400
    assert "Tanggal diterima tidak boleh setelah hari ini." in response.content.decode()
    assert not BarangTitipan.objects.exists()


def test_a_refused_gift_has_nothing_to_hold(as_officer, submit_declaration):
    refusal = submit_declaration(jenis_laporan=JenisLaporan.PENOLAKAN)
    body = as_officer.get(reverse("gratifikasi_staff:detail", args=[refusal.pk])).content.decode()
    assert receive_url(refusal) not in body
    response = as_officer.post(receive_url(refusal), receive_data())
    assert response.status_code == 400
    assert "tidak dapat dititipkan" in response.content.decode()
    assert not BarangTitipan.objects.exists()


def test_a_closed_declaration_takes_no_more_objects(as_officer, declaration_in):
    case = declaration_in(State.SELESAI)
    response = as_officer.post(receive_url(case), receive_data())
    assert response.status_code == 400
    assert "Laporan ini sudah selesai" in response.content.decode()


# --- The register -------------------------------------------------------------------------------


def test_the_register_lists_objects_held_and_released(
    as_officer, held, goods, upg_officer, submit_declaration, advance
):
    other = submit_declaration(jenis_penerimaan=JenisPenerimaan.BARANG)
    released = custody_receive(
        case=other,
        actor=upg_officer,
        uraian="Tas kulit",
        nilai=Decimal(750_000),
        diterima_dari="Rina Marlina",
        diterima_tanggal=today(),
        lokasi_simpan="Brankas",
    )
    advance(advance(advance(other, "registrasi"), "terima_lengkap"), "simpulkan_tidak_wajib")
    custody_release(item=released, actor=upg_officer, tanggal=today(), kepada="Rina Marlina", alasan="pengembalian")
    response = as_officer.get(REGISTER)
    assert response.status_code == 200
    # Newest first.
    assert [item.nomor for item in response.context["rows"]] == [released.nomor, held.nomor]
    body = response.content.decode()
    assert "Rp2.000.000" in body and "Rp750.000" in body and goods.reference in body
    assert [i.nomor for i in as_officer.get(REGISTER, {"status": "disimpan"}).context["rows"]] == [held.nomor]
    assert [i.nomor for i in as_officer.get(REGISTER, {"status": "dikeluarkan"}).context["rows"]] == [released.nomor]


def test_a_bad_register_filter_is_reported(as_officer, held):
    response = as_officer.get(REGISTER, {"status": "dicuri"})
    assert response.status_code == 400
    assert "Pilihan ini tidak ada; pilih dari daftar." in response.content.decode()


def test_the_register_query_count_does_not_grow(as_officer, goods, upg_officer, django_assert_num_queries):
    def add(n):
        for i in range(n):
            custody_receive(
                case=goods,
                actor=upg_officer,
                uraian=f"Barang {i}",
                nilai=Decimal(1000 * i),
                diterima_dari="Rina Marlina",
                diterima_tanggal=today(),
                lokasi_simpan="Lemari",
            )

    add(2)
    with CaptureQueriesContext(connection) as queries:
        assert as_officer.get(REGISTER).status_code == 200
    add(20)
    with django_assert_num_queries(len(queries)):
        assert len(as_officer.get(REGISTER).context["rows"]) == 22


# --- Releasing ---------------------------------------------------------------------------------------


def test_release_an_object(as_officer, returnable, goods):
    held = returnable
    page = as_officer.get(release_url(held))
    assert page.status_code == 200 and "Jam tangan merek Seiko" in page.content.decode()
    prefix = f"keluar-{held.pk}"
    response = as_officer.post(
        release_url(held),
        {
            f"{prefix}-tanggal": today().isoformat(),
            f"{prefix}-kepada": "Rina Marlina (pelapor)",
            f"{prefix}-alasan": "pengembalian",
            f"{prefix}-catatan": "Diambil sendiri.",
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("gratifikasi_staff:detail", args=[goods.pk])
    item = BarangTitipan.objects.get(pk=held.pk)
    assert (item.is_held, item.dikeluarkan_kepada, item.alasan_keluar) == (
        False,
        "Rina Marlina (pelapor)",
        "pengembalian",
    )
    body = as_officer.get(response.url).content.decode()
    assert receipt_url(item, "keluar") in body.replace("&amp;", "&")


def test_a_release_typed_wrong_keeps_what_was_typed(as_officer, held):
    prefix = f"keluar-{held.pk}"
    response = as_officer.post(
        release_url(held),
        {f"{prefix}-tanggal": today().isoformat(), f"{prefix}-kepada": "Petugas KPK Andi", f"{prefix}-alasan": ""},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Pilih alasan barang dikeluarkan." in body and "Petugas KPK Andi" in body
    assert BarangTitipan.objects.get(pk=held.pk).is_held


def test_a_release_before_the_receipt_is_refused(as_officer, held):
    prefix = f"keluar-{held.pk}"
    yesterday = (held.diterima_tanggal - timedelta(days=1)).isoformat()
    response = as_officer.post(
        release_url(held),
        {f"{prefix}-tanggal": yesterday, f"{prefix}-kepada": "Rina", f"{prefix}-alasan": "pengembalian"},
    )
    assert response.status_code == 400
    assert "Tanggal dikeluarkan tidak boleh sebelum barang diterima." in response.content.decode()


def test_a_second_release_is_refused(as_officer, returnable, upg_officer):
    held = returnable
    custody_release(item=held, actor=upg_officer, tanggal=today(), kepada="Rina Marlina", alasan="pengembalian")
    page = as_officer.get(release_url(held)).content.decode()
    assert "Barang ini sudah dikeluarkan" in page and "<form" not in page.split("<main")[1].split("</main>")[0]
    prefix = f"keluar-{held.pk}"
    response = as_officer.post(
        release_url(held),
        {f"{prefix}-tanggal": today().isoformat(), f"{prefix}-kepada": "KPK", f"{prefix}-alasan": "penyerahan"},
    )
    assert response.status_code == 400
    assert "sudah dikeluarkan pada" in response.content.decode()
    assert BarangTitipan.objects.get(pk=held.pk).dikeluarkan_kepada == "Rina Marlina"


# --- The tanda terima --------------------------------------------------------------------------


def test_the_receipt_of_an_object_taken_in(as_officer, held, goods):
    response = as_officer.get(receipt_url(held))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store, private"
    text = pdf_text(response.content)
    for expected in (
        "TANDA TERIMA BARANG TITIPAN GRATIFIKASI",
        held.nomor,
        goods.reference,
        "Rp2.000.000",
        "Jam tangan merek Seiko",
        "Lemari arsip UPG, rak 2",
        "Yang menyerahkan",
        "Yang menerima",
        "Dewi Lestari",
    ):
        assert expected in text, expected


def test_the_receipt_of_a_release(as_officer, held, goods, upg_officer, advance):
    assert as_officer.get(receipt_url(held, "keluar")).status_code == 404  # not released yet
    # KPK decided: state property.
    advance(advance(advance(advance(goods, "registrasi"), "terima_lengkap"), "teruskan_kpk"), "catat_sk")
    custody_release(item=held, actor=upg_officer, tanggal=today(), kepada="Petugas KPK Andi", alasan="penyerahan")
    text = pdf_text(as_officer.get(receipt_url(held, "keluar")).content)
    for expected in (
        "TANDA TERIMA PENGELUARAN BARANG TITIPAN GRATIFIKASI",
        held.nomor,
        "Petugas KPK Andi",
        "Penyerahan kepada negara",
    ):
        assert expected in text, expected


def test_an_unknown_receipt_kind_is_not_found(as_officer, held):
    assert as_officer.get(receipt_url(held, "palsu")).status_code == 404


# --- Who may reach it ------------------------------------------------------------------------------


def test_an_officer_reaches_nothing_of_their_own_declaration(client, submit_declaration, upg_officer, other_officer):
    own = submit_declaration(declarant=upg_officer, nama="Dewi Lestari", jenis_penerimaan=JenisPenerimaan.BARANG)
    item = custody_receive(
        case=own,
        actor=other_officer,
        uraian="Kain batik",
        nilai=Decimal(500_000),
        diterima_dari="Dewi Lestari",
        diterima_tanggal=today(),
        lokasi_simpan="Lemari",
    )
    verified_login(client, upg_officer)
    assert client.get(REGISTER).context["rows"] == []
    assert client.get(release_url(item)).status_code == 404
    assert client.post(release_url(item), {}).status_code == 404
    assert client.get(receipt_url(item)).status_code == 404
    assert client.post(receive_url(own), receive_data()).status_code == 404
    assert BarangTitipan.objects.count() == 1


@pytest.mark.parametrize(
    "role", [roles.PIMPINAN, roles.ADMIN_SISTEM, roles.PEGAWAI, roles.PENGELOLA_PENGADUAN, roles.INSPEKTORAT]
)
def test_every_other_role_gets_404(client, make_user, held, goods, role):
    verified_login(client, make_user(role))
    assert client.get(REGISTER).status_code == 404
    assert client.get(release_url(held)).status_code == 404
    assert client.get(receipt_url(held)).status_code == 404
    assert client.post(receive_url(goods), receive_data()).status_code == 404
    assert BarangTitipan.objects.count() == 1


SCRIPT = '<script>alert("x")</script>'


def test_text_typed_in_the_register_is_inert(as_officer, goods, upg_officer):
    item = custody_receive(
        case=goods,
        actor=upg_officer,
        uraian=SCRIPT,
        nilai=Decimal(1),
        diterima_dari=SCRIPT,
        diterima_tanggal=today(),
        lokasi_simpan=SCRIPT,
    )
    for page in (REGISTER, release_url(item), reverse("gratifikasi_staff:detail", args=[goods.pk])):
        body = as_officer.get(page).content.decode()
        assert SCRIPT not in body, page
        assert "&lt;script&gt;" in body, page
    assert SCRIPT in pdf_text(as_officer.get(receipt_url(item)).content)  # printed as text


@pytest.mark.parametrize("page", ["release", "receipt"])
def test_opening_an_objects_pages_is_an_audited_read_of_its_declaration(as_officer, held, upg_officer, page):
    from security.audit import Event
    from security.models import AuditEntry

    reads = AuditEntry.objects.filter(case_id=held.gratifikasi_id, event=Event.CASE_VIEWED, actor_id=upg_officer.pk)
    before = reads.count()
    url = release_url(held) if page == "release" else receipt_url(held)
    assert as_officer.get(url).status_code == 200
    assert reads.count() == before + 1
