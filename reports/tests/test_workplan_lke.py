"""The work plan speaks for the LKE's items: its indicator codes are the worksheet's item
codes, a plan that proves an item proposes its first option with the evidence behind it,
a plan with evidence missing proposes nothing and says so, and the LHKPN/LHKASN items get
the plan's evidence while their percentage stays the register's."""

import datetime

import pytest

from reports.lke import sources
from reports.lke.models import LkeItem
from reports.workplan import lke_sources, services
from reports.workplan.indicators import INDICATORS

D = datetime.date


@pytest.fixture
def plan(monev_people, clock):
    clock.to(D(2026, 3, 10))
    return services.rencana_kerja_create(year=2026, actor=monev_people["tim"])


def test_the_plans_codes_are_the_worksheets_item_codes(db):
    seeded = set(LkeItem.objects.values_list("code", flat=True))
    assert set(lke_sources.ITEMS) <= seeded
    assert {code for code in INDICATORS if not code.startswith(("lhkpn.", "lhkasn."))} <= seeded


def test_a_proven_item_is_proposed_with_its_evidence(monev_people, plan):
    aksi = plan.aksi.get(indikator_kode="benturan.pemetaan")
    # Due 31 January, no evidence: nothing proposed, and the note says why.
    missing = lke_sources.source_for("benturan.pemetaan")(2026)
    assert missing.option is None and "buktinya belum ada" in missing.note and missing.evidence == ()

    bukti = services.bukti_add(
        aksi=aksi, actor=monev_people["tim"], periode="2026", jenis="sk", tautan="https://a.id/sk", keterangan="SK Tim"
    )
    proposal = lke_sources.source_for("benturan.pemetaan")(2026)
    assert proposal.option == "a"
    assert [(e.label, e.url, e.detail) for e in proposal.evidence] == [
        ("Surat keputusan: SK Tim", f"/staf/laporan/rencana-kerja/bukti/{bukti.pk}/", "Januari 2026")
    ]
    # On the LKE, the plan's evidence is listed with the other sources'.
    assert any(e.url.endswith(f"/bukti/{bukti.pk}/") for e in sources.propose("benturan.pemetaan", 2026).evidence)


def test_an_item_the_plan_does_not_serve_gets_nothing_from_it(monev_people, plan):
    assert lke_sources.source_for("spip.lingkungan")(2025) is None  # no plan that year
    services.aksi_set_active(
        aksi=plan.aksi.get(indikator_kode="spip.lingkungan"), actor=monev_people["tim"], aktif=False
    )
    assert lke_sources.source_for("spip.lingkungan")(2026) is None


def test_the_lhkpn_items_get_evidence_but_never_an_answer_from_the_plan(monev_people, plan):
    for code in ("lhkpn.penetapan_wajib", "lhkpn.kepatuhan"):
        services.bukti_add(
            aksi=plan.aksi.get(indikator_kode=code),
            actor=monev_people["tim"],
            periode="2026",
            jenis="sk",
            tautan="https://a.id/lhkpn",
        )
    proposal = lke_sources.source_for("reform.lhkpn")(2026)
    assert proposal.option is None and len(proposal.evidence) == 2
