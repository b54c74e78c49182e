"""Setting a record's fields from a service's `data`, the same way for every report
record: only the named fields, text trimmed, and the names of those that changed (for
the audit entry and for "nothing changed" refusals)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist


def current(obj, name: str):
    """A field's value, None for a relation not set yet."""
    try:
        return getattr(obj, name)
    except ObjectDoesNotExist:
        return None


def fill(obj, data: dict[str, Any], names: tuple[str, ...]) -> list[str]:
    """Set the fields `names` present in `data`; returns the names that changed.
    Raises ValueError for a name the record does not take (a caller's mistake)."""
    unknown = set(data) - set(names)
    if unknown:
        raise ValueError(f"{type(obj).__name__} does not take {sorted(unknown)}")
    changed = []
    for name in names:
        if name not in data:
            continue
        value = data[name]
        if isinstance(value, str):
            value = value.strip()
        if current(obj, name) != value:
            setattr(obj, name, value)
            changed.append(name)
    return changed
