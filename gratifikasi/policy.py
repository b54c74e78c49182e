"""Who may see and act on gratifikasi declarations (domain.md §2 and §5).

- Petugas UPG handle every declaration except their own: every staff transition,
  assignment, messages, notes and the custody register. An officer who declares a gift
  is a declarant like any other, and their declaration is handled by their colleagues.
- The declarant reaches their own declarations through gratifikasi.selectors
  (own_declarations, get_own_declaration), never through the staff pages, and acts on
  them only through the services that check the account is theirs.
- The Pimpinan sees the recap figures (gratifikasi.recap), never a single declaration.
- Everyone else (Admin Sistem included) sees nothing.

casework.access adds recusal on top, so a recused officer is excluded whatever this says.
"""

from __future__ import annotations

from django.db.models import Q

from accounts import roles
from accounts.flow import is_fully_signed_in
from casework.policy import CasePolicy

NOTHING = Q(pk__in=[])


class GratifikasiPolicy(CasePolicy):
    handler_roles = (roles.PETUGAS_UPG,)
    #: Roles that read the recap (aggregates only).
    recap_roles = (roles.PETUGAS_UPG, roles.PIMPINAN)

    def visible_q(self, user) -> Q:
        if user.has_role(*self.handler_roles):
            # A subquery of the officer's own declarations, not a join of the gratifikasi
            # table into every all-kinds query (the Kotak Masuk).
            from .models import Gratifikasi

            return ~Q(pk__in=Gratifikasi.objects.filter(declarant_id=user.pk).values("pk"))
        return NOTHING

    def inbox_q(self, user) -> Q:
        if user.has_role(*self.handler_roles):
            return super().inbox_q(user)
        return NOTHING

    def can_act(self, user, case, action: str) -> bool:
        # Called for a case the user already sees; checked again here because the engine
        # also asks on a bare Case row, and an officer's own declaration is never theirs to
        # handle.
        return user.has_role(*self.handler_roles) and self.declarant_id_of(case) != user.pk

    def escalation_targets(self, case):
        """An overdue declaration goes to the UPG officers who may handle it (never the
        declarant), not to the unit's line management: the Pimpinan sees aggregates only."""
        from casework.notifications import users_with_roles

        declarant_id = self.declarant_id_of(case)
        return [user for user in users_with_roles(*self.handler_roles) if user.pk != declarant_id]

    def can_declare(self, user) -> bool:
        """Every employee may declare: an active account signed in with both factors."""
        return bool(user and is_fully_signed_in(user))

    def can_see_recap(self, user) -> bool:
        return bool(user and user.is_authenticated and user.is_active and user.has_role(*self.recap_roles))

    @staticmethod
    def declarant_id_of(case) -> int | None:
        """The declarant's account id, for a Gratifikasi or a bare Case row (the engine
        locks some changes on Case alone)."""
        declarant_id = getattr(case, "declarant_id", None)
        if declarant_id is None:
            from .models import Gratifikasi

            declarant_id = Gratifikasi.objects.filter(pk=case.pk).values_list("declarant_id", flat=True).first()
        return declarant_id


def can_declare(user) -> bool:
    """Whether `user` may declare a gift (GratifikasiPolicy.can_declare)."""
    return GratifikasiPolicy().can_declare(user)


def can_see_recap(user) -> bool:
    """Whether `user` may open the recap figures: Petugas UPG and Pimpinan."""
    return GratifikasiPolicy().can_see_recap(user)
