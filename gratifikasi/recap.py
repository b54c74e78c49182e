"""The UPG recap (rekapitulasi penanganan gratifikasi) for a period: the figures the
monthly and semester reports and the UPG's summary page show.

A declaration belongs to the period in which the UPG received it (the day it was filed,
local time). Everything is counted by the database in a handful of grouped queries,
whatever the number of declarations; no row is read into Python. Values are Decimal.

Value breakdowns (by jenis penerimaan and jenis peristiwa) count received gifts only; the
value of refused gifts is its own total. A declaration found not obligatory still counts
everywhere. "Forwarded on time" compares the day forwarded with the legal 30-working-day
clock of the declaration, counted from the day received (it does not wait while the
declarant completes the report).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, DecimalField, Exists, OuterRef, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from casework.models import Deadline

from .choices import (
    Clock,
    JenisLaporan,
    JenisPenerimaan,
    JenisPeristiwa,
    JenisTindakLanjut,
    State,
    StateGroup,
    StatusKpk,
)
from .models import BarangTitipan, Gratifikasi

_RECEIVED = Q(jenis_laporan=JenisLaporan.PENERIMAAN)

#: Which declarations each line of "by stage" counts. A refused gift is closed once it
#: has been reported to KPK, which decides nothing on it: it is never "decided by KPK".
STATE_GROUPS = {
    StateGroup.DALAM_PROSES: Q(
        state__in=[State.ADMINISTRASI, State.VERIFIKASI, State.PERLU_DILENGKAPI, State.ANALISIS]
    ),
    StateGroup.DITERUSKAN: Q(state=State.DITERUSKAN_KPK),
    StateGroup.DITETAPKAN: Q(state=State.TINDAK_LANJUT) | (Q(state=State.SELESAI) & _RECEIVED),
    StateGroup.PENOLAKAN_SELESAI: Q(state=State.SELESAI) & ~_RECEIVED,
    StateGroup.TIDAK_WAJIB: Q(state=State.TIDAK_WAJIB),
    StateGroup.TIDAK_DIPROSES: Q(state=State.TIDAK_DIPROSES),
}

_MONEY = DecimalField(max_digits=20, decimal_places=0)
_ZERO = Value(Decimal(0), output_field=_MONEY)


@dataclass(frozen=True)
class Bucket:
    count: int = 0
    nilai: Decimal = Decimal(0)


@dataclass(frozen=True)
class Timeliness:
    #: Reported to the UPG within 10 working days of receipt, and later.
    tepat_waktu_upg: int = 0
    terlambat_upg: int = 0
    #: Reported (to the UPG) after the legal 30 working days had passed.
    terlambat_kpk: int = 0
    #: Forwarded to KPK, and of those, by the legal limit or after it.
    diteruskan: int = 0
    diteruskan_tepat_waktu: int = 0
    diteruskan_terlambat: int = 0


@dataclass(frozen=True)
class Recap:
    start: date
    end: date
    total: int = 0
    by_jenis_laporan: dict[str, int] = field(default_factory=dict)
    by_state_group: dict[str, int] = field(default_factory=dict)
    #: Received gifts by kind of gift and by occasion: count and value.
    by_penerimaan: dict[str, Bucket] = field(default_factory=dict)
    by_peristiwa: dict[str, Bucket] = field(default_factory=dict)
    nilai_penerimaan: Decimal = Decimal(0)
    nilai_penolakan: Decimal = Decimal(0)
    #: KPK's decisions recorded, and the follow-ups done.
    by_sk_status: dict[str, int] = field(default_factory=dict)
    by_tindak_lanjut: dict[str, int] = field(default_factory=dict)
    kompensasi_total: Decimal = Decimal(0)
    timeliness: Timeliness = field(default_factory=Timeliness)
    #: Objects of the period's declarations taken into custody, and those still held.
    titipan_diterima: int = 0
    titipan_disimpan: int = 0


def period_declarations(start: date, end: date) -> QuerySet[Gratifikasi]:
    """The declarations the UPG received from `start` to `end` (both included, local days)."""
    if end < start:
        raise ValueError("The period ends before it starts")
    zone = timezone.get_current_timezone()
    since = timezone.make_aware(datetime.combine(start, time.min), zone)
    until = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), zone)
    return Gratifikasi.objects.filter(opened_at__gte=since, opened_at__lt=until)


def recap(*, start: date, end: date) -> Recap:
    """The recap of the declarations received from `start` to `end`. Call from the
    summary page and the reports (for a Petugas UPG or the Pimpinan: figures only)."""
    declarations = period_declarations(start, end)
    forwarded_on_time = Exists(
        Deadline.objects.filter(case_id=OuterRef("pk"), clock=Clock.LAPOR_KPK, due_date__gte=OuterRef("kpk_tanggal"))
    )
    counts = {
        "total": Count("pk"),
        "nilai_penerimaan": Coalesce(Sum("nilai", filter=_RECEIVED), _ZERO, output_field=_MONEY),
        "nilai_penolakan": Coalesce(Sum("nilai", filter=~_RECEIVED), _ZERO, output_field=_MONEY),
        "kompensasi_total": Coalesce(Sum("kompensasi_nilai"), _ZERO, output_field=_MONEY),
        "terlambat_upg": Count("pk", filter=Q(terlambat_upg=True)),
        "terlambat_kpk": Count("pk", filter=Q(terlambat_kpk=True)),
        "diteruskan": Count("pk", filter=Q(kpk_tanggal__isnull=False)),
        "diteruskan_tepat_waktu": Count("pk", filter=Q(kpk_tanggal__isnull=False) & Q(forwarded_on_time)),
    }
    for value in JenisLaporan.values:
        counts[f"laporan_{value}"] = Count("pk", filter=Q(jenis_laporan=value))
    for group, belongs in STATE_GROUPS.items():
        counts[f"group_{group}"] = Count("pk", filter=belongs)
    for value in StatusKpk.values:
        counts[f"sk_{value}"] = Count("pk", filter=Q(sk_status=value))
    for value in JenisTindakLanjut.values:
        counts[f"tl_{value}"] = Count("pk", filter=Q(tindak_lanjut_jenis=value))
    row = declarations.aggregate(**counts)

    def buckets(column: str, choices) -> dict[str, Bucket]:
        grouped = (
            declarations.filter(_RECEIVED)
            .order_by()
            .values(column)
            .annotate(n=Count("pk"), total=Coalesce(Sum("nilai"), _ZERO, output_field=_MONEY))
        )
        found = {item[column]: Bucket(item["n"], item["total"]) for item in grouped}
        return {value: found.get(value, Bucket()) for value in choices.values}

    custody = BarangTitipan.objects.filter(gratifikasi__in=declarations.values("pk")).aggregate(
        diterima=Count("pk"), disimpan=Count("pk", filter=Q(dikeluarkan_tanggal__isnull=True))
    )
    total = row["total"]
    return Recap(
        start=start,
        end=end,
        total=total,
        by_jenis_laporan={value: row[f"laporan_{value}"] for value in JenisLaporan.values},
        by_state_group={group.value: row[f"group_{group}"] for group in StateGroup},
        by_penerimaan=buckets("jenis_penerimaan", JenisPenerimaan),
        by_peristiwa=buckets("jenis_peristiwa", JenisPeristiwa),
        nilai_penerimaan=row["nilai_penerimaan"],
        nilai_penolakan=row["nilai_penolakan"],
        by_sk_status={value: row[f"sk_{value}"] for value in StatusKpk.values},
        by_tindak_lanjut={value: row[f"tl_{value}"] for value in JenisTindakLanjut.values},
        kompensasi_total=row["kompensasi_total"],
        timeliness=Timeliness(
            tepat_waktu_upg=total - row["terlambat_upg"],
            terlambat_upg=row["terlambat_upg"],
            terlambat_kpk=row["terlambat_kpk"],
            diteruskan=row["diteruskan"],
            diteruskan_tepat_waktu=row["diteruskan_tepat_waktu"],
            diteruskan_terlambat=row["diteruskan"] - row["diteruskan_tepat_waktu"],
        ),
        titipan_diterima=custody["diterima"],
        titipan_disimpan=custody["disimpan"],
    )
