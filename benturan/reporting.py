"""What the reports read of conflict-of-interest cases (casework.reporting): the source of
the conflict as the kategori, and the superior's decision as the deadline; and, for the
LKE's "Penanganan benturan kepentingan" items, the year's figures of the registers (the
risk map, the yearly declaration campaign) and of the decisions."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from casework.reporting import KindReporting

from .choices import Clock, State, Sumber

#: States in which the superior has not decided yet.
_UNDECIDED = (State.DIAJUKAN, State.ANALISIS)


@dataclass(frozen=True)
class RegisterFigures:
    """The year's figures of the registers and decisions, each counted from the rows."""

    year: int
    #: Active units, and those with at least one risk-map entry recorded by the year's end.
    units: int
    units_mapped: int
    #: Risk-map entries recorded by the year's end; reviewed during the year; naming the
    #: controls in place (as they read now).
    entries: int
    entries_reviewed: int
    entries_with_controls: int
    #: The year's declaration campaign (None: none was opened), who had to declare and
    #: who did.
    campaign_id: int | None
    campaign_obliged: int
    campaign_declared: int
    #: Conflict cases received in the year, those the superior has decided (a control, or
    #: no conflict found), and the controls decided during the year.
    cases: int
    cases_decided: int
    controls_decided: int


def _year_bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    """The year as [start, next start) in local time, for datetime columns."""
    start = timezone.make_aware(datetime.datetime(year, 1, 1))
    return start, timezone.make_aware(datetime.datetime(year + 1, 1, 1))


class BenturanReporting(KindReporting):
    kind = "benturan"
    kategori_field = "sumber"
    kategori_labels = {choice.value: choice.label for choice in Sumber}
    compliance_clocks = (Clock.KEPUTUSAN,)

    def registers(self, year: int) -> RegisterFigures:
        """The registers' and decisions' figures for `year` (seven aggregate queries)."""
        from accounts.models import UnitKerja

        from .models import Benturan, KampanyeDeklarasi, KewajibanDeklarasi, Pengendalian, PetaRisiko
        from .models.peta_risiko import AksiVersi

        start, end = _year_bounds(year)
        entries = PetaRisiko.objects.filter(dibuat_pada__lt=end).order_by()
        # Distinct counts: the review filter joins the versions, one row per version.
        entry_totals = entries.aggregate(
            n=Count("pk", distinct=True),
            reviewed=Count(
                "pk",
                distinct=True,
                filter=Q(versi_set__aksi=AksiVersi.DITINJAU, versi_set__pada__gte=start, versi_set__pada__lt=end),
            ),
            controls=Count("pk", distinct=True, filter=~Q(pengendalian_ada="")),
        )
        active_units = UnitKerja.objects.filter(is_active=True).order_by()
        mapped = active_units.filter(pk__in=entries.values("unit_id")).count()
        campaign = KampanyeDeklarasi.objects.filter(tahun=year).values_list("pk", flat=True).first()
        declared = (
            KewajibanDeklarasi.objects.filter(kampanye_id=campaign)
            .order_by()
            .aggregate(obliged=Count("pk"), declared=Count("dinyatakan_pada"))
            if campaign
            else {"obliged": 0, "declared": 0}
        )
        cases = (
            Benturan.objects.filter(received_on__year=year)
            .order_by()
            .aggregate(n=Count("pk"), decided=Count("pk", filter=~Q(state__in=[str(s) for s in _UNDECIDED])))
        )
        return RegisterFigures(
            year=year,
            units=active_units.count(),
            units_mapped=mapped,
            entries=entry_totals["n"],
            entries_reviewed=entry_totals["reviewed"],
            entries_with_controls=entry_totals["controls"],
            campaign_id=campaign,
            campaign_obliged=declared["obliged"],
            campaign_declared=declared["declared"],
            cases=cases["n"],
            cases_decided=cases["decided"],
            controls_decided=Pengendalian.objects.filter(berlaku_sejak__gte=start, berlaku_sejak__lt=end).count(),
        )


reporting = BenturanReporting()
