"""Helpers around django-fsm: conditions that explain themselves, and why a move is blocked.

A kind's transition declares its conditions with `condition(message)`; when the
transition cannot run, `blocked_reasons` lists the message of each failing condition (or
says the case is in the wrong state), so the interface can tell the user why.

A transition may also declare, in django-fsm's `custom`, the deadline clocks it starts and
stops and whether the reporter sees it:
    custom={"starts": ["verifikasi"], "stops": ["penerimaan"], "public": True,
            "label": _("Verifikasi")}
"by_reporter": True lets the reporter run it (through the tracking code); "reporter_only":
True also keeps staff from running it (a reopening is the reporter's decision).
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _
from django_fsm import ANY_STATE

Condition = Callable[[object], bool]


class TransitionBlocked(Exception):
    """A transition was refused; `reasons` says why in the user's language."""

    def __init__(self, reasons: list[str]):
        self.reasons = [str(r) for r in reasons]
        super().__init__("; ".join(self.reasons))


def condition(message) -> Callable[[Condition], Condition]:
    """Mark a condition function with the message shown when it fails."""

    def mark(func: Condition) -> Condition:
        func.blocked_message = message
        return func

    return mark


def transition_meta(instance, name: str):
    """The django-fsm Transition for method `name` from the instance's current state."""
    method = getattr(instance, name, None)
    meta = getattr(method, "_django_fsm", None)
    if meta is None:
        raise LookupError(f"{type(instance).__name__} has no transition {name!r}")
    return meta.get_transition(meta.field.get_state(instance))


def blocked_reasons(instance, name: str) -> list[str]:
    """Why transition `name` cannot run now; empty when it can."""
    transition = transition_meta(instance, name)
    if transition is None:
        label = instance.kind_spec.state_label(instance.state)
        return [_("Tindakan ini tidak dapat dilakukan pada status “%(state)s”.") % {"state": label}]
    reasons = []
    for cond in transition.conditions or []:
        if not cond(instance):
            reasons.append(str(getattr(cond, "blocked_message", _("Syarat tindakan belum terpenuhi."))))
    return reasons


def available_transitions(instance) -> list[str]:
    """Names of transitions declared from the current state (conditions not checked)."""
    names = []
    for transition in instance.get_all_state_transitions():
        if transition.source in (instance.state, ANY_STATE) and transition.name not in names:
            names.append(transition.name)
    return names


def transition_custom(instance, name: str) -> dict:
    transition = transition_meta(instance, name)
    return dict(transition.custom or {}) if transition is not None else {}
