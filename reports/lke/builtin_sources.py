"""SIGAP's own proposals for the LKE items, each read from its records for the year.

The kinds are read only through their casework.reporting objects (figures for a period;
the conflict-of-interest registers through BenturanReporting.registers), and the
LHKPN/LHKASN percentages from the register in reports.lhkpn. Each rule is written so an
evaluator can check it from the evidence it lists; where the records cannot tell (no
complaint received, no risk map yet) the source says so and proposes nothing, and the
evaluator answers.

Choice items' options are named by letter, as the seed (migration 0002) lays them out:
Ya/Tidak items a = Ya, b = Tidak; three-option items a = fully, b = partly, c = not;
the risk-map coverage a = every unit, b = at least half, c = fewer, d = none.
"""

from __future__ import annotations

from datetime import date

from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from casework.kinds import get_kind
from casework.reporting import KindFigures, Period, reporting_of

from ..document import percent
from .sources import Evidence, Proposal, register_source, remember

YA, TIDAK = "a", "b"
FULLY, PARTLY, NOT_YET = "a", "b", "c"


def _url(name: str, *args, query: dict | None = None) -> str:
    """The address of a page, or "" where that page is not installed."""
    try:
        url = reverse(name, args=args)
    except NoReverseMatch:
        return ""
    return f"{url}?{urlencode(query)}" if query else url


def _reporting(kind_code: str):
    try:
        return reporting_of(get_kind(kind_code))
    except LookupError:
        return None


def _figures(kind_code: str, year: int) -> KindFigures | None:
    def compute():
        reporting = _reporting(kind_code)
        return reporting.figures(Period.year(year)) if reporting is not None else None

    return remember(("figures", kind_code, year), compute)


def _year_query(year: int) -> dict:
    return {"dari": date(year, 1, 1).isoformat(), "sampai": date(year, 12, 31).isoformat()}


def _counts(figures: KindFigures) -> str:
    return _("%(received)s diterima, %(finished)s selesai, %(open)s dalam proses") % {
        "received": figures.received,
        "finished": figures.finished,
        "open": figures.in_process,
    }


def _graded(part: int, whole: int) -> str:
    """Fully, partly or not yet, by how much of `whole` is `part` (whole > 0)."""
    if part >= whole:
        return FULLY
    return PARTLY if part > 0 else NOT_YET


# --- Gratifikasi ----------------------------------------------------------------------


def gratifikasi_implemented(year: int) -> Proposal | None:
    figures = _figures("gratifikasi", year)
    if figures is None:
        return None
    evidence = (
        Evidence(
            _("Rekap gratifikasi %(year)s") % {"year": year},
            _url("gratifikasi_staff:summary", query={"periode": "rentang", **_year_query(year)}),
            _counts(figures),
        ),
    )
    if not figures.received:
        return Proposal(note=_("Belum ada laporan gratifikasi tercatat di SIGAP untuk tahun ini."), evidence=evidence)
    return Proposal(
        option=YA,
        note=_("UPG menerima dan menangani laporan gratifikasi di SIGAP tahun ini (%(counts)s).")
        % {"counts": _counts(figures)},
        evidence=evidence,
    )


# --- Pengaduan masyarakat -------------------------------------------------------------


def _pengaduan_evidence(figures: KindFigures, year: int) -> tuple[Evidence, ...]:
    return (
        Evidence(
            _("Daftar pengaduan yang diterima tahun %(year)s") % {"year": year},
            _url("pengaduan_staff:list", query=_year_query(year)),
            _counts(figures),
        ),
    )


def pengaduan_policy(year: int) -> Proposal | None:
    figures = _figures("pengaduan", year)
    if figures is None:
        return None
    evidence = _pengaduan_evidence(figures, year)
    if not figures.received:
        return Proposal(
            note=_("Belum ada pengaduan yang diterima tahun ini; SIGAP tidak dapat menilainya."), evidence=evidence
        )
    if figures.finished:
        return Proposal(
            option=FULLY,
            note=_(
                "Pengaduan diterima dan ditangani sampai selesai menurut alur dan batas waktu di SIGAP (%(counts)s)."
            )
            % {"counts": _counts(figures)},
            evidence=evidence,
        )
    return Proposal(
        option=PARTLY,
        note=_("Pengaduan diterima di SIGAP tetapi belum ada yang selesai ditangani (%(counts)s).")
        % {"counts": _counts(figures)},
        evidence=evidence,
    )


def pengaduan_followed_up(year: int) -> Proposal | None:
    figures = _figures("pengaduan", year)
    if figures is None:
        return None
    evidence = _pengaduan_evidence(figures, year)
    if not figures.received:
        return Proposal(note=_("Belum ada pengaduan yang diterima tahun ini."), evidence=evidence)
    return Proposal(
        option=YA if figures.finished else TIDAK,
        note=_("%(finished)s dari %(received)s pengaduan tahun ini selesai ditindaklanjuti.")
        % {"finished": figures.finished, "received": figures.received},
        evidence=evidence,
    )


def pengaduan_completed_percent(year: int) -> Proposal | None:
    """Reform: % completed = completed ÷ to be followed up (the complaints received in the
    year, each to be followed up, and those of them in a final state)."""
    figures = _figures("pengaduan", year)
    if figures is None:
        return None
    return Proposal(
        percent=percent(figures.finished, figures.received),
        numerator=figures.finished,
        denominator=figures.received,
        note=_("Selesai ÷ harus ditindaklanjuti: pengaduan yang diterima tahun ini dan yang sudah selesai.")
        if figures.received
        else _("Tidak ada pengaduan yang harus ditindaklanjuti tahun ini; persentase tidak dihitung."),
        evidence=_pengaduan_evidence(figures, year),
    )


# --- Whistle-Blowing System -----------------------------------------------------------


def wbs_applied(year: int) -> Proposal | None:
    figures = _figures("wbs", year)
    if figures is None:
        return None
    # Counts only: nothing of a WBS report's content leaves the WBS handlers.
    return Proposal(
        option=YA,
        note=_("Saluran WBS SIGAP terbuka untuk pegawai dan masyarakat, anonim bila diinginkan; %(counts)s tahun ini.")
        % {"counts": _counts(figures)},
        evidence=(Evidence(_("Saluran pelaporan WBS"), _url("wbs:create"), _counts(figures)),),
    )


# --- Benturan kepentingan -------------------------------------------------------------


def _registers(year: int):
    def compute():
        reporting = _reporting("benturan")
        registers = getattr(reporting, "registers", None)
        return registers(year) if registers is not None else None

    return remember(("benturan-registers", year), compute)


def _risk_map_evidence(figures) -> Evidence:
    return Evidence(
        _("Peta risiko benturan kepentingan"),
        _url("benturan_register:risk_map"),
        _("%(entries)s entri; %(mapped)s dari %(units)s unit kerja terpetakan; %(reviewed)s ditinjau tahun ini")
        % {
            "entries": figures.entries,
            "mapped": figures.units_mapped,
            "units": figures.units,
            "reviewed": figures.entries_reviewed,
        },
    )


def benturan_mapped(year: int) -> Proposal | None:
    figures = _registers(year)
    if figures is None:
        return None
    evidence = (_risk_map_evidence(figures),)
    if not figures.entries or not figures.units:
        return Proposal(note=_("Peta risiko benturan kepentingan di SIGAP belum berisi entri."), evidence=evidence)
    if figures.units_mapped >= figures.units:
        option = "a"
    elif figures.units_mapped * 2 >= figures.units:
        option = "b"
    else:
        option = "c"
    return Proposal(
        option=option,
        note=_("%(mapped)s dari %(units)s unit kerja aktif punya entri peta risiko sampai akhir tahun.")
        % {"mapped": figures.units_mapped, "units": figures.units},
        evidence=evidence,
    )


def benturan_socialised(year: int) -> Proposal | None:
    figures = _registers(year)
    if figures is None:
        return None
    if figures.campaign_id is None:
        return Proposal(
            note=_("Belum ada kampanye deklarasi benturan kepentingan tahun ini di SIGAP."),
            evidence=(Evidence(_("Kampanye deklarasi tahunan"), _url("benturan_register:campaigns")),),
        )
    counts = _("%(declared)s dari %(obliged)s pegawai sudah menyatakan") % {
        "declared": figures.campaign_declared,
        "obliged": figures.campaign_obliged,
    }
    evidence = (
        Evidence(
            _("Kampanye deklarasi benturan kepentingan %(year)s") % {"year": year},
            _url("benturan_register:campaign", figures.campaign_id),
            counts,
        ),
    )
    if not figures.campaign_obliged:
        return Proposal(note=_("Kampanye deklarasi tahun ini tidak mewajibkan seorang pun."), evidence=evidence)
    return Proposal(
        option=_graded(figures.campaign_declared, figures.campaign_obliged),
        note=_("Kampanye deklarasi tahunan: %(counts)s.") % {"counts": counts},
        evidence=evidence,
    )


def benturan_implemented(year: int) -> Proposal | None:
    figures = _registers(year)
    if figures is None:
        return None
    counts = _("%(decided)s dari %(cases)s kasus tahun ini diputuskan atasan; %(controls)s pengendalian diputuskan") % {
        "decided": figures.cases_decided,
        "cases": figures.cases,
        "controls": figures.controls_decided,
    }
    evidence = (
        Evidence(_("Matrik implementasi pengendalian"), _url("benturan_register:matrix"), counts),
        Evidence(_("Daftar kasus benturan kepentingan"), _url("benturan_staff:list")),
    )
    if not figures.cases:
        if figures.controls_decided:
            return Proposal(option=FULLY, note=counts + ".", evidence=evidence)
        return Proposal(note=_("Tidak ada kasus benturan kepentingan tahun ini di SIGAP."), evidence=evidence)
    return Proposal(option=_graded(figures.cases_decided, figures.cases), note=counts + ".", evidence=evidence)


def _risk_map_share(year: int, part: str, sentence: str) -> Proposal | None:
    """Fully, partly or not, by the share of the year's risk-map entries that have
    `part` (a field of the registers' figures); `sentence` says it with %(part)s and
    %(entries)s."""
    figures = _registers(year)
    if figures is None:
        return None
    evidence = (_risk_map_evidence(figures),)
    if not figures.entries:
        return Proposal(note=_("Peta risiko benturan kepentingan di SIGAP belum berisi entri."), evidence=evidence)
    count = getattr(figures, part)
    return Proposal(
        option=_graded(count, figures.entries),
        note=sentence % {"part": count, "entries": figures.entries},
        evidence=evidence,
    )


def benturan_evaluated(year: int) -> Proposal | None:
    return _risk_map_share(
        year, "entries_reviewed", _("%(part)s dari %(entries)s entri peta risiko ditinjau tahun ini.")
    )


def benturan_followed_up(year: int) -> Proposal | None:
    return _risk_map_share(
        year,
        "entries_with_controls",
        _("%(part)s dari %(entries)s risiko yang dipetakan sudah punya pengendalian tercatat."),
    )


# --- LHKPN / LHKASN -------------------------------------------------------------------


def _filing_percent(jenis: str):
    def source(year: int) -> Proposal:
        from ..lhkpn.selectors import compliance

        figures = remember(("lhkpn", year), lambda: compliance(year))[jenis]
        counts = _("%(filed)s dari %(obliged)s wajib lapor sudah menyampaikan") % {
            "filed": figures.filed,
            "obliged": figures.obliged,
        }
        return Proposal(
            percent=figures.percent,
            numerator=figures.filed,
            denominator=figures.obliged,
            note=counts + "."
            if figures.obliged
            else _("Belum ada wajib lapor %(kind)s yang ditetapkan untuk tahun ini di register.")
            % {"kind": figures.label},
            evidence=(
                Evidence(
                    _("Register %(kind)s %(year)s") % {"kind": figures.label, "year": year},
                    _url("reports:lhkpn", query={"tahun": year}),
                    counts,
                ),
            ),
        )

    source.__name__ = f"filing_percent_{jenis}"
    return source


lhkpn_percent = _filing_percent("lhkpn")
lhkasn_percent = _filing_percent("lhkasn")

#: Item code → SIGAP's own source (the codes of the seeded worksheet).
BUILTIN = {
    "gratifikasi.implementasi": gratifikasi_implemented,
    "pengaduan.kebijakan": pengaduan_policy,
    "pengaduan.tindak_lanjut": pengaduan_followed_up,
    "wbs.penerapan": wbs_applied,
    "benturan.pemetaan": benturan_mapped,
    "benturan.sosialisasi": benturan_socialised,
    "benturan.implementasi": benturan_implemented,
    "benturan.evaluasi": benturan_evaluated,
    "benturan.evaluasi_tindak_lanjut": benturan_followed_up,
    "reform.penanganan_pengaduan": pengaduan_completed_percent,
    "reform.lhkpn": lhkpn_percent,
    "reform.lhkasn": lhkasn_percent,
}


def register_all() -> None:
    for code, source in BUILTIN.items():
        register_source(code, source)
