"""The filters of the staff complaint list: the engine's (casework.forms_list) with the
complaint's own states, category, channel and unit. Each value is checked there or here,
and a wrong one is reported beside its field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.forms_list import CaseListFilterForm

from .choices import Channel, State
from .forms_intake import ActiveChoiceField, ActiveUnitChoiceField
from .selectors import KATEGORI_ROWS, PERSON_SEARCH, UNIT_ROWS, every_kategori, every_unit


class ComplaintListFilterForm(CaseListFilterForm):
    state_choices = State.choices
    search_placeholder = _("Nomor, tiket SP4N-LAPOR!, NIK, telepon, e-mail, atau nama pelapor")
    search_help_text = _(
        "Nomor pengaduan dan tiket SP4N-LAPOR! dapat dicari sebagian (misalnya 000123). Pelapor dicari "
        "menurut NIK, nomor telepon (0812…, 62812… dan +62812… sama), e-mail, atau nama lengkap: "
        "identitas tersimpan terenkripsi, jadi harus sama persis, tetapi huruf besar-kecil, spasi, dan "
        "tanda baca tidak berpengaruh; gelar termasuk nama."
    )
    identity_kinds = PERSON_SEARCH

    # Read from this process's copy of the lists (casework.choice_rows), not on every page.
    kategori = ActiveChoiceField(
        label=_("Kategori layanan"),
        required=False,
        # Retired categories too: old complaints keep theirs.
        queryset=every_kategori(),
        rows=KATEGORI_ROWS,
        empty_label=_("Semua kategori"),
        error_messages={"invalid_choice": _("Kategori ini tidak ada; pilih dari daftar.")},
    )
    saluran = forms.ChoiceField(
        label=_("Saluran"),
        required=False,
        choices=[("", _("Semua saluran")), *Channel.choices],
        error_messages={"invalid_choice": _("Saluran ini tidak ada; pilih dari daftar.")},
    )
    unit = ActiveUnitChoiceField(
        label=_("Unit kerja"),
        required=False,
        queryset=every_unit(),
        rows=UNIT_ROWS,
        empty_label=_("Semua unit"),
        error_messages={"invalid_choice": _("Unit kerja ini tidak ada; pilih dari daftar.")},
    )

    NARROWING = ("cari", "status", "kategori", "saluran", "unit", "tenggat", "dari", "sampai")
    MORE = ("kategori", "saluran", "unit", "dari", "sampai", "urut", "per_halaman")

    def selector_kwargs(self) -> dict[str, Any]:
        """The valid filters as arguments of selectors.pengaduan_list."""
        data = self.cleaned_data
        return {
            **super().selector_kwargs(),
            "kategori": data.get("kategori"),
            "channel": data.get("saluran", ""),
            "unit": data.get("unit"),
        }
