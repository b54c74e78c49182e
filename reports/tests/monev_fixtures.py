"""Fixtures for the monev and work plan tests (made available by reports/tests/conftest.py).

The tree: a dinas (head: `kadis`, the Pimpinan) → a bidang (head: `kabid`) → two seksi:
`seksi` (head: `kasi`) and `seksi_tanpa_kepala` (no head: its recommendations wait for
the kabid). Besides them: `tim` (Tim ZI / TPI), `inspektorat`, `pegawai`, `admin_sistem`
and `kasi_lain`, the head of a seksi in another bidang.

- `meeting(day, **fields)` records a meeting on `day` through the service (today is
  moved to `day` while it does, then back to `today`).
- `recommend(rapat, unit=seksi, due=…, **fields)` adds a row to a meeting.
- `follow_up(rec, day, done=False, actor=tim)` records a follow-up done on `day`.
"""

import datetime

import pytest
from django.utils import timezone

from accounts import roles
from accounts.models import UnitKerja
from reports.monev import services

TODAY = datetime.date(2026, 12, 7)


@pytest.fixture
def clock(monkeypatch):
    """Today, movable: `clock.to(day)`; it starts at TODAY (10:00 local time)."""

    class Clock:
        def to(self, day):
            moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
            monkeypatch.setattr(timezone, "now", lambda: moment)

    found = Clock()
    found.to(TODAY)
    return found


def _person(make_user, *role_names, name, **extra):
    user = make_user(*role_names, **extra)
    user.full_name = name
    user.nip = extra.get("nip") or user.nip
    user.save()
    return user


@pytest.fixture
def tree(db):
    dinas = UnitKerja.objects.create(
        code="dinas", name="Dinas Kependudukan dan Pencatatan Sipil", level=UnitKerja.Level.DINAS
    )
    bidang = UnitKerja.objects.create(
        code="bidang", name="Bidang Pendaftaran Penduduk", level=UnitKerja.Level.BIDANG, parent=dinas
    )
    seksi = UnitKerja.objects.create(
        code="seksi", name="Seksi Identitas Penduduk", level=UnitKerja.Level.SEKSI, parent=bidang
    )
    tanpa = UnitKerja.objects.create(
        code="seksi-tanpa", name="Seksi Pindah Datang", level=UnitKerja.Level.SEKSI, parent=bidang
    )
    bidang_lain = UnitKerja.objects.create(
        code="bidang-lain", name="Bidang Pencatatan Sipil", level=UnitKerja.Level.BIDANG, parent=dinas
    )
    seksi_lain = UnitKerja.objects.create(
        code="seksi-lain", name="Seksi Kelahiran", level=UnitKerja.Level.SEKSI, parent=bidang_lain
    )
    return {
        "dinas": dinas,
        "bidang": bidang,
        "seksi": seksi,
        "seksi_tanpa_kepala": tanpa,
        "bidang_lain": bidang_lain,
        "seksi_lain": seksi_lain,
    }


@pytest.fixture
def monev_people(tree, make_user):
    kadis = _person(
        make_user, roles.PEGAWAI, roles.PIMPINAN, name="Drs. Budi Santoso", unit=tree["dinas"], nip="197305121998031002"
    )
    kabid = _person(make_user, roles.PEGAWAI, roles.UNIT_TINDAK_LANJUT, name="Bambang Hartono", unit=tree["bidang"])
    kasi = _person(make_user, roles.PEGAWAI, roles.UNIT_TINDAK_LANJUT, name="Hendra Gunawan", unit=tree["seksi"])
    kasi_lain = _person(make_user, roles.PEGAWAI, roles.UNIT_TINDAK_LANJUT, name="Maya Sari", unit=tree["seksi_lain"])
    tree["dinas"].head = kadis
    tree["bidang"].head = kabid
    tree["seksi"].head = kasi
    tree["bidang_lain"].head = kasi_lain  # heads the other bidang and, through it, its seksi
    for unit in tree.values():
        unit.save()
    return {
        "kadis": kadis,
        "kabid": kabid,
        "kasi": kasi,
        "kasi_lain": kasi_lain,
        "tim": _person(make_user, roles.PEGAWAI, roles.TIM_PENILAI, name="Dewi Lestari", unit=tree["dinas"]),
        "inspektorat": _person(make_user, roles.INSPEKTORAT, name="Agus Salim"),
        "pegawai": _person(make_user, roles.PEGAWAI, name="Rina Marlina", unit=tree["seksi"]),
        "admin_sistem": _person(make_user, roles.ADMIN_SISTEM, name="Admin"),
    }


@pytest.fixture
def meeting(monev_people, clock):
    def make(day, **fields):
        data = {
            "tanggal": day,
            "perihal": fields.pop("perihal", f"Monev ZI {day.isoformat()}"),
            "peserta": "Kepala Dinas, Tim ZI, para Kepala Bidang",
            "objek": "Pelaksanaan rencana kerja ZI",
            "tempat": "Ruang rapat",
        }
        data.update(fields)
        clock.to(day)
        try:
            return services.rapat_create(actor=monev_people["tim"], data=data)
        finally:
            clock.to(TODAY)

    return make


@pytest.fixture
def recommend(monev_people, tree):
    def make(rapat, *, unit=None, due=None, **fields):
        data = {
            "uraian": fields.pop("uraian", "Sosialisasi ZI belum menjangkau petugas loket."),
            "masukan": fields.pop("masukan", "Sosialisasikan ZI pada apel pagi setiap Senin."),
            "unit": unit or tree["seksi"],
            "batas_waktu": due or rapat.tanggal + datetime.timedelta(days=30),
        }
        data.update(fields)
        return services.rekomendasi_create(rapat=rapat, actor=monev_people["tim"], data=data)

    return make


@pytest.fixture
def follow_up(monev_people, clock):
    def make(rec, day, *, done=False, actor=None, text="Telah disosialisasikan pada apel pagi."):
        clock.to(day)
        try:
            return services.tindak_lanjut_record(
                rekomendasi=rec, actor=actor or monev_people["tim"], uraian=text, tanggal=day, selesai=done
            )
        finally:
            clock.to(TODAY)

    return make


def sign(monev_people, year, semester, *, day=None, actor=None, place="Kota Contoh"):
    return services.monev_report_sign(
        year=year,
        semester=semester,
        actor=actor or monev_people["kadis"],
        tempat=place,
        tanggal=day or TODAY,
    )
