"""The filters of the staff complaint list. They arrive in the address bar, so each value
is checked here and a wrong one (a typed-over link, a unit since removed) is reported
beside its field rather than ignored or failing the page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import UnitKerja

from . import selectors
from .choices import Channel, State
from .models import KategoriLayanan

PAGE_SIZES = (10, 25, 50, 100)
DEFAULT_PAGE_SIZE = 25
SEARCH_MAX_LENGTH = 50

ORDER_CHOICES = [
    ("terbaru", _("Diterima: terbaru dahulu")),
    ("terlama", _("Diterima: terlama dahulu")),
    ("batas", _("Batas waktu: terdekat dahulu")),
    ("batas_terjauh", _("Batas waktu: terjauh dahulu")),
]
DUE_CHOICES = [
    ("", _("Semua")),
    (selectors.DUE_OVERDUE, _("Terlambat")),
    (selectors.DUE_SOON, _("Segera jatuh tempo")),
    (selectors.DUE_AT_RISK, _("Terlambat atau segera jatuh tempo")),
]


def _date_field(label):
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Tanggal tidak valid; tulis seperti 2026-03-31.")},
    )


class ComplaintListFilterForm(forms.Form):
    # The names are the parameters in the address bar, so a filtered list can be shared.
    cari = forms.CharField(
        label=_("Cari nomor"),
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        strip=True,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "placeholder": _("Nomor pengaduan atau tiket SP4N-LAPOR!, mis. 000123"),
                "autocomplete": "off",
                "spellcheck": "false",
            }
        ),
        help_text=_(
            "Isi dan judul pengaduan disimpan terenkripsi, jadi yang dapat dicari hanya nomor pengaduan "
            "(misalnya PGD/2026/000123 atau sebagian: 000123) dan nomor tiket SP4N-LAPOR!."
        ),
        error_messages={"max_length": _("Kata pencarian terlalu panjang: paling banyak %(limit_value)d karakter.")},
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Semua status")), *State.choices],
        error_messages={"invalid_choice": _("Status ini tidak ada; pilih dari daftar.")},
    )
    kategori = forms.ModelChoiceField(
        label=_("Kategori layanan"),
        required=False,
        # Retired categories too: old complaints keep theirs.
        queryset=KategoriLayanan.objects.order_by("order", "name"),
        empty_label=_("Semua kategori"),
        error_messages={"invalid_choice": _("Kategori ini tidak ada; pilih dari daftar.")},
    )
    saluran = forms.ChoiceField(
        label=_("Saluran"),
        required=False,
        choices=[("", _("Semua saluran")), *Channel.choices],
        error_messages={"invalid_choice": _("Saluran ini tidak ada; pilih dari daftar.")},
    )
    unit = forms.ModelChoiceField(
        label=_("Unit kerja"),
        required=False,
        queryset=UnitKerja.objects.order_by("name"),
        empty_label=_("Semua unit"),
        error_messages={"invalid_choice": _("Unit kerja ini tidak ada; pilih dari daftar.")},
    )
    tenggat = forms.ChoiceField(
        label=_("Batas waktu"),
        required=False,
        choices=DUE_CHOICES,
        error_messages={"invalid_choice": _("Pilihan batas waktu ini tidak ada; pilih dari daftar.")},
    )
    dari = _date_field(_("Diterima sejak"))
    sampai = _date_field(_("Diterima sampai"))
    urut = forms.ChoiceField(
        label=_("Urutkan"),
        required=False,
        choices=ORDER_CHOICES,
        error_messages={"invalid_choice": _("Urutan ini tidak ada; pilih dari daftar.")},
    )
    per_halaman = forms.TypedChoiceField(
        label=_("Baris per halaman"),
        required=False,
        coerce=int,
        empty_value=DEFAULT_PAGE_SIZE,
        choices=[(size, size) for size in PAGE_SIZES],
        error_messages={"invalid_choice": _("Pilih 10, 25, 50, atau 100 baris per halaman.")},
    )

    # Fields that narrow the list (sorting and page size only rearrange it).
    NARROWING = ("cari", "status", "kategori", "saluran", "unit", "tenggat", "dari", "sampai")
    # Fields shown behind "Filter lainnya" unless one of them is in use.
    MORE = ("kategori", "saluran", "unit", "dari", "sampai", "urut", "per_halaman")
    DEFAULTS = {"urut": selectors.DEFAULT_LIST_ORDER, "per_halaman": str(DEFAULT_PAGE_SIZE)}

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            # An address without a sort or a page size shows (and uses) the defaults.
            data = data.copy()
            for name, default in self.DEFAULTS.items():
                if not data.get(name):
                    data[name] = default
        super().__init__(data, *args, **kwargs)

    def more_in_use(self) -> bool:
        """Whether a filter behind "Filter lainnya" is set or wrong, so it opens."""
        return any(
            name in self.errors or self.data.get(name, "") not in ("", self.DEFAULTS.get(name, ""))
            for name in self.MORE
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("dari"), cleaned.get("sampai")
        if start and end and start > end:
            self.add_error("sampai", _("Tanggal akhir tidak boleh sebelum tanggal awal."))
        return cleaned

    def is_narrowed(self) -> bool:
        return any(self.cleaned_data.get(name) for name in self.NARROWING)

    def order(self) -> str:
        return self.cleaned_data["urut"]

    def page_size(self) -> int:
        return self.cleaned_data["per_halaman"]

    def selector_kwargs(self) -> dict[str, Any]:
        """The valid filters as arguments of selectors.pengaduan_list."""
        data = self.cleaned_data
        return {
            "search": data.get("cari", ""),
            "state": data.get("status", ""),
            "kategori": data.get("kategori"),
            "channel": data.get("saluran", ""),
            "unit": data.get("unit"),
            "due": data.get("tenggat", ""),
            "opened_from": data.get("dari"),
            "opened_until": data.get("sampai"),
            "order": self.order(),
        }
