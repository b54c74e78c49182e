"""Fixtures for the WBS app: the people around a report, reports in any state, a fixed today."""

import pytest
from django.utils import translation

from accounts import roles
from accounts.models import UnitKerja
from wbs import services
from wbs.choices import Kategori, Pemeriksa, State, Temuan, TujuanPenerusan
from wbs.identity import Identitas
from wbs.reported import TerlaporInput


@pytest.fixture(autouse=True)
def _indonesian():
    """The messages asserted here are the Indonesian msgids."""
    with translation.override("id"):
        yield


@pytest.fixture
def units(db):
    dinas = UnitKerja.objects.create(code="dinas", name="Dinas Dukcapil", level=UnitKerja.Level.DINAS)
    bidang = UnitKerja.objects.create(code="dafduk", name="Bidang Dafduk", level=UnitKerja.Level.BIDANG, parent=dinas)
    seksi = UnitKerja.objects.create(
        code="identitas", name="Seksi Identitas", level=UnitKerja.Level.SEKSI, parent=bidang
    )
    return {"dinas": dinas, "bidang": bidang, "seksi": seksi}


@pytest.fixture
def person(make_user):
    """A staff member with a name (the staff directory matches reported persons by name)."""

    def make(full_name, *role_names, **extra):
        user = make_user(*role_names, **extra)
        user.full_name = full_name
        user.save(update_fields=["full_name"])
        return user

    return make


@pytest.fixture
def wbs_handler(person, units):
    return person("Agus Salim", roles.PENGELOLA_WBS, roles.PEGAWAI, unit=units["dinas"])


@pytest.fixture
def second_handler(person, units):
    return person("Lina Marlina", roles.PENGELOLA_WBS, unit=units["dinas"])


@pytest.fixture
def inspektorat(person):
    return person("Yusuf Hidayat", roles.INSPEKTORAT)


@pytest.fixture
def second_inspektorat(person):
    return person("Ratna Dewi", roles.INSPEKTORAT)


@pytest.fixture
def kepala_dinas(person, units):
    """The Kepala Dinas: Pimpinan, and head of the top unit."""
    user = person("Suharto Wibowo", roles.PIMPINAN, roles.PEGAWAI, unit=units["dinas"])
    units["dinas"].head = user
    units["dinas"].save(update_fields=["head"])
    return user


@pytest.fixture
def pegawai(person, units):
    return person("Budi Santoso", roles.PEGAWAI, unit=units["seksi"])


def complete_report(**overrides):
    """The arguments of a report that answers 4W+1H, with one reported person."""
    values = {
        "title": "Pungutan liar di loket KTP-el",
        "kategori": Kategori.KORUPSI,
        "apa": "Petugas loket meminta uang Rp50.000 agar KTP-el dicetak hari itu juga.",
        "dimana": "Loket 3, kantor Disdukcapil",
        "kapan": "Setiap Senin sejak Maret 2026",
        "bagaimana": "Uang diminta secara lisan dan diterima tanpa kuitansi.",
        "terlapor": [TerlaporInput(nama="Petugas Loket Tiga", jabatan="Pengadministrasi")],
    }
    values.update(overrides)
    return values


@pytest.fixture
def file_wbs(db):
    """File a report from the public form; returns (report, receipt code)."""

    def file(**overrides):
        return services.wbs_create(**complete_report(**overrides))

    return file


@pytest.fixture
def with_identity():
    return Identitas(nama="Siti Pelapor", nip="199001012015012001", telepon="0812 1111 2222")


@pytest.fixture
def advance(wbs_handler):
    """Run one staff transition through its service with valid data, as `actor` (default:
    the Pengelola WBS)."""

    steps = {
        "verifikasi": lambda case, actor: services.wbs_verify(case=case, actor=actor),
        "tunda": lambda case, actor: services.wbs_request_information(
            case=case, actor=actor, question="Kapan tepatnya kejadian terakhir?"
        ),
        "lengkapi": lambda case, actor: services.wbs_resume(case=case, actor=actor),
        "periksa": lambda case, actor: services.wbs_examine(
            case=case, actor=actor, hasil_telaah="Bukti awal cukup.", pemeriksa=Pemeriksa.TIM_INTERNAL
        ),
        "teruskan": lambda case, actor: services.wbs_forward(
            case=case,
            actor=actor,
            forwarded_to=TujuanPenerusan.KPK,
            forward_reference="B/123/WBS/2026",
            hasil_telaah="Dugaan korupsi di atas kewenangan unit.",
        ),
        "selesaikan": lambda case, actor: services.wbs_conclude(
            case=case, actor=actor, temuan=Temuan.TERBUKTI, rekomendasi="Hukuman disiplin sedang; loket diawasi CCTV."
        ),
        "hentikan": lambda case, actor: services.wbs_discontinue(
            case=case, actor=actor, alasan="Pelapor tidak dapat dihubungi dan bukti tidak cukup."
        ),
        "kirim_pembaruan": lambda case, actor: services.wbs_send_update(
            case=case, actor=actor, update="Laporan sedang kami dalami."
        ),
    }

    def run(case, name, actor=None):
        return steps[name](case, actor or wbs_handler)

    return run


# The staff transitions that bring a new report to each state.
PATHS = {
    State.DITERIMA: [],
    State.DITUNDA: ["tunda"],
    State.DITELAAH: ["verifikasi"],
    State.DIPERIKSA: ["verifikasi", "periksa"],
    State.DITERUSKAN: ["verifikasi", "teruskan"],
    State.SELESAI: ["verifikasi", "periksa", "selesaikan"],
    State.TIDAK_DAPAT_DITINDAKLANJUTI: ["hentikan"],
}


@pytest.fixture
def case_in(file_wbs, advance):
    """A report brought to `state` through the services."""

    def make(state, **create_kwargs):
        case, _code = file_wbs(**create_kwargs)
        for name in PATHS[state]:
            case = advance(case, name)
        assert case.state == state
        return case

    return make


def form_data(**overrides):
    """A valid post of the public report form (sent a minute after it was shown)."""
    import time

    from casework.formstamp import sign_started

    data = {
        "kategori": "korupsi",
        "title": "Pungutan liar di loket KTP-el",
        "apa": "Petugas loket meminta uang Rp50.000 agar KTP-el dicetak hari itu juga.",
        "dimana": "Loket 3, kantor Disdukcapil",
        "kapan": "Setiap Senin sejak Maret 2026",
        "bagaimana": "Uang diminta secara lisan dan diterima tanpa kuitansi.",
        "nilai_kerugian": "",
        "terlapor-TOTAL_FORMS": "3",
        "terlapor-INITIAL_FORMS": "0",
        "terlapor-MIN_NUM_FORMS": "0",
        "terlapor-MAX_NUM_FORMS": "3",
        "terlapor-0-nama": "Petugas Loket Tiga",
        "terlapor-0-jabatan": "Pengadministrasi",
        "dimulai": sign_started(time.time() - 60),
    }
    data.update(overrides)
    return data


@pytest.fixture
def reporter(client, db):
    """A reporter's browser: files a report through the form, confirms the code was
    saved, and is then on their report's page. Returns (client, report, code)."""
    from django.urls import reverse

    from wbs.models import LaporanWbs

    def file(**overrides):
        response = client.post(reverse("wbs:create"), form_data(**overrides))
        assert response.status_code == 302, response.content.decode()[:2000]
        code = receipt_code(client.get(reverse("wbs:receipt")).content.decode())
        assert client.post(reverse("wbs:receipt_done"), {"saved": "on"}).status_code == 302
        return client, LaporanWbs.objects.order_by("-pk").first(), code

    return file


def receipt_code(page: str) -> str:
    return page.split('id="receipt-code" class="receipt__code">')[1].split("</code>")[0]


IDENTITY_REASON = "Pelapor adalah saksi kunci; pemeriksa perlu meminta keterangan resmi darinya."


@pytest.fixture
def identified_report(file_wbs, with_identity, wbs_handler):
    """A report with a sealed identity, assigned to the Pengelola WBS."""
    from casework.services import case_assign

    case, _code = file_wbs(identitas=with_identity)
    return case_assign(case=case, actor=wbs_handler, assignee=wbs_handler)


@pytest.fixture
def pending_request(identified_report, wbs_handler):
    """The assigned handler's request to open that identity, waiting for a decision."""
    from wbs import identity

    return identity.identity_request(case=identified_report, actor=wbs_handler, reason=IDENTITY_REASON)
