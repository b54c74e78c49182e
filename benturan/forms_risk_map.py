"""The forms of the risk map: an entry (recorded, changed with a reason, or reviewed with
its result) and the list's filters. They check the shape of the input only; the rules
(an active owner, a review date ahead, something changed) are benturan.services_risk_map's,
whose errors come back on the same fields."""

from __future__ import annotations

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import UnitKerja
from accounts.unit_choices import UnitChoiceField
from casework.form_dates import CalendarDateField

from . import risk_scale
from .choices import Sumber
from .forms_declaration import EmployeeChoiceField, employees, text_field
from .models.peta_risiko import NAME_MAX_LENGTH, TEXT_MAX_LENGTH, Objek
from .services_risk_map import ENTRY_FIELDS

CHOOSE = _("Pilih salah satu dari daftar.")


def _scale_field(label, labels: dict, help_text):
    return forms.TypedChoiceField(
        label=label,
        coerce=int,
        choices=[("", _("Pilih")), *labels.items()],
        help_text=help_text,
        error_messages={"required": _("Pilih nilai %(name)s.") % {"name": label}, "invalid_choice": CHOOSE},
    )


def a_year_from(day: datetime.date) -> datetime.date:
    """The same day a year later (28 February for 29 February): the map is reviewed
    yearly, so a form proposes the next review then; the Tim may choose another day."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def active_units():
    return UnitKerja.objects.filter(is_active=True).order_by("name")


class RiskEntryForm(forms.Form):
    """An entry's fields, named as the model's; `initial` from an entry when changing it."""

    required_css_class = "required"

    unit = UnitChoiceField(
        label=_("Unit kerja"),
        queryset=UnitKerja.objects.none(),
        empty_label=_("Pilih unit"),
        error_messages={"required": _("Pilih unit kerja."), "invalid_choice": CHOOSE},
    )
    objek = forms.ChoiceField(
        label=_("Yang dipetakan"),
        choices=Objek.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Pilih jabatan atau proses."), "invalid_choice": CHOOSE},
    )
    nama = text_field(
        _("Jabatan atau proses"),
        max_length=NAME_MAX_LENGTH,
        help_text=_("Misalnya: Verifikator berkas KTP-el, atau Pengadaan blangko dokumen kependudukan."),
        required_message=_("Tuliskan jabatan atau proses yang dipetakan."),
    )
    uraian_risiko = text_field(
        _("Uraian potensi benturan kepentingan"),
        max_length=TEXT_MAX_LENGTH,
        rows=4,
        help_text=_("Bagaimana kepentingan pribadi dapat memengaruhi keputusan atau layanan pada tugas ini."),
        required_message=_("Uraikan potensi benturan kepentingannya."),
    )
    sumber = forms.ChoiceField(
        label=_("Sumber benturan"),
        required=False,
        choices=[("", _("Tidak ditentukan")), *Sumber.choices],
        error_messages={"invalid_choice": CHOOSE},
    )
    kemungkinan = _scale_field(
        _("Kemungkinan"), risk_scale.KEMUNGKINAN, _("Seberapa sering benturan ini dapat terjadi.")
    )
    dampak = _scale_field(_("Dampak"), risk_scale.DAMPAK, _("Seberapa besar akibatnya bila terjadi."))
    pengendalian_ada = text_field(
        _("Pengendalian yang sudah ada"),
        max_length=TEXT_MAX_LENGTH,
        rows=3,
        required=False,
        help_text=_("Misalnya: verifikasi berjenjang, rotasi petugas, pernyataan tidak berbenturan."),
    )
    pemilik = EmployeeChoiceField(
        label=_("Pemilik risiko"),
        queryset=get_user_model().objects.none(),
        empty_label=_("Pilih pegawai"),
        help_text=_("Pejabat yang bertanggung jawab atas pengendaliannya, biasanya kepala unit."),
        error_messages={"required": _("Pilih pemilik risiko."), "invalid_choice": CHOOSE},
    )
    tinjau_berikutnya = CalendarDateField(
        label=_("Tinjauan berikutnya"),
        help_text=_("Peta risiko ditinjau setiap tahun."),
        error_messages={
            "required": _("Isi tanggal tinjauan berikutnya."),
            "invalid": _("Tanggal tidak valid; pilih dari kalender atau tulis seperti 2027-03-31."),
        },
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = active_units()
        self.fields["pemilik"].queryset = employees()
        if not self.is_bound and "tinjau_berikutnya" not in self.initial:
            self.initial["tinjau_berikutnya"] = a_year_from(timezone.localdate())

    @classmethod
    def initial_of(cls, entry) -> dict:
        return {
            field: getattr(entry, f"{field}_id" if field in ("unit", "pemilik") else field) for field in ENTRY_FIELDS
        }

    def entry_data(self) -> dict:
        """The `data` of benturan.services_risk_map."""
        return {field: self.cleaned_data[field] for field in ENTRY_FIELDS}


class RiskChangeForm(RiskEntryForm):
    alasan = text_field(
        _("Alasan perubahan"), rows=3, max_length=TEXT_MAX_LENGTH, required_message=_("Tuliskan alasan perubahan.")
    )


class RiskReviewForm(RiskEntryForm):
    hasil = text_field(
        _("Hasil tinjauan"),
        rows=3,
        max_length=TEXT_MAX_LENGTH,
        help_text=_("Apa yang diperiksa dan apa kesimpulannya, juga bila tidak ada yang berubah."),
        required_message=_("Tuliskan hasil tinjauan."),
    )

    field_order = ["hasil"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            # A review sets the next one a year ahead, whatever the entry said before.
            self.initial["tinjau_berikutnya"] = a_year_from(timezone.localdate())


class RiskMapFilterForm(forms.Form):
    unit = UnitChoiceField(
        label=_("Unit kerja"),
        required=False,
        queryset=UnitKerja.objects.none(),
        empty_label=_("Semua unit"),
        help_text=_("Termasuk unit di bawahnya."),
        error_messages={"invalid_choice": _("Unit ini tidak ada; pilih dari daftar.")},
    )
    level = forms.ChoiceField(
        label=_("Level risiko"),
        required=False,
        choices=[("", _("Semua level")), *risk_scale.Level.choices],
        error_messages={"invalid_choice": _("Level ini tidak ada; pilih dari daftar.")},
    )
    objek = forms.ChoiceField(
        label=_("Yang dipetakan"),
        required=False,
        choices=[("", _("Jabatan dan proses")), *Objek.choices],
        error_messages={"invalid_choice": _("Pilihan ini tidak ada; pilih dari daftar.")},
    )
    terlambat = forms.BooleanField(label=_("Hanya yang terlambat ditinjau"), required=False)

    def __init__(self, *args, units=None, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else UnitKerja.objects.order_by("name")

    def is_narrowed(self) -> bool:
        return any(self.cleaned_data.get(name) for name in self.fields)

    def selector_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "unit": data.get("unit"),
            "level": data.get("level", ""),
            "objek": data.get("objek", ""),
            "overdue": bool(data.get("terlambat")),
        }
