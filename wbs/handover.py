"""Taking a report moved here from another kind (casework.handover): filed like any
report through wbs_create, so the identity the reporter gave there is sealed here, and
nothing links the new report to the case it came from."""

from __future__ import annotations

from casework.handover import Handover

from . import services
from .choices import Kategori
from .identity import Identitas
from .models import LaporanWbs


def receive(handover: Handover) -> tuple[LaporanWbs, str]:
    identity = handover.identity
    return services.wbs_create(
        title=handover.title,
        # The handler classifies it once they read it; the source kind's categories
        # are not the WBS's.
        kategori=Kategori.LAINNYA,
        apa=handover.what,
        dimana=handover.where,
        kapan=handover.when,
        identitas=(
            Identitas(
                nama=identity.nama, email=identity.email, telepon=identity.telepon, keterangan=identity.keterangan
            )
            if identity
            else None
        ),
        terlapor=handover.named_persons,
        bukti=handover.files,
    )
