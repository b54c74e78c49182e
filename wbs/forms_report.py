"""The public WBS report form: the shape of what a reporter sends, asked in the order of
4W+1H (what, who, where, when, how, how much), and a cheap trap for robots.

The form checks the shape of the input only; wbs.services.wbs_create checks the rest,
and its errors come back on these fields, which carry the service's argument names
(identitas_<part>, kontak_email...). The reported persons are a small formset beside
the form. The robot trap is the one every public form has: a hidden field and a signed
time the form was first shown (casework.formstamp), kept through every refusal so a quick
correction is not taken for a robot; a person caught by it keeps everything typed and is
asked to send again.

The files of a refused post are kept for the next try (casework.uploads.keep_files),
bound to this page and to no one: the form passes no owner, and nothing about the
reporter is kept with them.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import DecimalValidator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from casework.form_text import text_field
from casework.forms_case import add_service_errors
from casework.forms_named import NamedPersonForm
from casework.forms_public import show_limits_to_browser
from casework.formstamp import carried, seconds_since_started, sign_started
from casework.uploads import AttachmentsField, keep_files

from .choices import Kategori
from .identity import LIMITS as IDENTITY_LIMITS
from .identity import Identitas
from .models.laporan import TEXT_MAX_LENGTH
from .reported import TerlaporInput

HONEYPOT = "catatan_tambahan"
STARTED = "dimulai"
#: Reported persons the form offers; more can be named later (answering the handler).
TERLAPOR_ROWS = 3
#: What each subject means, in the reporter's words (the radio buttons' hints).
KATEGORI_HINTS = {
    Kategori.PENYALAHGUNAAN_WEWENANG: _("memakai jabatan untuk kepentingan sendiri atau orang lain"),
    Kategori.PELANGGARAN_DISIPLIN: _("misalnya tidak masuk kerja, titip absen, atau melalaikan tugas"),
    Kategori.KORUPSI: _("pungutan liar, suap, gratifikasi, atau merugikan keuangan negara"),
    Kategori.KOLUSI: _("kerja sama curang dengan pihak lain, misalnya dalam pengadaan"),
    Kategori.NEPOTISME: _("menguntungkan keluarga atau kerabat, misalnya dalam penerimaan pegawai"),
    Kategori.LAINNYA: _("pelanggaran lain oleh pegawai"),
}
_RUPIAH = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|\d+(?:,\d{1,2})?")
_MAX_DIGITS = 18


def _text(label, *, max_length, required=False, **options):
    # Every part of a report is optional unless the form says so.
    return text_field(label, max_length=max_length, required=required, **options)


class RupiahField(forms.Field):
    """An amount of rupiah as people write it here: "Rp 1.500.000", "1500000",
    "2.750.000,50" (dots group thousands, a comma starts the cents). Cleans to a Decimal,
    never a float."""

    widget = forms.TextInput
    MAX_LENGTH = 40

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "decimal", "maxlength": str(self.MAX_LENGTH)}

    def to_python(self, value):
        text = (value or "").strip()
        if not text:
            return None
        digits = re.sub(r"^rp\.?", "", text.lower()).replace(" ", "").replace("\u00a0", "")
        if len(text) > self.MAX_LENGTH or not _RUPIAH.fullmatch(digits):
            raise ValidationError(_("Tulis nilai dengan angka, misalnya 1.500.000 (titik pemisah ribuan boleh ada)."))
        amount = Decimal(digits.replace(".", "").replace(",", "."))
        DecimalValidator(_MAX_DIGITS, 2)(amount)
        return amount


class TerlaporForm(NamedPersonForm):
    """One reported person: a name or a position at least, when anything is written."""

    missing = _("Sebutkan nama atau jabatan orang yang dilaporkan.")


TerlaporFormSet = forms.formset_factory(
    TerlaporForm, extra=TERLAPOR_ROWS, max_num=TERLAPOR_ROWS, absolute_max=TERLAPOR_ROWS, validate_max=True
)


def terlapor_formset(data=None) -> forms.BaseFormSet:
    return TerlaporFormSet(data, prefix="terlapor")


def people_of(formset) -> list[TerlaporInput]:
    """The persons a valid formset names (rows left empty are no one)."""
    return [person for person in (form.person() for form in formset) if person is not None]


class WbsReportForm(forms.Form):
    required_css_class = "required"
    #: Set by clean() when the robot trap refused the post.
    caught_by_trap = False

    kategori = forms.ChoiceField(
        label=_("Jenis pelanggaran"),
        choices=Kategori.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Pilih jenis pelanggaran yang paling mendekati."),
            "invalid_choice": _("Pilih salah satu jenis pelanggaran yang tersedia."),
        },
    )
    title = _text(
        _("Judul singkat"),
        max_length=200,
        required=True,
        help_text=_("Satu kalimat, misalnya: Pungutan liar di loket perekaman KTP-el."),
    )
    apa = _text(
        _("Apa yang terjadi?"),
        max_length=TEXT_MAX_LENGTH,
        required=True,
        rows=7,
        help_text=_("Ceritakan perbuatannya sejelas mungkin: apa yang dilakukan, kepada siapa, dan akibatnya."),
    )
    dimana = _text(
        _("Di mana?"),
        max_length=300,
        help_text=_("Misalnya: loket 3 kantor dinas, atau ruang rapat lantai 2."),
    )
    kapan = _text(
        _("Kapan?"),
        max_length=200,
        help_text=_("Tanggal atau perkiraan waktu, misalnya: setiap Senin sejak Maret 2026."),
    )
    bagaimana = _text(
        _("Bagaimana terjadinya?"),
        max_length=TEXT_MAX_LENGTH,
        rows=5,
        help_text=_("Cara perbuatan itu dilakukan, dan siapa lagi yang mengetahuinya (saksi)."),
    )
    nilai_kerugian = RupiahField(
        label=_("Berapa perkiraan nilainya? (Rp)"),
        required=False,
        help_text=_("Uang yang diminta, diterima, atau hilang, jika ada. Boleh dikosongkan."),
    )
    bukti = AttachmentsField(label=_("Bukti (boleh dikosongkan)"))

    identitas_nama = _text(_("Nama"), max_length=IDENTITY_LIMITS["nama"])
    identitas_nip = _text(_("NIP"), max_length=30, help_text=_("18 angka, jika Anda pegawai."))
    identitas_jabatan = _text(_("Jabatan"), max_length=IDENTITY_LIMITS["jabatan"])
    identitas_unit_kerja = _text(_("Unit kerja"), max_length=IDENTITY_LIMITS["unit_kerja"])
    identitas_telepon = _text(_("Nomor HP / WhatsApp"), max_length=IDENTITY_LIMITS["telepon"])
    identitas_email = _text(_("E-mail"), max_length=IDENTITY_LIMITS["email"])
    identitas_keterangan = _text(
        _("Keterangan lain tentang Anda"),
        max_length=IDENTITY_LIMITS["keterangan"],
        rows=3,
        help_text=_("Misalnya hubungan Anda dengan kejadian ini, atau cara aman menghubungi Anda."),
    )

    kontak_email = forms.EmailField(
        label=_("E-mail untuk pemberitahuan"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        error_messages={"invalid": _("Alamat e-mail tidak valid, contohnya: nama@contoh.id.")},
    )

    catatan_tambahan = forms.CharField(
        label=_("Jangan isi kolom ini"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    dimulai = forms.CharField(required=False, widget=forms.HiddenInput)

    #: The fields of the sealed identity, shown together.
    IDENTITY_FIELDS = tuple(f"identitas_{part}" for part in IDENTITY_LIMITS)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["title"].error_messages["required"] = gettext("Tuliskan judul singkat laporan Anda.")
        self.fields["apa"].error_messages["required"] = gettext("Ceritakan apa yang terjadi.")
        if self.is_bound:
            self.data = self.data.copy()  # so a refused form can be shown with its stamp
        else:
            self.initial[STARTED] = sign_started()
        for name in self.IDENTITY_FIELDS:
            # Never suggested by the browser from what it remembers of the person.
            self.fields[name].widget.attrs["autocomplete"] = "off"
        show_limits_to_browser(self)
        # Never an owner: a WBS report is linked to no one, its kept files neither.
        keep_files(self, field="bukti", name="wbs.report")

    def kategori_choices(self):
        """The radio buttons with their hints, for the template."""
        return [(radio, KATEGORI_HINTS.get(radio.data["value"], "")) for radio in self["kategori"]]

    def identity_given(self) -> bool:
        """Whether anything was typed in the identity part (it then stays open)."""
        return any((self.data.get(name) or "").strip() for name in self.IDENTITY_FIELDS) if self.is_bound else False

    def clean_identitas_nip(self):
        # Written with spaces on staff cards (19900101 201501 2 001): the digits count.
        return re.sub(r"\s+", "", self.cleaned_data["identitas_nip"])

    def looks_robotic(self) -> bool:
        """The trap: the hidden field filled, or the form sent too soon after it was shown
        (or without its signed time)."""
        elapsed = seconds_since_started(self.data.get(STARTED, ""))
        too_soon = elapsed is None or elapsed < settings.SIGAP_WBS_MIN_FILL_SECONDS
        return bool(self.data.get(HONEYPOT)) or too_soon

    def clean(self):
        cleaned = super().clean()
        if self.looks_robotic():
            self.caught_by_trap = True
            raise ValidationError(
                _(
                    "Formulir ini tampak dikirim program otomatis: terkirim terlalu cepat, tidak lengkap, atau kolom "
                    "yang harus kosong terisi. Isian Anda masih ada di bawah; periksa kembali lalu kirim lagi."
                ),
                code="robot",
            )
        return cleaned

    def renew_for_another_try(self) -> None:
        """Before a refused form is shown again: the stamp of its first showing (a new one
        only for a missing, forged or stale stamp) and an empty trap."""
        self.data[STARTED] = carried(self.data.get(STARTED, ""))
        self.data[HONEYPOT] = ""

    def service_arguments(self, people: list[TerlaporInput]) -> dict:
        """wbs_create's arguments from the cleaned form and the named persons."""
        data = self.cleaned_data
        identitas = Identitas(**{part: data[f"identitas_{part}"] for part in IDENTITY_LIMITS})
        return {
            "title": data["title"],
            "kategori": data["kategori"],
            "apa": data["apa"],
            "dimana": data["dimana"],
            "kapan": data["kapan"],
            "bagaimana": data["bagaimana"],
            "nilai_kerugian": data["nilai_kerugian"],
            "terlapor": people,
            "identitas": identitas,
            "kontak_email": data["kontak_email"],
            "bukti": data["bukti"],
        }

    def add_service_errors(self, error: ValidationError) -> None:
        """Put the service's errors on the fields they name (the rest above the form)."""
        add_service_errors(self, error)
