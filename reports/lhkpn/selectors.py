"""Reads of the LHKPN/LHKASN register: a year's rows and its compliance per kind of
report, counted from the rows (filed ÷ obliged) in one grouped query."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Case, Count, Exists, OuterRef, QuerySet, When

from ..document import percent
from .models import JenisLaporanHarta, LhkpnBukti, LhkpnKewajiban


@dataclass(frozen=True)
class Compliance:
    jenis: str
    label: str
    obliged: int
    filed: int

    @property
    def not_filed(self) -> int:
        return self.obliged - self.filed

    @property
    def percent(self) -> Decimal | None:
        """Filed ÷ obliged in percent, one decimal; None when nobody is obliged."""
        return percent(self.filed, self.obliged)


def rows(year: int) -> QuerySet[LhkpnKewajiban]:
    """The year's obligations with who they are about, by kind, unit and name; each
    says whether an evidence file is kept (`has_bukti`) without loading it."""
    return (
        LhkpnKewajiban.objects.filter(tahun=year)
        .select_related("pegawai", "unit")
        .annotate(
            has_bukti=Exists(LhkpnBukti.objects.filter(kewajiban_id=OuterRef("pk"))),
            # LHKPN first, as the regulations and the LKE list them.
            jenis_order=Case(*(When(jenis=value, then=n) for n, value in enumerate(JenisLaporanHarta.values))),
        )
        .order_by("jenis_order", "unit__name", "pegawai__full_name", "pk")
    )


def compliance(year: int) -> dict[str, Compliance]:
    """Per kind (LHKPN, LHKASN, in that order), who had to file in `year` and who did."""
    counts = {
        row["jenis"]: row
        for row in LhkpnKewajiban.objects.filter(tahun=year)
        .order_by()
        .values("jenis")
        .annotate(obliged=Count("pk"), filed=Count("tanggal_lapor"))
    }
    return {
        choice.value: Compliance(
            jenis=choice.value,
            label=str(choice.label),
            obliged=counts.get(choice.value, {}).get("obliged", 0),
            filed=counts.get(choice.value, {}).get("filed", 0),
        )
        for choice in JenisLaporanHarta
    }
