"""What the reports read of conflict-of-interest cases (casework.reporting): the source of
the conflict as the kategori, the superior's decision as the deadline, the summary of
each case's decision and control, the two registers as report sections (the
implementation matrix and the risk map), and, for the LKE's "Penanganan benturan
kepentingan" items, the year's figures of the registers (the risk map, the yearly
declaration campaign) and of the decisions.

Both registers are read through their own selectors and keep their own rules of who reads
what: the matrix lists the cases the reader may open (benturan.matrix, through the cases'
policy), with counts of every case of the period for the rest; the risk map shows the
units the reader's register scope covers (benturan.registers_access). A conflict case is
never published (apps.py): it has no public row.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from casework.reporting import KindReporting, Period, Tally, brief, join_summary

from .choices import Clock, JenisPengendalian, Keputusan, State, Sumber
from .policy import BenturanPolicy


@dataclass(frozen=True)
class ImplementationMatrix:
    """The matrix rows of a period (those the reader may open) and counts of all of them."""

    header: tuple[str, ...]
    #: (case id, cells) per row, cells as benturan.matrix.COLUMNS give them.
    rows: tuple[tuple[int, tuple], ...]
    #: Cases of the period the reader may not open: counted, not listed.
    hidden: int
    by_state: tuple[Tally, ...]
    by_control: tuple[Tally, ...]


@dataclass(frozen=True)
class RiskMap:
    """The risk map within the reader's scope: counts per cell of the 5 × 5 matrix, per
    level, and the entries."""

    #: (kemungkinan, dampak) → number of entries.
    grid: dict[tuple[int, int], int]
    likelihood_labels: dict[int, str]
    impact_labels: dict[int, str]
    by_level: tuple[Tally, ...]
    header: tuple[str, ...]
    entries: tuple[tuple, ...]
    overdue: int


#: The columns of benturan.matrix.COLUMNS a report's matrix shows (by position): number,
#: received, unit, official, matter, controls, who answers, status, carried out. An A4
#: page holds nine; the register's own page and export keep all of them.
REPORT_COLUMNS = (0, 1, 2, 3, 4, 7, 8, 9, 11)


def _day(day) -> str:
    return date_format(day, "j F Y")


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
    list_url_name = "benturan_staff:list"
    # The Tim and the Inspektorat read every case; a superior only what reached them.
    # The list's unit filter takes the units below too, so it is not offered per unit.
    list_roles = (*BenturanPolicy.handler_roles, *BenturanPolicy.observer_roles)

    def public_cases(self, cases: QuerySet) -> QuerySet:
        # A declaration names its declarant and a report keeps its reporter from the
        # official: never a public row, whatever its confidentiality says.
        return cases.none()

    def summaries(self, case_ids: list[int], *, public: bool) -> dict[int, str]:
        if public:
            return {}
        from .models import Benturan, Pengendalian

        rows = Benturan.objects.filter(pk__in=case_ids).only(
            "pk", "state", "keputusan", "diputuskan_pada", "tanggal_pelaksanaan", "hasil_pemantauan"
        )
        controls: dict[int, list[str]] = {}
        labels = dict(JenisPengendalian.choices)
        for benturan_id, jenis in (
            Pengendalian.objects.filter(benturan_id__in=case_ids).order_by("pk").values_list("benturan_id", "jenis")
        ):
            controls.setdefault(benturan_id, []).append(str(labels.get(jenis, jenis)))
        return {row.pk: self._staff(row, controls.get(row.pk, [])) for row in rows}

    @staticmethod
    def _staff(row, controls: list[str]) -> str:
        parts = []
        if row.keputusan:
            decided = _day(row.diputuskan_pada.date()) if row.diputuskan_pada else ""
            parts.append(
                _("Keputusan %(day)s: %(decision)s.")
                % {"day": decided, "decision": dict(Keputusan.choices)[row.keputusan]}
            )
        if controls:
            parts.append(_("Pengendalian: %(controls)s.") % {"controls": "; ".join(controls)})
        if row.tanggal_pelaksanaan:
            parts.append(_("Dilaksanakan %(day)s.") % {"day": _day(row.tanggal_pelaksanaan)})
        if row.hasil_pemantauan:
            parts.append(_("Hasil pemantauan: %(text)s") % {"text": brief(row.hasil_pemantauan)})
        return join_summary(parts)

    # --- The registers as report sections ----------------------------------------------------

    def implementation_matrix(self, period: Period, *, user) -> ImplementationMatrix:
        """The implementation matrix of the cases received in `period`: the rows `user`
        may open (benturan.matrix, in a fixed number of queries), and counts of all."""
        from . import matrix
        from .models import Pengendalian

        all_cases = self.cases(period).order_by()
        shown = matrix.matrix_cases(user).filter(received_on__gte=period.start, received_on__lte=period.end)
        columns = [matrix.COLUMNS[index] for index in REPORT_COLUMNS]
        rows = tuple((row.case.pk, tuple(column.value(row) for column in columns)) for row in matrix.rows(shown))
        states = dict(State.choices)
        by_state = {row["state"]: row["n"] for row in all_cases.values("state").annotate(n=Count("pk"))}
        controls = {
            row["jenis"]: row["n"]
            for row in Pengendalian.objects.filter(benturan__in=all_cases.values("pk"))
            .order_by()
            .values("jenis")
            .annotate(n=Count("pk"))
        }
        return ImplementationMatrix(
            header=tuple(str(column.label) for column in columns),
            rows=rows,
            hidden=sum(by_state.values()) - len(rows),
            by_state=tuple(
                Tally(value, str(states[value]), by_state[value]) for value in State.values if value in by_state
            ),
            by_control=tuple(
                Tally(value, str(label), controls.get(value, 0)) for value, label in JenisPengendalian.choices
            ),
        )

    def risk_map(self, *, user, today: date | None = None) -> RiskMap | None:
        """The risk map as it stands, within `user`'s register scope; None when the user
        reads no register."""
        from django.utils import timezone

        from . import risk_map, risk_scale
        from .models.peta_risiko import Objek
        from .registers_access import register_scope

        scope = register_scope(user)
        if scope is None:
            return None
        today = today or timezone.localdate()
        entries = list(risk_map.entries(scope))
        grid: dict[tuple[int, int], int] = {}
        levels: dict[str, int] = {}
        for entry in entries:
            grid[(entry.kemungkinan, entry.dampak)] = grid.get((entry.kemungkinan, entry.dampak), 0) + 1
            levels[entry.level_db] = levels.get(entry.level_db, 0) + 1
        objek, sumber, level_labels = dict(Objek.choices), dict(Sumber.choices), dict(risk_scale.Level.choices)
        header = (
            _("Unit kerja"),
            _("Jabatan atau proses"),
            _("Yang dipetakan"),
            _("Sumber benturan"),
            _("Kemungkinan"),
            _("Dampak"),
            _("Level risiko"),
            _("Pemilik risiko"),
            _("Tinjauan berikutnya"),
        )
        rows = tuple(
            (
                entry.unit.name,
                entry.nama,
                str(objek.get(entry.objek, entry.objek)),
                str(sumber.get(entry.sumber, "")) if entry.sumber else "",
                entry.kemungkinan,
                entry.dampak,
                str(level_labels.get(entry.level_db, entry.level_db)),
                entry.pemilik.get_full_name() or entry.pemilik.get_username(),
                entry.tinjau_berikutnya,
            )
            for entry in entries
        )
        return RiskMap(
            grid=grid,
            likelihood_labels={k: str(v) for k, v in risk_scale.KEMUNGKINAN.items()},
            impact_labels={k: str(v) for k, v in risk_scale.DAMPAK.items()},
            by_level=tuple(Tally(value, str(label), levels.get(value, 0)) for value, label in risk_scale.Level.choices),
            header=tuple(header),
            entries=rows,
            overdue=sum(1 for entry in entries if entry.tinjau_berikutnya < today),
        )

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
