"""The form on which a Pengelola Pengaduan enters a complaint received through another
channel (a letter from the kotak pengaduan, an e-mail, a call, a visit, a post on social
media, a ticket forwarded from SP4N-LAPOR!).

It is the public complaint form (forms_intake.PengaduanForm: the same fields, checks and
arguments for the service) with what only staff record: the channel, the SP4N-LAPOR!
ticket, and the day the complaint was received (which its deadlines count from) with the
reason when that was not today; its texts speak to the staff member rather than to the
complainant. The ticket's rule (required for that channel, refused for any other, never
twice) is the model's and the service's; add_service_errors puts their messages on the
ticket field. The rules of the day received are casework.received's, shown on these
fields before anything is sent.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.form_dates import CalendarDateField
from casework.received import LATE_ENTRY_REASON, RECEIVED_ON, entry_errors

from .choices import Channel
from .forms_intake import HONEYPOT, STARTED, PengaduanForm
from .models import Pengaduan

# The web form is the public's own; every other channel is entered by staff.
STAFF_CHANNELS = [(value, label) for value, label in Channel.choices if value != Channel.WEB]

# Texts of the public form that address the complainant, as a staff member reads them.
_STAFF_TEXTS = {
    "isi": {"help_text": _("Tuliskan apa yang disampaikan pelapor selengkap mungkin: apa, di mana, kapan, siapa.")},
    "nik": {"help_text": _("16 angka pada KTP-el atau KK pelapor.")},
    "unit_tujuan": {"label": _("Unit tujuan yang disarankan pelapor"), "help_text": ""},
    "lampiran": {"label": _("Lampiran dari pelapor")},
    "anonim": {"label": _("Anonim: identitas pelapor disembunyikan")},
    "rahasia": {"label": _("Rahasia: jangan cantumkan di daftar tindak lanjut publik")},
}
_STAFF_REQUIRED_MESSAGES = {"kategori": _("Pilih kategori layanan yang diadukan.")}
# The engine's names for the day received and its reason, and this form's.
_RECEIVED_FIELDS = {RECEIVED_ON: "diterima_pada", LATE_ENTRY_REASON: "alasan_terlambat"}


class StaffEntryForm(PengaduanForm):
    # Kept files of a refused entry are the staff member's (pass owner=request.user).
    held_form_name = "pengaduan.staff_entry"

    channel = forms.ChoiceField(
        label=_("Saluran"),
        choices=[("", _("Pilih saluran")), *STAFF_CHANNELS],
        error_messages={
            "required": _("Pilih saluran tempat pengaduan ini diterima."),
            "invalid_choice": _("Pilih salah satu saluran dari daftar."),
        },
    )
    lapor_tracking_id = forms.CharField(
        label=_("Nomor tiket SP4N-LAPOR!"),
        required=False,
        max_length=Pengaduan._meta.get_field("lapor_tracking_id").max_length,
        help_text=_("Wajib untuk pengaduan yang diteruskan dari SP4N-LAPOR!; kosongkan untuk saluran lain."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    diterima_pada = CalendarDateField(
        label=_("Tanggal pengaduan diterima"),
        error_messages={
            "required": _("Isi tanggal pengaduan diterima."),
            "invalid": _("Tanggal tidak valid. Tulis seperti 31-12-2025, atau pilih dari kalender."),
        },
        help_text=_(
            "Hari pengaduan sampai ke unit (misalnya hari surat diambil dari kotak pengaduan). Semua batas waktu "
            "dihitung sejak tanggal ini, bukan sejak dicatat di SIGAP."
        ),
    )
    alasan_terlambat = forms.CharField(
        label=_("Alasan baru dicatat sekarang"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Wajib bila tanggal diterima bukan hari ini. Dicatat dalam riwayat pengaduan."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Staff sign in with a second factor: the public form's robot trap has no place here.
        for name in (HONEYPOT, STARTED):
            del self.fields[name]
        for name, texts in _STAFF_TEXTS.items():
            for attribute, text in texts.items():
                setattr(self.fields[name], attribute, text)
        for name, message in _STAFF_REQUIRED_MESSAGES.items():
            self.fields[name].error_messages = {**self.fields[name].error_messages, "required": message}
        self.fields["channel"].widget.attrs["aria-required"] = "true"
        self.fields["diterima_pada"].initial = timezone.localdate
        self.fields["diterima_pada"].widget.attrs["aria-required"] = "true"

    def clean(self):
        cleaned = super().clean()
        received, happened = cleaned.get("diterima_pada"), cleaned.get("tanggal_kejadian")
        if received:
            reason = cleaned.get("alasan_terlambat", "")
            errors = entry_errors(received_on=received, late_entry_reason=reason, today=timezone.localdate())
            if errors:
                self.add_service_errors(ValidationError(errors))
        if received and happened and happened > received:
            self.add_error("tanggal_kejadian", _("Tanggal kejadian tidak boleh setelah tanggal pengaduan diterima."))
        return cleaned

    def add_service_errors(self, error: ValidationError) -> None:
        """The service's errors on the fields they name, the day received's on this form's."""
        if hasattr(error, "error_dict"):
            error = ValidationError(
                {_RECEIVED_FIELDS.get(field, field): errors for field, errors in error.error_dict.items()}
            )
        super().add_service_errors(error)

    def service_arguments(self) -> dict:
        """pengaduan_create's arguments (all but the actor), files excluded."""
        return {
            **super().service_arguments(),
            "channel": self.cleaned_data["channel"],
            "lapor_tracking_id": self.cleaned_data["lapor_tracking_id"],
            "received_on": self.cleaned_data["diterima_pada"],
            "late_entry_reason": self.cleaned_data["alasan_terlambat"],
        }
