"""The people a report names (terlapor): matching them to staff accounts, and what a
match decides — who may not see the report, and which role handles it.

A match is stored as the encrypted account id plus a keyed digest of it (see
models.Terlapor for why never as a plain foreign key). The policy filters on the digest:
`reported_q(user)` is true of every report naming `user`, computed with one HMAC.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef

from accounts import roles
from accounts.models import UnitKerja
from security import crypto

from .choices import Penanganan
from .models import Terlapor

_PURPOSE = "wbs-terlapor-account"
#: Roles that could otherwise see a WBS report, whose holders are recused when reported.
HANDLING_ROLES = (roles.PENGELOLA_WBS, roles.INSPEKTORAT)
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class TerlaporInput:
    """A reported person as the reporter (or a handler) describes them; `user` when they
    were picked from the staff directory."""

    nama: str = ""
    jabatan: str = ""
    unit_kerja: str = ""
    user: object | None = None


def account_digest(user_id: int) -> str:
    return crypto.keyed_digest(str(user_id), purpose=_PURPOSE)


def reported_q(user):
    """A filter on Case: the report names `user` (matched to their account)."""
    return Exists(Terlapor.objects.filter(laporan_id=OuterRef("pk"), akun_digest=account_digest(user.pk)))


def is_reported(user, case) -> bool:
    return Terlapor.objects.filter(laporan_id=case.pk, akun_digest=account_digest(user.pk)).exists()


def without_reported(users: Iterable, case) -> list:
    """`users` less those the report names (for mail and escalation lists)."""
    digests = set(
        Terlapor.objects.filter(laporan_id=case.pk).exclude(akun_digest="").values_list("akun_digest", flat=True)
    )
    return [user for user in users if account_digest(user.pk) not in digests]


def match_by_name(nama: str):
    """The one active staff account whose full name is `nama` (ignoring case and extra
    spaces), or None when there is none or more than one: a guess is never a match."""
    name = _SPACES.sub(" ", (nama or "").strip())
    if len(name) < 3:
        return None
    found = list(get_user_model().objects.filter(is_active=True, full_name__iexact=name)[:2])
    return found[0] if len(found) == 1 else None


def set_match(terlapor: Terlapor, user) -> None:
    """Record on the (unsaved or locked) row that it is `user`'s account."""
    terlapor.akun = str(user.pk)
    terlapor.akun_digest = account_digest(user.pk)


def matched_users(laporan) -> list:
    """The staff accounts the report names (decrypting each match)."""
    ids = {t.matched_user_id for t in Terlapor.objects.filter(laporan_id=laporan.pk).exclude(akun_digest="")}
    return list(get_user_model().objects.filter(pk__in=ids)) if ids else []


def is_leadership(user) -> bool:
    """The head of the unit SIGAP serves (Kepala Dinas): holds the Pimpinan role or heads
    a top-level unit. A report on them goes to the Inspektorat (domain.md §4)."""
    return user.has_role(roles.PIMPINAN) or UnitKerja.objects.filter(head=user, parent__isnull=True).exists()


def routing_for(users: Iterable) -> str:
    """Who handles a report naming `users`: the Inspektorat when the leadership is named,
    or when every active Pengelola WBS is (nobody would be left to handle it); else the
    Pengelola WBS."""
    users = list(users)
    if any(is_leadership(user) for user in users):
        return Penanganan.INSPEKTORAT
    handlers = set(
        get_user_model().objects.filter(is_active=True, groups__name=roles.PENGELOLA_WBS).values_list("pk", flat=True)
    )
    if handlers and handlers <= {user.pk for user in users}:
        return Penanganan.INSPEKTORAT
    return Penanganan.PENGELOLA_WBS


def needs_recusal(user) -> bool:
    """Whether a reported user holds a role that could otherwise reach the report. Only
    they get an engine Recusal row (which keeps them off assignment lists and deadline
    mail); for everyone else the digest alone suffices and nothing in clear links them."""
    return user.has_role(*HANDLING_ROLES)
