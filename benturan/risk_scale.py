"""The scale of the risk map: how likely a conflict of interest is, how much harm it does,
and the level that follows from the two.

Source. PermenPANRB 17/2024 and the 2012 guide ask for a map of conflict-prone positions
and processes, not for a particular scale. SIGAP uses the 5 × 5 likelihood × impact
matrix that Indonesian government risk registers commonly use (the SPIP risk assessment
of PP 60/2008): each axis 1–5, the score their product (1–25), and four levels banded on
the score. The bands are SIGAP's default, not taken from a regulation: a unit whose own
risk-management rule says otherwise changes LEVEL_BANDS here (one place), and every
page, filter and export follows, since the level is never stored or typed, only
computed from the two figures.

    dampak →      1   2   3   4   5
    kemungkinan 1 R   R   R   R   S
                2 R   R   S   S   T
                3 R   S   S   T   T
                4 R   S   T   ST  ST
                5 S   T   T   ST  ST

    R rendah (score 1–4) · S sedang (5–9) · T tinggi (10–15) · ST sangat tinggi (16–25)
"""

from __future__ import annotations

from django.db import models
from django.db.models import Case, F, Value, When
from django.db.models.lookups import GreaterThanOrEqual
from django.utils.translation import gettext_lazy as _

SCALE = range(1, 6)

#: Likelihood (kemungkinan): how often the conflict may arise in this position or process.
KEMUNGKINAN = {
    1: _("1 — Hampir tidak pernah"),
    2: _("2 — Jarang"),
    3: _("3 — Kadang-kadang"),
    4: _("4 — Sering"),
    5: _("5 — Hampir pasti"),
}
#: Impact (dampak): the harm to the decision, the service or the unit's integrity if it does.
DAMPAK = {
    1: _("1 — Tidak signifikan"),
    2: _("2 — Kecil"),
    3: _("3 — Sedang"),
    4: _("4 — Besar"),
    5: _("5 — Sangat besar"),
}


class Level(models.TextChoices):
    RENDAH = "rendah", _("Rendah")
    SEDANG = "sedang", _("Sedang")
    TINGGI = "tinggi", _("Tinggi")
    SANGAT_TINGGI = "sangat_tinggi", _("Sangat tinggi")


#: (lowest score, level), highest first: a score belongs to the first band it reaches.
LEVEL_BANDS = (
    (16, Level.SANGAT_TINGGI),
    (10, Level.TINGGI),
    (5, Level.SEDANG),
    (1, Level.RENDAH),
)


def score(kemungkinan: int, dampak: int) -> int:
    return int(kemungkinan) * int(dampak)


def level(kemungkinan: int, dampak: int) -> Level:
    """The level of a cell of the matrix."""
    value = score(kemungkinan, dampak)
    for lowest, band in LEVEL_BANDS:
        if value >= lowest:
            return band
    raise ValueError(f"Outside the scale: {kemungkinan} × {dampak}")


def level_expression(kemungkinan: str = "kemungkinan", dampak: str = "dampak") -> Case:
    """The same level computed by the database from the two columns, for filtering and
    sorting a list without reading every row (LEVEL_BANDS is its only rule)."""
    product = F(kemungkinan) * F(dampak)
    return Case(
        *(When(GreaterThanOrEqual(product, lowest), then=Value(str(band))) for lowest, band in LEVEL_BANDS),
        output_field=models.CharField(),
    )
