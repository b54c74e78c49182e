"""Who may see and act on WBS reports (domain.md §2 and §4).

- Pengelola WBS handle the reports routed to them (penanganan = pengelola_wbs): every
  staff transition, assignment, messages, notes, and the identity request.
- The Inspektorat handles, in the same way, the reports routed to it: those naming the
  unit's leadership, or naming every Pengelola WBS.
- A staff member a report names (matched to their account) sees nothing of it, whatever
  their role: the engine filters on the keyed digest of the match (casework.named_persons,
  applied by casework.access everywhere), and handlers are recused too (casework.Recusal).
- A recusal is lifted, with a written reason, only by the Inspektorat (never by the
  Pengelola WBS, colleagues of the recused; never by the Pimpinan, who may be the line
  management of the reported): casework.services.case_recusal_lift.
- Nobody else sees a WBS report or its files: not the Pimpinan, not the Tim ZI, not Admin
  Sistem; there are no observers. (The Pimpinan or Inspektorat decide identity requests
  without seeing the report: wbs.identity.)
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from accounts import roles
from casework.policy import CasePolicy

from .choices import Penanganan

NOTHING = Q(pk__in=[])
ROLE_OF = {Penanganan.PENGELOLA_WBS: roles.PENGELOLA_WBS, Penanganan.INSPEKTORAT: roles.INSPEKTORAT}


class WbsPolicy(CasePolicy):
    # Both roles, for what the engine asks per kind; for one report (assignment lists,
    # reminders of an unassigned report) it asks handler_roles_for(case).
    handler_roles = (roles.PENGELOLA_WBS, roles.INSPEKTORAT)
    #: A reported holder of either role is recused from the report.
    named_recusal_roles = (roles.PENGELOLA_WBS, roles.INSPEKTORAT)
    recusal_lifter_roles = (roles.INSPEKTORAT,)
    #: The report's handlers may turn it into a conflict-of-interest case reported about
    #: an official it names (casework.conflicts): the reporter stays out of it entirely.
    reports_conflicts = True

    def _routings(self, user) -> list[str]:
        return [routing for routing, role in ROLE_OF.items() if user.has_role(role)]

    def visible_q(self, user) -> Q:
        routings = self._routings(user)
        if not routings:
            return NOTHING
        # The engine leaves out every report naming the user (casework.access). The
        # routing is asked of each report by its key, not by joining the WBS table into
        # every all-kinds query (the Kotak Masuk).
        from .models import LaporanWbs

        return Q(Exists(LaporanWbs.objects.filter(pk=OuterRef("pk"), penanganan__in=routings)))

    def inbox_q(self, user) -> Q:
        return Q(assignee=user) | Q(assignee__isnull=True)

    def can_act(self, user, case, action: str) -> bool:
        # Called for a case the user already sees (visible_q), so only the role is left.
        return self.routing_of(case) in self._routings(user)

    def handler_roles_for(self, case) -> tuple[str, ...]:
        """The one role that handles this report."""
        return (ROLE_OF[self.routing_of(case)],)

    def escalation_targets(self, case):
        """An overdue report goes to the other members of the role that handles it, never
        to the unit's line management (often the people reported); the engine leaves out
        anyone the report names."""
        from casework.notifications import users_with_roles

        return list(users_with_roles(*self.handler_roles_for(case)))

    @staticmethod
    def routing_of(case) -> str:
        """The report's penanganan, for a LaporanWbs or a bare Case row (the engine locks
        some changes on Case alone)."""
        routing = getattr(case, "penanganan", None)
        if routing is None:
            from .models import LaporanWbs

            routing = LaporanWbs.objects.filter(pk=case.pk).values_list("penanganan", flat=True).first()
        return routing
