"""The work plan as a source of the LKE's proposed answers (reports.lke.sources), for the
items of the Penguatan Pengawasan worksheet whose codes are the plan's indicator codes
(reports.workplan.indicators).

For an item the year's plan has actions for, the source lists the evidence behind them
(SIGAP's own reports and the uploads) and says where they stand. It proposes an answer
only when the plan proves it: every period due so far has its evidence, which supports
the item's first option ("Ya", or the fullest of three). A plan with evidence missing
proposes nothing and says what is missing: the action may have been done without its
evidence being recorded, and the evaluator decides. The LHKPN and LHKASN percentages are
computed from their register (reports.lhkpn); the plan only adds its evidence (the SK of
the officials obliged, the proof of filing).

Registered from reports.apps; every LKE evaluation computes the plan's state once per
year (reports.lke.sources.remember).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from .indicators import INDICATORS
from .outputs import EvidenceLink
from .status import BELUM_ADA, BELUM_JATUH_TEMPO, LENGKAP, SEBAGIAN, indicator_status

#: LKE item code → the plan's indicator codes that speak for it.
ITEMS: dict[str, tuple[str, ...]] = {
    **{code: (code,) for code in INDICATORS if not code.startswith(("lhkpn.", "lhkasn."))},
    "reform.lhkpn": ("lhkpn.penetapan_wajib", "lhkpn.kepatuhan"),
    "reform.lhkasn": ("lhkasn.penetapan_wajib", "lhkasn.kepatuhan"),
}
#: Items whose answer is computed elsewhere: the plan gives evidence, never the answer.
EVIDENCE_ONLY = frozenset({"reform.lhkpn", "reform.lhkasn"})


def _note(state: str) -> str:
    return {
        LENGKAP: _("Setiap periode rencana aksi yang sudah jatuh tempo memiliki buktinya."),
        SEBAGIAN: _("Sebagian periode rencana aksi yang sudah jatuh tempo belum memiliki bukti."),
        BELUM_ADA: _("Rencana aksi sudah jatuh tempo, tetapi buktinya belum ada."),
        BELUM_JATUH_TEMPO: _("Rencana aksi belum jatuh tempo."),
    }[state]


def _evidence(link: EvidenceLink):
    from reports.lke.sources import Evidence

    return Evidence(label=link.label, url=link.url, detail=link.period_label)


def _worst(states: list[str]) -> str:
    for state in (BELUM_ADA, SEBAGIAN, LENGKAP):
        if state in states:
            return state
    return BELUM_JATUH_TEMPO


def source_for(item_code: str):
    """The LKE source of `item_code`: a function of the year."""
    from reports.lke.sources import Proposal, remember

    codes = ITEMS[item_code]

    def source(year: int):
        found = remember(("workplan", year), lambda: indicator_status(year))
        mine = [found[code] for code in codes if code in found]
        if not mine:
            return None  # no action of the year's plan serves this item
        state = _worst([state for state, _links in mine])
        evidence = tuple(_evidence(link) for _state, links in mine for link in links)
        answers = state == LENGKAP and item_code not in EVIDENCE_ONLY
        return Proposal(
            option="a" if answers else None,
            note=_("Rencana kerja %(year)d: %(state)s") % {"year": year, "state": _note(state)},
            evidence=evidence,
        )

    source.__name__ = f"workplan_{item_code.replace('.', '_')}"
    return source


def register_all() -> None:
    from reports.lke.sources import register_source

    for item_code in ITEMS:
        register_source(item_code, source_for(item_code))
