"""What waits for a user besides cases, shown at the top of the Kotak Masuk: a yearly
declaration to make, say. The engine knows no such thing itself; a kind registers a
provider in its AppConfig.ready() (`waiting.register(provider)`), a function of the user
returning WaitingItem rows. Each provider should cost at most a query or two: the inbox
asks every one of them on every visit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

_providers: list[Callable] = []


@dataclass(frozen=True)
class WaitingItem:
    label: str
    url: str
    due: date | None = None
    note: str = ""


def register(provider: Callable) -> None:
    if provider not in _providers:
        _providers.append(provider)


def waiting_for(user) -> list[WaitingItem]:
    """Everything the providers say waits for `user`, nearest due date first."""
    if not (user and user.is_authenticated):
        return []
    items = [item for provider in _providers for item in provider(user)]
    return sorted(items, key=lambda item: (item.due is None, item.due or date.max, item.label))
