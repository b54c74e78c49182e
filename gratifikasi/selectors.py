"""Reads of declarations that span relations; services, views and tasks call these.

The declarant reaches their own declarations here and only here (never through the
staff pages); the UPG's reads go through casework.access like every kind's.
"""

from __future__ import annotations

from django.db.models import Min, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from casework import access
from casework.selectors import public_timeline, staff_actions
from security.fields import EncryptedTextField
from security.request_values import parse_id

from .clocks import DECLARANT_CLOCKS, ClockView, declarant_clocks
from .models import BarangTitipan, Gratifikasi

__all__ = [
    "ClockView",
    "custody_items",
    "custody_of",
    "declarant_clocks",
    "get_own_declaration",
    "held_items",
    "own_declarations",
    "own_declarations_with_next_due",
    "public_timeline",
    "staff_actions",
]

KIND = "gratifikasi"


def own_declarations(user) -> QuerySet[Gratifikasi]:
    """The declarations `user` made, newest first. Nothing for an anonymous user."""
    if not (user and user.is_authenticated):
        return Gratifikasi.objects.none()
    return Gratifikasi.objects.filter(declarant_id=user.pk).order_by("-opened_at", "-pk")


def own_declarations_with_next_due(user) -> QuerySet[Gratifikasi]:
    """The declarant's list: their declarations, each with `next_due`, the nearest due
    date among the running clocks they see (one query for a whole page)."""
    return own_declarations(user).annotate(
        next_due=Min(
            "deadlines__due_date",
            filter=Q(
                deadlines__clock__in=DECLARANT_CLOCKS,
                deadlines__completed_at__isnull=True,
                deadlines__paused_on__isnull=True,
            ),
        )
    )


def get_own_declaration(*, user, pk) -> Gratifikasi:
    """The declaration `pk` if `user` made it, else 404 (someone else's declaration is
    reported as missing, never as forbidden)."""
    # An id no row can have is missing too (the URL's `id` converter already refuses one).
    pk = parse_id(pk)
    if pk is None:
        raise Http404(_("Laporan tidak ditemukan."))
    declaration = own_declarations(user).filter(pk=pk).select_related("declarant", "unit_kerja").first()
    if declaration is None:
        raise Http404(_("Laporan tidak ditemukan."))
    return declaration


def custody_of(case) -> QuerySet[BarangTitipan]:
    """Every object of a declaration ever in the UPG's custody, held or released."""
    return case.titipan.select_related("diterima_oleh", "dikeluarkan_oleh")


def held_items(case) -> QuerySet[BarangTitipan]:
    """The objects of a declaration still in the UPG's custody."""
    return BarangTitipan.objects.filter(gratifikasi_id=case.pk, dikeluarkan_tanggal__isnull=True).order_by("id")


def custody_items(user, *, held: bool | None = None) -> QuerySet[BarangTitipan]:
    """The custody register as `user` may see it (objects of the declarations they may
    handle), newest first; `held` True for objects still kept, False for released."""
    items = BarangTitipan.objects.filter(gratifikasi__in=access.visible_cases(user, kind=KIND).values("pk"))
    if held is not None:
        items = items.filter(dikeluarkan_tanggal__isnull=held)
    # The register shows each declaration's reference only: its encrypted fields are
    # left unread (and undecrypted) rather than loaded for every row.
    declaration_fields = [
        f"gratifikasi__{field.name}"
        for field in Gratifikasi._meta.concrete_fields
        if isinstance(field, EncryptedTextField)
    ]
    return (
        items.select_related("gratifikasi", "diterima_oleh", "dikeluarkan_oleh")
        .defer(*declaration_fields)
        .order_by("-diterima_tanggal", "-id")
    )
