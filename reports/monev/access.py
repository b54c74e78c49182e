"""Who may do what with the monev records and the semester report (domain.md §2, §7).

- The Tim ZI / TPI keeps them: records meetings, findings and recommendations, writes
  the report's texts, records follow-up, submits the report for signing, records a
  signature made on paper, and reopens a signed report to reissue it.
- The Pimpinan (Kepala Dinas) reads everything and signs the report.
- The Inspektorat reads everything and changes nothing.
- The head of a unit a recommendation is addressed to (or, when it has none, of the
  nearest unit above that has one) answers for it: sees it in their inbox and records
  its follow-up. Heads of units further up see it too. Nothing else of the monev.
- Anyone else, an administrator included, sees nothing (the pages answer 404).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from accounts import roles
from accounts.unit_heads import headed_unit_ids

from .models import Rekomendasi

KEEPER_ROLES = (roles.TIM_PENILAI,)
SIGNER_ROLES = (roles.PIMPINAN,)
READER_ROLES = (roles.TIM_PENILAI, roles.PIMPINAN, roles.INSPEKTORAT)


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def may_read_all(user) -> bool:
    """Reads every meeting, recommendation and the semester reports."""
    return _active(user) and user.has_role(*READER_ROLES)


def may_keep(user) -> bool:
    return _active(user) and user.has_role(*KEEPER_ROLES)


def may_sign(user) -> bool:
    return _active(user) and user.has_role(*SIGNER_ROLES)


def visible_recommendations(user) -> QuerySet:
    """The recommendations `user` may open: all for a reader, those of the units they
    head (and below) for a unit head, none otherwise."""
    if may_read_all(user):
        return Rekomendasi.objects.all()
    units = headed_unit_ids(user)
    if not units:
        return Rekomendasi.objects.none()
    return Rekomendasi.objects.filter(unit_id__in=units)


def answers_for(user, rekomendasi: Rekomendasi) -> bool:
    """Whether `user` owes the answer: the head of its unit, or when the unit has no
    head, of the nearest unit above that has one. Heads further up see it, but do not
    answer for it."""
    if not _active(user):
        return False
    head = rekomendasi.unit.responsible_head()
    return head is not None and head.pk == user.pk


def may_follow_up(user, rekomendasi: Rekomendasi) -> bool:
    """Records the follow-up of `rekomendasi`: the Tim ZI, or who answers for it."""
    return may_keep(user) or answers_for(user, rekomendasi)


def answerable_by(user) -> Q:
    """The recommendations whose answer `user` owes: the head of the owner unit, or when
    that unit has no head, of the nearest unit above it that has one (the tree is three
    levels deep). For the inbox, so each open recommendation waits for one person."""
    return (
        Q(unit__head_id=user.pk)
        | Q(unit__head__isnull=True, unit__parent__head_id=user.pk)
        | Q(unit__head__isnull=True, unit__parent__head__isnull=True, unit__parent__parent__head_id=user.pk)
    )


def offers_monev(user) -> bool:
    """Whether the monev pages have something for `user` (a reader, or a unit head)."""
    return may_read_all(user) or bool(headed_unit_ids(user))
