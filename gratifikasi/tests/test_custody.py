"""The custody register: objects received from a declarant and released once, each step
numbered, written to the declaration's history and audited; the follow-up of KPK's
decision releases a held object itself."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from casework.models import TimelineEntry
from gratifikasi import selectors
from gratifikasi.choices import JenisLaporan, JenisTindakLanjut, State, StatusKpk
from gratifikasi.models import BarangTitipan
from gratifikasi.services_custody import EVENT_RECEIVED, EVENT_RELEASED, custody_receive, custody_release
from security.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def receive(upg_officer):
    def run(case, actor=None, **overrides):
        values = {
            "uraian": "Jam tangan merek X dalam kotak",
            "nilai": Decimal(2_000_000),
            "diterima_dari": case.nama,
            "diterima_tanggal": timezone.localdate(),
            "lokasi_simpan": "Lemari arsip UPG, rak 2",
        }
        values.update(overrides)
        return custody_receive(case=case, actor=actor or upg_officer, **values)

    return run


@pytest.fixture
def release(upg_officer):
    def run(item, actor=None, **overrides):
        values = {
            "tanggal": timezone.localdate(),
            "kepada": "Rina Marlina",
            "alasan": JenisTindakLanjut.PENGEMBALIAN,
        }
        values.update(overrides)
        return custody_release(item=item, actor=actor or upg_officer, **values)

    return run


def test_an_object_is_received_numbered_and_recorded(declaration_in, receive, upg_officer):
    case = declaration_in(State.VERIFIKASI)
    first, second = receive(case), receive(case, uraian="Kain batik")
    year = timezone.localdate().year
    assert (first.nomor, second.nomor) == (f"TTP/{year}/0001", f"TTP/{year}/0002")
    assert first.is_held and first.diterima_oleh == upg_officer and first.nilai == Decimal(2_000_000)
    case.refresh_from_db()
    assert case.dititipkan
    entry = TimelineEntry.objects.filter(case=case, transition="titipan_diterima").first()
    assert entry.actor == upg_officer and entry.note == first.nomor and not entry.is_public
    audit = AuditEntry.objects.filter(event=EVENT_RECEIVED, case_id=case.pk).first()
    assert audit.actor_id == upg_officer.pk and audit.data["nomor"] == first.nomor
    assert list(selectors.held_items(case)) == [first, second]


def test_a_release_is_recorded_once(declaration_in, receive, release, upg_officer, advance):
    case = declaration_in(State.ANALISIS)
    item = receive(case)
    advance(case, "simpulkan_tidak_wajib")
    released = release(item, catatan="Dikembalikan karena tidak wajib dilaporkan.")
    assert not released.is_held
    assert (released.alasan_keluar, released.dikeluarkan_oleh) == (JenisTindakLanjut.PENGEMBALIAN, upg_officer)
    with pytest.raises(ValidationError) as excinfo:
        release(item)
    assert "sudah dikeluarkan" in excinfo.value.messages[0]
    item.refresh_from_db()
    assert item.dikeluarkan_kepada == "Rina Marlina"
    assert AuditEntry.objects.filter(event=EVENT_RELEASED, case_id=case.pk).count() == 1
    assert TimelineEntry.objects.filter(case=case, transition="titipan_dikeluarkan").count() == 1


def test_a_release_names_when_to_whom_and_why(declaration_in, receive, release):
    case = declaration_in(State.ANALISIS)
    item = receive(case, diterima_tanggal=case.tanggal_terima)
    with pytest.raises(ValidationError) as excinfo:
        release(item, tanggal=case.tanggal_terima - timedelta(days=1), kepada="", alasan="tidak_ada")
    assert set(excinfo.value.message_dict) == {"dikeluarkan_tanggal", "dikeluarkan_kepada", "alasan_keluar"}
    item.refresh_from_db()
    assert item.is_held


def test_receiving_checks_the_fields(declaration_in, receive):
    case = declaration_in(State.VERIFIKASI)
    with pytest.raises(ValidationError) as excinfo:
        receive(case, uraian="", nilai=None, diterima_tanggal=timezone.localdate() + timedelta(days=1))
    assert set(excinfo.value.message_dict) == {"uraian", "nilai", "diterima_tanggal"}
    with pytest.raises(TypeError):
        receive(case, nilai=2_000_000.0)
    assert not BarangTitipan.objects.exists()


def test_no_custody_for_a_refused_gift_or_a_closed_declaration(declaration_in, receive):
    with pytest.raises(ValidationError):
        receive(declaration_in(State.VERIFIKASI, jenis_laporan=JenisLaporan.PENOLAKAN))
    with pytest.raises(ValidationError):
        receive(declaration_in(State.SELESAI))
    assert not BarangTitipan.objects.exists()


def test_only_an_officer_who_may_handle_it(
    declaration_in, submit_declaration, receive, release, pimpinan, admin_sistem, upg_officer, other_officer
):
    case = declaration_in(State.VERIFIKASI)
    for outsider in (pimpinan, admin_sistem, case.declarant):
        with pytest.raises(PermissionDenied):
            receive(case, actor=outsider)
    own = submit_declaration(declarant=upg_officer)
    with pytest.raises(PermissionDenied):
        receive(own, actor=upg_officer)
    item = receive(own, actor=other_officer)
    with pytest.raises(PermissionDenied):
        release(item, actor=upg_officer)
    assert list(selectors.custody_items(upg_officer)) == []
    assert list(selectors.custody_items(other_officer)) == [item]
    assert list(selectors.custody_items(pimpinan)) == []


def test_a_handover_releases_the_held_object_to_the_state(declaration_in, receive, advance):
    case = declaration_in(State.DITERUSKAN_KPK)
    item = receive(case)
    case = advance(case, "catat_sk", sk_status=StatusKpk.MILIK_NEGARA)
    case = advance(case, "catat_tindak_lanjut")
    item.refresh_from_db()
    assert not item.is_held
    assert (item.alasan_keluar, item.dikeluarkan_kepada) == (JenisTindakLanjut.PENYERAHAN, "Negara, melalui KPK")
    assert item.dikeluarkan_tanggal == case.tindak_lanjut_tanggal
    assert case.state == State.SELESAI


def test_a_return_releases_the_held_object_to_the_declarant(declaration_in, receive, advance):
    case = declaration_in(State.DITERUSKAN_KPK)
    item = receive(case)
    case = advance(case, "catat_sk", sk_status=StatusKpk.MILIK_PENERIMA)
    with pytest.raises(ValidationError) as excinfo:
        advance(case, "catat_tindak_lanjut", jenis=JenisTindakLanjut.TIDAK_ADA, nomor="")
    assert "pilih pengembalian" in excinfo.value.message_dict["tindak_lanjut_jenis"][0]
    case = advance(case, "catat_tindak_lanjut", jenis=JenisTindakLanjut.PENGEMBALIAN, nomor="")
    item.refresh_from_db()
    assert (item.alasan_keluar, item.dikeluarkan_kepada) == (JenisTindakLanjut.PENGEMBALIAN, case.nama)


def test_compensation_leaves_the_object_with_the_declarant(declaration_in, receive, advance):
    case = declaration_in(State.DITERUSKAN_KPK)
    item = receive(case)
    case = advance(case, "catat_sk", sk_status=StatusKpk.MILIK_NEGARA_KOMPENSASI)
    case = advance(
        case, "catat_tindak_lanjut", jenis="kompensasi", nomor="NTPN 1234", kompensasi_nilai=Decimal(2_000_000)
    )
    item.refresh_from_db()
    assert (item.alasan_keluar, item.dikeluarkan_kepada) == (JenisTindakLanjut.KOMPENSASI, case.nama)


def test_no_return_without_an_object_in_custody(declaration_in, advance):
    case = advance(declaration_in(State.DITERUSKAN_KPK), "catat_sk", sk_status=StatusKpk.MILIK_PENERIMA)
    with pytest.raises(ValidationError) as excinfo:
        advance(case, "catat_tindak_lanjut", jenis=JenisTindakLanjut.PENGEMBALIAN, nomor="")
    assert "tidak ada barang titipan" in excinfo.value.message_dict["tindak_lanjut_jenis"][0]
    case.refresh_from_db()
    assert case.state == State.TINDAK_LANJUT


def test_an_object_already_released_is_not_released_again_by_the_follow_up(declaration_in, receive, release, advance):
    case = declaration_in(State.DITERUSKAN_KPK)
    item = receive(case)
    case = advance(case, "catat_sk")
    release(item, kepada="Negara, melalui KPK", alasan=JenisTindakLanjut.PENYERAHAN)
    case = advance(case, "catat_tindak_lanjut")
    assert AuditEntry.objects.filter(event=EVENT_RELEASED, case_id=case.pk).count() == 1


def test_an_object_stays_with_the_upg_until_kpk_decides(declaration_in, receive, release, advance):
    """domain.md §5: the UPG keeps an object until KPK decides; then it leaves only as
    the decision says, or back to the declarant when the gift needed no report."""
    case = declaration_in(State.ANALISIS)
    item = receive(case)
    with pytest.raises(ValidationError) as excinfo:
        release(item, alasan=JenisTindakLanjut.PENYERAHAN)
    assert "sampai KPK menetapkan statusnya" in excinfo.value.message_dict["alasan_keluar"][0]
    case = advance(advance(case, "teruskan_kpk"), "catat_sk")  # milik negara
    with pytest.raises(ValidationError) as excinfo:
        release(item, alasan=JenisTindakLanjut.PENGEMBALIAN)
    assert "hanya dapat dikeluarkan untuk: penyerahan" in excinfo.value.message_dict["alasan_keluar"][0]
    item.refresh_from_db()
    assert item.is_held
    released = release(item, kepada="Negara, melalui KPK", alasan=JenisTindakLanjut.PENYERAHAN)
    assert not released.is_held


def test_an_object_is_not_received_before_the_gift_was(declaration_in, receive):
    case = declaration_in(State.VERIFIKASI)
    with pytest.raises(ValidationError) as excinfo:
        receive(case, diterima_tanggal=case.tanggal_terima - timedelta(days=1))
    assert "sebelum gratifikasi diterima pelapor" in excinfo.value.message_dict["diterima_tanggal"][0]
    assert receive(case, diterima_tanggal=case.tanggal_terima).is_held
