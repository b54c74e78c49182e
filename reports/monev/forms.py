"""The forms of the monev pages. They check the shape of what was typed; the rules (a
signed semester, a date after the meeting, who may act) are reports.monev.services',
whose errors come back on the same fields, with everything typed kept."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import UnitKerja
from accounts.unit_choices import UnitChoiceField
from casework.form_dates import CalendarDateField
from casework.form_text import text_field

from ..stored_files import EvidenceFilesField
from .models import (
    LONG_TEXT_MAX_LENGTH,
    PLACE_MAX_LENGTH,
    SUBJECT_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    JenisBerkasRapat,
)

TOO_LONG = _("Terlalu panjang: paling banyak %(limit_value)d karakter (sekarang %(show_value)d).")
BAD_DATE = _("Tanggal tidak valid; pilih dari kalender atau tulis seperti 2026-03-31.")


def text(label, *, max_length=TEXT_MAX_LENGTH, **options):
    # The report forms say how long the text is now, beside the limit.
    return text_field(label, max_length=max_length, too_long=TOO_LONG, **options)


def day(label, *, required_message, help_text=""):
    return CalendarDateField(
        label=label, help_text=help_text, error_messages={"required": required_message, "invalid": BAD_DATE}
    )


class BaseForm(forms.Form):
    required_css_class = "required"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class ReportTextsForm(BaseForm):
    pendahuluan = text(
        _("Pendahuluan"),
        max_length=LONG_TEXT_MAX_LENGTH,
        rows=12,
        help_text=_("Pisahkan paragraf dengan baris kosong."),
        required_message=_("Tuliskan pendahuluan."),
    )
    dasar_hukum = text(
        _("Dasar hukum"),
        max_length=LONG_TEXT_MAX_LENGTH,
        rows=6,
        help_text=_("Satu peraturan per baris; nomor urut dibuat otomatis."),
        required_message=_("Tuliskan paling sedikit satu dasar hukum."),
    )
    penutup = text(
        _("Penutup"),
        max_length=LONG_TEXT_MAX_LENGTH,
        rows=6,
        help_text=_("Pisahkan paragraf dengan baris kosong."),
        required_message=_("Tuliskan penutup."),
    )
    tempat = text(
        _("Tempat penandatanganan"),
        max_length=PLACE_MAX_LENGTH,
        required=False,
        help_text=_("Kota tempat laporan ditandatangani."),
    )


class SignForm(BaseForm):
    tempat = text(
        _("Tempat penandatanganan"), max_length=PLACE_MAX_LENGTH, required_message=_("Isi tempat penandatanganan.")
    )
    tanggal = day(_("Tanggal penandatanganan"), required_message=_("Isi tanggal penandatanganan."))

    def __init__(self, *args, place: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("tempat", place)
            self.initial.setdefault("tanggal", timezone.localdate())


class ReasonForm(BaseForm):
    alasan = text(_("Alasan"), rows=3, required_message=_("Tuliskan alasannya."))


class MeetingForm(BaseForm):
    tanggal = day(_("Tanggal rapat"), required_message=_("Isi tanggal rapat."))
    perihal = text(
        _("Perihal"),
        max_length=SUBJECT_MAX_LENGTH,
        help_text=_("Misalnya: Monev pembangunan ZI bulan Maret."),
        required_message=_("Tuliskan perihal rapat."),
    )
    tempat = text(_("Tempat"), max_length=PLACE_MAX_LENGTH, required=False)
    peserta = text(
        _("Peserta"),
        rows=3,
        help_text=_("Siapa yang hadir, misalnya: Kepala Dinas, Tim ZI, para Kepala Bidang."),
        required_message=_("Tuliskan peserta rapat."),
    )
    objek = text(
        _("Objek monitoring"),
        rows=3,
        required=False,
        help_text=_("Apa yang dipantau, misalnya: pelaksanaan rencana kerja ZI sampai bulan Maret."),
    )


class MeetingCreateForm(MeetingForm):
    """A new meeting, with its files picked at once, by kind."""

    daftar_hadir = EvidenceFilesField(label=_("Daftar hadir"))
    notula = EvidenceFilesField(label=_("Notula"))
    foto = EvidenceFilesField(label=_("Foto kegiatan"))

    FILE_FIELDS = {
        "daftar_hadir": JenisBerkasRapat.DAFTAR_HADIR,
        "notula": JenisBerkasRapat.NOTULA,
        "foto": JenisBerkasRapat.FOTO,
    }

    def clean(self):
        cleaned = super().clean()
        count = sum(len(cleaned.get(name) or []) for name in self.FILE_FIELDS)
        limit = settings.SIGAP_ATTACHMENT_MAX_COUNT
        if count > limit:
            self.add_error(
                None, _("Terlalu banyak berkas: paling banyak %(limit)d berkas per rapat.") % {"limit": limit}
            )
        return cleaned

    def meeting_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in MeetingForm.base_fields}

    def meeting_files(self) -> list:
        return [(kind, clean) for name, kind in self.FILE_FIELDS.items() for clean in self.cleaned_data.get(name) or []]


class MeetingFilesForm(BaseForm):
    jenis = forms.ChoiceField(
        label=_("Jenis berkas"),
        choices=[("", _("Pilih")), *JenisBerkasRapat.choices],
        error_messages={"required": _("Pilih jenis berkas."), "invalid_choice": _("Pilih jenis berkas dari daftar.")},
    )
    berkas = EvidenceFilesField(label=_("Berkas"), required=True)

    def __init__(self, *args, already_attached: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["berkas"].already_attached = already_attached
        self.fields["berkas"].error_messages["required"] = _("Pilih berkas yang akan diunggah.")


def active_units():
    return UnitKerja.objects.filter(is_active=True).order_by("name")


class RecommendationForm(BaseForm):
    uraian = text(
        _("Uraian"),
        rows=3,
        help_text=_("Apa yang ditemukan atau dibahas."),
        required_message=_("Tuliskan uraiannya."),
    )
    masukan = text(
        _("Masukan perbaikan"),
        rows=3,
        help_text=_("Apa yang harus dilakukan."),
        required_message=_("Tuliskan masukan perbaikannya."),
    )
    unit = UnitChoiceField(
        label=_("Unit penanggung jawab"),
        queryset=UnitKerja.objects.none(),
        empty_label=_("Pilih unit"),
        help_text=_("Kepala unit ini mencatat tindak lanjutnya dan melihatnya di Kotak Masuk."),
        error_messages={"required": _("Pilih unit penanggung jawab."), "invalid_choice": _("Pilih unit dari daftar.")},
    )
    batas_waktu = day(_("Batas waktu"), required_message=_("Isi batas waktu tindak lanjut."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = active_units()

    @classmethod
    def initial_of(cls, rekomendasi) -> dict:
        return {name: getattr(rekomendasi, name) for name in cls.base_fields}


class FollowUpForm(BaseForm):
    uraian = text(
        _("Tindak lanjut"),
        rows=4,
        help_text=_("Apa yang sudah dilakukan, oleh siapa, dengan hasil apa."),
        required_message=_("Uraikan tindak lanjut yang dilakukan."),
    )
    tanggal = day(_("Tanggal dilaksanakan"), required_message=_("Isi tanggal tindak lanjut dilaksanakan."))
    selesai = forms.BooleanField(
        label=_("Masukan ini sudah selesai ditindaklanjuti"),
        required=False,
        help_text=_("Biarkan kosong bila tindak lanjut masih berjalan; masukan tetap terbuka."),
    )
    berkas = EvidenceFilesField(label=_("Bukti tindak lanjut"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("tanggal", timezone.localdate())
