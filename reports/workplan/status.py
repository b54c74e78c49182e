"""Where the work plan stands: per action and period, per indicator.

A period (slot) of an action has evidence when SIGAP's own report for it exists
(reports.workplan.outputs) or something was uploaded for it. Its state:
`ada` (evidence), `kurang` (past its due date without evidence), `belum_jatuh_tempo`
(not yet due, no evidence).

An indicator's state gathers the periods of its active actions:
- `lengkap`: no period is late, and at least one is due or has evidence
  (everything asked so far is proven);
- `sebagian`: some period is late, but some evidence exists;
- `belum_ada`: some period is late and there is no evidence at all;
- `belum_jatuh_tempo`: nothing due yet and nothing uploaded.
An indicator with no action in the year's plan is absent from indicator_status.

`indicator_status(year)` is what the LKE page reads; it costs a fixed number of queries.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from .models import BerkasBuktiAksi, BuktiAksi, RencanaAksi
from .outputs import SOURCE_UPLOAD, EvidenceLink, LinkContext, sigap_links
from .schedule import Slot, slots_of

ADA = "ada"
KURANG = "kurang"
BELUM_JATUH_TEMPO = "belum_jatuh_tempo"

LENGKAP = "lengkap"
SEBAGIAN = "sebagian"
BELUM_ADA = "belum_ada"

STATE_LABELS = {
    ADA: gettext_lazy("Ada bukti"),
    KURANG: gettext_lazy("Bukti belum ada, lewat batas"),
    BELUM_JATUH_TEMPO: gettext_lazy("Belum jatuh tempo"),
    LENGKAP: gettext_lazy("Lengkap"),
    SEBAGIAN: gettext_lazy("Sebagian"),
    BELUM_ADA: gettext_lazy("Belum ada bukti"),
}


@dataclass(frozen=True)
class SlotStatus:
    slot: Slot
    state: str
    links: tuple[EvidenceLink, ...]
    uploads: tuple[BuktiAksi, ...]

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])


@dataclass(frozen=True)
class ActionStatus:
    aksi: RencanaAksi
    slots: tuple[SlotStatus, ...]

    def missing(self, until: date) -> list[SlotStatus]:
        """Periods without evidence due by `until`."""
        return [s for s in self.slots if s.state != ADA and s.slot.due <= until]

    @property
    def links(self) -> list[EvidenceLink]:
        return [link for s in self.slots for link in s.links]


def _upload_links(aksi: RencanaAksi, slot: Slot, uploads: list[BuktiAksi]) -> list[EvidenceLink]:
    links = []
    for bukti in uploads:
        label = bukti.get_jenis_display()
        if bukti.keterangan:
            label = f"{label}: {bukti.keterangan}"
        links.append(
            EvidenceLink(
                label=label,
                url=reverse("reports:workplan_evidence", args=[bukti.pk]),
                period=slot.key,
                period_label=slot.label,
                source=SOURCE_UPLOAD,
            )
        )
    return links


def action_status(aksi: RencanaAksi, context: LinkContext, uploads: list[BuktiAksi]) -> ActionStatus:
    by_period: dict[str, list[BuktiAksi]] = defaultdict(list)
    for bukti in uploads:
        by_period[bukti.periode].append(bukti)
    result = []
    for slot in slots_of(aksi, context.year):
        mine = by_period.get(slot.key, [])
        links = [*sigap_links(aksi.jenis_output, slot, context), *_upload_links(aksi, slot, mine)]
        if links:
            state = ADA
        elif slot.is_due(context.today):
            state = KURANG
        else:
            state = BELUM_JATUH_TEMPO
        result.append(SlotStatus(slot, state, tuple(links), tuple(mine)))
    return ActionStatus(aksi, tuple(result))


def plan_status(
    year: int, *, today: date | None = None, active_only: bool = True, with_files: bool = True
) -> list[ActionStatus]:
    """Every action of the year's plan with the state of each of its periods (three
    queries, two without the uploads' files, plus one per SIGAP report type that needs
    to look at the records)."""
    context = LinkContext(year=year, today=today or timezone.localdate())
    actions = RencanaAksi.objects.filter(rencana__tahun=year).select_related("rencana", "unit")
    if active_only:
        actions = actions.filter(aktif=True)
    uploads = BuktiAksi.objects.order_by("periode", "dicatat_pada", "pk")
    if with_files:
        uploads = uploads.prefetch_related(
            Prefetch("berkas", queryset=BerkasBuktiAksi.objects.order_by("created_at", "pk"))
        )
    actions = actions.prefetch_related(Prefetch("bukti", queryset=uploads)).order_by("urutan", "pk")
    return [action_status(aksi, context, list(aksi.bukti.all())) for aksi in actions]


def combined_state(slots: list[SlotStatus]) -> str:
    late = any(s.state == KURANG for s in slots)
    evidenced = any(s.state == ADA for s in slots)
    if late:
        return SEBAGIAN if evidenced else BELUM_ADA
    if evidenced or any(s.state != BELUM_JATUH_TEMPO for s in slots):
        return LENGKAP
    return BELUM_JATUH_TEMPO


def indicator_status(year: int, *, today: date | None = None) -> dict[str, tuple[str, list[EvidenceLink]]]:
    """The plan's state per indicator code (reports.workplan.indicators) for `year`:
    (state, the evidence behind it: SIGAP's reports and uploads, each with its period).
    Indicators without an active action in the plan are absent."""
    slots: dict[str, list[SlotStatus]] = defaultdict(list)
    for status in plan_status(year, today=today):
        slots[status.aksi.indikator_kode].extend(status.slots)
    return {code: (combined_state(found), [link for s in found for link in s.links]) for code, found in slots.items()}
