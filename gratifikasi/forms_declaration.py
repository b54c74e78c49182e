"""The declarant's forms: a gift received or refused, and the answer to a completion request.

They check only the shape of the input (lengths, choices, the NIK and NIP as written, the
phone, a rupiah amount, a date not in the future); gratifikasi.services checks the rest and
its errors are put back on these fields, which carry the model's field names.

Identity comes from the account: a detail the account holds is shown and not editable
here (it is changed on the account, where it is kept for every later declaration); a
detail it lacks is typed in this form and kept with the declaration only.
"""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import UnitKerja, nip_validator
from accounts.unit_choices import UnitChoiceField
from casework.form_dates import CalendarDateField
from casework.form_text import text_field
from casework.forms_case import add_service_errors
from casework.forms_public import show_limits_to_browser
from casework.money import RupiahField
from casework.uploads import AttachmentsField, keep_files
from casework.validators import normalize_nik, validate_nik, validate_phone

from . import exemptions
from .choices import HubunganPemberi, JenisLaporan, JenisPenerimaan, JenisPeristiwa
from .models import ExemptionRule

TEXT_MAX_LENGTH = 10_000
#: Account attribute behind each identity field of the form.
ACCOUNT_SOURCES = {
    "nama": "full_name",
    "nik": "nik",
    "nip": "nip",
    "jabatan": "jabatan",
    "unit_kerja": "unit",
    "alamat": "address",
    "telepon": "phone",
    "email": "email",
}
IDENTITY_FIELDS = tuple(ACCOUNT_SOURCES)
GIVER_FIELDS = ("pemberi_nama", "pemberi_instansi", "pemberi_alamat", "hubungan")
GIFT_FIELDS = (
    "jenis_peristiwa",
    "jenis_penerimaan",
    "uraian",
    "nilai",
    "tanggal_terima",
    "tempat_terima",
    "kronologi",
    "dititipkan",
)
#: What the advisory exemption check needs; the rest may still be empty when it runs.
ADVICE_FIELDS = (
    "jenis_laporan",
    "tanggal_terima",
    "jenis_peristiwa",
    "jenis_penerimaan",
    "hubungan",
    "nilai",
    "pemberi_nama",
    "kategori",
)


def _ascii_only(value: str) -> str:
    # The validators count digits with str.isdigit(), which also accepts other scripts'
    # digits; those are not a NIK or a phone number, so they fail as "not digits".
    return value if value.isascii() else "\u2639"


def _choice(label, choices, *, required_message, empty_label=None):
    field_choices = list(choices)
    if empty_label is not None:
        field_choices = [("", empty_label), *field_choices]
    return forms.ChoiceField(
        label=label,
        choices=field_choices,
        error_messages={
            "required": required_message,
            "invalid_choice": _("Pilih salah satu dari daftar."),
        },
    )


def date_received_in(data) -> datetime.date:
    """The date received as posted (for the category list), or today when it is missing or
    unreadable; the field's own cleaning reports what is wrong with it."""
    text = (data.get("tanggal_terima") or "").strip() if data is not None else ""
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        return timezone.localdate()
    return min(day, timezone.localdate())


class DeclarationFields(forms.Form):
    """The giver and the gift: what the declarant writes on a new declaration and may
    correct when the UPG sends it back."""

    required_css_class = "required"

    pemberi_nama = text_field(
        _("Nama pemberi"),
        max_length=200,
        required_message=_("Nama pemberi wajib diisi; tulis “tidak diketahui” jika Anda tidak tahu."),
    )
    pemberi_instansi = text_field(
        _("Instansi / perusahaan pemberi"),
        max_length=200,
        required=False,
        help_text=_("Boleh dikosongkan jika pemberi perorangan."),
    )
    pemberi_alamat = text_field(_("Alamat pemberi"), max_length=300, required=False)
    hubungan = _choice(
        _("Hubungan Anda dengan pemberi"),
        HubunganPemberi.choices,
        required_message=_("Pilih hubungan Anda dengan pemberi."),
        empty_label=_("Pilih hubungan"),
    )

    jenis_peristiwa = _choice(
        _("Jenis peristiwa"),
        JenisPeristiwa.choices,
        required_message=_("Pilih jenis peristiwa pemberian."),
        empty_label=_("Pilih peristiwa"),
    )
    jenis_penerimaan = _choice(
        _("Bentuk pemberian"),
        JenisPenerimaan.choices,
        required_message=_("Pilih bentuk pemberian."),
        empty_label=_("Pilih bentuk"),
    )
    uraian = text_field(
        _("Uraian pemberian"),
        max_length=TEXT_MAX_LENGTH,
        rows=3,
        help_text=_(
            "Apa yang diberikan, jumlah, merek atau ciri-cirinya; misalnya: parsel makanan dan satu jam tangan."
        ),
        required_message=_("Uraikan apa yang diberikan."),
    )
    nilai = RupiahField(
        label=_("Perkiraan nilai (rupiah)"),
        help_text=_("Tulis seperti Rp1.500.000. Jika tidak tahu pasti, perkirakan harga pasarnya."),
        error_messages={"required": _("Perkiraan nilai wajib diisi, misalnya Rp1.500.000; tulis 0 jika tidak ada.")},
    )
    tanggal_terima = CalendarDateField(
        label=_("Tanggal diterima atau ditolak"),
        error_messages={
            "required": _("Tanggal diterima atau ditolak wajib diisi."),
            "invalid": _("Tanggal tidak valid. Tulis seperti 31-12-2025, atau pilih dari kalender."),
        },
    )
    tempat_terima = text_field(
        _("Tempat diterima atau ditolak"),
        max_length=300,
        required_message=_("Tulis tempat pemberian diterima atau ditolak, misalnya: kantor, rumah, gedung acara."),
    )
    kronologi = text_field(
        _("Kronologi"),
        max_length=TEXT_MAX_LENGTH,
        rows=6,
        help_text=_("Ceritakan bagaimana pemberian terjadi: kapan, di mana, oleh siapa, dan dalam rangka apa."),
        required_message=_("Ceritakan kronologi pemberian."),
    )
    dititipkan = forms.BooleanField(
        label=_("Barang saya serahkan ke UPG untuk dititipkan"),
        required=False,
        help_text=_("Centang jika barangnya Anda bawa ke UPG untuk disimpan sampai ada keputusan KPK."),
    )

    def __init__(self, *args, **kwargs):
        # Required fields carry a "*" (required_css_class); a colon as well is clutter.
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        if self.is_bound:
            # Mutable, so the view may show an amount back the Indonesian way.
            self.data = self.data.copy()

    def clean_tanggal_terima(self):
        value = self.cleaned_data.get("tanggal_terima")
        if value and value > timezone.localdate():
            raise ValidationError(_("Tanggal diterima atau ditolak tidak boleh setelah hari ini."), code="future")
        return value

    def add_service_errors(self, error: ValidationError) -> None:
        """Put the service's errors on the fields they name (others on the form)."""
        add_service_errors(self, error)


class DeclarationForm(DeclarationFields):
    """A new declaration: the declarant, the giver, the gift, the photos, and an optional
    category of the not-obligatory rules for the advisory check.

    `user` is the signed-in declarant whose account fills the identity. With
    `checking=True` (the "Periksa pengecualian" button) fields the check does not need may
    still be empty: only what is typed wrong is reported.
    """

    jenis_laporan = forms.ChoiceField(
        label=_("Jenis laporan"),
        choices=JenisLaporan.choices,
        initial=JenisLaporan.PENERIMAAN,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Pilih apakah pemberian Anda terima atau Anda tolak."),
            "invalid_choice": _("Pilih salah satu jenis laporan yang tersedia."),
        },
    )

    nama = text_field(_("Nama lengkap"), max_length=200, required_message=_("Nama wajib diisi."), autocomplete="name")
    nik = forms.CharField(
        label="NIK",
        max_length=40,
        help_text=_("16 angka pada KTP-el Anda."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"required": _("NIK wajib diisi: 16 angka pada KTP-el Anda.")},
    )
    nip = forms.CharField(
        label="NIP",
        max_length=40,
        required=False,
        help_text=_("18 angka; kosongkan jika Anda bukan ASN."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    jabatan = text_field(_("Jabatan"), max_length=200, required_message=_("Jabatan wajib diisi."))
    unit_kerja = UnitChoiceField(
        label=_("Unit kerja"),
        queryset=UnitKerja.objects.filter(is_active=True).order_by("name"),
        required=False,
        empty_label=_("Pilih unit"),
        error_messages={"invalid_choice": _("Unit yang dipilih tidak tersedia. Pilih dari daftar.")},
    )
    alamat = text_field(
        _("Alamat rumah"), max_length=300, required_message=_("Alamat wajib diisi."), autocomplete="street-address"
    )
    telepon = forms.CharField(
        label=_("Nomor HP / WhatsApp"),
        max_length=30,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"}),
        error_messages={"required": _("Nomor HP wajib diisi, agar UPG dapat menghubungi Anda.")},
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("E-mail wajib diisi."),
            "invalid": _("Alamat e-mail tidak valid, contohnya: nama@contoh.id."),
        },
    )

    # Carried from the moment the form is shown, through every refusal, so that sending
    # it twice files one declaration (gratifikasi.services.declaration_submit).
    kunci_kiriman = forms.UUIDField(widget=forms.HiddenInput, required=False)

    kategori = forms.ChoiceField(
        label=_("Kategori tidak wajib lapor (jika menurut Anda ada yang sesuai)"),
        required=False,
        help_text=_("Boleh dikosongkan. Daftar ini berisi aturan yang berlaku pada tanggal pemberian."),
        error_messages={"invalid_choice": _("Kategori yang dipilih tidak dikenal. Pilih dari daftar atau kosongkan.")},
    )
    foto = AttachmentsField(label=_("Foto barang atau dokumen pendukung"))

    field_order = [
        "jenis_laporan",
        *IDENTITY_FIELDS,
        *GIVER_FIELDS,
        *GIFT_FIELDS,
        "kategori",
        "foto",
    ]

    def __init__(self, *args, user, checking: bool = False, **kwargs):
        self.checking = checking
        self.locked_from_account: list[str] = []
        super().__init__(*args, **kwargs)
        self._fill_identity_from(user)
        self._offer_categories()
        show_limits_to_browser(self)
        # The photos of a refused (or only checked) form wait for the next try, the
        # declarant's alone.
        keep_files(self, field="foto", name="gratifikasi.declaration", owner=user)

    def _offer_categories(self) -> None:
        """The rules in force on the date received as typed (today before one is), and a
        category picked earlier that is not in force that day (the date was changed
        since): kept, and marked, so the advice can say why it does not apply rather than
        the form refusing what the declarant chose."""
        on = date_received_in(self.data if self.is_bound else None)
        choices = [("", _("Tidak memilih"))]
        choices += [(rule.category, _rule_label(rule)) for rule in exemptions.rules_in_force(on)]
        picked = (self.data.get("kategori") or "").strip() if self.is_bound else ""
        if picked and picked not in dict(choices):
            rule = ExemptionRule.objects.filter(category=picked).order_by("-effective_from").first()
            if rule is not None:
                label = _("%(rule)s (tidak berlaku pada tanggal pemberian)") % {"rule": _rule_label(rule)}
                choices.append((rule.category, label))
        self.fields["kategori"].choices = choices
        ended = exemptions.rules_ended(on)
        if ended:
            # The letters run from m to o after n was deleted: say so, not leave a gap.
            field = self.fields["kategori"]
            field.help_text = " ".join([str(field.help_text)] + [_deleted_letter(rule) for rule in ended])

    def _fill_identity_from(self, user) -> None:
        """What the account holds is shown and kept as it is; the rest is typed here. A
        detail the account holds in a shape this form refuses (an old NIK with 15 digits)
        is shown for correction instead, so the declarant is never stuck with it."""
        for name, attribute in ACCOUNT_SOURCES.items():
            value = getattr(user, f"{attribute}_id", None) if name == "unit_kerja" else getattr(user, attribute, None)
            if value in (None, ""):
                continue
            field = self.fields[name]
            field.initial = value
            if name == "unit_kerja":
                # The account's unit, even one retired since, is the declarant's unit.
                field.queryset = UnitKerja.objects.filter(pk=value)
            elif not _account_value_fits(name, value):
                continue
            field.disabled = True
            self.locked_from_account.append(name)

    def account_details(self) -> list[tuple[str, str]]:
        """(label, value) of the identity taken from the account, for the page to show as
        text: a long column of inputs that cannot be edited only gets in the way on a phone."""
        details = []
        for name in self.locked_from_account:
            field = self.fields[name]
            value = field.queryset.first() if name == "unit_kerja" else field.initial
            details.append((str(field.label), str(value)))
        return details

    def identity_to_type(self):
        """The identity fields the account lacks, bound, for the page to show as inputs."""
        return [self[name] for name in IDENTITY_FIELDS if name not in self.locked_from_account]

    # --- Fields ---------------------------------------------------------------------------

    def clean_nik(self):
        nik = normalize_nik(self.cleaned_data.get("nik", ""))
        validate_nik(_ascii_only(nik))
        return nik

    def clean_nip(self):
        nip = normalize_nik(self.cleaned_data.get("nip") or "")
        if nip:
            nip_validator(_ascii_only(nip))
        return nip

    def clean_telepon(self):
        telepon = self.cleaned_data.get("telepon", "")
        validate_phone(_ascii_only(telepon))
        return telepon

    def clean_kategori(self):
        """The category picked (a slug), or None."""
        return self.cleaned_data.get("kategori") or None

    def full_clean(self):
        super().full_clean()
        if self.checking and self.is_bound:
            self._forgive_empty_fields()

    def _forgive_empty_fields(self) -> None:
        # The check needs only ADVICE_FIELDS; an empty field elsewhere is not an error yet.
        for name in list(self._errors):
            if name in ADVICE_FIELDS or name not in self.fields:
                continue
            kept = [error for error in self._errors[name].as_data() if error.code != "required"]
            if kept:
                self._errors[name] = ErrorList(kept)
            else:
                del self._errors[name]

    # --- For the advice and the service ------------------------------------------------------

    def advice_ready(self) -> bool:
        """Whether every field the exemption check needs was given and is valid."""
        return all(name in self.cleaned_data and name not in self.errors for name in ADVICE_FIELDS)

    def missing_for_advice(self) -> list[str]:
        """Labels of the fields the exemption check still needs, in the form's order."""
        return [
            str(self.fields[name].label)
            for name in ADVICE_FIELDS
            if name not in self.cleaned_data or name in self.errors
        ]

    def declaration_data(self) -> dict:
        """declaration_submit's `data` from the cleaned form (photos and category excluded)."""
        names = ("jenis_laporan", *IDENTITY_FIELDS, *GIVER_FIELDS, *GIFT_FIELDS)
        return {name: self.cleaned_data[name] for name in names}


_ACCOUNT_CHECKS = {
    "nik": lambda value: validate_nik(_ascii_only(normalize_nik(value))),
    "nip": lambda value: nip_validator(_ascii_only(normalize_nik(value))),
    "telepon": lambda value: validate_phone(_ascii_only(value)),
    "email": forms.EmailField().clean,
}


def _account_value_fits(name: str, value) -> bool:
    check = _ACCOUNT_CHECKS.get(name)
    if check is None:
        return True
    try:
        check(str(value))
    except ValidationError:
        return False
    return True


def _deleted_letter(rule: ExemptionRule) -> str:
    """What the category list says of a letter the regulation deleted, so that a list
    going from m to o says why (and, when the row names it, by which regulation)."""
    values = {"letter": rule.letter, "day": formats.date_format(exemptions.ended_since(rule), "j F Y")}
    if rule.ended_by:
        return _("Huruf %(letter)s dihapus oleh %(regulation)s sejak %(day)s.") % {
            **values,
            "regulation": rule.ended_by,
        }
    return _("Huruf %(letter)s dihapus sejak %(day)s.") % values


def _rule_label(rule) -> str:
    return f"{rule.letter}. {rule.title}" if rule.letter else str(rule.title)


class CompletionForm(DeclarationFields):
    """The declarant's answer to the UPG's request to complete a declaration: an answer,
    files, and (optionally) corrections of the giver and the gift, shown filled in with
    what the declaration says now; only the fields changed are sent to the service."""

    jawaban = text_field(
        _("Jawaban Anda"),
        max_length=TEXT_MAX_LENGTH,
        rows=5,
        help_text=_("Jelaskan apa yang Anda lengkapi. Perbaiki isian di bawah jika UPG memintanya."),
        required_message=_("Tuliskan jawaban atas permintaan UPG."),
    )
    foto = AttachmentsField(label=_("Foto atau dokumen tambahan"))

    field_order = ["jawaban", "foto", *GIVER_FIELDS, *GIFT_FIELDS]

    def __init__(self, *args, case, already_attached: int = 0, owner=None, **kwargs):
        kwargs.setdefault("initial", {name: getattr(case, name) for name in (*GIVER_FIELDS, *GIFT_FIELDS)})
        super().__init__(*args, **kwargs)
        self.fields["foto"].already_attached = already_attached
        show_limits_to_browser(self)
        # Bound to this declaration's answer: files kept here go to no other.
        keep_files(self, field="foto", name=f"gratifikasi.completion.{case.pk}", owner=owner)

    def add_service_errors(self, error: ValidationError) -> None:
        # The service names the answer by its model field.
        if hasattr(error, "error_dict") and "jawaban_kelengkapan" in error.error_dict:
            error.error_dict["jawaban"] = error.error_dict.pop("jawaban_kelengkapan")
        super().add_service_errors(error)

    def correction_fields(self):
        """The giver and gift fields, bound, for the page's "correct the declaration" part."""
        return [self[name] for name in (*GIVER_FIELDS, *GIFT_FIELDS)]

    def corrections(self) -> dict:
        """The giver and gift fields the declarant changed, as declaration_complete takes them."""
        return {
            name: self.cleaned_data[name]
            for name in (*GIVER_FIELDS, *GIFT_FIELDS)
            if name in self.changed_data and name in self.cleaned_data
        }
