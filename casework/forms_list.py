"""The filters every kind's staff list shares. They arrive in the address bar, so each
value is checked here and a wrong one (a typed-over link, a choice since removed) is
reported beside its field rather than ignored or failing the page.

A kind's list form subclasses CaseListFilterForm and adds only what is its own: its
states, its own filters (a category, a channel...), the words of the search box, and
how the valid filters become its selector's arguments.
"""

from __future__ import annotations

import datetime
import threading
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from security.request_values import FIRST_YEAR, LAST_YEAR

from . import list_search, lists
from .form_dates import CalendarDateField
from .reporting import Period

PAGE_SIZES = (10, 25, 50, 100)
DEFAULT_PAGE_SIZE = 25
SEARCH_MAX_LENGTH = 50

ORDER_CHOICES = [
    ("terbaru", _("Diterima: terbaru dahulu")),
    ("terlama", _("Diterima: terlama dahulu")),
    ("batas", _("Batas waktu: terdekat dahulu")),
    ("batas_terjauh", _("Batas waktu: terjauh dahulu")),
]
FINISHED_CHOICES = [
    ("", _("Semua")),
    (lists.IN_PROCESS, _("Dalam proses")),
    (lists.FINISHED, _("Selesai")),
]
DUE_CHOICES = [
    ("", _("Semua")),
    (lists.DUE_OVERDUE, _("Terlambat")),
    (lists.DUE_SOON, _("Segera jatuh tempo")),
    (lists.DUE_AT_RISK, _("Terlambat atau segera jatuh tempo")),
    (lists.DUE_WAITING_OVER, _("Masa tunggu pihak lain berakhir")),
]


# A date the list can turn into a local day range: year 1 or 9999 would overflow it.
EARLIEST_DATE = datetime.date(FIRST_YEAR, 1, 1)
LATEST_DATE = datetime.date(LAST_YEAR, 12, 31)
DATE_OUT_OF_RANGE = _("Tanggal harus antara tahun 2000 dan 2100.")


def date_field(label):
    """An optional date filter, bounded to the years a list can hold (an extreme date
    would otherwise reach the database and fail there)."""
    return CalendarDateField(
        label=label,
        required=False,
        error_messages={"invalid": _("Tanggal tidak valid; tulis seperti 2026-03-31.")},
        validators=[
            MinValueValidator(EARLIEST_DATE, message=DATE_OUT_OF_RANGE),
            MaxValueValidator(LATEST_DATE, message=DATE_OUT_OF_RANGE),
        ],
    )


# The filter form's fields as HTML, by what decides it (casework.lists renders the form on
# every page of every list; rendering its dozen fields and their options through the
# form templates took a fifth of a page's time). Bounded: the oldest go first.
_RENDERED: dict[tuple, str] = {}
_RENDERED_MAX = 512
_RENDERED_LOCK = threading.Lock()
#: Fields never kept rendered.
UNKEPT_FIELDS = frozenset({"cari"})


def rendered_field(field) -> str:
    """`field` (a bound field of a list's filter form) as its field group, in the page's
    language: rendered once per process for each value, choice list and language. A
    field with an error is rendered each time (it says what the person typed), and so
    is the search box with anything in it: what is typed there may name a person, and
    is kept nowhere (the empty box, on most pages, is kept like any other field)."""
    if field.errors or (field.name in UNKEPT_FIELDS and field.value() not in (None, "")):
        return _field_group(field)
    choices = getattr(field.field, "choices", None)
    if choices is not None:
        # Read once (a category or unit list is a query), for the key and the rendering.
        choices = field.field.choices = [*iter(choices)]  # list() would count the rows first
    key = (
        type(field.form).__qualname__,
        field.name,
        translation.get_language(),
        tuple(field.form.data.getlist(field.html_name)) if hasattr(field.form.data, "getlist") else (field.value(),),
        tuple((str(value), str(label)) for value, label in choices) if choices is not None else None,
        field.form.is_bound,
    )
    html = _RENDERED.get(key)
    if html is None:
        html = _field_group(field)
        with _RENDERED_LOCK:
            while _RENDERED and len(_RENDERED) >= _RENDERED_MAX:
                _RENDERED.pop(next(iter(_RENDERED)))
            if len(_RENDERED) < _RENDERED_MAX:
                _RENDERED[key] = html
    return html


def _field_group(field) -> str:
    return render_to_string("accounts/_field.html", {"field": field})


def _choice_field(label, invalid_message, choices=()):
    """An optional choice from a list; a value not in it is named as such beside the field."""
    return forms.ChoiceField(
        label=label, required=False, choices=choices, error_messages={"invalid_choice": invalid_message}
    )


class CaseListFilterForm(forms.Form):
    """The search by number or person, state, deadline, opening dates, order and page
    size of a staff list. A kind sets `state_choices`, the search box's
    `search_placeholder` and `search_help_text`, the persons its search finds
    (`identity_kinds`), declares its own filters (shown after the state) and extends
    NARROWING, MORE and selector_kwargs with them."""

    #: The kind's states, offered after "Semua status".
    state_choices: list[tuple[str, Any]] = []
    #: What the search box says it finds: numbers stored in clear, and the persons the
    #: kind keeps lookup digests of (casework.person_lookup).
    search_placeholder: Any = ""
    search_help_text: Any = ""
    #: The kinds of person search (casework.list_search) the kind's selector answers.
    #: Another is refused, saying so, rather than quietly finding nothing.
    identity_kinds: frozenset[str] = frozenset()
    #: Why a person search of another kind is refused (%(kind)s: what it was by).
    identity_refused: Any = _(
        "Daftar ini tidak dapat dicari menurut %(kind)s; keterangan kotak pencarian menyebutkan yang dapat dicari."
    )

    # The names are the parameters in the address bar, so a filtered list can be shared.
    cari = forms.CharField(
        label=_("Cari"),
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        strip=True,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": "", "autocomplete": "off", "spellcheck": "false"}
        ),
        error_messages={"max_length": _("Kata pencarian terlalu panjang: paling banyak %(limit_value)d karakter.")},
    )
    status = _choice_field(_("Status"), _("Status ini tidak ada; pilih dari daftar."))
    tenggat = _choice_field(
        _("Batas waktu"), _("Pilihan batas waktu ini tidak ada; pilih dari daftar."), choices=DUE_CHOICES
    )
    dari = date_field(_("Diterima sejak"))
    sampai = date_field(_("Diterima sampai"))
    # The cases behind a report's figure: received in a month, a semester or a year
    # (casework.reporting.Period), and finished or still in process, as reports count them.
    periode = forms.CharField(
        label=_("Periode diterima"),
        required=False,
        max_length=7,
        strip=True,
        help_text=_("Bulan (2026-03), semester (2026-S1) atau tahun (2026)."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "inputmode": "text"}),
        error_messages={"max_length": _("Tulis periode seperti 2026-03, 2026-S1 atau 2026.")},
    )
    penyelesaian = _choice_field(
        _("Penyelesaian"), _("Pilihan penyelesaian ini tidak ada; pilih dari daftar."), choices=FINISHED_CHOICES
    )
    urut = _choice_field(_("Urutkan"), _("Urutan ini tidak ada; pilih dari daftar."), choices=ORDER_CHOICES)
    per_halaman = forms.TypedChoiceField(
        label=_("Baris per halaman"),
        required=False,
        coerce=int,
        empty_value=DEFAULT_PAGE_SIZE,
        choices=[(size, size) for size in PAGE_SIZES],
        error_messages={"invalid_choice": _("Pilih 10, 25, 50, atau 100 baris per halaman.")},
    )

    # Fields that narrow the list (sorting and page size only rearrange it).
    NARROWING: tuple[str, ...] = ("cari", "status", "tenggat", "dari", "sampai")
    #: Shown at once; the others fold away behind "Filter lainnya" unless in use.
    PRIMARY: tuple[str, ...] = ("cari", "status", "tenggat")
    # Fields shown behind "Filter lainnya" unless one of them is in use.
    MORE: tuple[str, ...] = ("dari", "sampai", "urut", "per_halaman")
    DEFAULTS = {"urut": lists.DEFAULT_LIST_ORDER, "per_halaman": str(DEFAULT_PAGE_SIZE)}
    #: Filters every list has, whatever its kind names in NARROWING and MORE: a report
    #: links a figure to the cases behind it with them.
    FIGURE_FILTERS: tuple[str, ...] = ("periode", "penyelesaian")

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            # An address without a sort or a page size shows (and uses) the defaults.
            data = data.copy()
            for name, default in self.DEFAULTS.items():
                if not data.get(name):
                    data[name] = default
        super().__init__(data, *args, **kwargs)
        self.fields["status"].choices = [("", _("Semua status")), *self.state_choices]
        search = self.fields["cari"]
        search.widget.attrs["placeholder"] = self.search_placeholder
        search.help_text = self.search_help_text
        # The kind's own filters right after the state, before the deadline and dates.
        own = [name for name in self.fields if name not in CaseListFilterForm.base_fields]
        self.order_fields(["cari", "status", *own])

    def primary_html(self) -> list[str]:
        return [rendered_field(self[name]) for name in self.PRIMARY]

    def more_html(self) -> list[str]:
        return [rendered_field(self[name]) for name in self._more_names()]

    def _more_names(self) -> tuple[str, ...]:
        return (*self.MORE, *(name for name in self.FIGURE_FILTERS if name not in self.MORE))

    def more_in_use(self) -> bool:
        """Whether a filter behind "Filter lainnya" is set or wrong, so it opens."""
        return any(
            name in self.errors or self.data.get(name, "") not in ("", self.DEFAULTS.get(name, ""))
            for name in self._more_names()
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("dari"), cleaned.get("sampai")
        if start and end and start > end:
            self.add_error("sampai", _("Tanggal akhir tidak boleh sebelum tanggal awal."))
        return cleaned

    def clean_cari(self) -> str:
        value = self.cleaned_data.get("cari", "")
        term = list_search.guess(value)
        if term is not None and term.kind in list_search.IDENTITY_KINDS and term.kind not in self.identity_kinds:
            raise forms.ValidationError(
                self.identity_refused, code="identity", params={"kind": list_search.KIND_LABELS[term.kind]}
            )
        return value

    def search_term(self) -> list_search.SearchTerm | None:
        """The valid search as this list reads it (None: no search, or not valid)."""
        if "cari" in self.errors or not hasattr(self, "cleaned_data"):
            return None
        return list_search.guess(self.cleaned_data.get("cari", ""))

    def clean_periode(self) -> Period | None:
        value = self.cleaned_data.get("periode", "")
        if not value:
            return None
        try:
            return Period.parse(value)
        except ValueError:
            raise forms.ValidationError(
                _("Tulis periode seperti 2026-03, 2026-S1 atau 2026."), code="invalid"
            ) from None

    def is_narrowed(self) -> bool:
        return any(self.cleaned_data.get(name) for name in (*self.NARROWING, *self.FIGURE_FILTERS))

    def order(self) -> str:
        return self.cleaned_data["urut"]

    def page_size(self) -> int:
        return self.cleaned_data["per_halaman"]

    def selector_kwargs(self) -> dict[str, Any]:
        """The valid shared filters as arguments of the kind's list selector; a kind adds
        its own filters to these."""
        data = self.cleaned_data
        return {
            "search": data.get("cari", ""),
            "state": data.get("status", ""),
            "due": data.get("tenggat", ""),
            "received_from": data.get("dari"),
            "received_until": data.get("sampai"),
            "received": data.get("periode"),
            "finished": data.get("penyelesaian", ""),
            "order": self.order(),
        }


class ListPositionForm(forms.Form):
    """Where in a list a page starts (casework.keyset): after or before a row, at the
    end, or where a person jumps to, by a date or a case number. It is read apart from
    the filters, so a wrong jump is said beside the jump box while the list, as
    filtered, still shows from its top."""

    setelah = forms.CharField(required=False, max_length=64)
    sebelum = forms.CharField(required=False, max_length=64)
    akhir = forms.BooleanField(required=False)
    lompat = forms.CharField(
        label=_("Lompat ke tanggal atau nomor"),
        required=False,
        max_length=40,
        strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "size": "16"}),
        error_messages={"max_length": _("Tulis tanggal (2026-03-31) atau nomor kasus (PGD/2026/000123).")},
    )
    #: The address-bar names this form owns: a filter or sort link drops them, since a
    #: position in one list means nothing in another.
    NAMES = ("setelah", "sebelum", "akhir", "lompat")

    def __init__(self, data=None, *, cursor_types=(), **kwargs):
        super().__init__(data, **kwargs)
        self.cursor_types = cursor_types

    def _cursor(self, name):
        from .keyset import read_cursor

        text = self.cleaned_data.get(name, "")
        if not text:
            return None
        try:
            return read_cursor(text, self.cursor_types)
        except (ValueError, OverflowError):
            raise forms.ValidationError(
                _("Tautan halaman ini tidak berlaku lagi; daftar ditampilkan dari awal."), code="cursor"
            ) from None

    def clean_setelah(self):
        return self._cursor("setelah")

    def clean_sebelum(self):
        return self._cursor("sebelum")

    def clean_lompat(self) -> datetime.date | tuple[int, int] | None:
        """A day, or a case number as (year, number): the kind is the list's own, so its
        prefix may be left out and its leading zeros too (2026/123)."""
        text = self.cleaned_data.get("lompat", "")
        if not text:
            return None
        try:
            day = CalendarDateField().to_python(text)
        except forms.ValidationError:
            day = None
        if day is not None:
            if not EARLIEST_DATE <= day <= LATEST_DATE:
                raise forms.ValidationError(DATE_OUT_OF_RANGE, code="range")
            return day
        parts = text.upper().replace(" ", "").split("/")
        if len(parts) == 3:
            parts = parts[1:]
        if len(parts) == 2 and all(part.isascii() and part.isdigit() for part in parts) and len(parts[1]) <= 9:
            year, number = int(parts[0]), int(parts[1])
            if FIRST_YEAR <= year <= LAST_YEAR:
                return (year, number)
        raise forms.ValidationError(_("Tulis tanggal (2026-03-31) atau nomor kasus (PGD/2026/000123)."), code="invalid")
