"""The forms of a declaration's UPG page: one per action, each feeding one service.

They check only the shape of input (required, length, a date, an amount in rupiah, a
choice that exists, a scan of an accepted type); the rules of the workflow (an SK only
for a penerimaan, the follow-ups an SK allows, dates in order) stay in
gratifikasi.services, the model's clean() and the transitions' conditions, whose
refusals the view shows on the same form. Every form is the engine's action form
(casework.forms_case.ActionForm) with its internal note for the history; the declarant
follows each step on their own page, so no form adds a second, public note.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.form_dates import CalendarDateField
from casework.forms_case import ActionForm
from casework.money import RupiahField
from casework.uploads import AttachmentsField
from security.request_values import IdChoiceField

from . import exemptions, selectors
from .choices import ALLOWED_FOLLOW_UP, JenisTindakLanjut, StatusKpk
from .models import ExemptionRule, Gratifikasi
from .models.declaration import TEXT_MAX_LENGTH
from .services import SCAN_TYPES

DATE_INVALID = _("Tanggal tidak valid; pilih dari kalender atau tulis seperti 2026-03-31.")


def long_text(label, *, required_message="", required=True, rows=4, help_text=""):
    """A text of a declaration (a request, a recommendation...), up to the model's limit."""
    messages = {"max_length": _("Teks terlalu panjang: paling banyak %(limit_value)d karakter.")}
    if required_message:
        messages["required"] = required_message
    return forms.CharField(
        label=label,
        required=required,
        max_length=TEXT_MAX_LENGTH,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages=messages,
    )


def date_field(label, *, required_message, help_text=""):
    return CalendarDateField(
        label=label,
        help_text=help_text,
        error_messages={"required": required_message, "invalid": DATE_INVALID},
    )


def char_field(label, model_field: str, *, required_message="", required=True, help_text="", model=Gratifikasi):
    """A one-line text as long as the model's field takes (its plaintext, when encrypted)."""
    messages = {"max_length": _("Terlalu panjang: paling banyak %(limit_value)d karakter.")}
    if required_message:
        messages["required"] = required_message
    field = model._meta.get_field(model_field)
    return forms.CharField(
        label=label,
        required=required,
        max_length=getattr(field, "plaintext_max_length", None) or field.max_length,
        help_text=help_text,
        error_messages=messages,
    )


class ScanField(AttachmentsField):
    """One scanned document (an SK, a receipt): a PDF, JPEG or PNG, sanitized like every
    attachment. Cleans to one casework.sanitize.CleanFile, or None when left empty."""

    widget = forms.ClearableFileInput

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", _("PDF, JPEG, atau PNG; metadata berkas dihapus saat disimpan."))
        super().__init__(**kwargs)
        self.widget.attrs["accept"] = ",".join(sorted(SCAN_TYPES))
        for name in ("data-max-files", "data-too-many"):
            self.widget.attrs.pop(name, None)

    def clean(self, data, initial=None):
        files = super().clean(data, initial)
        if not files:
            return None
        scan = files[0]
        if scan.content_type not in SCAN_TYPES:
            raise forms.ValidationError(
                _("%(name)s: pindaian harus berupa PDF, JPEG, atau PNG.") % {"name": scan.name}, code="scan_type"
            )
        return scan


class UpgActionForm(ActionForm):
    """An action of the UPG page. Every transition of a declaration is shown to the
    declarant with the action's own text (the request, the SK, the follow-up), so the
    page keeps only the internal note."""

    public_note = None

    def __init__(self, *args, case: Gratifikasi, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        self.fields["note"].help_text = _("Hanya terlihat oleh petugas UPG, di riwayat laporan.")


class RegisterForm(UpgActionForm):
    """Registrasi: the UPG takes the declaration in and numbers it; the UPG's own
    forwarding clock starts."""


class RequestCompletionForm(UpgActionForm):
    """Minta kelengkapan: send the declaration back to the declarant with what is missing."""

    catatan = long_text(
        _("Yang perlu dilengkapi pelapor"),
        required_message=_("Tuliskan apa yang perlu dilengkapi pelapor."),
        help_text=_(
            "Pelapor membacanya di halaman laporannya dan menerima pemberitahuan. Batas waktu UPG berhenti "
            "sampai pelapor menjawab."
        ),
    )

    def service_arguments(self) -> dict:
        return {**super().service_arguments(), "catatan": self.cleaned_data["catatan"]}


class AcceptCompleteForm(UpgActionForm):
    """Terima lengkap: the declaration holds what the analysis needs."""


class CloseIncompleteForm(UpgActionForm):
    """Tutup tidak lengkap: the declarant did not complete the report in time."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        note = self.fields["note"]
        note.required = True
        note.label = _("Alasan penutupan")
        note.error_messages["required"] = _("Tuliskan alasan laporan ditutup sebagai tidak diproses.")


class ConcludeNotObligatoryForm(UpgActionForm):
    """Simpulkan tidak wajib: the analysis found a not-obligatory category that fits; the
    rule cited is one in force on the day the gift was received."""

    rule = IdChoiceField(
        label=_("Ketentuan pengecualian yang dikutip"),
        queryset=ExemptionRule.objects.none(),
        empty_label=_("— pilih ketentuan —"),
        error_messages={
            "required": _("Pilih ketentuan pengecualian yang menjadi dasar kesimpulan."),
            "invalid_choice": _("Ketentuan ini tidak berlaku pada tanggal gratifikasi diterima; pilih dari daftar."),
        },
    )
    rekomendasi = long_text(
        _("Rekomendasi hasil analisis"),
        required_message=_("Tuliskan rekomendasi hasil analisis."),
        help_text=_("Pelapor membacanya sebagai alasan laporannya tidak wajib dilaporkan ke KPK."),
    )
    despite_advice = forms.BooleanField(
        label=_("Tetap simpulkan dengan ketentuan ini"),
        required=False,
        help_text=_(
            "Perlu dicentang hanya bila pemeriksaan menyatakan ketentuan itu tidak sesuai dengan isian laporan atau "
            "nilainya melebihi batas; jelaskan alasannya di rekomendasi."
        ),
    )

    def __init__(self, *args, case: Gratifikasi, **kwargs):
        kwargs.setdefault(
            "initial", {"rule": case.aturan_dikutip_id or case.saran_pengecualian_id, "rekomendasi": case.rekomendasi}
        )
        super().__init__(*args, case=case, **kwargs)
        self.fields["rule"].queryset = exemptions.rules_in_force(case.tanggal_terima)
        self.fields["rule"].label_from_instance = lambda rule: f"{rule.letter}. {rule.title} ({rule.source})"

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            **super().service_arguments(),
            "rule": data["rule"],
            "rekomendasi": data["rekomendasi"],
            "despite_advice": data["despite_advice"],
        }


class ForwardToKpkForm(UpgActionForm):
    """Teruskan ke KPK: the analysis recommends KPK's decision; record the reference KPK
    gave (GOL) and the day it was sent."""

    rekomendasi = long_text(_("Rekomendasi hasil analisis"), required_message=_("Tuliskan rekomendasi hasil analisis."))
    kpk_nomor = char_field(
        _("Nomor registrasi KPK (GOL)"),
        "kpk_nomor",
        required_message=_("Isi nomor registrasi laporan di KPK (GOL)."),
    )
    kpk_tanggal = date_field(
        _("Tanggal diteruskan ke KPK"), required_message=_("Isi tanggal laporan diteruskan ke KPK.")
    )

    def __init__(self, *args, case: Gratifikasi, **kwargs):
        kwargs.setdefault("initial", {"rekomendasi": case.rekomendasi})
        super().__init__(*args, case=case, **kwargs)

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            **super().service_arguments(),
            "rekomendasi": data["rekomendasi"],
            "kpk_nomor": data["kpk_nomor"],
            "kpk_tanggal": data["kpk_tanggal"],
        }


class RecordSkForm(UpgActionForm):
    """Catat SK KPK: KPK's decision on a received gift, with its scan."""

    sk_status = forms.ChoiceField(
        label=_("Status yang ditetapkan"),
        choices=StatusKpk.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Pilih status yang ditetapkan SK KPK."),
            "invalid_choice": _("Status ini tidak ada; pilih dari daftar."),
        },
    )
    sk_nomor = char_field(_("Nomor SK"), "sk_nomor", required_message=_("Isi nomor SK KPK."))
    sk_tanggal = date_field(_("Tanggal SK"), required_message=_("Isi tanggal SK KPK."))
    sk_scan = ScanField(
        label=_("Pindaian SK"),
        required=True,
        error_messages={"required": _("Lampirkan pindaian SK KPK (PDF, JPEG, atau PNG).")},
    )

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            **super().service_arguments(),
            "sk_status": data["sk_status"],
            "sk_nomor": data["sk_nomor"],
            "sk_tanggal": data["sk_tanggal"],
            "sk_scan": data["sk_scan"],
        }

    def error_field_for(self, model_field: str) -> str:
        return "sk_status" if model_field == "jenis_laporan" else model_field


class CloseRefusalForm(UpgActionForm):
    """Selesaikan penolakan: KPK has the report of a refused gift; nothing is left to decide."""


class FollowUpForm(UpgActionForm):
    """Catat tindak lanjut: what became of the object after KPK's decision. Only the
    follow-ups the decision allows are offered; pengembalian only while the UPG holds
    the object."""

    jenis = forms.ChoiceField(
        label=_("Jenis tindak lanjut"),
        choices=(),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Pilih jenis tindak lanjut."),
            "invalid_choice": _("Tindak lanjut ini tidak sesuai dengan status yang ditetapkan SK KPK."),
        },
    )
    tanggal = date_field(_("Tanggal tindak lanjut"), required_message=_("Isi tanggal tindak lanjut."))
    nomor = char_field(
        _("Nomor tanda terima / bukti pembayaran"),
        "tindak_lanjut_nomor",
        required=False,
        help_text=_("Wajib untuk penyerahan kepada negara dan kompensasi."),
    )
    kompensasi_nilai = RupiahField(
        label=_("Nilai kompensasi yang dibayarkan"),
        required=False,
        help_text=_("Hanya untuk kompensasi: jumlah yang dibayarkan sesuai SK KPK, misalnya Rp1.500.000."),
    )
    catatan = long_text(_("Catatan tindak lanjut"), required=False, rows=3)
    tanda_terima = ScanField(label=_("Pindaian tanda terima / bukti pembayaran"), required=False)

    def __init__(self, *args, case: Gratifikasi, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        self.fields["jenis"].choices = follow_up_choices(case, held=selectors.held_items(case).exists())

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            **super().service_arguments(),
            "jenis": data["jenis"],
            "tanggal": data["tanggal"],
            "nomor": data["nomor"],
            "kompensasi_nilai": data["kompensasi_nilai"],
            "catatan": data["catatan"],
            "receipt": data["tanda_terima"],
        }

    def error_field_for(self, model_field: str) -> str:
        return {
            "tindak_lanjut_jenis": "jenis",
            "tindak_lanjut_tanggal": "tanggal",
            "tindak_lanjut_nomor": "nomor",
            "tindak_lanjut_catatan": "catatan",
            "receipt": "tanda_terima",
        }.get(model_field, model_field)


def follow_up_choices(case: Gratifikasi, *, held: bool) -> list[tuple[str, str]]:
    """The follow-ups KPK's decision on `case` allows (choices.ALLOWED_FOLLOW_UP), in the
    list's order; pengembalian only when the UPG holds an object of the case."""
    allowed = ALLOWED_FOLLOW_UP.get(case.sk_status, frozenset())
    return [
        (value, label)
        for value, label in JenisTindakLanjut.choices
        if value in allowed and (value != JenisTindakLanjut.PENGEMBALIAN or held)
    ]
