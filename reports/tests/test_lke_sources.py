"""Where the LKE's proposals come from: the registry of sources (an item with none says
"belum ada data di SIGAP"; the first source to answer decides; every source's evidence
is listed), and SIGAP's own sources read from its records, each figure recomputed here
from the raw rows with a plain loop: complaints received and finished in the year
("% completed = completed ÷ to be followed up"), the LHKPN/LHKASN register, and the
conflict-of-interest registers read through BenturanReporting."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.models import UnitKerja
from benturan.choices import Asal, Jenis, JenisHal, Sumber
from benturan.choices import State as BenturanState
from benturan.models import Benturan, KampanyeDeklarasi, KewajibanDeklarasi, PetaRisiko, PetaRisikoVersi
from casework.models import Case
from pengaduan.choices import FINAL_STATES as PENGADUAN_FINAL
from pengaduan.choices import State as PengaduanState
from pengaduan.models import KategoriLayanan, Pengaduan
from reports.lhkpn.models import LhkpnKewajiban
from reports.lke import builtin_sources, selectors, sources
from reports.lke.sources import Evidence, Proposal
from reports.tests.lke_helpers import YEAR, make_case, make_framework, register  # noqa: F401

pytestmark = pytest.mark.django_db
THIS_YEAR = 2025


# --- The registry ---------------------------------------------------------------------------


def test_an_item_without_a_source_has_no_proposal_and_says_so(register):  # noqa: F811
    make_framework([("pemenuhan", [("sub", [("tanpa.sumber", "1", 3)])])])
    result = selectors.evaluate(YEAR).items()[0]
    assert result.proposal is None and result.chosen is None and not result.answered
    from reports.lke import report

    assert report.proposal_text(result) == "belum ada data di SIGAP"


def test_the_first_source_to_answer_decides_and_every_source_gives_evidence(register):  # noqa: F811
    register("x.item", lambda year: None)
    register("x.item", lambda year: Proposal(note="tidak tahu", evidence=(Evidence("A", "/a/"),)))
    register("x.item", lambda year: Proposal(option="b", note="dari rencana kerja", evidence=(Evidence("B"),)))
    register("x.item", lambda year: Proposal(option="a", note="kedua", evidence=(Evidence("C"),)))
    proposal = sources.propose("x.item", 2026)
    assert proposal.option == "b"
    assert [evidence.label for evidence in proposal.evidence] == ["A", "B", "C"]
    assert proposal.note == "dari rencana kerja"


def test_sigaps_own_sources_come_before_any_registered_later(register):  # noqa: F811
    register("pengaduan.kebijakan", lambda year: Proposal(option="c", note="lain"))
    assert sources.sources_for("pengaduan.kebijakan")[0] is builtin_sources.pengaduan_policy


def test_a_work_plan_source_answers_an_item_sigap_has_no_records_for(register):  # noqa: F811
    register(
        "gratifikasi.kampanye",
        lambda year: Proposal(option="a", note="Rencana aksi selesai", evidence=(Evidence("Rencana kerja", "/rk/"),)),
    )
    evaluation = selectors.evaluate(THIS_YEAR)
    result = next(r for r in evaluation.items() if r.item.code == "gratifikasi.kampanye")
    assert result.proposed_option.letter == "a" and result.score == Decimal("0.75")


# --- Complaints -----------------------------------------------------------------------------


@pytest.fixture
def complaints(db):
    """Complaints received in THIS_YEAR in every state, the year's last day included, and
    some of the years around it that must not count."""
    kategori = KategoriLayanan.objects.first()
    made = []
    states = list(PengaduanState)
    days = [datetime.date(THIS_YEAR, 1, 1), datetime.date(THIS_YEAR, 6, 30), datetime.date(THIS_YEAR, 12, 31)]
    number = 0
    for index, state in enumerate(states * 2):
        number += 1
        made.append(
            make_case(
                Pengaduan,
                kind="pengaduan",
                number=number,
                state=state,
                received_on=days[index % 3],
                closed=state in PENGADUAN_FINAL,
                isi="uji",
                kategori=kategori,
            )
        )
    for year in (THIS_YEAR - 1, THIS_YEAR + 1):
        number += 1
        make_case(
            Pengaduan,
            kind="pengaduan",
            number=number,
            state=PengaduanState.SELESAI,
            received_on=datetime.date(year, 6, 1),
            closed=True,
            isi="uji",
            kategori=kategori,
        )
    return made


def _complaint_counts(year):
    """From the raw rows: received in `year`, and of them in a final state."""
    received = finished = 0
    for case in Case.objects.filter(kind="pengaduan"):
        if case.received_on.year == year:
            received += 1
            finished += case.state in {str(state) for state in PENGADUAN_FINAL}
    return received, finished


def test_the_completed_percentage_is_completed_over_to_be_followed_up(complaints):
    received, finished = _complaint_counts(THIS_YEAR)
    assert received == len(complaints)
    proposal = builtin_sources.pengaduan_completed_percent(THIS_YEAR)
    assert (proposal.numerator, proposal.denominator) == (finished, received)
    assert proposal.percent == (Decimal(finished) * 100 / Decimal(received)).quantize(Decimal("0.1"))
    result = next(r for r in selectors.evaluate(THIS_YEAR).items() if r.item.code == "reform.penanganan_pengaduan")
    assert result.score == (Decimal(3) * finished / received).quantize(Decimal("0.0001"))


def test_complaints_handled_propose_the_policy_implemented_and_followed_up(complaints):
    assert builtin_sources.pengaduan_policy(THIS_YEAR).option == "a"
    followed = builtin_sources.pengaduan_followed_up(THIS_YEAR)
    assert followed.option == "a"
    received, finished = _complaint_counts(THIS_YEAR)
    assert f"{finished} dari {received}" in followed.note
    assert followed.evidence[0].url.startswith("/staf/pengaduan/?")


def test_complaints_received_but_none_finished_are_not_followed_up():
    kategori = KategoriLayanan.objects.first()
    make_case(
        Pengaduan,
        kind="pengaduan",
        number=1,
        state=PengaduanState.DIVERIFIKASI,
        received_on=datetime.date(THIS_YEAR, 3, 1),
        closed=False,
        isi="uji",
        kategori=kategori,
    )
    assert builtin_sources.pengaduan_followed_up(THIS_YEAR).option == "b"
    assert builtin_sources.pengaduan_policy(THIS_YEAR).option == "b"
    assert builtin_sources.pengaduan_completed_percent(THIS_YEAR).percent == Decimal("0.0")


def test_a_year_without_complaints_proposes_nothing_and_divides_by_nothing():
    assert not builtin_sources.pengaduan_policy(THIS_YEAR).answers
    assert not builtin_sources.pengaduan_followed_up(THIS_YEAR).answers
    percentage = builtin_sources.pengaduan_completed_percent(THIS_YEAR)
    assert percentage.percent is None and percentage.denominator == 0


def test_the_wbs_channel_is_applied_and_shows_counts_only():
    proposal = builtin_sources.wbs_applied(THIS_YEAR)
    assert proposal.option == "a"
    assert proposal.evidence[0].url == "/wbs/lapor/"


# --- LHKPN / LHKASN -------------------------------------------------------------------------


def test_the_filing_percentages_come_from_the_register(make_user):
    keeper = make_user()
    people = [make_user() for _ in range(7)]
    plan = [("lhkpn", True), ("lhkpn", False), ("lhkpn", True), ("lhkasn", True), ("lhkasn", False)]
    plan += [("lhkasn", False), ("lhkasn", False)]
    for person, (jenis, filed) in zip(people, plan, strict=True):
        LhkpnKewajiban.objects.create(
            tahun=THIS_YEAR,
            pegawai=person,
            jenis=jenis,
            ditetapkan_oleh=keeper,
            tanggal_lapor=datetime.date(THIS_YEAR, 3, 1) if filed else None,
            nomor_tanda_terima="TT-1" if filed else "",
            dicatat_oleh=keeper if filed else None,
            dicatat_pada=timezone.now() if filed else None,
        )
    # Another year's rows do not count.
    LhkpnKewajiban.objects.create(tahun=THIS_YEAR - 1, pegawai=people[0], jenis="lhkpn", ditetapkan_oleh=keeper)
    counts = {}
    for row in LhkpnKewajiban.objects.all():
        if row.tahun == THIS_YEAR:
            obliged, filed = counts.get(row.jenis, (0, 0))
            counts[row.jenis] = (obliged + 1, filed + (row.tanggal_lapor is not None))
    for jenis, source in (("lhkpn", builtin_sources.lhkpn_percent), ("lhkasn", builtin_sources.lhkasn_percent)):
        obliged, filed = counts[jenis]
        proposal = source(THIS_YEAR)
        assert (proposal.numerator, proposal.denominator) == (filed, obliged)
        assert proposal.percent == (Decimal(filed) * 100 / obliged).quantize(Decimal("0.1"))
    scores = {r.item.code: r.score for r in selectors.evaluate(THIS_YEAR).items()}
    assert scores["reform.lhkpn"] == (Decimal(2) / 3).quantize(Decimal("0.0001"))
    assert scores["reform.lhkasn"] == Decimal("0.25")


def test_nobody_obliged_is_no_percentage_and_no_division():
    proposal = builtin_sources.lhkpn_percent(THIS_YEAR)
    assert proposal.percent is None and proposal.denominator == 0
    result = next(r for r in selectors.evaluate(THIS_YEAR).items() if r.item.code == "reform.lhkpn")
    assert result.score == 0 and not result.answered
    from reports.lke import report

    assert report.proposal_text(result).startswith("—")


# --- Conflicts of interest ------------------------------------------------------------------


@pytest.fixture
def registers(make_user):
    """Four active units (one inactive), three risk-map entries in two of them (one
    reviewed this year, one last year, one naming its controls), a campaign with three
    obliged and two declared, and conflict cases: two this year (one decided), one the
    year before."""
    units = [UnitKerja.objects.create(code=f"u{n}", name=f"Unit {n}", level="seksi") for n in range(4)]
    UnitKerja.objects.create(code="lama", name="Unit lama", level="seksi", is_active=False)
    owner = make_user()
    moment = timezone.make_aware(datetime.datetime(THIS_YEAR, 2, 1, 9, 0))
    entries = []
    for n, (unit, controls) in enumerate([(units[0], "Verifikasi berjenjang"), (units[0], ""), (units[1], "")]):
        entries.append(
            PetaRisiko.objects.create(
                unit=unit,
                objek="jabatan",
                nama=f"Jabatan {n}",
                uraian_risiko="Risiko",
                kemungkinan=2,
                dampak=3,
                pengendalian_ada=controls,
                pemilik=owner,
                tinjau_berikutnya=datetime.date(THIS_YEAR + 1, 1, 1),
                dibuat_pada=moment,
            )
        )
    for entry, (number, aksi, when) in zip(
        entries,
        [(2, "ditinjau", moment + datetime.timedelta(days=90)), (2, "ditinjau", moment - datetime.timedelta(days=90))],
        strict=False,
    ):
        PetaRisikoVersi.objects.create(entri=entry, nomor=number, aksi=aksi, oleh=owner, pada=when)
    # A second review of the same entry in the year counts it once.
    PetaRisikoVersi.objects.create(
        entri=entries[0], nomor=3, aksi="ditinjau", oleh=owner, pada=moment + datetime.timedelta(days=120)
    )
    campaign = KampanyeDeklarasi.objects.create(
        tahun=THIS_YEAR, batas_waktu=datetime.date(THIS_YEAR, 3, 1), dibuka_oleh=owner
    )
    for n, declared in enumerate([True, True, False]):
        KewajibanDeklarasi.objects.create(
            kampanye=campaign,
            pegawai=make_user(),
            unit=units[n],
            jawaban="tidak_ada" if declared else "",
            dinyatakan_pada=moment if declared else None,
        )
    official = make_user()
    for number, (state, received) in enumerate(
        [
            (BenturanState.ANALISIS, datetime.date(THIS_YEAR, 4, 1)),
            (BenturanState.SELESAI, datetime.date(THIS_YEAR, 5, 1)),
            (BenturanState.SELESAI, datetime.date(THIS_YEAR - 1, 5, 1)),
        ],
        start=1,
    ):
        make_case(
            Benturan,
            kind="benturan",
            number=number,
            state=state,
            received_on=received,
            closed=state == BenturanState.SELESAI,
            declarant=official,
            pejabat=official,
            asal=Asal.DEKLARASI,
            jenis=Jenis.POTENSIAL,
            sumber=Sumber.KEWENANGAN,
            hal_jenis=JenisHal.KEPUTUSAN,
            hal="Pengadaan",
            kepentingan="Keluarga",
        )
    return units


def test_the_registers_figures_read_through_benturan_reporting(registers):
    figures = builtin_sources._registers(THIS_YEAR)
    assert (figures.units, figures.units_mapped) == (4, 2)
    assert (figures.entries, figures.entries_reviewed, figures.entries_with_controls) == (3, 1, 1)
    assert (figures.campaign_obliged, figures.campaign_declared) == (3, 2)
    assert (figures.cases, figures.cases_decided) == (2, 1)


def test_the_conflict_items_are_proposed_from_the_registers(registers):
    proposals = sources.propose_all(
        [
            "benturan.pemetaan",
            "benturan.sosialisasi",
            "benturan.implementasi",
            "benturan.evaluasi",
            "benturan.evaluasi_tindak_lanjut",
        ],
        THIS_YEAR,
    )
    # Two of four units mapped: at least half (b); two of three declared: partly (b);
    # one of two cases decided: partly; one of three entries reviewed; one with controls.
    assert {code: proposal.option for code, proposal in proposals.items()} == {
        "benturan.pemetaan": "b",
        "benturan.sosialisasi": "b",
        "benturan.implementasi": "b",
        "benturan.evaluasi": "b",
        "benturan.evaluasi_tindak_lanjut": "b",
    }
    assert proposals["benturan.pemetaan"].evidence[0].url == "/staf/register-benturan/peta-risiko/"


def test_no_risk_map_and_no_campaign_propose_nothing():
    proposals = sources.propose_all(["benturan.pemetaan", "benturan.sosialisasi", "benturan.evaluasi"], THIS_YEAR)
    assert not any(proposal.answers for proposal in proposals.values())
    assert "belum berisi entri" in proposals["benturan.pemetaan"].note


def test_the_page_reads_each_kinds_figures_once(complaints, django_assert_max_num_queries):
    # The worksheet (4), the overrides (1), and each source's figures once, however many
    # items read them: the complaints' five, the registers' seven, gratifikasi's and the
    # WBS's five each, the LHKPN register's one.
    with django_assert_max_num_queries(4 + 1 + 5 + 7 + 5 + 5 + 1 + 2):
        selectors.evaluate(THIS_YEAR)
