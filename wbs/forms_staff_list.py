"""The filters of the handlers' WBS list: the engine's (casework.forms_list: dates,
deadline, order, page size, each wrong value reported beside its field) with the WBS
report's own states and subjects."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.forms_list import CaseListFilterForm

from .choices import Kategori, State


class ReportListFilterForm(CaseListFilterForm):
    state_choices = State.choices
    search_placeholder = _("Nomor laporan, mis. 000123")
    search_help_text = _(
        "Isi laporan disimpan terenkripsi, jadi yang dapat dicari hanya nomor laporan "
        "(misalnya WBS/2026/000123 atau sebagian: 000123). Pelapor tidak dapat dicari: "
        "identitasnya tidak pernah disimpan dalam bentuk yang dapat dicari."
    )
    # No person search at all (casework.forms_list refuses one): a reporter has no
    # searchable identity, and a search by name or number of a person would be a way to
    # test whether someone reported.
    identity_refused = _(
        "Laporan WBS hanya dapat dicari menurut nomor laporan, misalnya WBS/2026/000123 atau 000123. "
        "Identitas pelapor tidak dapat dicari."
    )

    kategori = forms.ChoiceField(
        label=_("Jenis pelanggaran"),
        required=False,
        choices=[("", _("Semua jenis")), *Kategori.choices],
        error_messages={"invalid_choice": _("Jenis pelanggaran ini tidak ada; pilih dari daftar.")},
    )

    NARROWING = ("cari", "status", "kategori", "tenggat", "dari", "sampai")
    MORE = ("kategori", "dari", "sampai", "urut", "per_halaman")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cari"].label = _("Cari nomor")

    def selector_kwargs(self) -> dict[str, Any]:
        """The valid filters as arguments of wbs.selectors.laporan_list."""
        return {**super().selector_kwargs(), "kategori": self.cleaned_data.get("kategori", "")}
