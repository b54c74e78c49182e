"""Who may see and act on conflict-of-interest cases (domain.md §2 and §6).

- The superior who decides (Benturan.atasan, benturan.routing) sees the case and runs
  every step of it: analysis, the decision, the record of the control applied, the end
  of monitoring, messages and notes.
- The next superior in line (Benturan.eskalasi_ke) sees it once the decision was late
  and escalated to them (the engine's deadline sweep marks the clock), and may then
  decide it too. Other superiors above do not see it: a case is seen where it reached.
- The Tim Benturan Kepentingan and the Inspektorat see every case. The Tim decides a case
  that went to it (no superior left who is not a party, or escalated to it) and may record
  the control's implementation and monitoring of any case; the Inspektorat reads only.
- A party to a case (the one who filed it, the official, an employee named among the
  other parties) never sees it as staff, whatever their role or position says; the one who
  filed it follows it on their own pages (benturan.selectors), and the official named in a
  report learns only the control decided about them, never who reported.
- Everyone else (Admin Sistem included) sees nothing.

Routing decides who handles a case: nobody assigns it (no "assign" action), and its
confidentiality stays as filed. casework.access adds recusal on top.
"""

from __future__ import annotations

from django.db.models import Q

from accounts import roles
from casework import sla
from casework.models import Deadline
from casework.policy import CasePolicy

from .choices import Clock

NOTHING = Q(pk__in=[])

#: The superior's steps up to the decision.
DECISION_ACTIONS = frozenset({"mulai_analisis", "putuskan_pengendalian", "putuskan_tidak_ada_konflik"})
#: The steps after it: the control applied, then monitored, or a control ended early.
FOLLOW_UP_ACTIONS = frozenset({"catat_pelaksanaan", "selesaikan", "akhiri_pengendalian"})
#: Talking to the one who filed the case, and to each other.
TALK_ACTIONS = frozenset({"message", "note"})


# The filters below are on Case, and read the conflict's own columns through subqueries
# of its table rather than a join: a join of the conflict table would be added to every
# query over all kinds of case (the Kotak Masuk, the all-kinds counts), whose other rows
# never need it. Each subquery is small and indexed: the cases of one person, the few
# escalated clocks (casework's deadline_escalated index).


def _escalated_cases():
    """Ids of the cases whose decision clock was escalated by the deadline sweep."""
    return Deadline.objects.filter(clock=Clock.KEPUTUSAN, escalated_at__isnull=False).values("case_id")


def _party_q(user) -> Q:
    from .models import Benturan

    named = Benturan.pihak_pegawai.through.objects.filter(user_id=user.pk).values("benturan_id")
    filed_or_about = Benturan.objects.filter(Q(declarant_id=user.pk) | Q(pejabat_id=user.pk)).values("pk")
    return Q(pk__in=filed_or_about) | Q(pk__in=named)


class BenturanPolicy(CasePolicy):
    #: The team that decides where no superior can, and follows every control.
    handler_roles = (roles.TIM_BENTURAN,)
    #: Reads every case, changes none.
    observer_roles = (roles.INSPEKTORAT,)

    def _is_tim(self, user) -> bool:
        return user.has_role(*self.handler_roles)

    def _reached_q(self, user) -> Q:
        """Cases that reached `user` as the one who decides (routed, or escalated)."""
        from .models import Benturan

        reached = Q(atasan_id=user.pk) | Q(eskalasi_ke_id=user.pk, pk__in=_escalated_cases())
        if self._is_tim(user):
            reached |= Q(atasan__isnull=True) | Q(eskalasi_ke__isnull=True, pk__in=_escalated_cases())
        return Q(pk__in=Benturan.objects.filter(reached).values("pk"))

    def visible_q(self, user) -> Q:
        if user.has_role(*self.handler_roles, *self.observer_roles):
            return ~_party_q(user)
        return self._reached_q(user) & ~_party_q(user)

    def inbox_q(self, user) -> Q:
        # What reached the user as the one who decides; the Tim's follow-up of other
        # superiors' cases and the Inspektorat's reading wait for nobody.
        return self._reached_q(user)

    def can_act(self, user, case, action: str) -> bool:
        # Called for a case the user already sees, and is not a party to.
        benturan = self.benturan_of(case)
        if action in DECISION_ACTIONS:
            return self.decides(user, benturan)
        if action in FOLLOW_UP_ACTIONS | TALK_ACTIONS:
            return self.decides(user, benturan) or self._is_tim(user)
        return False

    def decides(self, user, benturan) -> bool:
        """Whether `user` is one who decides the case: its superior, or whoever it was
        routed or escalated to (the Tim where no person was left)."""
        if benturan.atasan_id is not None and benturan.atasan_id == user.pk:
            return True
        if benturan.atasan_id is None and self._is_tim(user):
            return True
        if not self.was_escalated(benturan):
            return False
        if benturan.eskalasi_ke_id is not None:
            return benturan.eskalasi_ke_id == user.pk
        return self._is_tim(user)

    @staticmethod
    def was_escalated(case) -> bool:
        return sla.clock_escalated(case, Clock.KEPUTUSAN)

    def escalation_targets(self, case):
        """A late decision goes to the next superior in line who is not a party, else to
        the Tim (never the unit's head by default: the head may be the official)."""
        from casework.notifications import users_with_roles

        benturan = self.benturan_of(case)
        if benturan.eskalasi_ke_id is not None:
            return [benturan.eskalasi_ke]
        parties = self.party_ids(benturan)
        return [user for user in users_with_roles(*self.handler_roles) if user.pk not in parties]

    @staticmethod
    def party_ids(benturan) -> set[int]:
        named = set(benturan.pihak_pegawai.values_list("pk", flat=True))
        return {benturan.declarant_id, benturan.pejabat_id, *named}

    def sees_every_case(self, user) -> bool:
        """The Tim and the Inspektorat (a case they are a party to excepted)."""
        return bool(user and user.is_authenticated and user.has_role(*self.handler_roles, *self.observer_roles))

    def may_open_list(self, user) -> bool:
        """Whether the staff list is offered to `user`: the Tim, the Inspektorat, and
        anyone who heads a unit or has had a case routed to them (the superiors)."""
        if not (user and user.is_authenticated and user.is_active):
            return False
        if self.sees_every_case(user):
            return True
        from accounts.unit_heads import headed_unit_ids

        from .models import Benturan

        return bool(headed_unit_ids(user)) or Benturan.objects.filter(atasan_id=user.pk).exists()

    @staticmethod
    def benturan_of(case):
        """The case as a Benturan, for a Benturan or a bare Case row (the engine locks
        some changes on Case alone)."""
        from .models import Benturan

        return case if isinstance(case, Benturan) else Benturan.objects.get(pk=case.pk)


POLICY = BenturanPolicy()
