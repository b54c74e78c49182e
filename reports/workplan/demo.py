"""Demo work plan: this year's Penguatan Pengawasan actions from SIGAP's defaults, with a
few pieces of evidence recorded (links and a photo), so the plan page shows every state
and the Tim ZI's inbox lists what is due and missing. Made through the services, once."""

from __future__ import annotations

import io

from django.utils import timezone
from PIL import Image

from accounts import roles
from casework.sanitize import sanitize

from . import services
from .models import RencanaKerja
from .schedule import slots_of


def _photo():
    out = io.BytesIO()
    Image.new("RGB", (320, 200), (22, 94, 131)).save(out, format="PNG")
    return sanitize(out.getvalue(), "foto-banner-gratifikasi.png")


#: indicator code → (kind of evidence, description, link or None, with the demo photo)
_EVIDENCE = {
    "gratifikasi.kampanye": ("foto", "Banner larangan gratifikasi di ruang tunggu", "", True),
    "benturan.pemetaan": (
        "sk",
        "SK Kepala Dinas tentang Tim Penanganan Benturan Kepentingan",
        "https://dukcapil.contoh.go.id/dokumen/sk-tim-benturan-kepentingan",
        False,
    ),
    "lhkpn.penetapan_wajib": (
        "sk",
        "SK penetapan pejabat wajib LHKPN",
        "https://dukcapil.contoh.go.id/dokumen/sk-wajib-lhkpn",
        False,
    ),
    "spip.lingkungan": (
        "notula",
        "Notula rapat pengendalian intern",
        "https://dukcapil.contoh.go.id/notula/spip",
        False,
    ),
}


def create_demo_records(*, users, units) -> None:
    year = timezone.localdate().year
    if RencanaKerja.objects.filter(tahun=year).exists():
        return
    tim = users[roles.TIM_PENILAI]
    plan = services.rencana_kerja_create(year=year, actor=tim)
    for code, (jenis, keterangan, tautan, with_photo) in _EVIDENCE.items():
        aksi = plan.aksi.get(indikator_kode=code)
        first = slots_of(aksi)[0]
        services.bukti_add(
            aksi=aksi,
            actor=tim,
            periode=first.key,
            jenis=jenis,
            keterangan=keterangan,
            tautan=tautan,
            files=[_photo()] if with_photo else [],
        )
