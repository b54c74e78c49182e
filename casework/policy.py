"""Access policy: who may see and act on the cases of one kind.

A kind subclasses CasePolicy and is registered with it (casework.kinds). Views and
selectors never decide access themselves: they go through casework.access, which combines
the kind's policy with recusal, so a recused user is excluded everywhere at once.
"""

from __future__ import annotations

from django.db.models import Q

from accounts import roles


class CasePolicy:
    #: Roles (accounts.roles names) that handle every case of the kind.
    handler_roles: tuple[str, ...] = ()
    #: Roles whose holders, when a case names them (casework.named_persons), are also
    #: recused from it: those that could otherwise reach the case. Empty: handler_roles.
    named_recusal_roles: tuple[str, ...] = ()
    #: Roles that may lift a recusal from a case of this kind, with a written reason
    #: (casework.services.case_recusal_lift). Never the kind's own handlers, who would
    #: lift a colleague's: someone above them. The Pimpinan by default.
    recusal_lifter_roles: tuple[str, ...] = (roles.PIMPINAN,)
    #: Whether opening a case of this kind is written to the audit log.
    audit_views: bool = True
    #: Whether a case of this kind may be turned into a conflict-of-interest case reported
    #: about an official it names (casework.conflicts), by those whom can_act allows the
    #: action casework.conflicts.REPORT_ACTION.
    reports_conflicts: bool = False

    def visible_q(self, user) -> Q:
        """Cases of this kind the user may see, before recusal (a filter on Case)."""
        if user.has_role(*self.handler_roles):
            return Q()
        return Q(assignee=user)

    def inbox_q(self, user) -> Q:
        """Open cases of this kind that wait for this user's work."""
        if user.has_role(*self.handler_roles):
            return Q(assignee=user) | Q(assignee__isnull=True)
        return Q(assignee=user)

    def can_act(self, user, case, action: str) -> bool:
        """Whether the user may run `action` (a transition or other change) on the case.

        Called only for a case the user may already see and is not recused from.
        """
        return user.has_role(*self.handler_roles)

    def recused_when_named(self, user, case) -> bool:
        """Whether `user`, named by the case, must also be recused from it (a Recusal row,
        which keeps them off assignment lists and deadline mail)."""
        return user.has_role(*(self.named_recusal_roles or self.handler_roles))

    def may_lift_recusal(self, user, case) -> bool:
        """Whether `user` holds a role that lifts recusals from this case (the service adds
        the rules that hold for every kind: not their own, not while named, not closed)."""
        return user.has_role(*self.recusal_lifter_roles)

    def escalation_targets(self, case):
        """Who hears of an overdue case, or None for the default (the unit's head, else Pimpinan).

        A kind whose cases must not reach the unit's line management (WBS) names its own.
        """
        return None


class NobodyPolicy(CasePolicy):
    """For kinds no staff member reads through the generic views."""

    def visible_q(self, user) -> Q:
        return Q(pk__in=[])

    def inbox_q(self, user) -> Q:
        return Q(pk__in=[])

    def can_act(self, user, case, action: str) -> bool:
        return False
