"""Reads of WBS reports that span relations; services, views and tasks call these."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from casework import access
from casework.models import Recusal

from . import reported
from .choices import StatusPermintaan
from .identity import DECIDER_ROLES
from .models import IdentityAccessRequest, LaporanWbs, Terlapor


def laporan_visible_to(user) -> QuerySet[LaporanWbs]:
    """Every report `user` may see (policy, reported-person exclusion and recusal applied
    by casework.access)."""
    return LaporanWbs.objects.filter(pk__in=access.visible_cases(user, kind="wbs").values("pk"))


def reported_persons(laporan) -> QuerySet[Terlapor]:
    """The people the report names, in the order given."""
    return Terlapor.objects.filter(laporan_id=laporan.pk).order_by("created_at", "id")


def identity_requests(laporan) -> QuerySet[IdentityAccessRequest]:
    """The identity requests of a report, newest first, for its handlers' page."""
    return IdentityAccessRequest.objects.filter(laporan_id=laporan.pk).select_related("requested_by", "decided_by")


def requests_to_decide(user) -> QuerySet[IdentityAccessRequest]:
    """Pending identity requests `user` may decide (a Pimpinan or Inspektorat member's
    list), oldest first: never their own, never on a report naming them or one they are
    recused from, and for a Pimpinan never one handled by the Inspektorat."""
    if not (user and user.is_authenticated and user.is_active):
        return IdentityAccessRequest.objects.none()
    routings = [routing for routing, allowed in DECIDER_ROLES.items() if user.has_role(*allowed)]
    if not routings:
        return IdentityAccessRequest.objects.none()
    recused = Recusal.objects.filter(case_id=OuterRef("laporan_id"), user=user)
    named = Terlapor.objects.filter(laporan_id=OuterRef("laporan_id"), akun_digest=reported.account_digest(user.pk))
    return (
        IdentityAccessRequest.objects.filter(status=StatusPermintaan.MENUNGGU, laporan__penanganan__in=routings)
        .exclude(requested_by=user)
        .exclude(Q(Exists(recused)) | Q(Exists(named)))
        .select_related("laporan", "requested_by")
        .order_by("created_at", "id")
    )
