"""What a declaration puts in its declarant's Kotak Masuk (casework.waiting; registered in
gratifikasi.apps): each of their declarations the UPG sent back to complete, with the
completion period's due date, linking to the answer form on the declaration's page.

The UPG's own work (a declaration to register, verify, analyse, forward) is a case in the
officers' inbox already (GratifikasiPolicy.inbox_q), so nothing of it is repeated here.
"""

from __future__ import annotations

from django.db.models import Min, Q
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from casework.waiting import WaitingItem

from .choices import Clock, State
from .models import Gratifikasi


def declarations_to_complete(user) -> list[WaitingItem]:
    """One item per declaration of `user` waiting for their completion (one query). The
    item stays after the period ran out: the answer is still taken until the UPG closes
    the declaration, and the late date shows it is late."""
    rows = (
        declarations_pending(user)
        .annotate(
            completion_due=Min(
                "deadlines__due_date",
                filter=Q(deadlines__clock=Clock.KELENGKAPAN, deadlines__completed_at__isnull=True),
            )
        )
        .only("pk", "reference", "catatan_kelengkapan")
        .order_by("pk")
    )
    return [
        WaitingItem(
            label=_("Lengkapi laporan gratifikasi %(reference)s") % {"reference": row.reference},
            url=reverse("gratifikasi:detail", args=[row.pk]) + "#lengkapi",
            due=row.completion_due,
            note=_("UPG meminta: %(request)s") % {"request": Truncator(row.catatan_kelengkapan).chars(120)}
            if row.catatan_kelengkapan
            else _("UPG meminta Anda melengkapi laporan."),
            category=_("Gratifikasi"),
        )
        for row in rows
    ]


def declarations_pending(user):
    """The user's declarations sent back to complete; what the inbox asks first
    (casework.waiting)."""
    return Gratifikasi.objects.filter(declarant_id=user.pk, state=State.PERLU_DILENGKAPI)
