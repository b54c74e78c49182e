"""The public complaint form: the shape of what a member of the public sends, and a cheap
trap for robots.

The form checks only the shape of the input (lengths, dates, choices, the NIK as
casework.validators says, the phone as casework.validators says);
pengaduan.services.pengaduan_create checks the rest and its errors are put back on these
fields, which carry the service's argument names.

Robots are caught without any outside service, two ways, and a person caught by mistake
gets a message with everything they typed still in place:
- a honeypot field hidden from people (off-screen, out of the tab order, hidden from
  screen readers) under a name no browser autofills;
- a signed timestamp of when the form was first shown (casework.formstamp): a post
  quicker than SIGAP_PENGADUAN_MIN_FILL_SECONDS, or without a valid stamp, is refused. A
  refused form keeps its first stamp, so a quick correction is not taken for a robot.

The files of a refused post are kept for the next try (casework.uploads.keep_files).
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.unit_choices import UnitTreeOptions
from casework.choice_rows import ChoiceRows
from casework.form_dates import CalendarDateField
from casework.forms_case import add_service_errors
from casework.forms_public import show_limits_to_browser
from casework.formstamp import carried, seconds_since_started, sign_started
from casework.models import Confidentiality
from casework.named_persons import PersonInput
from casework.uploads import AttachmentsField, keep_files
from casework.validators import normalize_nik, validate_nik, validate_phone
from security.request_values import IdChoiceField, parse_id

from . import selectors
from .choices import Jenis
from .models import TEXT_MAX_LENGTH

HONEYPOT = "keterangan_tambahan"
# The service's names of fields this form shows under another name.
SERVICE_FIELDS = {"pihak_terkait": "petugas_nama"}
STARTED = "dimulai"


class _RowOptions(ModelChoiceIterator):
    """The options of an ActiveChoiceField, from its `rows` rather than its queryset."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for row in self.field.rows.all():
            yield self.choice(row)

    def __len__(self):
        return len(self.field.rows.all()) + (self.field.empty_label is not None)

    def __bool__(self):
        return self.field.empty_label is not None or bool(self.field.rows.all())


class _UnitRowOptions(UnitTreeOptions, _RowOptions):
    """The options of an ActiveUnitChoiceField: its rows, in the unit tree's order."""

    def rows(self):
        return self.field.rows.all()


class ActiveChoiceField(IdChoiceField):
    """A choice of one row by id that refuses anything else (text, a huge number, an id
    outside the offered list) with the field's own "invalid_choice" message. The options
    shown and the choice posted are both read from `rows`, this process's copy of the
    list (casework.choice_rows), so neither showing the form nor posting it asks the
    database for the list; `queryset` says what the list is."""

    iterator = _RowOptions

    def __init__(self, *args, rows: ChoiceRows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows

    def to_python(self, value):
        if value in self.empty_values:
            return None
        pk = parse_id(value)
        row = self.rows.get(pk) if pk is not None else None
        if row is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return row


class ActiveUnitChoiceField(ActiveChoiceField):
    """An ActiveChoiceField of units, offered in the order of the unit tree."""

    iterator = _UnitRowOptions


def _ascii_only(value: str) -> str:
    # The validators count digits with str.isdigit(), which also accepts other scripts'
    # digits; those are not a NIK or a phone number, so they fail as "not digits".
    return value if value.isascii() else "\u2639"


class PengaduanForm(forms.Form):
    required_css_class = "required"
    #: The name the files kept from a refused post are bound to (casework.held_uploads).
    held_form_name = "pengaduan.intake"
    #: Set by clean() when the robot trap refused the post.
    caught_by_trap = False

    jenis = forms.ChoiceField(
        label=_("Jenis laporan"),
        choices=Jenis.choices,
        initial=Jenis.PENGADUAN,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Pilih jenis laporan."),
            "invalid_choice": _("Pilih salah satu jenis laporan yang tersedia."),
        },
    )
    title = forms.CharField(
        label=_("Judul"),
        max_length=200,
        help_text=_("Ringkas dalam satu kalimat, misalnya: Antrean perekaman KTP-el terlalu lama."),
        error_messages={"required": _("Judul wajib diisi.")},
    )
    isi = forms.CharField(
        label=_("Isi pengaduan atau kronologi"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Ceritakan apa yang terjadi, kapan, di mana, dan siapa yang terlibat; paling banyak 10.000 karakter."
        ),
        error_messages={"required": _("Isi pengaduan wajib diisi.")},
    )
    tanggal_kejadian = CalendarDateField(
        label=_("Tanggal kejadian"),
        required=False,
        help_text=_("Boleh dikosongkan jika Anda tidak ingat."),
        error_messages={"invalid": _("Tanggal tidak valid. Tulis seperti 31-12-2025, atau pilih dari kalender.")},
    )
    lokasi = forms.CharField(
        label=_("Lokasi kejadian"),
        max_length=300,
        required=False,
        help_text=_("Misalnya: loket 3 kantor Dinas, atau kantor kecamatan tempat Anda dilayani."),
    )
    kategori = ActiveChoiceField(
        label=_("Kategori layanan"),
        queryset=selectors.active_kategori(),
        rows=selectors.ACTIVE_KATEGORI_ROWS,
        empty_label=_("Pilih layanan"),
        error_messages={
            "required": _("Pilih kategori layanan yang Anda adukan."),
            "invalid_choice": _("Kategori yang dipilih tidak tersedia. Pilih salah satu dari daftar."),
        },
    )
    unit_tujuan = ActiveUnitChoiceField(
        label=_("Unit tujuan (jika tahu)"),
        queryset=selectors.active_units(),
        rows=selectors.ACTIVE_UNIT_ROWS,
        required=False,
        empty_label=_("Tidak tahu"),
        help_text=_("Boleh dikosongkan; petugas akan meneruskan ke unit yang tepat."),
        error_messages={"invalid_choice": _("Unit yang dipilih tidak tersedia. Pilih dari daftar atau kosongkan.")},
    )
    lampiran = AttachmentsField(label=_("Lampiran (boleh dikosongkan)"))

    # A complaint about a staff member: who (optional). Matched to an account, the person
    # is kept away from the complaint (casework.named_persons).
    petugas_nama = forms.CharField(
        label=_("Nama petugas"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    petugas_jabatan = forms.CharField(
        label=_("Jabatan atau tugasnya"),
        max_length=200,
        required=False,
        help_text=_("Misalnya: petugas loket perekaman KTP-el. Isi salah satu atau keduanya."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    nama = forms.CharField(
        label=_("Nama"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    nik = forms.CharField(
        label="NIK",
        max_length=40,
        required=False,
        help_text=_("16 angka pada KTP-el atau KK Anda."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("Alamat e-mail tidak valid, contohnya: nama@contoh.id.")},
    )
    telepon = forms.CharField(
        label=_("Nomor HP / WhatsApp"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"}),
    )

    anonim = forms.BooleanField(label=_("Rahasiakan identitas saya (anonim)"), required=False, initial=True)
    rahasia = forms.BooleanField(
        label=_("Jangan cantumkan pengaduan saya di daftar tindak lanjut publik (rahasia)"),
        required=False,
        initial=True,
    )

    keterangan_tambahan = forms.CharField(
        label=_("Jangan isi kolom ini"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    dimulai = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, owner=None, **kwargs):
        # Required fields carry a "*" (required_css_class); a colon as well is clutter.
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        if self.is_bound:
            # Mutable, so a refused form can be shown again with its stamp and no trap.
            self.data = self.data.copy()
        else:
            self.initial[STARTED] = sign_started()
        show_limits_to_browser(self)
        self.fields["anonim"].widget.attrs["aria-describedby"] = "anonim-help"
        self.fields["rahasia"].widget.attrs["aria-describedby"] = "rahasia-help"
        # `owner`: the staff member entering a complaint; the public has none.
        keep_files(self, field="lampiran", name=self.held_form_name, owner=owner)

    # --- Fields ---------------------------------------------------------------------------

    def clean_tanggal_kejadian(self):
        value = self.cleaned_data.get("tanggal_kejadian")
        if value and value > timezone.localdate():
            raise ValidationError(_("Tanggal kejadian tidak boleh setelah hari ini."))
        return value

    def clean_nik(self):
        nik = normalize_nik(self.cleaned_data.get("nik", ""))
        validate_nik(_ascii_only(nik))
        return nik

    def clean_telepon(self):
        telepon = self.cleaned_data.get("telepon", "")
        validate_phone(_ascii_only(telepon))
        return telepon

    # --- The robot trap -------------------------------------------------------------------

    def clean(self):
        cleaned = super().clean()
        if HONEYPOT not in self.fields:
            # A form for staff, who sign in with a second factor, leaves the trap out.
            return cleaned
        if self.data.get(HONEYPOT):
            self.caught_by_trap = True
            raise ValidationError(
                _(
                    "Kolom “Jangan isi kolom ini” ternyata terisi (kolom itu untuk menyaring program "
                    "otomatis). Kami sudah mengosongkannya; periksa isian Anda lalu kirim lagi."
                ),
                code="honeypot",
            )
        elapsed = seconds_since_started(self.data.get(STARTED, ""))
        if elapsed is None:
            self.caught_by_trap = True
            raise ValidationError(
                _("Formulir ini tidak lengkap atau sudah berubah. Isian Anda masih ada di bawah; silakan kirim lagi."),
                code="no_stamp",
            )
        if elapsed < settings.SIGAP_PENGADUAN_MIN_FILL_SECONDS:
            self.caught_by_trap = True
            raise ValidationError(
                _(
                    "Formulir terkirim terlalu cepat sehingga tampak seperti dikirim program otomatis. "
                    "Isian Anda masih ada di bawah; periksa kembali lalu kirim lagi."
                ),
                code="too_fast",
            )
        return cleaned

    def renew_for_another_try(self) -> None:
        """Before showing a refused form again: the stamp of its first showing (the time
        spent on the form counts for every try; a new one only for a missing, forged or
        stale stamp) and an empty honeypot."""
        self.data[STARTED] = carried(self.data.get(STARTED, ""))
        self.data[HONEYPOT] = ""

    # --- For the service --------------------------------------------------------------------

    def named_staff(self) -> list[PersonInput]:
        """The staff member the complainant says the complaint is about, if any."""
        nama, jabatan = self.cleaned_data["petugas_nama"].strip(), self.cleaned_data["petugas_jabatan"].strip()
        return [PersonInput(nama=nama, jabatan=jabatan)] if nama or jabatan else []

    def service_arguments(self) -> dict:
        """pengaduan_create's arguments from the cleaned form (files excluded); the staff
        concerned only when the complainant named someone (pengaduan_submit takes none)."""
        data = self.cleaned_data
        staff = self.named_staff()
        named = {"pihak_terkait": staff} if staff else {}
        return {
            **named,
            "title": data["title"],
            "isi": data["isi"],
            "jenis": data["jenis"],
            "tanggal_kejadian": data["tanggal_kejadian"],
            "lokasi": data["lokasi"],
            "kategori": data["kategori"],
            "unit_tujuan": data["unit_tujuan"],
            "nama": data["nama"],
            "nik": data["nik"],
            "email": data["email"],
            "telepon": data["telepon"],
            "is_anonymous": data["anonim"],
            "confidentiality": Confidentiality.RAHASIA if data["rahasia"] else Confidentiality.BIASA,
        }

    def add_service_errors(self, error: ValidationError) -> None:
        """Put the service's errors on the fields they name (others on the form)."""
        add_service_errors(self, error, field_for=lambda name: SERVICE_FIELDS.get(name, name))
