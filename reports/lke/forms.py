"""The LKE page's forms: the year asked for, and the evaluator's answer to an item or its
withdrawal. Shape only; the rules (the item belongs to the year's version, an answer is
one of the item's options, a computed item is never answered by hand) are
reports.lke.services', whose errors come back on these fields."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from security.request_values import YearField

from .models import REASON_MAX_LENGTH, LkeItem


class YearForm(forms.Form):
    """The year of a yearly report page; an address without one shows this year."""

    tahun = YearField(label=_("Tahun"))

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and not data.get("tahun"):
            data = data.copy()
            data["tahun"] = str(timezone.localdate().year)
        super().__init__(data, *args, **kwargs)

    def year(self) -> int:
        """The year asked for (call after is_valid())."""
        return self.cleaned_data["tahun"]


def _reason_field(label):
    return forms.CharField(
        label=label,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Tuliskan alasan jawaban penilai."),
            "max_length": _("Alasan paling panjang %(limit_value)d karakter."),
        },
    )


class OverrideForm(forms.Form):
    required_css_class = "required"

    option = forms.ChoiceField(
        label=_("Jawaban penilai"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Pilih salah satu jawaban butir ini."),
            "invalid_choice": _("Jawaban ini tidak ada pada butir ini; pilih dari daftar."),
        },
    )
    reason = _reason_field(_("Alasan"))

    def __init__(self, *args, item: LkeItem, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.item = item
        self.fields["option"].choices = [(option.letter, str(option)) for option in item.options.all()]
        self.fields["reason"].help_text = _(
            "Mengapa jawaban ini, bukan usulan SIGAP: sebutkan data dukungnya. Usulan SIGAP tetap tercatat di samping "
            "jawaban penilai."
        )

    def chosen_option(self):
        letter = self.cleaned_data.get("option")
        return next((option for option in self.item.options.all() if option.letter == letter), None)


class WithdrawForm(forms.Form):
    required_css_class = "required"

    reason = _reason_field(_("Alasan menarik jawaban penilai"))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        kwargs.setdefault("prefix", "tarik")
        super().__init__(*args, **kwargs)
