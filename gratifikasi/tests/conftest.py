"""Fixtures for the gratifikasi app: the people, declarations in any state, scans.

- `declarant`: a Pegawai whose account has everything a declaration asks (NIK, NIP,
  jabatan, unit, address, phone); `upg_officer` and `other_officer`: two Petugas UPG;
  `pimpinan`, `admin_sistem`: roles that see no declaration.
- `declaration_data(**overrides)`: the `data` of declaration_submit for a wedding gift
  of Rp2.000.000 received two days ago (not obligatory-free: it exceeds the cap).
- `submit_declaration(declarant=..., photos=..., category=..., **data_overrides)`: a
  submitted declaration (state administrasi).
- `advance(case, name, actor=None, **arguments)`: one UPG step by its transition name,
  through its service with valid data (arguments override them); `actor` defaults to
  `upg_officer`.
- `declaration_in(state, **data_overrides)`: a declaration brought to `state` through the
  services (for tidak_diproses the completion period is made to have run out).
- `scan(name="sk.pdf")`, `photo(name="hadiah.jpg")`: uploads as a browser sends them.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from accounts import roles
from accounts.models import UnitKerja
from casework.models import Deadline
from casework.tests.samples import jpeg_with_gps, pdf_with_metadata, upload
from gratifikasi import services
from gratifikasi.choices import (
    Clock,
    HubunganPemberi,
    JenisLaporan,
    JenisPenerimaan,
    JenisPeristiwa,
    JenisTindakLanjut,
    State,
    StatusKpk,
)
from gratifikasi.exemptions import rules_in_force


@pytest.fixture(autouse=True)
def _indonesian():
    """The messages asserted here are the Indonesian msgids."""
    with translation.override("id"):
        yield


@pytest.fixture
def unit(db):
    dinas = UnitKerja.objects.create(code="dinas", name="Dinas Dukcapil", level=UnitKerja.Level.DINAS)
    return UnitKerja.objects.create(
        code="identitas", name="Seksi Identitas Penduduk", level=UnitKerja.Level.SEKSI, parent=dinas
    )


def _person(make_user, *role_names, full_name, **extra):
    user = make_user(*role_names, **extra)
    user.full_name = full_name
    user.save(update_fields=["full_name"])
    return user


@pytest.fixture
def declarant(make_user, unit):
    return _person(
        make_user,
        roles.PEGAWAI,
        full_name="Rina Marlina",
        nip="199507302019031005",
        jabatan="Pengadministrasi Kependudukan",
        unit=unit,
        nik="3201014507950001",
        phone="0812 3456 7890",
        address="Jl. Merdeka No. 10, Bandung",
    )


@pytest.fixture
def upg_officer(make_user):
    return _person(make_user, roles.PEGAWAI, roles.PETUGAS_UPG, full_name="Dewi Lestari")


@pytest.fixture
def other_officer(make_user):
    return _person(make_user, roles.PEGAWAI, roles.PETUGAS_UPG, full_name="Agus Wibowo")


@pytest.fixture
def pimpinan(make_user):
    return _person(make_user, roles.PEGAWAI, roles.PIMPINAN, full_name="Suharto Wibowo")


@pytest.fixture
def admin_sistem(make_user):
    return _person(make_user, roles.ADMIN_SISTEM, full_name="Fajar Nugroho")


@pytest.fixture
def scan():
    def make(name="sk.pdf"):
        return upload(pdf_with_metadata(), name, "application/pdf")

    return make


@pytest.fixture
def photo():
    def make(name="hadiah.jpg"):
        return upload(jpeg_with_gps(), name, "image/jpeg")

    return make


def received_on() -> date:
    return timezone.localdate() - timedelta(days=2)


def declaration_values(declarant, **overrides) -> dict:
    """The `data` of declaration_submit for `declarant` (an account with every detail a
    declaration asks): a wedding gift of Rp2.000.000 from Budi Santoso received two days
    ago. Also for tests of other apps that need a gift declaration."""
    data = {
        "jenis_laporan": JenisLaporan.PENERIMAAN,
        "nama": declarant.full_name,
        "nik": declarant.nik,
        "nip": declarant.nip,
        "jabatan": declarant.jabatan,
        "unit_kerja": declarant.unit,
        "alamat": declarant.address,
        "telepon": declarant.phone,
        "email": declarant.email,
        "pemberi_nama": "Budi Santoso",
        "pemberi_instansi": "CV Maju Jaya",
        "pemberi_alamat": "Jl. Asia Afrika No. 5, Bandung",
        "hubungan": HubunganPemberi.LAINNYA,
        "jenis_peristiwa": JenisPeristiwa.PERNIKAHAN,
        "jenis_penerimaan": JenisPenerimaan.UANG,
        "uraian": "Amplop berisi uang tunai pada resepsi pernikahan adik saya.",
        "nilai": Decimal(2_000_000),
        "tanggal_terima": received_on(),
        "tempat_terima": "Gedung Serbaguna, Bandung",
        "kronologi": "Pemberi datang ke resepsi dan menyerahkan amplop kepada saya.",
        "dititipkan": False,
    }
    data.update(overrides)
    return data


@pytest.fixture
def declaration_data(declarant):
    def make(**overrides):
        return declaration_values(declarant, **overrides)

    return make


@pytest.fixture
def submit_declaration(declarant, declaration_data):
    def submit(*, declarant=declarant, photos=(), category=None, request=None, **overrides):
        return services.declaration_submit(
            declarant=declarant,
            data=declaration_data(**overrides),
            photos=list(photos),
            category=category,
            request=request,
        )

    return submit


@pytest.fixture
def advance(upg_officer, scan):
    """Run one UPG step by its transition name with valid data."""

    def defaults(case, name):
        today = timezone.localdate()
        return {
            "registrasi": (services.declaration_register, {}),
            "minta_kelengkapan": (
                services.declaration_request_completion,
                {"catatan": "Lampirkan foto amplop dan sebutkan alamat lengkap pemberi."},
            ),
            "terima_lengkap": (services.declaration_accept_complete, {}),
            "tutup_tidak_lengkap": (services.declaration_close_incomplete, {}),
            "simpulkan_tidak_wajib": (
                services.declaration_conclude_not_obligatory,
                {
                    "rule": rules_in_force(case.tanggal_terima).get(category="upacara"),
                    "rekomendasi": "Nilai di bawah batas pemberian pernikahan.",
                    # The fixtures' gifts share one giver, whose yearly total soon passes
                    # the caps; the advice's check is proven in test_staff_case_actions.
                    "despite_advice": True,
                },
            ),
            "teruskan_kpk": (
                services.declaration_forward_to_kpk,
                {
                    "rekomendasi": "Diteruskan ke KPK untuk penetapan status.",
                    "kpk_nomor": "GOL-2026-000123",
                    "kpk_tanggal": today,
                },
            ),
            "catat_sk": (
                services.declaration_record_sk,
                {
                    "sk_status": StatusKpk.MILIK_NEGARA,
                    "sk_nomor": "SK-123/GTF/2026",
                    "sk_tanggal": today,
                    "sk_scan": scan(),
                },
            ),
            "tutup_penolakan": (services.declaration_close_refusal, {}),
            "catat_tindak_lanjut": (
                services.declaration_record_follow_up,
                {"jenis": JenisTindakLanjut.PENYERAHAN, "tanggal": today, "nomor": "BAST/UPG/2026/001"},
            ),
        }[name]

    def run(case, name, actor=None, **arguments):
        service, values = defaults(case, name)
        return service(case=case, actor=actor or upg_officer, **{**values, **arguments})

    return run


#: The UPG steps that bring a new declaration to each state.
PATHS = {
    State.ADMINISTRASI: [],
    State.VERIFIKASI: ["registrasi"],
    State.PERLU_DILENGKAPI: ["registrasi", "minta_kelengkapan"],
    State.ANALISIS: ["registrasi", "terima_lengkap"],
    State.TIDAK_WAJIB: ["registrasi", "terima_lengkap", "simpulkan_tidak_wajib"],
    State.DITERUSKAN_KPK: ["registrasi", "terima_lengkap", "teruskan_kpk"],
    State.TINDAK_LANJUT: ["registrasi", "terima_lengkap", "teruskan_kpk", "catat_sk"],
    State.SELESAI: ["registrasi", "terima_lengkap", "teruskan_kpk", "catat_sk", "catat_tindak_lanjut"],
    State.TIDAK_DIPROSES: ["registrasi", "minta_kelengkapan", "tutup_tidak_lengkap"],
}


def expire_completion_period(case) -> None:
    """Make the running completion period have ended yesterday (test data only)."""
    Deadline.objects.filter(case_id=case.pk, clock=Clock.KELENGKAPAN, completed_at__isnull=True).update(
        due_date=timezone.localdate() - timedelta(days=1)
    )


@pytest.fixture
def declaration_in(submit_declaration, advance):
    """A declaration brought to `state` through the services. A wedding gift of
    Rp1.000.000 (within the cap) when it must end as not obligatory."""

    def make(state, **overrides):
        if state == State.TIDAK_WAJIB:
            overrides.setdefault("nilai", Decimal(1_000_000))
        case = submit_declaration(**overrides)
        for name in PATHS[state]:
            if name == "tutup_tidak_lengkap":
                expire_completion_period(case)
            case = advance(case, name)
        assert case.state == state
        return case

    return make
