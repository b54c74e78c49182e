"""Where the LKE's proposed answers come from: a small registry of evidence sources, one
or more per item code.

A source is a function `source(year) -> Proposal | None`. It reads SIGAP's records for
that year and says which answer they support (`option`, the letter of a choice item's
option, or `percent` for a computed item), why (`note`, one or two sentences), and the
records behind it (`evidence`: links to the reports and registers an evaluator opens).
It returns None when it has nothing to say for the year.

SIGAP's own sources (reports.lke.builtin_sources) read the kinds through their
casework.reporting objects and the LHKPN register. Other report modules add theirs by
item code, for example the work plan's state per indicator:

    from reports.lke.sources import register_source
    register_source("gratifikasi.kampanye", lambda year: indicator_proposal(year, "gratifikasi.kampanye"))

Register from AppConfig.ready() or the module the LKE page imports anyway; registering
the same function twice for an item is harmless. For an item with several sources the
first that proposes an answer decides it, in the order registered (built-ins first), and
the evidence of every source is listed, with the answering source's note. An item with no source, or whose sources all
return None, shows "belum ada data di SIGAP" and waits for the evaluator's answer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Evidence:
    """A record or report that justifies a proposal."""

    label: str
    url: str = ""
    #: The figure it shows, e.g. "12 diterima, 10 selesai".
    detail: str = ""


@dataclass(frozen=True)
class Proposal:
    #: The letter of the proposed option (choice items).
    option: str | None = None
    #: The computed percentage, 0–100 (percentage items); None with `denominator` 0.
    percent: Decimal | None = None
    #: What the percentage divides, shown beside it ("10 dari 12").
    numerator: int | None = None
    denominator: int | None = None
    note: str = ""
    evidence: tuple[Evidence, ...] = field(default=())

    @property
    def answers(self) -> bool:
        return self.option is not None or self.percent is not None


Source = Callable[[int], "Proposal | None"]

_SOURCES: dict[str, list[Source]] = {}
_builtins_loaded = False
#: Figures several sources read (a kind's year), computed once per propose_all().
_memo: ContextVar[dict | None] = ContextVar("lke_source_memo", default=None)


def register_source(item_code: str, source: Source) -> None:
    """Add `source` for the item with `item_code` (see the module's docstring)."""
    _load_builtins()  # SIGAP's own sources come first, whoever registers first
    found = _SOURCES.setdefault(item_code, [])
    if source not in found:
        found.append(source)


def unregister_source(item_code: str, source: Source) -> None:
    """Remove a source (tests, or a module replacing its own)."""
    if source in _SOURCES.get(item_code, []):
        _SOURCES[item_code].remove(source)


def _load_builtins() -> None:
    # Lazily, so that importing this module to register a source never imports the kinds.
    global _builtins_loaded
    if not _builtins_loaded:
        _builtins_loaded = True
        from . import builtin_sources

        builtin_sources.register_all()


def sources_for(item_code: str) -> list[Source]:
    _load_builtins()
    return list(_SOURCES.get(item_code, []))


def propose(item_code: str, year: int) -> Proposal | None:
    """The combined proposal of the item's sources for `year`, or None when none speaks."""
    answer: Proposal | None = None
    spoke: list[Proposal] = []
    evidence: list[Evidence] = []
    for source in sources_for(item_code):
        proposal = source(year)
        if proposal is None:
            continue
        evidence.extend(proposal.evidence)
        spoke.append(proposal)
        if answer is None and proposal.answers:
            answer = proposal
    if not spoke:
        return None
    # The answer is explained by its own source alone (another's "no records" would only
    # contradict it); without one, every source says what it found, and the first keeps
    # its terms (a percentage with nothing to divide: 0 of 0).
    base = answer or spoke[0]
    note = base.note if answer else " ".join(dict.fromkeys(p.note for p in spoke if p.note))
    return Proposal(
        option=base.option,
        percent=base.percent,
        numerator=base.numerator,
        denominator=base.denominator,
        note=note,
        evidence=tuple(evidence),
    )


def propose_all(item_codes: Iterable[str], year: int) -> dict[str, Proposal | None]:
    """The proposal of every item in `item_codes` for `year`; figures the sources share
    through remember() are read once for the whole call."""
    token = _memo.set({})
    try:
        return {code: propose(code, year) for code in item_codes}
    finally:
        _memo.reset(token)


def remember(key, compute: Callable[[], object]):
    """compute(), once per propose_all() call for the same key (every call outside one)."""
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]
