"""The people a report names (terlapor): what a match with a staff account decides in a
WBS report — which role handles it.

Naming, matching and keeping a named person away from the report are the engine's
(casework.named_persons, casework.access): every kind that names people shares them. A
reported handler of either WBS role is also recused (WbsPolicy.named_recusal_roles).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model

from accounts import roles
from accounts.models import UnitKerja
from casework.named_persons import PersonInput

from .choices import Penanganan

#: A reported person as the reporter (or a handler) describes them (the engine's input).
TerlaporInput = PersonInput


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
