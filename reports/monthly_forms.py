"""The month (and area) pickers of the monthly reports and the public statistics page.

A month is typed as <input type=month> sends it ("2026-03"); empty means the last
complete month. A value that is not a month, a month before SIGAP's records begin or one
still to come is refused with a message that says what to type, never answered with
another month's figures.
"""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework.reporting import Period
from security.request_values import FIRST_YEAR

FORMAT_HINT = gettext_lazy("Tulis bulan dengan format TTTT-BB, misalnya 2026-03.")


def last_complete_month(today=None) -> Period:
    today = today or timezone.localdate()
    return Period.month(today.year, today.month).previous()


class MonthField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", gettext_lazy("Bulan"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "month", "placeholder": "2026-03"}))
        kwargs.setdefault("error_messages", {"max_length": FORMAT_HINT})
        super().__init__(**kwargs)

    def to_period(self, text: str) -> Period:
        today = timezone.localdate()
        if not (text or "").strip():
            return last_complete_month(today)
        try:
            period = Period.parse(text)
        except ValueError:
            raise forms.ValidationError(FORMAT_HINT) from None
        if period.kind != "month":
            raise forms.ValidationError(FORMAT_HINT)
        if period.start.year < FIRST_YEAR:
            raise forms.ValidationError(_("Laporan tersedia mulai Januari %(year)d.") % {"year": FIRST_YEAR})
        if period.start > today:
            raise forms.ValidationError(_("Bulan %(month)s belum tiba.") % {"month": period.label})
        return period


class MonthForm(forms.Form):
    """?bulan= on the public statistics page."""

    bulan = MonthField()

    def clean_bulan(self) -> Period:
        return self.fields["bulan"].to_period(self.cleaned_data["bulan"])


class MonthlyReportForm(MonthForm):
    """?bulan=&area= on the staff monthly report: the areas the reader may read."""

    area = forms.ChoiceField(label=gettext_lazy("Area"), required=False)

    def __init__(self, *args, areas: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = areas
        self._default_area = areas[0][0]

    def clean_area(self) -> str:
        return self.cleaned_data["area"] or self._default_area


PERIOD_HINT = gettext_lazy("Tulis bulan (2026-03) atau semester (2026-S1).")


class RecapPeriodForm(forms.Form):
    """?periode= on the UPG recap: a month ("2026-03") or a semester ("2026-S1")."""

    periode = forms.CharField(
        label=gettext_lazy("Periode"),
        required=False,
        max_length=20,
        help_text=PERIOD_HINT,
        error_messages={"max_length": PERIOD_HINT},
    )

    def clean_periode(self) -> Period:
        text = self.cleaned_data["periode"]
        today = timezone.localdate()
        if not text.strip():
            return last_complete_month(today)
        try:
            period = Period.parse(text)
        except ValueError:
            raise forms.ValidationError(PERIOD_HINT) from None
        if period.kind == "year":
            raise forms.ValidationError(PERIOD_HINT)
        if period.start.year < FIRST_YEAR:
            raise forms.ValidationError(_("Laporan tersedia mulai Januari %(year)d.") % {"year": FIRST_YEAR})
        if period.start > today:
            raise forms.ValidationError(_("Periode %(period)s belum tiba.") % {"period": period.label})
        return period
