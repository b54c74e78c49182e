"""The work plan's Penguatan Pengawasan actions: a year starts from the seed plan's rows
(or the year before), each action is due per its schedule, SIGAP's own reports link
themselves as evidence when they exist, uploads prove the rest, and indicator_status
says where each indicator stands for the LKE page."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports.workplan import services
from reports.workplan.defaults import DEFAULT_ACTIONS
from reports.workplan.indicators import INDICATORS
from reports.workplan.models import RencanaAksi
from reports.workplan.schedule import slots
from reports.workplan.status import BELUM_ADA, BELUM_JATUH_TEMPO, LENGKAP, SEBAGIAN, indicator_status, plan_status

from .monev_fixtures import sign

D = datetime.date


@pytest.fixture
def plan(monev_people):
    return services.rencana_kerja_create(year=2026, actor=monev_people["tim"])


def action(plan, code) -> RencanaAksi:
    return plan.aksi.get(indikator_kode=code)


def test_a_year_starts_from_the_seed_rows_then_from_the_year_before(monev_people, plan):
    rows = list(plan.aksi.order_by("urutan"))
    assert [(r.indikator_kode, r.rencana_aksi, r.jenis_output) for r in rows] == [
        (d.indikator_kode, d.rencana_aksi, d.jenis_output) for d in DEFAULT_ACTIONS
    ]
    # Every indicator of the area has an action.
    assert {r.indikator_kode for r in rows} == set(INDICATORS)
    changed = action(plan, "spip.lingkungan")
    services.aksi_change(aksi=changed, actor=monev_people["tim"], data={"pelaksana": "Inspektur Pembantu"})
    services.aksi_set_active(aksi=action(plan, "lhkasn.kepatuhan"), actor=monev_people["tim"], aktif=False)
    services.aksi_create(
        plan=plan,
        actor=monev_people["tim"],
        data={
            "sub_area": "pengaduan",
            "indikator_kode": "pengaduan.kebijakan",
            "indikator": "Survei kepuasan penanganan pengaduan",
            "rencana_aksi": "Survei kepuasan pelapor",
            "output": "Laporan survei",
            "jenis_output": "unggahan",
            "bulan_mulai": 6,
            "bulan_selesai": 6,
            "frekuensi": "sekali",
        },
    )
    next_year = services.rencana_kerja_create(year=2027, actor=monev_people["tim"])
    copied = list(next_year.aksi.order_by("urutan"))
    assert len(copied) == len(DEFAULT_ACTIONS)  # one withdrawn, one added
    assert next_year.aksi.get(indikator_kode="spip.lingkungan").pelaksana == "Inspektur Pembantu"
    assert not next_year.aksi.filter(indikator_kode="lhkasn.kepatuhan").exists()
    assert next_year.aksi.filter(rencana_aksi="Survei kepuasan pelapor").exists()
    with pytest.raises(ValidationError):
        services.rencana_kerja_create(year=2027, actor=monev_people["tim"])
    for who in ("kadis", "inspektorat", "kasi", "admin_sistem"):
        with pytest.raises(PermissionDenied):
            services.rencana_kerja_create(year=2028, actor=monev_people[who])


def test_the_schedule_gives_each_period_its_due_date():
    assert [(s.key, s.end) for s in slots(2026, 1, 12, "semesteran")] == [
        ("2026-S1", D(2026, 6, 30)),
        ("2026-S2", D(2026, 12, 31)),
    ]
    assert [(s.key, s.end) for s in slots(2026, 5, 8, "semesteran")] == [
        ("2026-S1", D(2026, 6, 30)),
        ("2026-S2", D(2026, 8, 31)),
    ]
    monthly = slots(2026, 2, 4, "bulanan")
    assert [(s.key, s.start, s.end) for s in monthly] == [
        ("2026-02", D(2026, 2, 1), D(2026, 2, 28)),
        ("2026-03", D(2026, 3, 1), D(2026, 3, 31)),
        ("2026-04", D(2026, 4, 1), D(2026, 4, 30)),
    ]
    once = slots(2026, 1, 2, "sekali")
    assert [(s.key, s.label, s.end) for s in once] == [("2026", "Januari–Februari 2026", D(2026, 2, 28))]


def test_the_indicators_move_from_not_due_to_late_to_proven(monev_people, plan, meeting):
    from reports.tests.test_monev_files import png  # noqa: F401

    start = indicator_status(2026, today=D(2026, 1, 10))
    assert start["pengaduan.monev"][0] == BELUM_JATUH_TEMPO
    assert start["benturan.pemetaan"][0] == BELUM_JATUH_TEMPO  # due 31 January

    feb = indicator_status(2026, today=D(2026, 2, 2))
    assert feb["benturan.pemetaan"] == (BELUM_ADA, [])
    # The monthly complaints report links itself for January once January is over.
    state, links = feb["pengaduan.tindak_lanjut"]
    assert state == LENGKAP
    assert [(link.period, link.source) for link in links] == [("2026-01", "sigap")]
    assert links[0].url == "/pengaduan/tindak-lanjut/?bulan=2026-01"

    # An upload proves the benturan mapping.
    bukti = services.bukti_add(
        aksi=action(plan, "benturan.pemetaan"),
        actor=monev_people["tim"],
        periode="2026",
        jenis="sk",
        keterangan="SK Tim Benturan Kepentingan",
        tautan="https://dukcapil.contoh.go.id/sk-benturan",
    )
    state, links = indicator_status(2026, today=D(2026, 2, 2))["benturan.pemetaan"]
    assert state == LENGKAP and [link.url for link in links] == [f"/staf/laporan/rencana-kerja/bukti/{bukti.pk}/"]

    # Semester I has ended without a signed monev report: late; once signed, it links itself.
    july = indicator_status(2026, today=D(2026, 7, 2))
    assert july["pengaduan.monev"] == (BELUM_ADA, [])
    meeting(D(2026, 3, 8))
    sign(monev_people, 2026, 1, day=D(2026, 6, 30))
    state, links = indicator_status(2026, today=D(2026, 7, 2))["pengaduan.monev"]
    assert state == LENGKAP
    assert [link.url for link in links] == ["/staf/laporan/monev/2026/semester-1/versi/1/"]
    # Semester II ends unsigned: some proof, some missing.
    assert indicator_status(2027 - 1, today=D(2027, 1, 5))["pengaduan.monev"][0] == SEBAGIAN


def test_a_withdrawn_action_no_longer_counts(monev_people, plan):
    aksi = action(plan, "benturan.pemetaan")
    services.aksi_set_active(aksi=aksi, actor=monev_people["tim"], aktif=False)
    assert "benturan.pemetaan" not in indicator_status(2026, today=D(2026, 3, 1))


def test_evidence_needs_a_period_of_the_action_and_a_file_or_link(monev_people, plan):
    aksi = action(plan, "benturan.pemetaan")
    with pytest.raises(ValidationError) as refused:
        services.bukti_add(aksi=aksi, actor=monev_people["tim"], periode="2026-05", jenis="x")
    assert set(refused.value.message_dict) == {"periode", "jenis", "berkas"}
    with pytest.raises(PermissionDenied):
        services.bukti_add(aksi=aksi, actor=monev_people["kadis"], periode="2026", jenis="sk", tautan="https://a.id/")


def test_the_status_costs_the_same_whatever_the_size_of_the_plan(monev_people, plan):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            plan_status(2026, today=D(2026, 12, 31))
        return len(captured)

    first = plan.aksi.order_by("urutan").first()
    services.bukti_add(aksi=first, actor=monev_people["tim"], periode="2026", jenis="foto", tautan="https://a.id/")
    small = queries()
    for aksi in plan.aksi.all()[1:6]:
        for slot in slots(2026, aksi.bulan_mulai, aksi.bulan_selesai, aksi.frekuensi):
            services.bukti_add(
                aksi=aksi, actor=monev_people["tim"], periode=slot.key, jenis="foto", tautan="https://a.id/"
            )
    services.rencana_kerja_create(year=2025, actor=monev_people["tim"])
    assert queries() == small
