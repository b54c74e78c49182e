"""The forms of an employee's own pages: declaring their own conflict of interest, and
reporting someone else's.

They check only the shape of the input (choices, lengths, a SIGAP number as written, the
files); benturan.services checks the rest and its errors are put back on these fields,
which carry the model's field names. The declarant's identity comes from their account
and is shown, not typed (a position the account lacks is asked for).
"""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from casework import form_text
from casework.forms_case import add_service_errors
from casework.forms_public import show_limits_to_browser
from casework.uploads import AttachmentsField, keep_files
from security.request_values import IdChoiceField, IdMultipleChoiceField

from .choices import Jenis, JenisHal, Sumber
from .models.benturan import HAL_MAX_LENGTH, TEXT_MAX_LENGTH, reference_validator
from .services import FILED_FIELDS, normalize_reference


def text_field(label, *, max_length=TEXT_MAX_LENGTH, **options):
    """A text of a case, one line or (with `rows`) several, up to `max_length`."""
    return form_text.text_field(label, max_length=max_length, **options)


def _choice(label, choices, *, required_message, widget=None, help_text=""):
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=widget or forms.Select,
        help_text=help_text,
        error_messages={"required": required_message, "invalid_choice": _("Pilih salah satu dari daftar.")},
    )


def employee_label(user) -> str:
    """An employee as a list of accounts shows them: name, position and unit."""
    details = [part for part in (user.jabatan, getattr(user.unit, "name", "")) if part]
    return f"{user.full_name or user.get_username()} — {', '.join(details)}" if details else str(user)


def employees(*, excluding=()):
    """Active accounts to choose from, by name, with their units (one query)."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(pk__in=[person.pk for person in excluding])
        .select_related("unit")
        .order_by("full_name", "pk")
    )


class EmployeeChoiceField(IdChoiceField):
    def label_from_instance(self, obj):
        return employee_label(obj)


class EmployeesChoiceField(IdMultipleChoiceField):
    def label_from_instance(self, obj):
        return employee_label(obj)


class FiledForm(forms.Form):
    """What a declaration and a report share: the conflict, what it touches, the interest,
    the other parties and the supporting files. `user` is the signed-in employee."""

    required_css_class = "required"

    jenis = _choice(
        _("Jenis benturan kepentingan"),
        Jenis.choices,
        widget=forms.RadioSelect,
        required_message=_("Pilih apakah benturan kepentingan ini aktual atau potensial."),
    )
    sumber = _choice(
        _("Sumber benturan kepentingan"),
        [("", _("Pilih sumber")), *Sumber.choices],
        required_message=_("Pilih sumber benturan kepentingan."),
    )
    hal_jenis = _choice(
        _("Yang terdampak"),
        [("", _("Pilih")), *JenisHal.choices],
        required_message=_("Pilih apa yang terdampak: keputusan, kegiatan, pengadaan, atau perizinan."),
    )
    hal = text_field(
        _("Keputusan atau kegiatan yang terdampak"),
        max_length=HAL_MAX_LENGTH,
        help_text=_("Misalnya: penetapan pemenang pengadaan blangko KTP-el 2026, atau penerbitan akta atas nama X."),
        required_message=_("Tuliskan keputusan, kegiatan, pengadaan, atau perizinan yang terdampak."),
    )
    rujukan_kasus = forms.CharField(
        label=_("Nomor kasus SIGAP terkait (jika ada)"),
        max_length=40,
        required=False,
        help_text=_("Jika yang terdampak adalah kasus di SIGAP, tulis nomornya, misalnya PGD/2026/000123."),
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "spellcheck": "false", "autocomplete": "off"}),
    )
    kepentingan = text_field(
        _("Kepentingan yang berbenturan"),
        max_length=TEXT_MAX_LENGTH,
        rows=4,
        help_text=_("Kepentingan pribadi, keluarga, teman, atau usaha apa yang dapat memengaruhi keputusan itu."),
        required_message=_("Uraikan kepentingan yang berbenturan."),
    )
    pihak_lain = text_field(
        _("Pihak lain yang terkait"),
        max_length=TEXT_MAX_LENGTH,
        rows=3,
        required=False,
        help_text=_("Nama orang, perusahaan, atau lembaga yang terkait, beserta hubungannya."),
    )
    pihak_pegawai = EmployeesChoiceField(
        label=_("Pegawai yang terkait (jika ada)"),
        queryset=get_user_model().objects.none(),
        required=False,
        help_text=_(
            "Pegawai yang ikut menjadi pihak, misalnya keluarga Anda yang bekerja di sini. Pegawai yang dipilih "
            "tidak ikut menilai benturan ini."
        ),
        error_messages={"invalid_choice": _("Pegawai yang dipilih tidak tersedia. Pilih dari daftar.")},
    )
    files = AttachmentsField(label=_("Dokumen pendukung"))
    # Carried from the moment the form is shown, through every refusal, so that sending
    # it twice files one case (benturan.services).
    kunci_kiriman = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["pihak_pegawai"].queryset = employees(excluding=[user])
        self.fields["pihak_pegawai"].widget.attrs["size"] = "6"
        show_limits_to_browser(self)
        # The documents of a refused form wait for the next try, the employee's alone.
        keep_files(self, field="files", name=self.held_form_name, owner=user)

    def clean_rujukan_kasus(self):
        reference = normalize_reference(self.cleaned_data.get("rujukan_kasus", ""))
        if reference:
            reference_validator(reference)
        return reference

    def filed_data(self) -> dict:
        """The `data` of benturan.services.benturan_declare and benturan_report."""
        return {name: self.cleaned_data[name] for name in FILED_FIELDS}

    def add_service_errors(self, error: ValidationError) -> None:
        """Put the service's errors on the fields they name (others above the form)."""
        add_service_errors(self, error)


class DeclarationForm(FiledForm):
    """The signed-in employee's own conflict. The identity is the account's; a position
    the account lacks is typed here."""

    held_form_name = "benturan.declaration"
    jabatan = text_field(_("Jabatan"), max_length=200, required_message=_("Jabatan wajib diisi."))

    field_order = ["jenis", "sumber", "hal_jenis", "hal", "rujukan_kasus", "kepentingan", "pihak_lain"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        if (user.jabatan or "").strip():
            del self.fields["jabatan"]

    def account_details(self) -> list[tuple[str, str]]:
        """(label, value) of the declarant as their account holds them, shown as text."""
        user = self.user
        rows = [(_("Nama"), user.full_name or user.get_username()), ("NIP", user.nip or "—")]
        if "jabatan" not in self.fields:
            rows.append((_("Jabatan"), user.jabatan))
        rows.append((_("Unit kerja"), str(user.unit) if user.unit_id else "—"))
        return rows


class ReportForm(FiledForm):
    """Another employee's conflict, reported by the signed-in employee."""

    held_form_name = "benturan.report"

    pejabat = EmployeeChoiceField(
        label=_("Pegawai yang memiliki benturan kepentingan"),
        queryset=get_user_model().objects.none(),
        empty_label=_("Pilih pegawai"),
        help_text=_("Pegawai ini tidak pernah diberi tahu siapa yang melaporkan."),
        error_messages={
            "required": _("Pilih pegawai yang benturan kepentingannya Anda laporkan."),
            "invalid_choice": _("Pegawai yang dipilih tidak tersedia. Pilih dari daftar."),
        },
    )

    field_order = ["pejabat", "jenis", "sumber", "hal_jenis", "hal", "rujukan_kasus", "kepentingan", "pihak_lain"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["pejabat"].queryset = employees(excluding=[user])
