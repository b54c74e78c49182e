"""What the monev puts in a person's Kotak Masuk (casework.waiting; registered in
reports.apps): the open recommendations whose follow-up the user owes, each with its due
date, and, for the Pimpinan, the semester reports waiting for their signature."""

from __future__ import annotations

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from casework.waiting import WaitingItem

from . import access
from .models import LaporanMonev, Rekomendasi, StatusLaporan


def recommendations_to_follow_up(user) -> list[WaitingItem]:
    """One item per open recommendation the user answers for as its unit's head (one
    query; none for someone who heads no unit, as the sign-in already knows)."""
    rows = recommendations_pending(user)
    if rows is None:
        return []
    rows = rows.select_related("rapat", "unit").order_by("batas_waktu", "pk")
    return [
        WaitingItem(
            label=_("Masukan perbaikan monev: %(text)s") % {"text": Truncator(rec.masukan).chars(90)},
            url=reverse("reports:monev_recommendation", args=[rec.pk]),
            due=rec.batas_waktu,
            note=_("%(unit)s · catat tindak lanjutnya.") % {"unit": rec.unit.name},
            category=_("Monitoring dan evaluasi ZI"),
        )
        for rec in rows
    ]


def reports_to_sign(user) -> list[WaitingItem]:
    """The submitted semester reports, for the Pimpinan (one query, none for others)."""
    rows = reports_pending(user)
    if rows is None:
        return []
    return [
        WaitingItem(
            label=_("Tandatangani laporan monev %(period)s") % {"period": report.period.label},
            url=reverse("reports:monev_semester", args=[report.tahun, report.semester]),
            note=_("Diajukan oleh Tim ZI / TPI."),
            category=_("Monitoring dan evaluasi ZI"),
        )
        for report in rows.order_by("tahun", "semester")
    ]


def recommendations_pending(user):
    """The open recommendations the user answers for, or None for someone who heads no
    unit (which the sign-in already knows); what the inbox asks first (casework.waiting)."""
    if not access.headed_unit_ids(user):
        return None
    return Rekomendasi.objects.filter(access.answerable_by(user), selesai_pada__isnull=True)


def reports_pending(user):
    """The submitted semester reports, or None for anyone but the Pimpinan."""
    if not access.may_sign(user):
        return None
    return LaporanMonev.objects.filter(status=StatusLaporan.DIAJUKAN)
