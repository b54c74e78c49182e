"""The yearly declarations an employee has yet to make, as the Kotak Masuk shows them
(casework.waiting; registered in benturan.apps)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from casework.waiting import WaitingItem

from .models import KewajibanDeklarasi


def yearly_declarations(user) -> list[WaitingItem]:
    """One item per open campaign the user has not answered yet (one query)."""
    rows = yearly_declarations_pending(user).select_related("kampanye")
    return [
        WaitingItem(
            label=str(row.kampanye),
            url=reverse("benturan:campaign", args=[row.kampanye_id]),
            due=row.kampanye.batas_waktu,
            note=_("Nyatakan ada atau tidak ada benturan kepentingan."),
            category=_("Benturan kepentingan"),
        )
        for row in rows
    ]


def yearly_declarations_pending(user):
    """The open campaigns' declarations the user has yet to make; what the inbox asks
    first (casework.waiting)."""
    return KewajibanDeklarasi.objects.filter(
        pegawai_id=user.pk, dinyatakan_pada__isnull=True, kampanye__ditutup_pada__isnull=True
    )
