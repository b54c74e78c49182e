"""The date picker's field: ISO as browsers send it, and what a person types by hand."""

import datetime

import pytest
from django import forms

from casework.form_dates import CalendarDateField


class _Form(forms.Form):
    tanggal = CalendarDateField(error_messages={"invalid": "Tanggal tidak valid."})


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-03-31", datetime.date(2026, 3, 31)),
        (" 2026-03-31 ", datetime.date(2026, 3, 31)),
        ("31-03-2026", datetime.date(2026, 3, 31)),
        ("31/03/2026", datetime.date(2026, 3, 31)),
        ("2024-02-29", datetime.date(2024, 2, 29)),
    ],
)
def test_iso_and_the_languages_own_formats_are_read(typed, expected):
    form = _Form({"tanggal": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["tanggal"] == expected


@pytest.mark.parametrize("typed", ["2026-02-30", "2025-02-29", "2026-13-01", "20260331", "kemarin", "٢٠٢٦-٠٣-٣١"])
def test_an_impossible_date_gets_the_fields_message(typed):
    form = _Form({"tanggal": typed})
    assert not form.is_valid()
    assert form.errors["tanggal"] == ["Tanggal tidak valid."]


def test_it_renders_as_the_browsers_date_picker():
    html = str(_Form(initial={"tanggal": datetime.date(2026, 3, 31)})["tanggal"])
    assert 'type="date"' in html and 'value="2026-03-31"' in html
