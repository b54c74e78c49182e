"""Forms of the WBS reporter after filing: confirming the code was saved, coming back
with it, answering the handler, and the notification address. Messages and extra files
use the engine's reporter forms (casework.forms_public)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.forms_public import TrackingCodeForm
from casework.uploads import AttachmentsField, keep_files

from .models.laporan import TEXT_MAX_LENGTH
from .services import SUPPLEMENTABLE


class ConfirmSavedForm(forms.Form):
    saved = forms.BooleanField(
        label=_("Saya sudah menyimpan kode tanda terima di tempat yang aman."),
        error_messages={
            "required": _("Centang kotak ini setelah Anda menyimpan kode. Tanpa kode, laporan tidak dapat dibuka lagi.")
        },
    )


def refused_without_code(form_class, data, message: str):
    """A code form refused before its code was looked up (wbs.throttle.admit), shown again
    as posted but without the code, which is not echoed back to a page that refused it,
    and with `message` as its only error."""
    kept = data.copy()
    kept.pop("code", None)
    form = form_class(kept)
    form.full_clean()
    form.errors.clear()  # "the code is missing" is not what went wrong
    form.add_error(None, message)
    return form


class ReceiptCodeForm(TrackingCodeForm):
    """The receipt code, typed as forgivingly as a tracking code (same alphabet)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["code"]
        field.label = _("Kode tanda terima")
        field.help_text = _("16 huruf dan angka yang Anda terima saat melapor, misalnya 7KQM-4XRT-9HWB-2NCF.")
        field.widget.attrs["autocomplete"] = "off"


class SupplyForm(forms.Form):
    """The reporter's answer to the handler's request (tunda): the answer itself, what
    they add to each element of the report, and more evidence. More persons come in a
    wbs.forms_report.TerlaporFormSet beside it. The evidence of a refused answer is kept
    for the next try, bound to this report's answer and to no person."""

    reply = forms.CharField(
        label=_("Jawaban Anda untuk petugas"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Tuliskan jawaban untuk petugas."),
            "max_length": _("Teks terlalu panjang: paling banyak %(limit_value)d karakter."),
        },
    )
    tambah_apa = forms.CharField(
        label=_("Tambahan: apa yang terjadi"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    tambah_dimana = forms.CharField(label=_("Tambahan: di mana"), required=False, max_length=300)
    tambah_kapan = forms.CharField(label=_("Tambahan: kapan"), required=False, max_length=200)
    tambah_bagaimana = forms.CharField(
        label=_("Tambahan: bagaimana terjadinya"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    bukti = AttachmentsField(label=_("Bukti tambahan (boleh dikosongkan)"))

    def __init__(self, *args, case, already_attached: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bukti"].already_attached = already_attached
        keep_files(self, field="bukti", name=f"wbs.supply.{case.pk}")

    def tambahan(self) -> dict[str, str]:
        return {str(element): self.cleaned_data[f"tambah_{element}"] for element in SUPPLEMENTABLE}


class ContactForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail untuk pemberitahuan"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        error_messages={
            "required": _("Tuliskan alamat e-mail, atau biarkan pemberitahuan tidak aktif."),
            "invalid": _("Alamat e-mail tidak valid, contohnya: nama@contoh.id."),
        },
    )
