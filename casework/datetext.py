"""Dates and times as a reporter reads them, the same on every kind's receipt, page and
message."""

from __future__ import annotations

from django.utils import formats, timezone


def opened_at_text(moment) -> str:
    """When a case was received, as its reporter reads it: the local time in the active
    language, with the day of the week and the zone, so it reads the same on a receipt
    page, in a message and on a saved PDF, wherever the reader is."""
    return formats.date_format(timezone.localtime(moment), "l, j F Y, H.i T")
