"""The forms of a conflict case's staff page: one per step, each feeding one service.

They check only the shape of input (required, length, a date, a choice that exists, the
files); the rules of the workflow (a colleague for a handover who is not a party, a
sanction only for a conflict found undeclared, dates in order) stay in benturan.services,
the model's clean() and the transitions' conditions, whose refusals the view shows on the
same form. Every form is the engine's action form (casework.forms_case.ActionForm) with
its internal note; the one who filed follows each step on their own page.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from casework.form_dates import CalendarDateField
from casework.forms_case import ActionForm
from casework.uploads import AttachmentsField
from security.request_values import IdChoiceField

from .choices import JenisPengendalian
from .forms_declaration import EmployeeChoiceField, employees, text_field
from .models import Benturan, Pengendalian
from .models.benturan import HAL_MAX_LENGTH
from .policy import POLICY

REASONS_HELP = _("Dibaca oleh pejabat yang bersangkutan di halamannya sendiri. Jangan menyebut siapa yang melaporkan.")


class BenturanActionForm(ActionForm):
    """A step of the staff page, with the internal note for the history."""

    public_note = None
    #: The case's field behind each form field whose name differs.
    FIELD_OF = {"alasan_keputusan": "alasan", "hasil_pemantauan": "hasil", "bukti_pelaksanaan": "bukti"}

    def __init__(self, *args, case: Benturan, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        self.fields["note"].help_text = _("Hanya terlihat oleh petugas, di riwayat kasus.")

    def error_field_for(self, model_field: str) -> str:
        return self.FIELD_OF.get(model_field, model_field)


class StartAnalysisForm(BenturanActionForm):
    """Mulai analisis: the superior takes the case up."""


class DecideControlForm(BenturanActionForm):
    """Putuskan pengendalian: the conflict is real; how it is controlled, and why."""

    controls = forms.MultipleChoiceField(
        label=_("Bentuk pengendalian"),
        choices=JenisPengendalian.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Pilih setidaknya satu bentuk pengendalian."),
            "invalid_choice": _("Bentuk pengendalian yang dipilih tidak dikenal. Pilih dari daftar."),
        },
    )
    hal = text_field(
        _("Keputusan, kegiatan, atau tugas yang dikendalikan"),
        max_length=HAL_MAX_LENGTH,
        help_text=_("Pejabat yang bersangkutan tidak ikut dalam hal ini, atau hanya dengan pengendalian di atas."),
        required_message=_("Tuliskan keputusan, kegiatan, atau tugas yang dikendalikan."),
    )
    pengganti = EmployeeChoiceField(
        label=_("Pegawai pengganti (untuk pengalihan tugas)"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("Pilih pegawai"),
        error_messages={
            "invalid_choice": _("Pegawai ini tidak dapat dipilih: bukan pegawai aktif atau pihak dalam benturan ini.")
        },
    )
    pihak_nama = text_field(
        _("Pihak yang disebut pengendalian (jika ada)"),
        max_length=200,
        required=False,
        help_text=_("Misalnya penyedia atau kerabat: pengendalian berlaku untuk setiap urusan dengan pihak ini."),
    )
    pihak_pegawai = EmployeeChoiceField(
        label=_("Pegawai yang disebut pengendalian (jika ada)"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("Tidak ada"),
        error_messages={"invalid_choice": _("Pegawai yang dipilih tidak tersedia. Pilih dari daftar.")},
    )
    uraian = text_field(_("Uraian pengendalian"), required=False, rows=3)
    alasan = text_field(
        _("Alasan keputusan"), rows=4, required_message=_("Tuliskan alasan keputusan."), help_text=REASONS_HELP
    )
    tidak_dideklarasikan = forms.BooleanField(
        label=_("Benturan kepentingan ini tidak dinyatakan oleh pejabat yang bersangkutan"),
        required=False,
        help_text=_("Bila dicentang, tuliskan rekomendasi sanksinya."),
    )
    rekomendasi_sanksi = text_field(_("Rekomendasi sanksi"), required=False, rows=3)

    def __init__(self, *args, case: Benturan, **kwargs):
        kwargs.setdefault("initial", {"hal": case.hal})
        super().__init__(*args, case=case, **kwargs)
        parties = POLICY.party_ids(case)
        people = employees().exclude(pk__in=parties)
        self.fields["pengganti"].queryset = people
        self.fields["pihak_pegawai"].queryset = employees()
        if not case.is_report:
            # A conflict the official declared themself was declared.
            del self.fields["tidak_dideklarasikan"]
            del self.fields["rekomendasi_sanksi"]

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            **super().service_arguments(),
            "controls": data["controls"],
            "hal": data["hal"],
            "alasan": data["alasan"],
            "pengganti": data["pengganti"],
            "pihak_pegawai": data["pihak_pegawai"],
            "pihak_nama": data["pihak_nama"],
            "uraian": data["uraian"],
            "tidak_dideklarasikan": data.get("tidak_dideklarasikan", False),
            "rekomendasi_sanksi": data.get("rekomendasi_sanksi", ""),
        }


class DecideNoConflictForm(BenturanActionForm):
    """Putuskan tidak terdapat benturan kepentingan, with the reasons."""

    alasan = text_field(
        _("Alasan keputusan"), rows=4, required_message=_("Tuliskan alasan keputusan."), help_text=REASONS_HELP
    )

    def service_arguments(self) -> dict:
        return {**super().service_arguments(), "alasan": self.cleaned_data["alasan"]}


class RecordImplementationForm(BenturanActionForm):
    """Catat pelaksanaan: what shows the control was applied, from which day."""

    bukti = text_field(
        _("Bukti pelaksanaan"),
        rows=4,
        required_message=_("Uraikan bukti bahwa pengendalian telah dilaksanakan."),
        help_text=_("Misalnya: nomor surat tugas pengganti, berita acara rapat tanpa pejabat yang bersangkutan."),
    )
    tanggal_pelaksanaan = CalendarDateField(
        label=_("Dilaksanakan sejak"),
        error_messages={
            "required": _("Isi tanggal pengendalian mulai dilaksanakan."),
            "invalid": _("Tanggal tidak valid; pilih dari kalender atau tulis seperti 2026-03-31."),
        },
    )
    files = AttachmentsField(label=_("Dokumen bukti"))

    def __init__(self, *args, case: Benturan, already_attached: int = 0, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        self.fields["files"].already_attached = already_attached

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            **super().service_arguments(),
            "bukti": data["bukti"],
            "tanggal": data["tanggal_pelaksanaan"],
            "files": data["files"],
        }


class CloseMonitoringForm(BenturanActionForm):
    """Selesaikan pemantauan: the control held; the case ends."""

    hasil = text_field(_("Hasil pemantauan"), rows=4, required_message=_("Tuliskan hasil pemantauan."))

    def service_arguments(self) -> dict:
        return {**super().service_arguments(), "hasil": self.cleaned_data["hasil"]}


class EndControlForm(forms.Form):
    """Akhiri pengendalian: one control in force ends early, with the reason; the recusals
    it made are lifted (benturan.services.benturan_end_control)."""

    pengendalian = IdChoiceField(
        label=_("Pengendalian yang diakhiri"),
        queryset=Pengendalian.objects.none(),
        empty_label=_("Pilih pengendalian"),
        error_messages={
            "required": _("Pilih pengendalian yang masih berlaku."),
            "invalid_choice": _("Pilih pengendalian yang masih berlaku."),
        },
    )
    alasan = text_field(
        _("Alasan pengendalian diakhiri"),
        rows=3,
        required_message=_("Tuliskan alasan pengendalian ini diakhiri."),
        help_text=REASONS_HELP,
    )

    def __init__(self, *args, case: Benturan, **kwargs):
        super().__init__(*args, prefix="akhiri_pengendalian", **kwargs)
        self.fields["pengendalian"].queryset = Pengendalian.objects.filter(benturan=case, berakhir_pada__isnull=True)
        self.fields["pengendalian"].label_from_instance = lambda control: control.get_jenis_display()
