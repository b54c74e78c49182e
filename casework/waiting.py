"""What waits for a user besides cases, shown at the top of the Kotak Masuk: a declaration
sent back to complete, a request to decide, a yearly declaration to make. The engine knows
no such thing itself; a kind registers a provider in its AppConfig.ready()
(`waiting.register(provider)`), a function of the user returning WaitingItem rows.

A provider answers only for what the user may see: the kind's own access rule (its
policy, recusal, the persons a case names) decides, never the template. Each provider
should cost at most a query or two, whatever the number of items: the inbox asks every one
of them on every visit (casework/tests/test_inbox_waiting.py counts them).

An item's `due` comes from the clock the staff pages show for the same thing (a Deadline,
a request's expiry): never a number written here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

_providers: list[Callable] = []


@dataclass(frozen=True)
class WaitingItem:
    label: str
    url: str
    due: date | None = None
    note: str = ""
    #: What kind of thing waits ("Gratifikasi", "Persetujuan akses"), shown above the label.
    category: str = ""


@dataclass(frozen=True)
class WaitingRow:
    """An item as the inbox shows it, with the same overdue / due-soon rule as its cases
    (casework.sla)."""

    item: WaitingItem
    is_overdue: bool
    is_due_soon: bool


def register(provider: Callable) -> None:
    if provider not in _providers:
        _providers.append(provider)


def _urgency(item: WaitingItem):
    # Overdue first (the earliest dates), then the nearest; undated last, by label.
    return (item.due is None, item.due or date.max, item.label)


def waiting_for(user) -> list[WaitingItem]:
    """Everything the providers say waits for `user`, nearest due date first."""
    if not (user and user.is_authenticated and user.is_active):
        return []
    items = [item for provider in _providers for item in provider(user)]
    return sorted(items, key=_urgency)


def waiting_rows(user, *, today: date | None = None) -> list[WaitingRow]:
    """waiting_for(user), each marked overdue or due soon as a case would be."""
    from .sla import due_soon_until

    items = waiting_for(user)
    if not items:
        return []
    today = today or timezone.localdate()
    soon_until = due_soon_until(today) if any(item.due for item in items) else today
    return [
        WaitingRow(
            item=item,
            is_overdue=item.due is not None and item.due < today,
            is_due_soon=item.due is not None and today <= item.due <= soon_until,
        )
        for item in items
    ]
