"""The register's forms: who must file, and a filing. Shape only; the rules (an active
account, once a year, a date not ahead of today, a receipt number) are
reports.lhkpn.services', whose errors come back on these fields."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from casework.attachments import check_size
from casework.form_dates import CalendarDateField
from casework.sanitize import accept_attribute, allowed_labels, sanitize
from security.request_values import IdMultipleChoiceField

from .models import RECEIPT_MAX_LENGTH, JenisLaporanHarta, LhkpnKewajiban


class PegawaiChoiceField(IdMultipleChoiceField):
    def label_from_instance(self, obj):
        parts = [str(obj)]
        if obj.jabatan:
            parts.append(obj.jabatan)
        if obj.unit_id:
            parts.append(obj.unit.name)
        return " · ".join(parts)


class ObligationForm(forms.Form):
    required_css_class = "required"

    jenis = forms.ChoiceField(
        label=_("Laporan yang wajib disampaikan"),
        choices=JenisLaporanHarta.choices,
        widget=forms.RadioSelect,
        help_text=_("LHKPN untuk penyelenggara negara dan pejabat wajib LHKPN; LHKASN untuk ASN lainnya."),
        error_messages={
            "required": _("Pilih LHKPN atau LHKASN."),
            "invalid_choice": _("Pilih LHKPN atau LHKASN."),
        },
    )
    pegawai = PegawaiChoiceField(
        label=_("Pegawai"),
        queryset=get_user_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Pilih setidaknya satu pegawai."),
            "invalid_choice": _("Pegawai yang dipilih tidak tersedia. Pilih dari daftar."),
            "invalid_pk_value": _("Pegawai yang dipilih tidak tersedia. Pilih dari daftar."),
        },
    )

    def __init__(self, *args, tahun: int, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        listed = LhkpnKewajiban.objects.filter(tahun=tahun).values("pegawai_id")
        self.fields["pegawai"].queryset = (
            get_user_model()
            .objects.filter(is_active=True)
            .exclude(pk__in=listed)
            .select_related("unit")
            .order_by("unit__name", "full_name", "pk")
        )
        self.fields["pegawai"].help_text = _(
            "Akun aktif yang belum ada di register tahun %(year)s. Unit dan jabatannya dicatat seperti saat ini."
        ) % {"year": tahun}


class FilingForm(forms.Form):
    required_css_class = "required"

    tanggal_lapor = CalendarDateField(
        label=_("Tanggal penyampaian"),
        error_messages={
            "required": _("Isi tanggal penyampaian."),
            "invalid": _("Tanggal tidak valid; pilih dari kalender atau tulis seperti 2026-03-31."),
        },
    )
    nomor_tanda_terima = forms.CharField(
        label=_("Nomor tanda terima"),
        max_length=RECEIPT_MAX_LENGTH,
        help_text=_("Nomor pada tanda terima e-LHKPN atau aplikasi LHKASN."),
        error_messages={"required": _("Isi nomor tanda terima.")},
    )
    bukti = forms.FileField(
        label=_("Tanda terima (berkas, tidak wajib)"),
        required=False,
        widget=forms.FileInput(attrs={"accept": accept_attribute()}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["bukti"].help_text = _("Jenis %(types)s. Berkas baru menggantikan yang lama.") % {
            "types": allowed_labels()
        }

    def clean_bukti(self):
        upload = self.cleaned_data.get("bukti")
        if not upload:
            return None
        check_size(upload.size)
        upload.seek(0)
        try:
            return sanitize(upload.read(), upload.name or "")
        except ValidationError as exc:
            raise ValidationError(exc.messages) from None
