"""The filters of the UPG's pages: the declaration list and the recap's period.

The declaration list's filters: the engine's (casework.forms_list: the
search by number, the state, the deadline, the dates, the order and the page size) with
the declaration's own: report kind, kind of gift, and lateness of the declaration itself.
Each value is checked there or here, and a wrong one is reported beside its field."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from casework import list_search
from casework.forms_list import CaseListFilterForm, date_field
from security.request_values import YearField

from .choices import JenisLaporan, JenisPenerimaan, State
from .models import Gratifikasi

#: The lateness of the declaration (flags set at submission), as the address bar says it.
LATE_UPG = "upg"
LATE_KPK = "kpk"
LATE_ANY = "ya"
LATE_CHOICES = [
    ("", _("Semua")),
    (LATE_ANY, _("Terlambat dilaporkan (ke UPG atau melewati 30 hari kerja)")),
    (LATE_UPG, _("Melewati 10 hari kerja ke UPG")),
    (LATE_KPK, _("Melewati 30 hari kerja sejak diterima")),
]

#: Whom the list's search finds: the declarant by NIP (in clear) and by the digests the
#: declaration keeps of the rest of their identity, and the giver by name.
PERSON_SEARCH = Gratifikasi.lookup_kinds() | {list_search.NIP}


class DeclarationListFilterForm(CaseListFilterForm):
    state_choices = State.choices
    search_placeholder = _("Nomor laporan atau registrasi, NIP, NIK, telepon, e-mail, atau nama")
    search_help_text = _(
        "Nomor laporan (misalnya GRT/2026/000123 atau sebagian: 000123), nomor registrasi UPG, dan "
        "nomor laporan KPK dapat dicari sebagian. Pelapor dapat dicari menurut NIP, NIK, nomor telepon, "
        "e-mail, atau nama lengkap, dan pemberi menurut namanya. Identitas disimpan terenkripsi, jadi "
        "hanya ditemukan bila sama persis; huruf besar-kecil, spasi, dan tanda baca tidak berpengaruh."
    )
    identity_kinds = PERSON_SEARCH

    jenis_laporan = forms.ChoiceField(
        label=_("Jenis laporan"),
        required=False,
        choices=[("", _("Penerimaan dan penolakan")), *JenisLaporan.choices],
        error_messages={"invalid_choice": _("Jenis laporan ini tidak ada; pilih dari daftar.")},
    )
    jenis_penerimaan = forms.ChoiceField(
        label=_("Jenis penerimaan"),
        required=False,
        choices=[("", _("Semua jenis")), *JenisPenerimaan.choices],
        error_messages={"invalid_choice": _("Jenis penerimaan ini tidak ada; pilih dari daftar.")},
    )
    terlambat = forms.ChoiceField(
        label=_("Keterlambatan pelaporan"),
        required=False,
        choices=LATE_CHOICES,
        error_messages={"invalid_choice": _("Pilihan keterlambatan ini tidak ada; pilih dari daftar.")},
    )

    NARROWING = ("cari", "status", "jenis_laporan", "jenis_penerimaan", "terlambat", "tenggat", "dari", "sampai")
    PRIMARY = ("cari", "status", "jenis_laporan", "tenggat")
    MORE = ("jenis_penerimaan", "terlambat", "dari", "sampai", "urut", "per_halaman")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The case opens when the declaration reaches the UPG: say so rather than "received",
        # which on this list would read as the date the gift was received.
        self.fields["dari"].label = _("Dilaporkan sejak")
        self.fields["sampai"].label = _("Dilaporkan sampai")

    def selector_kwargs(self) -> dict[str, Any]:
        """The valid filters as arguments of selectors_list.declaration_list."""
        data = self.cleaned_data
        return {
            **super().selector_kwargs(),
            "jenis_laporan": data.get("jenis_laporan", ""),
            "jenis_penerimaan": data.get("jenis_penerimaan", ""),
            "late": data.get("terlambat", ""),
        }


# --- The recap's period ---------------------------------------------------------------------

PERIOD_MONTH = "bulan"
PERIOD_SEMESTER = "semester"
PERIOD_RANGE = "rentang"
MONTHS = [
    (1, _("Januari")),
    (2, _("Februari")),
    (3, _("Maret")),
    (4, _("April")),
    (5, _("Mei")),
    (6, _("Juni")),
    (7, _("Juli")),
    (8, _("Agustus")),
    (9, _("September")),
    (10, _("Oktober")),
    (11, _("November")),
    (12, _("Desember")),
]


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date
    label: str


class RecapPeriodForm(forms.Form):
    """The period of the recap: a month, a semester, or a range of days. A wrong or
    missing value is reported beside its field; an empty address shows this month."""

    periode = forms.ChoiceField(
        label=_("Periode"),
        choices=[(PERIOD_MONTH, _("Bulan")), (PERIOD_SEMESTER, _("Semester")), (PERIOD_RANGE, _("Rentang tanggal"))],
        error_messages={
            "required": _("Pilih jenis periode."),
            "invalid_choice": _("Jenis periode ini tidak ada; pilih bulan, semester, atau rentang tanggal."),
        },
    )
    tahun = YearField(label=_("Tahun"), required=False)
    bulan = forms.TypedChoiceField(
        label=_("Bulan"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—"), *MONTHS],
        error_messages={"invalid_choice": _("Bulan ini tidak ada; pilih dari daftar.")},
    )
    semester = forms.TypedChoiceField(
        label=_("Semester"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—"), (1, _("Semester I (Januari–Juni)")), (2, _("Semester II (Juli–Desember)"))],
        error_messages={"invalid_choice": _("Pilih semester I atau II.")},
    )
    dari = date_field(_("Dari tanggal"))
    sampai = date_field(_("Sampai tanggal"))

    def __init__(self, data=None, *args, today: datetime.date | None = None, **kwargs):
        today = today or timezone.localdate()
        if data is not None and not any(data.get(name) for name in ("periode", "tahun", "bulan", "semester")):
            # A first visit: this month so far.
            data = {"periode": PERIOD_MONTH, "tahun": str(today.year), "bulan": str(today.month)}
        super().__init__(data, *args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("periode")
        required = {
            PERIOD_MONTH: {"tahun": _("Isi tahun."), "bulan": _("Pilih bulan.")},
            PERIOD_SEMESTER: {"tahun": _("Isi tahun."), "semester": _("Pilih semester.")},
            PERIOD_RANGE: {"dari": _("Isi tanggal awal."), "sampai": _("Isi tanggal akhir.")},
        }.get(kind, {})
        for name, message in required.items():
            if cleaned.get(name) is None and name not in self.errors:
                self.add_error(name, message)
        start, end = cleaned.get("dari"), cleaned.get("sampai")
        if kind == PERIOD_RANGE and start and end and start > end:
            self.add_error("sampai", _("Tanggal akhir tidak boleh sebelum tanggal awal."))
        return cleaned

    def period(self) -> Period:
        """The chosen period's first and last day (both included) and its name."""
        data = self.cleaned_data
        kind = data["periode"]
        if kind == PERIOD_MONTH:
            year, month = data["tahun"], data["bulan"]
            start = datetime.date(year, month, 1)
            end = datetime.date(year, month, calendar.monthrange(year, month)[1])
            return Period(start, end, f"{dict(MONTHS)[month]} {year}")
        if kind == PERIOD_SEMESTER:
            year, half = data["tahun"], data["semester"]
            start = datetime.date(year, 1 if half == 1 else 7, 1)
            end = datetime.date(year, 6, 30) if half == 1 else datetime.date(year, 12, 31)
            label = _("Semester I %(year)d") if half == 1 else _("Semester II %(year)d")
            return Period(start, end, label % {"year": year})
        start, end = data["dari"], data["sampai"]
        return Period(start, end, f"{formats.date_format(start, 'j F Y')} – {formats.date_format(end, 'j F Y')}")
