"""The forms of the work plan pages: an action, its evidence for a period, the plan's
reminder days. Shape only; the rules are reports.workplan.services'."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import UnitKerja
from accounts.unit_choices import UnitChoiceField

from ..monev.forms import BaseForm, text
from ..stored_files import EvidenceFilesField
from .indicators import INDICATORS, SubArea
from .models import TEXT_MAX_LENGTH, Frekuensi, JenisBukti
from .outputs import output_choices
from .schedule import month_name

CHOOSE = _("Pilih dari daftar.")


def _choice(label, choices, *, required_message, help_text=""):
    return forms.ChoiceField(
        label=label,
        choices=[("", _("Pilih")), *choices],
        help_text=help_text,
        error_messages={"required": required_message, "invalid_choice": CHOOSE},
    )


def _month_choices():
    # Called when a form is built, so the months are named in the request's language.
    return [("", _("Pilih")), *((m, month_name(m)) for m in range(1, 13))]


def _month(label, required_message):
    return forms.TypedChoiceField(
        label=label,
        coerce=int,
        choices=_month_choices,
        error_messages={"required": required_message, "invalid_choice": CHOOSE},
    )


def _indicator_choices():
    """Indicators grouped by their sub-area, for the select's <optgroup>s."""
    groups = []
    for area, area_label in SubArea.choices:
        groups.append((area_label, [(code, label) for code, (a, label) in INDICATORS.items() if a == area]))
    return groups


class ActionForm(BaseForm):
    sub_area = _choice(_("Sub-area"), SubArea.choices, required_message=_("Pilih sub-area."))
    indikator_kode = forms.ChoiceField(
        label=_("Indikator LKE"),
        choices=[("", _("Pilih")), *_indicator_choices()],
        help_text=_("Butir LKE yang dibuktikan oleh rencana aksi ini."),
        error_messages={"required": _("Pilih indikator LKE."), "invalid_choice": CHOOSE},
    )
    indikator = text(_("Indikator"), max_length=TEXT_MAX_LENGTH, rows=2, required_message=_("Tuliskan indikatornya."))
    rencana_aksi = text(
        _("Rencana aksi"), max_length=TEXT_MAX_LENGTH, rows=3, required_message=_("Tuliskan rencana aksinya.")
    )
    output = text(
        _("Output (bukti)"),
        max_length=TEXT_MAX_LENGTH,
        rows=2,
        help_text=_("Dokumen yang membuktikan rencana aksi terlaksana."),
        required_message=_("Tuliskan output yang membuktikannya."),
    )
    jenis_output = _choice(
        _("Jenis bukti"),
        output_choices(),
        required_message=_("Pilih jenis bukti."),
        help_text=_("Laporan SIGAP tertaut sendiri untuk setiap periodenya; selebihnya bukti diunggah."),
    )
    bulan_mulai = _month(_("Bulan mulai"), _("Pilih bulan mulai."))
    bulan_selesai = _month(_("Bulan selesai"), _("Pilih bulan selesai."))
    frekuensi = _choice(_("Frekuensi"), Frekuensi.choices, required_message=_("Pilih frekuensinya."))
    unit = UnitChoiceField(
        label=_("Unit penanggung jawab"),
        queryset=UnitKerja.objects.none(),
        required=False,
        empty_label=_("Tidak ditentukan"),
        error_messages={"invalid_choice": CHOOSE},
    )
    pelaksana = text(
        _("Pelaksana"),
        max_length=200,
        required=False,
        help_text=_("Misalnya: Tim ZI, Unit Pengendalian Gratifikasi."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = UnitKerja.objects.filter(is_active=True).order_by("name")

    @classmethod
    def initial_of(cls, aksi) -> dict:
        return {name: getattr(aksi, name) for name in cls.base_fields}


class EvidenceForm(BaseForm):
    periode = forms.ChoiceField(
        label=_("Periode"),
        error_messages={"required": _("Pilih periode yang dibuktikan."), "invalid_choice": CHOOSE},
    )
    jenis = _choice(_("Jenis bukti"), JenisBukti.choices, required_message=_("Pilih jenis bukti."))
    keterangan = text(
        _("Keterangan"),
        max_length=TEXT_MAX_LENGTH,
        rows=2,
        required=False,
        help_text=_("Misalnya nomor dan tanggal SK, atau acara yang didokumentasikan."),
    )
    tautan = forms.URLField(
        label=_("Tautan publikasi"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Alamat halaman di situs web atau media sosial, bila buktinya terbit di sana."),
        error_messages={"invalid": _("Tulis alamat lengkap, misalnya https://dukcapil.contoh.go.id/berita/1.")},
    )
    berkas = EvidenceFilesField(label=_("Berkas"))

    def __init__(self, *args, slots=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["periode"].choices = [("", _("Pilih")), *((slot.key, slot.label) for slot in slots)]


class PlanSettingsForm(BaseForm):
    pengingat_hari = forms.IntegerField(
        label=_("Pengingat (hari sebelum batas)"),
        min_value=0,
        max_value=180,
        help_text=_("Sejak berapa hari sebelum batas waktu bukti yang belum ada muncul di Kotak Masuk Tim ZI."),
        error_messages={
            "required": _("Isi jumlah hari."),
            "invalid": _("Isi angka bulat."),
            "min_value": _("Paling sedikit 0 hari."),
            "max_value": _("Paling banyak 180 hari."),
        },
    )
