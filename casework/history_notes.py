"""Sentences SIGAP writes itself in a case's history, readable in the reader's language.

A handler's note is kept as typed. A sentence SIGAP composes (why a complaint closed by
itself, why a report was archived) is kept twice: as text in the site's language, like
any note, for the audit trail and anything that reads the text; and as the key of a
registered message with its values, so that a page in another language shows the same
sentence in that language. Values are plain data: numbers and text as they are (text a
person entered, a number or a rule's name, stays as entered), dates as ISO strings shown
in the reader's date format, and choice values shown by their label.

A kind registers its messages when its app is ready (`register`) and gives
run_transition a `HistoryNote` as public_note. The values are stored unencrypted (the
text beside them is encrypted like every note): give only what the case row itself
keeps unencrypted (dates, counts, choice values, reference numbers, a rule's name),
never anything a reporter wrote or that identifies them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.utils import formats, translation


@dataclass(frozen=True)
class Message:
    text: str  # a lazy translation with %(name)s placeholders
    dates: tuple[str, ...] = ()  # the placeholders that hold an ISO date
    choices: tuple[tuple[str, Any], ...] = ()  # (placeholder, TextChoices) pairs


_MESSAGES: dict[str, Message] = {}


def register(key: str, text, *, dates: tuple[str, ...] = (), choices: dict[str, Any] | None = None) -> str:
    """Register the message `key` (e.g. "pengaduan.auto_closed"); returns the key.
    `dates` names the placeholders holding a date, `choices` maps placeholders holding a
    choice value to their TextChoices."""
    existing = _MESSAGES.get(key)
    message = Message(text=text, dates=tuple(dates), choices=tuple((choices or {}).items()))
    if existing is not None and existing != message:
        raise ValueError(f"History message {key!r} is registered twice")
    _MESSAGES[key] = message
    return key


@dataclass(frozen=True)
class HistoryNote:
    """A registered message with its values, as a transition's public note."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self):
        if self.key not in _MESSAGES:
            raise LookupError(f"Unknown history message {self.key!r}")

    @classmethod
    def of(cls, key: str, **params) -> HistoryNote:
        """The note `key` with its values; dates may be given as date objects."""
        return cls(
            key, {name: value.isoformat() if isinstance(value, date) else value for name, value in params.items()}
        )

    def stored_text(self) -> str:
        """The sentence in the site's language, as the history keeps it."""
        with translation.override(settings.LANGUAGE_CODE):
            return render(self.key, self.params, fallback="")


def render(key: str, params: dict[str, Any], *, fallback: str) -> str:
    """The sentence `key` with `params` in the active language; `fallback` (the stored
    text) when the key is unknown here or its values no longer fit the message."""
    message = _MESSAGES.get(key)
    if message is None:
        return fallback
    values = dict(params)
    try:
        for name in message.dates:
            values[name] = formats.date_format(date.fromisoformat(values[name]), "j F Y")
        for name, choices in message.choices:
            values[name] = str(dict(choices.choices).get(values[name], values[name]))
        return str(message.text) % values
    except (KeyError, TypeError, ValueError):
        return fallback
