"""The registry of case kinds. Each case-type app registers its kind in AppConfig.ready()."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.apps import apps
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from .models import Case
    from .policy import CasePolicy


@dataclass(frozen=True)
class CaseKind:
    code: str  # stored in Case.kind, e.g. "pengaduan"
    prefix: str  # reference prefix, e.g. "PGD" → PGD/2026/000123
    label: str  # human name (lazy translation)
    model_label: str  # "app_label.ModelName" of the kind's subclass of Case
    policy: CasePolicy
    initial_state: str
    final_states: frozenset[str] = field(default_factory=frozenset)
    state_labels: dict[str, str] = field(default_factory=dict)
    # Default confidentiality and anonymity of a new case of this kind (safe by default).
    default_confidentiality: str = "rahasia"
    default_anonymous: bool = True
    # Name of the URL (taking the case pk) where staff open a case of this kind.
    detail_url_name: str = ""
    # Dotted path of the function that renders the kind's own staff page, for a kind with
    # its own detail_url_name: `page(request, case, *, status=200, **bound_forms)` returning
    # an HttpResponse, with any bound form (by its context name) shown instead of a blank
    # one. The shared endpoints of casework.views_case (message, note, assignment,
    # confidentiality) re-render a refused form through it, so the user stays on the
    # kind's page with what they typed. Such a kind changes state only through its own
    # forms and services: the shared panel lists no transitions for it and the generic
    # transition endpoint refuses them.
    staff_page: str = ""
    # Labels of the kind's history lines that are not state changes (the `change` of
    # casework.services.record_case_event, e.g. "identity_request"), shown in the staff
    # history instead of the bare name.
    event_labels: dict[str, str] = field(default_factory=dict)
    # Translatable names of the kind's deadline clocks. The stage names staff read are the
    # SlaPolicy labels, data in the site's language that an administrator may edit; on a
    # page in another language these are shown instead (see stage_label).
    clock_labels: dict[str, str] = field(default_factory=dict)
    # The confidentiality levels a case of this kind may have (empty: all); the staff
    # page offers only these.
    confidentiality_levels: frozenset[str] = frozenset()
    # Dotted path of `hook(case, data)`, called after the task worker opened a case that
    # casework.intake accepted earlier, with the `after_open` data given to accept() (e.g.
    # to send the receipt notice the request could not send before the case existed).
    on_deferred_open: str = ""
    # Dotted path of `hook(case, *, previous_id, actor, request)`, called by the engine in
    # the transaction of any change of the case's assignee (casework.services.
    # assignee_changed), with the row locked: what was granted to the one who held the
    # case ends when they no longer hold it (a WBS identity approval).
    on_assignee_change: str = ""
    # Dotted path of `hook(case) -> casework.parties.Parties`: the accounts and names a
    # case of this kind is about beyond the persons it names (a complainant, a giver, an
    # official), read from the instance without a query, as it is opened. Standing
    # recusals (casework.controls) match on them. Never a WBS reporter's identity.
    parties: str = ""
    # Dotted path of the module of the kind that turns a conflict of interest with a case
    # of any kind into a case of its own (casework.conflicts): the engine's case page
    # offers its forms on every kind's page. At most one kind offers it.
    conflict_intake: str = ""
    # Dotted path of the kind's casework.reporting.KindReporting instance: what the reports
    # read of the kind (its figures for a period, its follow-up rows). The reports app
    # reads kinds only through it.
    reporting: str = ""
    # Dotted path of `receive(handover) -> (case, receipt_code)` for the kind that takes
    # whistle-blowing reports moved from another kind (casework.handover); at most one.
    whistleblowing_intake: str = ""
    # Dotted path of `move(*, case) -> (case, report, receipt_code)` for a kind whose
    # cases may move to the whistle-blowing kind with the reporter's consent.
    move_to_whistleblowing: str = ""
    # Dotted path of the kind's casework.next_step.StatusGuide: what each state means to
    # the reporter and what happens next, by the date of which clock. The reporter's
    # pages and status notices read it through casework.next_step.
    status_guide: str = ""

    @property
    def model(self) -> type[Case]:
        return apps.get_model(self.model_label)

    def state_label(self, state: str) -> str:
        return str(self.state_labels.get(state, state))

    def history_label(self, entry) -> str:
        """What a history entry is called: the kind's name for its transition or event
        (a reporter completing a report returns it to "Diterima", yet "Diterima" would
        read as if it had been received again), else the state it led to, else the name
        of a change every kind shares."""
        if entry.transition in self.event_labels:
            return str(self.event_labels[entry.transition])
        if entry.from_state != entry.to_state:
            return self.state_label(entry.to_state)
        return str(SHARED_EVENT_LABELS.get(entry.transition, entry.transition))

    def stage_label(self, deadline) -> str:
        """The name of a deadline's stage in the active language: its policy's own label
        in the site's language, the kind's translated clock name in any other."""
        translated = self.clock_labels.get(deadline.clock)
        if translated and translation.get_language() != settings.LANGUAGE_CODE:
            return str(translated)
        if deadline.policy_id:
            return deadline.policy.label
        return str(translated or deadline.clock)


#: Changes the engine makes on a case of any kind, by their history name.
SHARED_EVENT_LABELS = {
    "assign": _("Penugasan"),
    "confidentiality": _("Kerahasiaan"),
    "named_person": _("Pihak yang disebut dicatat"),
    "named_match": _("Pencocokan dengan akun pegawai"),
    "recusal_lifted": _("Pengecualian (recusal) dicabut"),
    "control_recusal": _("Pengecualian (recusal) karena benturan kepentingan"),
    "control_recusal_lifted": _("Pengecualian karena benturan kepentingan berakhir"),
    "conflict_reported": _("Dilaporkan sebagai benturan kepentingan"),
}

_REGISTRY: dict[str, CaseKind] = {}


def register(kind: CaseKind) -> CaseKind:
    existing = _REGISTRY.get(kind.code)
    if existing is not None and existing != kind:
        raise ValueError(f"Case kind {kind.code!r} is registered twice")
    if any(k.prefix == kind.prefix and k.code != kind.code for k in _REGISTRY.values()):
        raise ValueError(f"Reference prefix {kind.prefix!r} is taken")
    _REGISTRY[kind.code] = kind
    return kind


def get_kind(code: str) -> CaseKind:
    try:
        return _REGISTRY[code]
    except KeyError:
        raise LookupError(f"Unknown case kind {code!r}") from None


def all_kinds() -> list[CaseKind]:
    return sorted(_REGISTRY.values(), key=lambda k: k.code)
