"""The filters of the implementation matrix: the year a case was received, the official's
unit (with the units below it), the state, a control decided, and where the case came
from. They arrive in the address bar, so a wrong value is named beside its field."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import UnitKerja
from accounts.unit_choices import UnitChoiceField
from security.request_values import YearField

from .choices import JenisPengendalian, State
from .matrix import source_choices


def _choice(label, choices, all_label, invalid):
    return forms.ChoiceField(
        label=label, required=False, choices=[("", all_label), *choices], error_messages={"invalid_choice": invalid}
    )


class MatrixFilterForm(forms.Form):
    tahun = YearField(label=_("Tahun diterima"), required=False)
    unit = UnitChoiceField(
        label=_("Unit kerja"),
        required=False,
        queryset=UnitKerja.objects.none(),
        empty_label=_("Semua unit"),
        help_text=_("Termasuk unit di bawahnya."),
        error_messages={"invalid_choice": _("Unit ini tidak ada; pilih dari daftar.")},
    )
    status = _choice(_("Status"), State.choices, _("Semua status"), _("Status ini tidak ada; pilih dari daftar."))
    pengendalian = _choice(
        _("Pengendalian"),
        JenisPengendalian.choices,
        _("Semua pengendalian"),
        _("Bentuk pengendalian ini tidak ada; pilih dari daftar."),
    )
    asal = _choice(_("Asal"), [], _("Semua asal"), _("Pilihan asal ini tidak ada; pilih dari daftar."))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = UnitKerja.objects.order_by("name")
        self.fields["asal"].choices = [("", _("Semua asal")), *source_choices()]

    def is_narrowed(self) -> bool:
        return any(self.cleaned_data.get(name) for name in self.fields)

    def selector_kwargs(self) -> dict:
        """The valid filters as arguments of benturan.matrix.matrix_cases."""
        data = self.cleaned_data
        return {
            "year": data.get("tahun"),
            "unit": data.get("unit"),
            "state": data.get("status", ""),
            "control": data.get("pengendalian", ""),
            "source": data.get("asal", ""),
        }
