"""Where a person lands after signing in. The Kotak Masuk by default: everything that
waits for them, for every role, an employee without a staff role included. An app above
the engine may register a landing page for the people it serves (the reports app: the
Pimpinan's dashboard, which shows the inbox beside its summary), so the engine decides
the landing without knowing the app. A provider is a function of the user returning a URL,
or None to leave the choice to the next one.
"""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

_providers: list[Callable] = []


def register(provider: Callable) -> None:
    if provider not in _providers:
        _providers.append(provider)


def landing_url(user) -> str:
    """The first page a provider offers `user`, else their inbox."""
    for provider in _providers:
        url = provider(user)
        if url:
            return url
    return reverse("casework:inbox")
