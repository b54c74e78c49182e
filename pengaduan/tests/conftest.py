"""Fixtures for the complaints app: units, people, complaints in any state, a fixed today."""

import datetime
import time

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from accounts import roles
from accounts.models import UnitKerja
from casework import intake
from casework.formstamp import sign_started
from casework.models import Deadline
from pengaduan import services, services_wbs
from pengaduan.choices import ArchiveReason, Clock, State
from pengaduan.models import KategoriLayanan, Pengaduan


@pytest.fixture(autouse=True)
def _indonesian():
    """The messages asserted here are the Indonesian msgids. A client request that switched
    to English leaves English active in its worker thread, so do not inherit the language."""
    with translation.override("id"):
        yield


@pytest.fixture
def kategori(db):
    return KategoriLayanan.objects.get(slug="ktp-el")


@pytest.fixture
def units(db):
    dinas = UnitKerja.objects.create(code="dinas", name="Dinas Dukcapil", level=UnitKerja.Level.DINAS)
    return {
        "dinas": dinas,
        "identitas": UnitKerja.objects.create(
            code="identitas", name="Seksi Identitas", level=UnitKerja.Level.SEKSI, parent=dinas
        ),
        "kelahiran": UnitKerja.objects.create(
            code="kelahiran", name="Seksi Kelahiran", level=UnitKerja.Level.SEKSI, parent=dinas
        ),
    }


@pytest.fixture
def unit_member(make_user, units):
    """A Unit Tindak Lanjut member of the unit complaints are dispositioned to here."""
    return make_user(roles.UNIT_TINDAK_LANJUT, unit=units["identitas"])


@pytest.fixture
def file_pengaduan(kategori):
    """File a complaint from the public web form; returns (case, tracking code)."""

    def file(**kwargs):
        kwargs.setdefault("title", "Antrean KTP-el terlalu lama")
        kwargs.setdefault("isi", "Saya menunggu enam jam untuk perekaman KTP-el.")
        kwargs.setdefault("kategori", kategori)
        return services.pengaduan_create(**kwargs)

    return file


def _completion_time_over(case):
    """The case as if its complainant's time to answer (kelengkapan) ended yesterday."""
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Deadline.objects.filter(case=case, clock=Clock.KELENGKAPAN, completed_at__isnull=True).update(due_date=yesterday)
    return case


@pytest.fixture
def advance(handler, unit_member, units):
    """Run one staff transition through its service with valid data, by `actor` (default:
    the handler, or the dispositioned unit's member for the follow-up)."""

    steps = {
        "verifikasi": lambda case, actor: services.pengaduan_verify(case=case, actor=actor),
        "tunda": lambda case, actor: services.pengaduan_request_information(
            case=case, actor=actor, question="Mohon sebutkan nomor antrean Anda."
        ),
        "bukan_wewenang": lambda case, actor: services.pengaduan_forward(
            case=case, actor=actor, forwarded_to="Ombudsman RI"
        ),
        "arsipkan": lambda case, actor: services.pengaduan_archive(case=case, actor=actor, reason=ArchiveReason.SPAM),
        "arsipkan_tidak_lengkap": lambda case, actor: services.pengaduan_archive_incomplete(
            case=_completion_time_over(case), actor=actor
        ),
        "disposisi": lambda case, actor: services.pengaduan_route_to_unit(
            case=case, actor=actor, unit=units["identitas"]
        ),
        "catat_tindak_lanjut": lambda case, actor: services.pengaduan_record_follow_up(
            case=case, actor=actor, summary="Petugas perekaman ditambah satu orang."
        ),
        "jawab": lambda case, actor: services.pengaduan_answer(
            case=case, actor=actor, answer="Terima kasih. Mulai Senin petugas perekaman menjadi dua orang."
        ),
        "selesaikan": lambda case, actor: services.pengaduan_close(case=case, actor=actor),
        "usulkan_wbs": lambda case, actor: services_wbs.pengaduan_propose_wbs(
            case=case, actor=actor, explanation="Laporan ini menyangkut perilaku pegawai; WBS lebih melindungi Anda."
        ),
        "tolak_wbs": lambda case, actor: services_wbs.pengaduan_keep_as_complaint(case=case, actor=actor),
        # The complainant's consent, whoever "runs" it in a fixture path.
        "setujui_wbs": lambda case, actor: services_wbs.pengaduan_move_to_wbs(case=case)[0],
    }

    def run(case, name, actor=None):
        if actor is None:
            actor = unit_member if name == "catat_tindak_lanjut" else handler
        return steps[name](case, actor)

    return run


# The staff transitions that bring a new complaint to each state.
PATHS = {
    State.DITERIMA: [],
    State.DITUNDA: ["tunda"],
    State.DIVERIFIKASI: ["verifikasi"],
    State.DITERUSKAN: ["bukan_wewenang"],
    State.DIARSIPKAN: ["arsipkan"],
    State.DIDISPOSISIKAN: ["verifikasi", "disposisi"],
    State.DITINDAKLANJUTI: ["verifikasi", "disposisi", "catat_tindak_lanjut"],
    State.DIJAWAB: ["verifikasi", "disposisi", "catat_tindak_lanjut", "jawab"],
    State.SELESAI: ["verifikasi", "disposisi", "catat_tindak_lanjut", "jawab", "selesaikan"],
    State.MENUNGGU_PERSETUJUAN_WBS: ["usulkan_wbs"],
    State.DIPINDAHKAN_KE_WBS: ["usulkan_wbs", "setujui_wbs"],
}


@pytest.fixture
def case_in(file_pengaduan, advance):
    """A complaint brought to `state` through the services."""

    def make(state, **create_kwargs):
        case, _code = file_pengaduan(**create_kwargs)
        for name in PATHS[state]:
            case = advance(case, name)
        assert case.state == state
        return case

    return make


@pytest.fixture
def tracked(client, file_pengaduan, advance):
    """A complaint brought to `state`, opened on `client` with its tracking code."""

    def make(state):
        case, code = file_pengaduan()
        for name in PATHS[state]:
            case = advance(case, name)
        assert client.post(reverse("track"), {"code": code}).status_code == 302
        return case

    return make


@pytest.fixture
def filed(client, kategori):
    """File a complaint through the public form as a browser would, open it, and read the
    receipt page; returns the case and the code the page shows."""

    def file(**extra):
        data = {
            "jenis": "pengaduan",
            "title": "Antrean KTP-el terlalu lama",
            "isi": "Menunggu enam jam.",
            "kategori": str(kategori.pk),
            "anonim": "on",
            "rahasia": "on",
            "dimulai": sign_started(time.time() - 60),
            **extra,
        }
        response = client.post(reverse("pengaduan:create"), data)
        assert response.status_code == 302 and response["Location"] == "/pengaduan/tanda-terima/"
        intake.open_pending()
        case = Pengaduan.objects.get()
        body = client.get("/pengaduan/tanda-terima/").content.decode()
        code = body.split('<code id="tracking-code" class="receipt__code">')[1].split("</code>")[0]
        return case, code

    return file


@pytest.fixture
def staff(client, handler):
    """A Pengelola Pengaduan signed in with the second factor, as the staff list tests use."""
    from accounts.testing import verified_login

    verified_login(client, handler)
    return client
