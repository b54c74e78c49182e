"""The filters of the handlers' WBS list: the complaint list's form (dates, deadline,
order, page size, each wrong value reported beside its field) with the WBS report's own
states and subjects, and without what a WBS report does not have (channel, unit)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pengaduan.forms_staff_list import ComplaintListFilterForm

from .choices import Kategori, State


class ReportListFilterForm(ComplaintListFilterForm):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Semua status")), *State.choices],
        error_messages={"invalid_choice": _("Status ini tidak ada; pilih dari daftar.")},
    )
    kategori = forms.ChoiceField(
        label=_("Jenis pelanggaran"),
        required=False,
        choices=[("", _("Semua jenis")), *Kategori.choices],
        error_messages={"invalid_choice": _("Jenis pelanggaran ini tidak ada; pilih dari daftar.")},
    )
    saluran = None
    unit = None

    NARROWING = ("cari", "status", "kategori", "tenggat", "dari", "sampai")
    #: Shown at once; the others fold away behind "Filter lainnya" unless in use.
    PRIMARY = ("cari", "status", "tenggat")
    MORE = ("kategori", "dari", "sampai", "urut", "per_halaman")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The complaint list's search box, speaking of reports.
        search = self.fields["cari"]
        search.widget.attrs["placeholder"] = _("Nomor laporan, mis. 000123")
        search.help_text = _(
            "Isi laporan disimpan terenkripsi, jadi yang dapat dicari hanya nomor laporan "
            "(misalnya WBS/2026/000123 atau sebagian: 000123)."
        )

    def primary_fields(self):
        return [self[name] for name in self.PRIMARY]

    def more_fields(self):
        return [self[name] for name in self.MORE]

    def selector_kwargs(self) -> dict[str, Any]:
        """The valid filters as arguments of wbs.selectors.laporan_list."""
        data = self.cleaned_data
        return {
            "search": data.get("cari", ""),
            "state": data.get("status", ""),
            "kategori": data.get("kategori", ""),
            "due": data.get("tenggat", ""),
            "opened_from": data.get("dari"),
            "opened_until": data.get("sampai"),
            "order": self.order(),
        }
