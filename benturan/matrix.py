"""The implementation matrix (matrik implementasi): every conflict case a user may see,
with where it came from, the controls decided, who answers for them, its status and its
dates. The page and the XLSX export show the same rows and the same columns, both built
here (COLUMNS), so neither can show what the other does not.

Whose cases: exactly those of the staff list, through casework.access.visible_cases (the
policy, recusal, and the cases naming the user removed). A page costs the same number of
queries whatever the table size (the count, the rows with their joins, the controls of
the page's rows); the export reads the rows in chunks (benturan.matrix_xlsx).

Where a case came from: a declaration, a report by another employee, a declaration made
in the yearly campaign (it links to the campaign), or a complaint or a WBS report a
handler turned into a conflict case. The last link is kept encrypted
(Benturan.sumber_kasus), so it cannot be filtered on in the database: rows() reads the
kind of the source cases of a page (or an export chunk) in one query. A case from a WBS
report is shown only as "Laporan WBS": no number of the report and none of the matter,
since the WBS rules keep both from anyone outside the WBS handlers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework import access
from casework.models import Case

from .choices import Asal, Jenis, JenisPengendalian, State
from .models import Benturan, KewajibanDeklarasi, Pengendalian

KIND = "benturan"
#: The value of the source filter that picks the declarations made in a yearly campaign.
SOURCE_CAMPAIGN = "kampanye"
#: Sources turned from another kind of case (see the module's docstring).
FROM_COMPLAINT = "pengaduan"
FROM_WBS = "wbs"
_FROM_KIND_LABELS = {
    FROM_COMPLAINT: gettext_lazy("Dari pengaduan"),
    FROM_WBS: gettext_lazy("Laporan WBS"),
}


def source_choices() -> list[tuple[str, str]]:
    choices = [(str(value), label) for value, label in Asal.choices]
    return [*choices, (SOURCE_CAMPAIGN, gettext_lazy("Deklarasi tahunan"))]


def source_label(asal: str, campaign_year: int | None = None, origin_kind: str = "") -> str:
    if origin_kind in _FROM_KIND_LABELS:
        return str(_FROM_KIND_LABELS[origin_kind])
    if campaign_year is not None:
        return _("Deklarasi tahunan %(year)s") % {"year": campaign_year}
    return str(dict(Asal.choices).get(asal, asal))


def _local_date(moment: datetime | None) -> date | None:
    return timezone.localtime(moment).date() if moment is not None else None


@dataclass(frozen=True)
class Row:
    """One case as the matrix shows it."""

    case: Benturan
    # The kind of the complaint or WBS report the case was turned from ("" for none).
    origin_kind: str = ""

    @property
    def campaign_year(self) -> int | None:
        declaration = getattr(self.case, "deklarasi_kampanye", None)
        return declaration.kampanye.tahun if declaration is not None else None

    @property
    def from_wbs(self) -> bool:
        return self.origin_kind == FROM_WBS

    def controls(self) -> str:
        parts = []
        for control in self.case.pengendalian.all():
            label = str(JenisPengendalian(control.jenis).label) if control.jenis in JenisPengendalian.values else ""
            if control.pengganti_id:
                label = _("%(control)s (kepada %(name)s)") % {"control": label, "name": control.pengganti}
            parts.append(label or control.jenis)
        return "; ".join(parts)

    def owner(self) -> str:
        return str(self.case.atasan) if self.case.atasan_id else _("Tim Benturan Kepentingan")

    def matter(self) -> str:
        # What a WBS report names stays with the WBS handlers.
        return "" if self.from_wbs else self.case.title

    def state_label(self) -> str:
        return str(dict(State.choices).get(self.case.state, self.case.state))


@dataclass(frozen=True)
class Column:
    label: object  # a lazy translation
    value: Callable[[Row], object]  # a str, a date or None


COLUMNS = (
    Column(gettext_lazy("Nomor"), lambda row: row.case.reference),
    Column(gettext_lazy("Diterima"), lambda row: row.case.received_on),
    Column(gettext_lazy("Unit kerja"), lambda row: row.case.unit.name if row.case.unit_id else ""),
    Column(gettext_lazy("Pejabat"), lambda row: str(row.case.pejabat)),
    Column(gettext_lazy("Yang terdampak"), Row.matter),
    Column(gettext_lazy("Asal"), lambda row: source_label(row.case.asal, row.campaign_year, row.origin_kind)),
    Column(gettext_lazy("Jenis"), lambda row: str(dict(Jenis.choices).get(row.case.jenis, row.case.jenis))),
    Column(gettext_lazy("Pengendalian"), Row.controls),
    Column(gettext_lazy("Penanggung jawab"), Row.owner),
    Column(gettext_lazy("Status"), Row.state_label),
    Column(gettext_lazy("Diputuskan"), lambda row: _local_date(row.case.diputuskan_pada)),
    Column(gettext_lazy("Dilaksanakan"), lambda row: row.case.tanggal_pelaksanaan),
    Column(gettext_lazy("Selesai"), lambda row: _local_date(row.case.closed_at)),
)


def rows(cases) -> list[Row]:
    """The rows of some cases of matrix_cases, with the kind of each source case read in
    one query (the link is encrypted, so it is read here, not joined)."""
    cases = list(cases)
    sources = {case.pk: case.sumber_kasus_id for case in cases if case.sumber_kasus_id}
    kinds = dict(Case.objects.filter(pk__in=set(sources.values())).values_list("pk", "kind")) if sources else {}
    return [Row(case, origin_kind=kinds.get(sources.get(case.pk), "")) for case in cases]


def header() -> list[str]:
    return [str(column.label) for column in COLUMNS]


def cells(row: Row) -> list[object]:
    return [column.value(row) for column in COLUMNS]


# What a row reads; only the title (the matter) of the encrypted fields is decrypted.
_ROW_COLUMNS = (
    "kind",
    "reference",
    "state",
    "title",
    "received_on",
    "closed_at",
    "unit__name",
    "asal",
    "sumber_kasus",
    "jenis",
    "diputuskan_pada",
    "tanggal_pelaksanaan",
    "pejabat__full_name",
    "pejabat__username",
    "atasan__full_name",
    "atasan__username",
    "deklarasi_kampanye__id",
    "deklarasi_kampanye__kampanye__tahun",
)


def matrix_cases(
    user,
    *,
    year: int | None = None,
    unit=None,
    state: str = "",
    control: str = "",
    source: str = "",
) -> QuerySet[Benturan]:
    """The conflict cases `user` may see, filtered, newest received first, with what a row
    shows. `unit` includes the units below it; `source` is an `asal` value or
    SOURCE_CAMPAIGN."""
    visible = access.visible_cases(user, kind=KIND).values("pk")
    cases = Benturan.objects.filter(pk__in=visible)
    if year is not None:
        cases = cases.filter(received_on__gte=date(year, 1, 1), received_on__lt=date(year + 1, 1, 1))
    if unit is not None:
        cases = cases.filter(unit_id__in=unit.descendant_ids())
    if state:
        cases = cases.filter(state=state)
    if control:
        cases = cases.filter(Exists(Pengendalian.objects.filter(benturan_id=OuterRef("pk"), jenis=control)))
    if source == SOURCE_CAMPAIGN:
        cases = cases.filter(Exists(KewajibanDeklarasi.objects.filter(benturan_id=OuterRef("pk"))))
    elif source:
        cases = cases.filter(asal=source)
    controls = Pengendalian.objects.select_related("pengganti").only(
        "benturan_id", "jenis", "pengganti__full_name", "pengganti__username"
    )
    return (
        cases.select_related("unit", "pejabat", "atasan", "deklarasi_kampanye__kampanye")
        .only(*_ROW_COLUMNS)
        .prefetch_related(Prefetch("pengendalian", queryset=controls))
        .order_by("-received_on", "-pk")
    )
