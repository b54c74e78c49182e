"""The dashboard's download of the statistics: which period, which format."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.reporting import Period

from .counts import current_semester


def period_choices(today: date) -> list[Period]:
    """This semester, the one before, this year and last year."""
    semester = current_semester(today)
    return [semester, semester.previous(), Period.year(today.year), Period.year(today.year - 1)]


class StatisticsFileForm(forms.Form):
    periode = forms.ChoiceField(label=_("Periode"))
    format = forms.ChoiceField(label=_("Format"), choices=[("pdf", "PDF"), ("xlsx", "XLSX")])

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["periode"].choices = [(period.slug, period.label) for period in period_choices(today)]

    def period(self) -> Period:
        return Period.parse(self.cleaned_data["periode"])
