"""What waits for a user besides cases, shown at the top of the Kotak Masuk: a declaration
sent back to complete, a request to decide, a yearly declaration to make. The engine knows
no such thing itself; a kind registers a provider in its AppConfig.ready()
(`waiting.register(provider)`), a function of the user returning WaitingItem rows.

A provider answers only for what the user may see: the kind's own access rule (its
policy, recusal, the persons a case names) decides, never the template. Each provider
should cost at most a query or two, whatever the number of items (casework/tests/
test_inbox_waiting.py counts them).

Most of the time nothing waits, and the inbox is visited often. So a provider registers,
beside itself, `pending`: a function of the user returning a queryset that holds a row
whenever the provider has something for the user, or None when it can have nothing for
them (their roles say so). The inbox asks every provider's queryset at once, as EXISTS
columns of a single query, and calls only the providers whose answer is yes. The queryset
must never be empty while the provider would return an item: it may only say yes more
often (then the provider is asked and returns nothing).

An item's `due` comes from the clock the staff pages show for the same thing (a Deadline,
a request's expiry): never a number written here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Exists, QuerySet
from django.utils import timezone


@dataclass(frozen=True)
class _Provider:
    items: Callable
    pending: Callable | None


_providers: list[_Provider] = []


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


def register(provider: Callable, *, pending: Callable | None = None) -> None:
    """Add `provider` (a function of the user returning WaitingItems), with its `pending`
    (see the module docstring; without it, the provider is asked on every visit)."""
    if all(known.items is not provider for known in _providers):
        _providers.append(_Provider(items=provider, pending=pending))


def _urgency(item: WaitingItem):
    # Overdue first (the earliest dates), then the nearest; undated last, by label.
    return (item.due is None, item.due or date.max, item.label)


def waiting_for(user) -> list[WaitingItem]:
    """Everything the providers say waits for `user`, nearest due date first."""
    if not (user and user.is_authenticated and user.is_active):
        return []
    items = [item for provider in _answering(user) for item in provider.items(user)]
    return sorted(items, key=_urgency)


def _answering(user) -> list[_Provider]:
    """The providers that may have something for `user`: those without `pending`, and
    those whose pending rows exist, all asked in one query."""
    asked: dict[str, QuerySet] = {}
    always = []
    for index, provider in enumerate(_providers):
        if provider.pending is None:
            always.append(index)
            continue
        rows = provider.pending(user)
        if rows is not None:
            asked[f"p{index}"] = rows
    found = set(always)
    if asked:
        # Asked of the user's own row, which exists: one row of yes-or-no columns.
        exists = {name: Exists(rows) for name, rows in asked.items()}
        answers = get_user_model().objects.filter(pk=user.pk).values(**exists).first() or {}
        found.update(int(name[1:]) for name, yes in answers.items() if yes)
    return [provider for index, provider in enumerate(_providers) if index in found]


def waiting_rows(user, *, today: date | None = None, soon_until: date | None = None) -> list[WaitingRow]:
    """waiting_for(user), each marked overdue or due soon as a case would be (pass
    `soon_until`, casework.sla.due_soon_until(today), where the page has it already)."""
    from .sla import due_soon_until

    items = waiting_for(user)
    if not items:
        return []
    today = today or timezone.localdate()
    if soon_until is None:
        soon_until = due_soon_until(today) if any(item.due for item in items) else today
    return [
        WaitingRow(
            item=item,
            is_overdue=item.due is not None and item.due < today,
            is_due_soon=item.due is not None and today <= item.due <= soon_until,
        )
        for item in items
    ]
