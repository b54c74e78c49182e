"""Short editable lists a public form chooses from (service categories, units), kept in
each process's memory for a little while.

Checking a chosen category or unit by asking the database costs a round trip per field
on every public post, for lists that change a few times a year. So the choice is checked
against the rows this process read at most SIGAP_CHOICE_ROWS_SECONDS ago. Saving or
deleting a row forgets the list in the process that did it (at once, and again when
the transaction commits); other processes read it again when their copy expires.

- A row added or re-activated elsewhere is missing from an older copy: a choice not
  in the copy is looked up in the database before it is refused, so it is accepted at
  once (a refused choice costs that one query).
- A row retired elsewhere may still be accepted until the copy expires: harmless, since
  such rows are retired, never deleted (the foreign keys protect them), and the choice
  was on the form the person was shown.

The copy, not the form field's queryset, is what a choice is checked against.
"""

from __future__ import annotations

import copy
import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save

_ALL: list[ChoiceRows] = []


class ChoiceRows:
    """The rows of `queryset()` by primary key, read again when older than the setting."""

    def __init__(self, model: type[models.Model], queryset: Callable[[], models.QuerySet]):
        self._queryset = queryset
        self._lock = threading.Lock()
        self._rows: dict[int, models.Model] = {}
        self._read_at: float | None = None
        post_save.connect(self._changed, sender=model, weak=False)
        post_delete.connect(self._changed, sender=model, weak=False)
        _ALL.append(self)

    def all(self) -> list[models.Model]:
        """The rows of the list in its order, to show as options (read them, never change them)."""
        return list(self._current().values())

    def get(self, pk: int) -> models.Model | None:
        """A private copy of the row with this key, or None when it is not in the list."""
        row = self._current().get(pk)
        if row is None:
            # Perhaps added or re-activated since this copy was read.
            row = self._queryset().filter(pk=pk).first()
            if row is not None:
                self._forget()
            return row
        # A copy: the caller may assign it to a new case, and nothing it does may reach
        # the rows other requests see.
        return copy.copy(row)

    def _current(self) -> dict[int, models.Model]:
        with self._lock:
            fresh = self._read_at is not None and time.monotonic() - self._read_at < settings.SIGAP_CHOICE_ROWS_SECONDS
            if not fresh:
                self._rows = {row.pk: row for row in self._queryset()}
                self._read_at = time.monotonic()
            return self._rows

    def _changed(self, **_kwargs) -> None:
        # Now, for this transaction's own reads, and after the commit, since another
        # thread may read the old rows in between and keep them.
        self._forget()
        transaction.on_commit(self._forget)

    def _forget(self) -> None:
        with self._lock:
            self._read_at = None
            self._rows = {}


def forget_all() -> None:
    """Forget every list in this process (tests, whose rolled-back rows send no signal)."""
    for rows in _ALL:
        rows._forget()
