"""Forms for the people a case names (casework.named_persons): a person as described, a
handler adding one (optionally picked from the staff directory), and a handler matching
one to an account. They check the shape of input only; a change of an existing match
needs a reason, which the service asks for (casework.services.named_person_match)."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from security.request_values import IdChoiceField

from .named_persons import PersonInput

NAMED = _("Sebutkan nama atau jabatan orang yang dimaksud.")


def _text(label, *, max_length):
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=False,
        error_messages={"max_length": _("Teks terlalu panjang: paling banyak %(limit_value)d karakter.")},
    )


def staff_accounts():
    """The accounts a person may be matched to: every active staff member, with the unit
    each option names (read with them, not once per option)."""
    return get_user_model().objects.filter(is_active=True).select_related("unit").order_by("full_name", "username")


class StaffAccountField(IdChoiceField):
    def label_from_instance(self, user):
        unit = f" · {user.unit}" if getattr(user, "unit_id", None) else ""
        return f"{user.get_full_name() or user.get_username()}{unit}"


class NamedPersonForm(forms.Form):
    """One person: a name or a position at least, when anything is written. `missing` is
    what is said when only the unit was written (each kind names the person its way)."""

    missing = NAMED

    nama = _text(_("Nama"), max_length=200)
    jabatan = _text(_("Jabatan"), max_length=200)
    unit_kerja = _text(_("Unit kerja"), max_length=200)

    def clean(self):
        cleaned = super().clean()
        if any(cleaned.get(name) for name in ("nama", "jabatan", "unit_kerja")) and not (
            cleaned.get("nama") or cleaned.get("jabatan")
        ):
            raise ValidationError(self.missing)
        return cleaned

    def person(self) -> PersonInput | None:
        data = getattr(self, "cleaned_data", {})
        if not (data.get("nama") or data.get("jabatan")):
            return None
        return PersonInput(nama=data["nama"], jabatan=data["jabatan"], unit_kerja=data["unit_kerja"])


class AddNamedPersonForm(NamedPersonForm):
    """A person the handling found to be concerned, optionally picked from the directory
    (then the account's name stands in for a name left empty)."""

    user = StaffAccountField(
        label=_("Akun pegawai (bila diketahui)"),
        queryset=staff_accounts(),
        required=False,
        empty_label=_("— belum diketahui —"),
    )

    def clean(self):
        user = self.cleaned_data.get("user")
        if user is not None and not (self.cleaned_data.get("nama") or self.cleaned_data.get("jabatan")):
            self.cleaned_data["nama"] = user.get_full_name()
        cleaned = super().clean()
        if not (cleaned.get("nama") or cleaned.get("jabatan")):
            raise ValidationError(self.missing)
        return cleaned

    def person(self) -> PersonInput:
        person = super().person()
        return PersonInput(
            nama=person.nama, jabatan=person.jabatan, unit_kerja=person.unit_kerja, user=self.cleaned_data["user"]
        )


class MatchNamedPersonForm(forms.Form):
    """Match a person to an account; a reason when it replaces an earlier match."""

    user = StaffAccountField(
        label=_("Cocokkan dengan akun pegawai"),
        queryset=staff_accounts(),
        error_messages={"required": _("Pilih akun pegawai yang cocok.")},
    )
    reason = forms.CharField(
        label=_("Alasan (wajib bila mengganti pencocokan sebelumnya)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Pencocokan sebelumnya tetap tercatat, dan pengecualian yang ditimbulkannya tetap berlaku."),
    )
