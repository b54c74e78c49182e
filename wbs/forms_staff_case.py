"""The forms of a WBS report's staff page: one per action, each feeding one service of
wbs.services, and the forms for the reported persons and the identity request.

They check the shape of input only; the workflow's rules stay in the services and the
transitions' conditions, whose refusals the view shows on the same form. The base, with
the engine's two notes (internal, and for the reporter) and the mapping of a service's
field errors onto the form, is the engine's (casework.forms_case.ActionForm).
"""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from casework.forms_case import ActionForm
from security.request_values import IdChoiceField

from .choices import Pemeriksa, State, Temuan, TujuanPenerusan
from .forms_report import TerlaporForm
from .identity import MIN_REASON_LENGTH
from .models.laporan import TEXT_MAX_LENGTH
from .reported import TerlaporInput


def _long_text(label, *, rows=4, **options):
    """A text of the report's handling (the review, the reason...), up to the model's limit.
    `required_message` says what is missing; without one the text is optional."""
    required_message = options.pop("required_message", "")
    messages = {"max_length": _("Teks terlalu panjang: paling banyak %(limit_value)d karakter.")}
    if required_message:
        messages["required"] = required_message
    options.setdefault("required", bool(required_message))
    widget = forms.Textarea(attrs={"rows": rows})
    return forms.CharField(label=label, max_length=TEXT_MAX_LENGTH, widget=widget, error_messages=messages, **options)


class WbsActionForm(ActionForm):
    """An action on a WBS report. FIELD_OF maps the report's field a service complains
    about to the form field where it was typed."""

    FIELD_OF: dict[str, str] = {}

    def error_field_for(self, model_field: str) -> str:
        return self.FIELD_OF.get(model_field, model_field)


class VerifyForm(WbsActionForm):
    """Verifikasi: the report answers 4W+1H (or it may be reviewed anyway, saying why)."""

    alasan = _long_text(
        _("Alasan tetap ditelaah (bila ada unsur yang belum terjawab)"),
        rows=3,
        help_text=_("Wajib bila laporan belum menjawab semua unsur apa, siapa, di mana, kapan, dan bagaimana."),
    )
    FIELD_OF = {"alasan_verifikasi": "alasan"}

    def service_arguments(self) -> dict:
        return {**super().service_arguments(), "alasan": self.cleaned_data["alasan"]}


class RequestInformationForm(WbsActionForm):
    """Tunda: ask the reporter for what is missing; the clocks pause meanwhile."""

    question = _long_text(
        _("Pertanyaan untuk pelapor"),
        required_message=_("Tuliskan informasi apa yang perlu dilengkapi pelapor."),
        help_text=_(
            "Pelapor membacanya dengan kode tanda terimanya. Jangan menanyakan identitas pelapor; tanyakan "
            "substansinya."
        ),
    )
    public_note = None

    def service_arguments(self) -> dict:
        return {**super().service_arguments(), "question": self.cleaned_data["question"]}


class ResumeForm(WbsActionForm):
    """Lengkapi by staff: the reporter answered by message instead of the answer form."""


class ExamineForm(WbsActionForm):
    """Periksa: the review found the report merits examination."""

    hasil_telaah = _long_text(
        _("Hasil telaah"), required_message=_("Tuliskan hasil telaah: mengapa laporan ini perlu diperiksa.")
    )
    pemeriksa = forms.ChoiceField(
        label=_("Pemeriksa"),
        choices=Pemeriksa.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Pilih siapa yang memeriksa: tim internal atau Inspektorat.")},
    )

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {**super().service_arguments(), "hasil_telaah": data["hasil_telaah"], "pemeriksa": data["pemeriksa"]}


class ForwardForm(WbsActionForm):
    """Teruskan: close the report by forwarding it, with the letter or registration number.
    From review the reason is written here; from examination the review stands."""

    forwarded_to = forms.ChoiceField(
        label=_("Diteruskan kepada"),
        choices=[("", _("— pilih instansi —")), *TujuanPenerusan.choices],
        error_messages={"required": _("Pilih instansi tujuan penerusan.")},
    )
    forwarded_to_name = forms.CharField(label=_("Nama instansi (bila lainnya)"), required=False, max_length=300)
    forward_reference = forms.CharField(
        label=_("Nomor surat atau registrasi penerusan"),
        max_length=100,
        error_messages={"required": _("Tuliskan nomor surat atau nomor registrasi penerusan.")},
    )
    hasil_telaah = _long_text(
        _("Hasil telaah"),
        required_message=_("Tuliskan hasil telaah: mengapa laporan ini diteruskan."),
        rows=3,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.case.state != State.DITELAAH:
            # After examination the review written then stands.
            del self.fields["hasil_telaah"]

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            **super().service_arguments(),
            "forwarded_to": data["forwarded_to"],
            "forwarded_to_name": data["forwarded_to_name"],
            "forward_reference": data["forward_reference"],
            "hasil_telaah": data.get("hasil_telaah"),
        }


class ConcludeForm(WbsActionForm):
    """Selesaikan: the finding of the examination and its recommendations."""

    temuan = forms.ChoiceField(
        label=_("Hasil pemeriksaan"),
        choices=Temuan.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Pilih hasil pemeriksaan: terbukti atau tidak terbukti.")},
    )
    rekomendasi = _long_text(
        _("Rekomendasi (sanksi, perbaikan sistem)"),
        help_text=_("Wajib bila terbukti."),
    )

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {**super().service_arguments(), "temuan": data["temuan"], "rekomendasi": data["rekomendasi"]}


class DiscontinueForm(WbsActionForm):
    """Hentikan: tidak dapat ditindaklanjuti, with the reason the reporter reads."""

    alasan = _long_text(
        _("Alasan untuk pelapor"),
        required_message=_("Tuliskan alasan laporan tidak dapat ditindaklanjuti; pelapor akan membacanya."),
        help_text=_("Pelapor membacanya dengan kode tanda terimanya."),
    )
    public_note = None
    FIELD_OF = {"alasan_tidak_ditindaklanjuti": "alasan"}

    def service_arguments(self) -> dict:
        return {**super().service_arguments(), "alasan": self.cleaned_data["alasan"]}


class UpdateForm(WbsActionForm):
    """Kirim pembaruan: news for the reporter without a change of stage."""

    update = _long_text(
        _("Kabar untuk pelapor"),
        required_message=_("Tuliskan kabar perkembangan untuk pelapor."),
        help_text=_("Tanpa mengubah tahap; pelapor membacanya dengan kode tanda terimanya."),
    )
    public_note = None

    def service_arguments(self) -> dict:
        return {**super().service_arguments(), "update": self.cleaned_data["update"]}


# --- The reported persons --------------------------------------------------------------------


def _staff_accounts():
    return get_user_model().objects.filter(is_active=True).order_by("full_name", "username")


class StaffAccountField(IdChoiceField):
    def label_from_instance(self, user):
        unit = f" · {user.unit}" if getattr(user, "unit_id", None) else ""
        return f"{user.get_full_name() or user.get_username()}{unit}"


class AddReportedForm(TerlaporForm):
    """A person the handling found to be involved, optionally picked from the directory."""

    user = StaffAccountField(
        label=_("Akun pegawai (bila diketahui)"),
        queryset=_staff_accounts(),
        required=False,
        empty_label=_("— belum diketahui —"),
    )

    def clean(self):
        user = self.cleaned_data.get("user")
        if user is not None and not (self.cleaned_data.get("nama") or self.cleaned_data.get("jabatan")):
            self.cleaned_data["nama"] = user.get_full_name()
        cleaned = super().clean()
        if not (cleaned.get("nama") or cleaned.get("jabatan")):
            raise forms.ValidationError(_("Sebutkan nama atau jabatan orang yang dilaporkan."))
        return cleaned

    def person(self):
        person = super().person()
        return TerlaporInput(
            nama=person.nama, jabatan=person.jabatan, unit_kerja=person.unit_kerja, user=self.cleaned_data["user"]
        )


class MatchReportedForm(forms.Form):
    user = StaffAccountField(
        label=_("Cocokkan dengan akun pegawai"),
        queryset=_staff_accounts(),
        error_messages={"required": _("Pilih akun pegawai yang cocok.")},
    )


# --- The identity request --------------------------------------------------------------------


class IdentityRequestForm(forms.Form):
    reason = _long_text(
        _("Alasan permintaan membuka identitas pelapor"),
        required_message=_("Tuliskan alasan permintaan."),
        help_text=lazy(
            lambda: (
                gettext(
                    "Pimpinan atau Inspektorat memutuskan hanya dari alasan ini. Jelaskan mengapa substansi laporan "
                    "tidak dapat ditangani tanpa mengetahui pelapor (paling sedikit %(min)d karakter)."
                )
                % {"min": MIN_REASON_LENGTH}
            ),
            str,
        )(),
    )


class DecisionForm(forms.Form):
    note = _long_text(
        _("Catatan keputusan"),
        rows=3,
        help_text=_("Wajib bila menolak; peminta membacanya."),
    )
