"""Reads of the risk map: the entries a user may see, filtered, at a query count that does
not grow with the map, and the history of one entry as the page shows it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.http import Http404
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import risk_scale
from .choices import Sumber
from .models import PetaRisiko, PetaRisikoVersi
from .models.peta_risiko import Objek
from .registers_access import Scope

#: How the history names the level, which is not a field.
LEVEL_LABEL = gettext_lazy("level risiko")


def entries(
    scope: Scope,
    *,
    unit=None,
    level: str = "",
    objek: str = "",
    overdue: bool = False,
    today: date | None = None,
) -> QuerySet[PetaRisiko]:
    """The entries within `scope`, with `level_db` (the level computed by the database,
    benturan.risk_scale) and their unit and owner; `unit` includes the units below it;
    `overdue`: only entries whose review date has passed."""
    rows = PetaRisiko.objects.annotate(level_db=risk_scale.level_expression())
    if not scope.every_unit:
        rows = rows.filter(unit_id__in=scope.unit_ids)
    if unit is not None:
        rows = rows.filter(unit_id__in=unit.descendant_ids())
    if level:
        rows = rows.filter(level_db=level)
    if objek:
        rows = rows.filter(objek=objek)
    if overdue:
        rows = rows.filter(tinjau_berikutnya__lt=today or timezone.localdate())
    return rows.select_related("unit", "pemilik").order_by("unit__name", "nama", "pk")


def get_entry(scope: Scope, pk: int) -> PetaRisiko:
    """The entry if `scope` covers its unit, else 404 (never "forbidden": whether an
    entry exists elsewhere is not the reader's to learn)."""
    entry = PetaRisiko.objects.select_related("unit", "pemilik").filter(pk=pk).first()
    if entry is None or not scope.covers(entry.unit_id):
        raise Http404(_("Entri peta risiko tidak ditemukan."))
    return entry


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class Version:
    row: PetaRisikoVersi
    changes: list[Change]


def _choice_label(choices, value) -> str:
    return str(dict(choices).get(value, value)) if value not in ("", None) else ""


def _shown(field: str, value) -> str:
    if value in ("", None):
        return "—"
    if field == "objek":
        return _choice_label(Objek.choices, value)
    if field == "sumber":
        return _choice_label(Sumber.choices, value)
    if field == "kemungkinan":
        return _choice_label(risk_scale.KEMUNGKINAN.items(), value)
    if field == "dampak":
        return _choice_label(risk_scale.DAMPAK.items(), value)
    if field == "level":
        return _choice_label(risk_scale.Level.choices, value)
    if field in ("tinjau_berikutnya",):
        return formats.date_format(date.fromisoformat(value), "j F Y")
    return str(value)


def _label(field: str) -> str:
    if field == "level":
        return str(LEVEL_LABEL)
    return str(PetaRisiko._meta.get_field(field).verbose_name)


def history(entry: PetaRisiko) -> list[Version]:
    """Every version of the entry, newest first, each with its changes as the page shows
    them (field name, before, after). One query."""
    versions = PetaRisikoVersi.objects.filter(entri_id=entry.pk).select_related("oleh").order_by("-nomor")
    return [
        Version(
            row=version,
            changes=[
                Change(_label(field), _shown(field, before), _shown(field, after))
                for field, before, after in version.perubahan
            ],
        )
        for version in versions
    ]
