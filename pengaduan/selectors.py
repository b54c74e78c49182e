"""Reads of complaints that span relations; services, views and tasks call these."""

from __future__ import annotations

from datetime import date

from django.db.models import Exists, OuterRef, QuerySet

from casework import access
from casework.models import Deadline

from .choices import Clock, State
from .models import KategoriLayanan, Pengaduan


def pengaduan_visible_to(user) -> QuerySet[Pengaduan]:
    """Every complaint `user` may see (policy and recusal applied by casework.access)."""
    return Pengaduan.objects.filter(pk__in=access.visible_cases(user, kind="pengaduan").values("pk"))


def active_kategori() -> QuerySet[KategoriLayanan]:
    """The categories a new complaint may choose, in their display order."""
    return KategoriLayanan.objects.filter(is_active=True).order_by("order", "name")


def auto_close_due(today: date) -> QuerySet[Pengaduan]:
    """Answered complaints whose "konfirmasi" clock ran out before `today`: the
    complainant stayed silent for the whole period, so the case may close by itself.
    One query however many cases there are."""
    konfirmasi_past_due = Deadline.objects.filter(
        case_id=OuterRef("pk"),
        clock=Clock.KONFIRMASI,
        completed_at__isnull=True,
        paused_on__isnull=True,
        due_date__lt=today,
    )
    return Pengaduan.objects.filter(state=State.DIJAWAB, closed_at__isnull=True).filter(Exists(konfirmasi_past_due))
