"""The work plan's evidence that is due and missing, in the Tim ZI's Kotak Masuk
(casework.waiting; registered in reports.apps): one item per action of this year's plan
with a period past its due date, or due within the plan's reminder days, that has no
evidence yet. Nobody else gets these items."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from casework.waiting import WaitingItem

from . import access
from .models import RencanaKerja
from .status import plan_status


def evidence_due(user) -> list[WaitingItem]:
    plans = evidence_pending(user)
    if plans is None:
        return []
    today = timezone.localdate()
    plan = plans.first()
    if plan is None:
        return []
    until = today + timedelta(days=plan.pengingat_hari)
    items = []
    for status in plan_status(plan.tahun, today=today, with_files=False):
        missing = status.missing(until)
        if not missing:
            continue
        aksi = status.aksi
        items.append(
            WaitingItem(
                label=_("Bukti rencana aksi belum ada: %(action)s")
                % {"action": Truncator(aksi.rencana_aksi).chars(90)},
                url=reverse("reports:workplan_action", args=[aksi.pk]),
                due=missing[0].slot.due,
                note=_("%(periods)s · %(output)s")
                % {
                    "periods": ", ".join(s.slot.label for s in missing),
                    "output": Truncator(aksi.output).chars(90),
                },
                category=_("Rencana aksi"),
            )
        )
    return items


def evidence_pending(user):
    """This year's plan, for the Tim ZI (None for anyone else): without one, no evidence
    is due. What the inbox asks first (casework.waiting)."""
    if not access.may_keep(user):
        return None
    return RencanaKerja.objects.filter(tahun=timezone.localdate().year)
