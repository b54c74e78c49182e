"""When a case was received, as opposed to when it was entered.

Every opening clock of a case counts from the day it was received (Case.received_on),
the day the regulation counts from: a complaint found in the kotak pengaduan on Tuesday
is due for verification three working days after Tuesday, whenever a handler types it
in. A case filed by its own reporter (the public form, an employee's declaration) is
received the moment it is filed; only staff entering a case for someone else say when
it was received, and then:

- not after today;
- not more than SIGAP_RECEIVED_MAX_DAYS_BACK calendar days back (default 30). A day
  further back is almost always a typing error (a wrong year or month); a complaint
  really left that long has missed its clocks many times over, and 30 days is also the
  time Perpres 76/2013 gives a complainant to complain after the service. An
  installation that needs more raises the setting;
- with a reason when it is not today (a letter read after a holiday, a call logged
  late), kept in the history beside both dates.

casework.services.case_open enforces these; a staff form may call `entry_errors` to
show them beside its own fields before anything is sent.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _

# The keys of the errors, as case_open raises them; a form maps them to its fields.
RECEIVED_ON = "received_on"
LATE_ENTRY_REASON = "late_entry_reason"


def max_days_back() -> int:
    """How many calendar days before today a case may have been received
    (SIGAP_RECEIVED_MAX_DAYS_BACK)."""
    return int(getattr(settings, "SIGAP_RECEIVED_MAX_DAYS_BACK", 30))


def earliest_received(today: date) -> date:
    """The earliest day a case entered on `today` may have been received."""
    return today - timedelta(days=max_days_back())


def entry_errors(*, received_on: date, late_entry_reason: str, today: date) -> dict[str, str]:
    """What is wrong with a day received entered on `today` and its reason (empty: all
    right), keyed RECEIVED_ON and LATE_ENTRY_REASON."""
    if received_on > today:
        return {RECEIVED_ON: _("Tanggal diterima tidak boleh setelah hari ini.")}
    earliest = earliest_received(today)
    if received_on < earliest:
        return {
            RECEIVED_ON: _(
                "Tanggal diterima paling lama %(days)s hari sebelum hari ini (paling awal %(earliest)s). "
                "Periksa tanggalnya."
            )
            % {"days": max_days_back(), "earliest": formats.date_format(earliest, "j F Y")}
        }
    if received_on < today and not (late_entry_reason or "").strip():
        return {
            LATE_ENTRY_REASON: _("Tanggal diterima bukan hari ini: tuliskan alasan laporan ini baru dicatat sekarang.")
        }
    return {}
