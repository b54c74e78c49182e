"""Fixtures for the benturan app: a unit tree with its heads, the people, and cases in any
state.

The tree: a dinas (head: `kadis`) → a bidang (head: `kabid`) → a seksi (head: `kasi`),
where the `pegawai` works beside a `colleague`; a second seksi of the same bidang (head:
`kasi_lain`). Besides them: `tim` (Tim Benturan Kepentingan, in the dinas),
`inspektorat`, `admin_sistem`, and `outsider`, a pegawai of the other seksi.

- `filed_data(**overrides)`: the `data` of benturan_declare / benturan_report: a potential
  conflict (the pegawai's cousin runs a firm bidding for a procurement).
- `declare(declarant=pegawai, **overrides)`, `report(reporter=colleague, pejabat=pegawai, ...)`.
- `advance(case, name, actor=None, **arguments)`: one staff step by its transition name,
  through its service with valid data; `actor` defaults to the case's superior.
- `case_in(state, report=False)`: a case brought to `state` through the services.
"""

import pytest
from django.utils import timezone, translation

from accounts import roles
from accounts.models import UnitKerja
from benturan import services
from benturan.choices import Clock, Jenis, JenisHal, JenisPengendalian, State, Sumber
from casework.models import Deadline

#: Everyone in the tree below, by fixture name.
PEOPLE = (
    "pegawai",
    "colleague",
    "kasi",
    "kabid",
    "kadis",
    "kasi_lain",
    "outsider",
    "tim",
    "inspektorat",
    "admin_sistem",
)


@pytest.fixture(autouse=True)
def _indonesian():
    """The messages asserted here are the Indonesian msgids."""
    with translation.override("id"):
        yield


def _person(make_user, *role_names, full_name, **extra):
    user = make_user(*role_names, **extra)
    user.full_name = full_name
    user.save(update_fields=["full_name"])
    return user


@pytest.fixture
def tree(db):
    dinas = UnitKerja.objects.create(code="dinas", name="Dinas Dukcapil", level=UnitKerja.Level.DINAS)
    bidang = UnitKerja.objects.create(
        code="bidang", name="Bidang Pendaftaran Penduduk", level=UnitKerja.Level.BIDANG, parent=dinas
    )
    seksi = UnitKerja.objects.create(
        code="seksi", name="Seksi Identitas Penduduk", level=UnitKerja.Level.SEKSI, parent=bidang
    )
    seksi_lain = UnitKerja.objects.create(
        code="seksi-lain", name="Seksi Pindah Datang", level=UnitKerja.Level.SEKSI, parent=bidang
    )
    return {"dinas": dinas, "bidang": bidang, "seksi": seksi, "seksi_lain": seksi_lain}


def _head(make_user, unit, *role_names, full_name, jabatan):
    user = _person(make_user, roles.PEGAWAI, *role_names, full_name=full_name, jabatan=jabatan, unit=unit)
    unit.head = user
    unit.save(update_fields=["head"])
    return user


@pytest.fixture
def kadis(make_user, tree):
    return _head(make_user, tree["dinas"], roles.PIMPINAN, full_name="Suharto Wibowo", jabatan="Kepala Dinas")


@pytest.fixture
def kabid(make_user, tree, kadis):
    return _head(make_user, tree["bidang"], full_name="Bambang Hartono", jabatan="Kepala Bidang")


@pytest.fixture
def kasi(make_user, tree, kabid):
    return _head(make_user, tree["seksi"], full_name="Hendra Gunawan", jabatan="Kepala Seksi Identitas")


@pytest.fixture
def kasi_lain(make_user, tree, kabid):
    return _head(make_user, tree["seksi_lain"], full_name="Andi Saputra", jabatan="Kepala Seksi Pindah Datang")


@pytest.fixture
def pegawai(make_user, tree, kasi):
    return _person(
        make_user,
        roles.PEGAWAI,
        full_name="Rina Marlina",
        nip="199507302019031005",
        jabatan="Pengadministrasi Kependudukan",
        unit=tree["seksi"],
    )


@pytest.fixture
def colleague(make_user, tree, kasi):
    return _person(make_user, roles.PEGAWAI, full_name="Dedi Kurniawan", jabatan="Verifikator", unit=tree["seksi"])


@pytest.fixture
def outsider(make_user, tree, kasi_lain):
    return _person(make_user, roles.PEGAWAI, full_name="Wulan Sari", jabatan="Operator", unit=tree["seksi_lain"])


@pytest.fixture
def tim(make_user, tree):
    return _person(
        make_user, roles.PEGAWAI, roles.TIM_BENTURAN, full_name="Lestari Ningsih", jabatan="Analis", unit=tree["dinas"]
    )


@pytest.fixture
def inspektorat(make_user):
    return _person(make_user, roles.INSPEKTORAT, full_name="Yusuf Hidayat", jabatan="Auditor")


@pytest.fixture
def admin_sistem(make_user):
    return _person(make_user, roles.ADMIN_SISTEM, full_name="Fajar Nugroho", jabatan="Pranata Komputer")


@pytest.fixture
def filed_data():
    def make(**overrides):
        data = {
            "jenis": Jenis.POTENSIAL,
            "sumber": Sumber.AFILIASI_KELUARGA,
            "hal_jenis": JenisHal.PENGADAAN,
            "hal": "Penetapan pemenang pengadaan blangko KTP-el 2026",
            "rujukan_kasus": "",
            "kepentingan": "Sepupu saya direktur CV Sinar Cetak, salah satu peserta pengadaan.",
            "pihak_lain": "CV Sinar Cetak (direktur: Budi Santoso, sepupu saya)",
        }
        data.update(overrides)
        return data

    return make


@pytest.fixture
def declare(pegawai, filed_data):
    def submit(*, declarant=pegawai, pihak_pegawai=(), files=(), request=None, **overrides):
        return services.benturan_declare(
            declarant=declarant, data=filed_data(**overrides), pihak_pegawai=pihak_pegawai, files=files, request=request
        )

    return submit


@pytest.fixture
def report(colleague, pegawai, filed_data):
    def submit(*, reporter=colleague, pejabat=pegawai, pihak_pegawai=(), files=(), request=None, **overrides):
        overrides.setdefault("kepentingan", "Pejabat ini menilai penawaran perusahaan milik adiknya.")
        return services.benturan_report(
            reporter=reporter,
            pejabat=pejabat,
            data=filed_data(**overrides),
            pihak_pegawai=pihak_pegawai,
            files=files,
            request=request,
        )

    return submit


@pytest.fixture
def advance(outsider, tim):
    """Run one staff step by its transition name with valid data, by the case's superior
    (the Tim where it has none). `outsider` is the default colleague who takes a task over
    (a pegawai who is no party)."""

    def defaults(name):
        today = timezone.localdate()
        return {
            "mulai_analisis": (services.benturan_start_analysis, {}),
            "putuskan_pengendalian": (
                services.benturan_decide_control,
                {
                    "controls": [JenisPengendalian.RECUSAL, JenisPengendalian.PENGALIHAN_TUGAS],
                    "hal": "Evaluasi dan penetapan pemenang pengadaan blangko KTP-el 2026",
                    "alasan": "Hubungan keluarga dengan peserta dapat memengaruhi penilaian.",
                    "pengganti": outsider,
                },
            ),
            "putuskan_tidak_ada_konflik": (
                services.benturan_decide_no_conflict,
                {"alasan": "Peserta tidak memiliki hubungan dengan pejabat."},
            ),
            "catat_pelaksanaan": (
                services.benturan_record_implementation,
                {"bukti": "Surat tugas pengganti Nomor 800/12/2026.", "tanggal": today},
            ),
            "selesaikan": (
                services.benturan_close_monitoring,
                {"hasil": "Penetapan pemenang dilakukan tanpa keikutsertaan pejabat."},
            ),
        }[name]

    def run(case, name, actor=None, **arguments):
        service, values = defaults(name)
        actor = actor or case.atasan or tim
        return service(case=case, actor=actor, **{**values, **arguments})

    return run


#: The staff steps that bring a new case to each state.
PATHS = {
    State.DIAJUKAN: [],
    State.ANALISIS: ["mulai_analisis"],
    State.PELAKSANAAN: ["mulai_analisis", "putuskan_pengendalian"],
    State.PEMANTAUAN: ["mulai_analisis", "putuskan_pengendalian", "catat_pelaksanaan"],
    State.SELESAI: ["mulai_analisis", "putuskan_pengendalian", "catat_pelaksanaan", "selesaikan"],
    State.TIDAK_ADA_KONFLIK: ["mulai_analisis", "putuskan_tidak_ada_konflik"],
}


@pytest.fixture
def case_in(declare, report, advance):
    """A case (a declaration, or with report=True a report) brought to `state`."""

    def make(state, *, report_it=False, **overrides):
        case = report(**overrides) if report_it else declare(**overrides)
        for name in PATHS[state]:
            case = advance(case, name)
        assert case.state == state
        return case

    return make


def escalate(case) -> None:
    """What the engine's deadline sweep marks when it escalates the decision clock."""
    Deadline.objects.filter(case_id=case.pk, clock=Clock.KEPUTUSAN).update(escalated_at=timezone.now())
