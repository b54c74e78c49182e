"""Dates and times as a reporter reads them, the same on every kind's receipt, page and
message."""

from __future__ import annotations

from django.utils import formats, timezone
from django.utils.translation import gettext as _


def opened_at_text(moment) -> str:
    """When a case was received, as its reporter reads it: the local time in the active
    language, with the day of the week and the zone, so it reads the same on a receipt
    page, in a message and on a saved PDF, wherever the reader is."""
    return formats.date_format(timezone.localtime(moment), "l, j F Y, H.i T")


def day_text(day) -> str:
    """A day as a reporter reads it in a sentence (a deadline, the day a case closes):
    the day of the week, the day, the month in words and the year, in the active
    language ("Senin, 4 Mei 2026")."""
    return formats.date_format(day, "l, j F Y")


def received_text(case) -> str:
    """When a case was received, as its reporter reads it: the moment it was filed, or,
    for one staff entered on a later day (casework.received), the day it was received
    and the moment it was entered."""
    if not case.entered_late:
        return opened_at_text(case.opened_at)
    return _("%(received)s (dicatat %(entered)s)") % {
        "received": formats.date_format(case.received_on, "l, j F Y"),
        "entered": opened_at_text(case.opened_at),
    }
