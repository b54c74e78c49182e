"""Who may see and act on public complaints (domain.md §2).

- Pengelola Pengaduan handle every complaint: every staff transition, assignment,
  privacy, messages and notes.
- Unit Tindak Lanjut see the complaints dispositioned to their own unit (Case.unit) and
  may only record the follow-up and write messages and internal notes.
- Pimpinan and Tim ZI / TPI oversee: they see every complaint and change nothing.
- Everyone else (Admin Sistem included) sees nothing.
- A staff member a complaint is about (named by the complainant or a handler, matched to
  their account) sees nothing of it, whatever their role: casework.access leaves it out
  for them, and anyone whose role could see complaints is recused too. A recusal is
  lifted, with a written reason, by the Pimpinan (casework.services.case_recusal_lift).

casework.access adds recusal on top, so a recused user is excluded whatever this says.
"""

from __future__ import annotations

from django.db.models import Q

from accounts import roles
from casework.policy import CasePolicy

from .choices import State

NOTHING = Q(pk__in=[])


class PengaduanPolicy(CasePolicy):
    handler_roles = (roles.PENGELOLA_PENGADUAN,)
    observer_roles = (roles.PIMPINAN, roles.TIM_PENILAI)
    unit_role = roles.UNIT_TINDAK_LANJUT
    #: Everyone who could see a complaint is recused from one that names them.
    named_recusal_roles = (*handler_roles, *observer_roles, unit_role)
    #: What a member of the dispositioned unit may do: the unit's own transition, and
    #: talking (to the complainant, and to the handlers in notes).
    unit_actions = frozenset({"catat_tindak_lanjut", "message", "note"})
    #: Reopening is the complainant's right, exercised by a dissatisfied rating; no staff
    #: role may do it for them. (Lengkapi stays open to handlers, who may record
    #: information the complainant gave by phone or in person.) Moving a complaint to the
    #: WBS needs the complainant's own consent, which no handler may give for them.
    reporter_only_actions = frozenset({"buka_kembali", "setujui_wbs"})
    #: A Pengelola Pengaduan may turn a complaint about a staff member into a conflict-of-
    #: interest case reported about them (casework.conflicts; never the unit, which may
    #: only record its follow-up).
    reports_conflicts = True

    def _is_unit_member(self, user) -> bool:
        return user.unit_id is not None and user.has_role(self.unit_role)

    def visible_q(self, user) -> Q:
        if user.has_role(*self.handler_roles, *self.observer_roles):
            return Q()
        if self._is_unit_member(user):
            # Case.unit is set only by a disposition, so this is "dispositioned to my unit".
            return Q(unit_id=user.unit_id)
        return NOTHING

    def inbox_q(self, user) -> Q:
        if user.has_role(*self.handler_roles):
            return super().inbox_q(user)
        if self._is_unit_member(user):
            return Q(unit_id=user.unit_id, state=State.DIDISPOSISIKAN)
        # Observers read dashboards and reports; no complaint waits for them.
        return NOTHING

    def can_act(self, user, case, action: str) -> bool:
        if action in self.reporter_only_actions:
            return False
        if user.has_role(*self.handler_roles):
            return True
        if self._is_unit_member(user) and case.unit_id == user.unit_id:
            return action in self.unit_actions
        return False

    def can_create(self, user) -> bool:
        """Whether a staff member may enter a complaint received through another channel."""
        return bool(user and user.is_authenticated and user.is_active and user.has_role(*self.handler_roles))
