"""Forms of the complainant's tracking page and of the public monthly page.

They check only the shape of the input; whether the case may take it (its state, the
one reopening) is the services' decision, shown on the form when they refuse.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework.forms_public import ReporterMessageForm
from casework.uploads import AttachmentsField, keep_files
from security.request_values import FIRST_YEAR

from .models import TEXT_MAX_LENGTH
from .monthly import Month
from .services import dissatisfied_max_rating


class SupplyInformationForm(ReporterMessageForm):
    """The complainant's answer to the handler's question, with the files asked for.

    The answer becomes a message to the handler, so it follows the message's rules. The
    files of a refused answer are kept for the next try, bound to this complaint's answer.
    """

    lampiran = AttachmentsField(label=gettext_lazy("Lampiran, jika petugas memintanya"))

    def __init__(self, *args, case, already_attached: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].label = _("Jawaban Anda")
        self.fields["body"].error_messages["required"] = _("Tuliskan informasi yang diminta petugas.")
        self.fields["lampiran"].already_attached = already_attached
        keep_files(self, field="lampiran", name=f"pengaduan.reply.{case.pk}")


RATING_CHOICES = [
    (1, gettext_lazy("1 — Sangat tidak puas")),
    (2, gettext_lazy("2 — Tidak puas")),
    (3, gettext_lazy("3 — Cukup")),
    (4, gettext_lazy("4 — Puas")),
    (5, gettext_lazy("5 — Sangat puas")),
]


class RatingForm(forms.Form):
    """The complainant's rating of the answer, and their wish to have the case reopened."""

    rating = forms.TypedChoiceField(
        label=gettext_lazy("Seberapa puas Anda dengan jawaban ini?"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Pilih penilaian dari 1 sampai 5."),
            "invalid_choice": gettext_lazy("Pilih penilaian dari 1 sampai 5."),
        },
    )
    comment = forms.CharField(
        label=gettext_lazy("Komentar"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": gettext_lazy("Komentar terlalu panjang: paling banyak %(limit_value)d karakter.")
        },
    )
    reopen = forms.BooleanField(label=gettext_lazy("Saya tidak puas: buka kembali pengaduan ini"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Built per form, in the language of the request, from the setting in force.
        self.fields["reopen"].help_text = _(
            "Hanya untuk penilaian %(max)d atau kurang. Pengaduan akan ditangani kembali oleh petugas; "
            "ini hanya dapat dilakukan satu kali."
        ) % {"max": dissatisfied_max_rating()}


class MonthForm(forms.Form):
    """?bulan=2026-10 on the monthly page; empty means the last complete month."""

    bulan = forms.CharField(
        label=gettext_lazy("Bulan"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "2026-10"}),
        error_messages={"max_length": gettext_lazy("Tulis bulan dengan format TTTT-BB, misalnya 2026-10.")},
    )

    def clean_bulan(self) -> Month:
        text = self.cleaned_data["bulan"]
        today = timezone.localdate()
        if not text.strip():
            return Month.last_complete(today)
        try:
            month = Month.parse(text)
        except ValueError:
            raise forms.ValidationError(_("Tulis bulan dengan format TTTT-BB, misalnya 2026-10.")) from None
        if month.year < FIRST_YEAR:
            raise forms.ValidationError(_("Laporan bulanan tersedia mulai Januari %(year)d.") % {"year": FIRST_YEAR})
        if month > Month.of(today):
            raise forms.ValidationError(_("Bulan %(month)s belum tiba.") % {"month": month.label})
        return month
