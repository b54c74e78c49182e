"""The forms of the yearly declaration campaign: opening one, an employee's "no conflict"
statement, and the unit filter of who has not declared. Shape only; the rules (one
campaign a year, a deadline ahead, an open campaign, one answer) are
benturan.services_campaign's, whose errors come back on these fields."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import UnitKerja
from accounts.unit_choices import UnitChoiceField, UnitMultipleChoiceField
from casework.form_dates import CalendarDateField
from security.request_values import YearField


class CampaignOpenForm(forms.Form):
    required_css_class = "required"

    tahun = YearField(label=_("Tahun"), error_messages={"required": _("Isi tahun kampanye.")})
    units = UnitMultipleChoiceField(
        label=_("Unit yang dicakup"),
        queryset=UnitKerja.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Setiap unit mencakup unit di bawahnya. Yang wajib menyatakan adalah akun aktif di unit-unit itu pada "
            "saat kampanye dibuka; daftar itu tidak berubah bila kemudian ada pegawai yang pindah."
        ),
        error_messages={
            "required": _("Pilih setidaknya satu unit."),
            "invalid_choice": _("Unit yang dipilih tidak tersedia. Pilih dari daftar."),
            "invalid_pk_value": _("Unit yang dipilih tidak tersedia. Pilih dari daftar."),
        },
    )
    batas_waktu = CalendarDateField(
        label=_("Batas waktu pernyataan"),
        error_messages={
            "required": _("Isi batas waktu pernyataan."),
            "invalid": _("Tanggal tidak valid; pilih dari kalender atau tulis seperti 2026-03-31."),
        },
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = UnitKerja.objects.filter(is_active=True).order_by("code")
        if not self.is_bound:
            self.initial.setdefault("tahun", timezone.localdate().year)


class NoConflictForm(forms.Form):
    konfirmasi = forms.BooleanField(
        label=_(
            "Saya menyatakan bahwa saat ini saya tidak memiliki benturan kepentingan, aktual maupun potensial, "
            "dalam tugas dan jabatan saya."
        ),
        error_messages={"required": _("Centang pernyataan ini untuk menyatakan tidak ada benturan kepentingan.")},
    )


class UnitFilterForm(forms.Form):
    unit = UnitChoiceField(
        label=_("Unit kerja"),
        required=False,
        queryset=UnitKerja.objects.none(),
        empty_label=_("Semua unit"),
        help_text=_("Termasuk unit di bawahnya."),
        error_messages={"invalid_choice": _("Unit ini tidak ada; pilih dari daftar.")},
    )

    def __init__(self, *args, units, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
