"""A date field for the browser's date picker.

Every date input on SIGAP's forms is `type="date"`, whose value a browser always sends as
ISO 8601 (2026-03-31). Django tries the language's input formats in order, and the
Indonesian list puts ISO last, so each such date cost eight failed parses before the
one that fits. This field reads ISO first and falls back to the language's formats for
what a person types by hand where the picker is missing (31-12-2025).
"""

from __future__ import annotations

import datetime
import re

from django import forms

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class CalendarDateField(forms.DateField):
    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str) and _ISO_DATE.fullmatch(text := value.strip()):
            try:
                return datetime.date.fromisoformat(text)
            except ValueError:
                pass  # 2026-02-30: the formats below refuse it with the field's message
        return super().to_python(value)
