"""The forms of the custody register (barang titipan): receiving an object of a
declaration into the UPG's custody, and releasing it. They check only the shape of input;
gratifikasi.services_custody numbers, checks dates against each other and refuses a
second release."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.forms_case import add_service_errors
from casework.money import RupiahField

from .choices import AlasanKeluar
from .forms_staff_case import char_field, date_field, long_text
from .models import BarangTitipan, Gratifikasi

HELD = "disimpan"
RELEASED = "dikeluarkan"


class _ServiceErrors:
    """Shows a service's ValidationError on the field it names (by the model's field
    name, translated through FIELD_FOR), else above the form; nothing typed is lost."""

    FIELD_FOR: dict[str, str] = {}

    def add_service_error(self, exc) -> None:
        add_service_errors(self, exc, field_for=lambda name: self.FIELD_FOR.get(name, name))


class CustodyReceiveForm(_ServiceErrors, forms.Form):
    """Terima titipan: the object a declarant hands to the UPG while KPK decides."""

    uraian = long_text(
        _("Uraian barang"),
        required_message=_("Tuliskan barang yang diterima: jenis, jumlah, merek, keadaan."),
        rows=3,
    )
    nilai = RupiahField(
        label=_("Perkiraan nilai"),
        error_messages={"required": _("Isi perkiraan nilai barang, misalnya Rp1.500.000.")},
    )
    diterima_dari = char_field(
        _("Diterima dari"),
        "diterima_dari",
        required_message=_("Tuliskan nama orang yang menyerahkan barang."),
        model=BarangTitipan,
    )
    diterima_tanggal = date_field(_("Tanggal diterima"), required_message=_("Isi tanggal barang diterima."))
    lokasi_simpan = char_field(
        _("Lokasi penyimpanan"),
        "lokasi_simpan",
        required_message=_("Tuliskan di mana barang disimpan, misalnya Lemari arsip UPG, rak 2."),
        model=BarangTitipan,
    )

    def __init__(self, *args, case: Gratifikasi, **kwargs):
        # The declaration's own description, value and declarant are the likely answers.
        kwargs.setdefault(
            "initial",
            {
                "uraian": case.uraian,
                "nilai": case.nilai,
                "diterima_dari": case.nama,
                "diterima_tanggal": timezone.localdate(),
            },
        )
        kwargs.setdefault("prefix", "titipan")
        super().__init__(*args, **kwargs)
        self.case = case

    def service_arguments(self) -> dict:
        return dict(self.cleaned_data)


class CustodyReleaseForm(_ServiceErrors, forms.Form):
    """Keluarkan titipan: the object leaves the UPG's custody, to whom and why."""

    FIELD_FOR = {"dikeluarkan_tanggal": "tanggal", "dikeluarkan_kepada": "kepada", "alasan_keluar": "alasan"}

    tanggal = date_field(_("Tanggal dikeluarkan"), required_message=_("Isi tanggal barang dikeluarkan."))
    kepada = char_field(
        _("Diserahkan kepada"),
        "dikeluarkan_kepada",
        required_message=_("Tuliskan kepada siapa barang diserahkan."),
        model=BarangTitipan,
        help_text=_("Nama penerima dan instansinya, misalnya petugas KPK atau pelapor."),
    )
    alasan = forms.ChoiceField(
        label=_("Alasan dikeluarkan"),
        choices=AlasanKeluar.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Pilih alasan barang dikeluarkan."),
            "invalid_choice": _("Alasan ini tidak ada; pilih dari daftar."),
        },
    )
    catatan = long_text(_("Catatan"), required=False, rows=2)

    def __init__(self, *args, item: BarangTitipan, **kwargs):
        kwargs.setdefault("initial", {"tanggal": timezone.localdate()})
        kwargs.setdefault("prefix", f"keluar-{item.pk}")
        super().__init__(*args, **kwargs)
        self.item = item

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "tanggal": data["tanggal"],
            "kepada": data["kepada"],
            "alasan": data["alasan"],
            "catatan": data["catatan"],
        }


class CustodyListFilterForm(forms.Form):
    """The register's filter: objects still held, released, or all."""

    status = forms.ChoiceField(
        label=_("Status barang"),
        required=False,
        choices=[("", _("Semua")), (HELD, _("Masih disimpan UPG")), (RELEASED, _("Sudah dikeluarkan"))],
        error_messages={"invalid_choice": _("Pilihan ini tidak ada; pilih dari daftar.")},
    )
