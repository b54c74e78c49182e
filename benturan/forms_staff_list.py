"""The filters of the staff list of conflict cases: the engine's (casework.forms_list:
the search by number, the state, the deadline, the dates, the order and the page size)
with the case's own: its kind, its source, who brought it, and the official's unit."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import UnitKerja
from accounts.unit_choices import UnitChoiceField
from casework.forms_list import CaseListFilterForm

from .choices import Asal, Jenis, State, Sumber
from .selectors_list import PERSON_SEARCH


def _choice(label, choices, all_label, invalid):
    return forms.ChoiceField(
        label=label, required=False, choices=[("", all_label), *choices], error_messages={"invalid_choice": invalid}
    )


class CaseListFilterFormBenturan(CaseListFilterForm):
    state_choices = State.choices
    search_placeholder = _("Nomor kasus, atau NIP, e-mail, atau nama pegawai")
    search_help_text = _(
        "Nomor kasus (misalnya BTK/2026/000123 atau sebagian: 000123) dapat dicari sebagian. Pejabat "
        "yang bersangkutan dan pegawai yang disebut sebagai pihak terkait dapat dicari menurut NIP, "
        "e-mail, atau nama lengkap seperti tercatat di akunnya. Isi kasus disimpan terenkripsi dan "
        "tidak dapat dicari."
    )
    identity_kinds = PERSON_SEARCH

    sumber = _choice(_("Sumber"), Sumber.choices, _("Semua sumber"), _("Sumber ini tidak ada; pilih dari daftar."))
    jenis = _choice(_("Jenis"), Jenis.choices, _("Aktual dan potensial"), _("Jenis ini tidak ada; pilih dari daftar."))
    asal = _choice(
        _("Asal"), Asal.choices, _("Pernyataan dan laporan"), _("Pilihan asal ini tidak ada; pilih dari daftar.")
    )
    unit = UnitChoiceField(
        label=_("Unit kerja pejabat"),
        required=False,
        queryset=UnitKerja.objects.none(),
        empty_label=_("Semua unit"),
        help_text=_("Termasuk unit di bawahnya."),
        error_messages={"invalid_choice": _("Unit ini tidak ada; pilih dari daftar.")},
    )

    NARROWING = ("cari", "status", "sumber", "jenis", "asal", "unit", "tenggat", "dari", "sampai")
    PRIMARY = ("cari", "status", "sumber", "unit")
    MORE = ("jenis", "asal", "tenggat", "dari", "sampai", "urut", "per_halaman")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = UnitKerja.objects.order_by("name")
        self.fields["dari"].label = _("Diajukan sejak")
        self.fields["sampai"].label = _("Diajukan sampai")

    def selector_kwargs(self) -> dict[str, Any]:
        """The valid filters as arguments of selectors_list.case_list."""
        data = self.cleaned_data
        return {
            **super().selector_kwargs(),
            "sumber": data.get("sumber", ""),
            "jenis": data.get("jenis", ""),
            "asal": data.get("asal", ""),
            "unit": data.get("unit"),
        }
