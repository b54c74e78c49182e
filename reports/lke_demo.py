"""Demo data of the LKE page and the LHKPN/LHKASN register, for `manage.py seed_demo`
(called with the same arguments as a case app's demo: `users` maps role names to the
demo user of each role, `units` unit codes to units).

This year's register: the heads of the dinas and of the bidang must file an LHKPN, every
other active account with a NIP an LHKASN; all but one head and two others have filed.
On the LKE page the Tim ZI / TPI evaluator has answered the gratifikasi campaign item,
for which SIGAP has no records, and overridden SIGAP's proposal on the coverage of the
risk map. Made through the services, as the Tim would; running it again adds nothing.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from accounts import roles
from accounts.models import UnitKerja

from .lhkpn import services as lhkpn_services
from .lhkpn.models import JenisLaporanHarta, LhkpnKewajiban
from .lke import services as lke_services
from .lke.models import LkeItem, LkeOverride
from .lke.selectors import framework_for

#: Usernames of the demo staff who have not filed yet.
NOT_FILED = ("kabid.piak", "pegawai", "kasi.data")

OVERRIDES = [
    (
        "gratifikasi.kampanye",
        "a",
        "Kampanye “Ayo Tolak Gratifikasi” lewat spanduk di loket, unggahan Instagram dinas setiap bulan, dan "
        "sosialisasi pada apel pagi 14 Maret; dokumentasi ada di folder data dukung ZI.",
    ),
    (
        "benturan.pemetaan",
        "a",
        "Seksi Perkawinan, Seksi Pindah Datang dan Bidang Capil sudah memetakan tugas fungsi utamanya di lembar "
        "kerja bidang (disahkan Kepala Dinas 2 Februari) yang belum dipindahkan ke SIGAP.",
    ),
]


def create_demo_cases(*, users, units) -> None:
    tpi = users[roles.TIM_PENILAI]
    year = timezone.localdate().year
    with transaction.atomic():
        if not LhkpnKewajiban.objects.filter(tahun=year).exists():
            _register(tpi, year)
        if framework_for(year) is not None and not LkeOverride.objects.filter(year=year).exists():
            _overrides(tpi, year)


def _register(tpi, year: int) -> None:
    heads = set(
        UnitKerja.objects.filter(
            level__in=[UnitKerja.Level.DINAS, UnitKerja.Level.BIDANG], head__isnull=False
        ).values_list("head_id", flat=True)
    )
    staff = list(get_user_model().objects.filter(is_active=True, nip__isnull=False).order_by("pk"))
    lhkpn = [person for person in staff if person.pk in heads]
    lhkasn = [person for person in staff if person.pk not in heads]
    lhkpn_services.lhkpn_obligations_set(tahun=year, pegawai=lhkpn, jenis=JenisLaporanHarta.LHKPN, actor=tpi)
    lhkpn_services.lhkpn_obligations_set(tahun=year, pegawai=lhkasn, jenis=JenisLaporanHarta.LHKASN, actor=tpi)
    filed_on = min(datetime.date(year, 3, 20), timezone.localdate())
    for number, row in enumerate(
        LhkpnKewajiban.objects.filter(tahun=year).select_related("pegawai").order_by("pk"), start=1
    ):
        if row.pegawai.username in NOT_FILED:
            continue
        prefix = "LHKPN" if row.jenis == JenisLaporanHarta.LHKPN else "LHKASN"
        lhkpn_services.lhkpn_filing_record(
            kewajiban=row,
            tanggal_lapor=filed_on - datetime.timedelta(days=number % 9),
            nomor_tanda_terima=f"{prefix}/{year}/{row.pegawai.nip[-6:]}",
            actor=tpi,
        )


def _overrides(tpi, year: int) -> None:
    framework = framework_for(year)
    for code, letter, reason in OVERRIDES:
        item = LkeItem.objects.get(code=code, subcomponent__component__framework=framework)
        lke_services.lke_answer_override(
            year=year, item=item, option=item.options.get(letter=letter), reason=reason, actor=tpi
        )
