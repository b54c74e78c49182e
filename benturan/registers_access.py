"""Who may read and keep the registers of conflicts of interest: the risk map, the
implementation matrix and the yearly declaration campaign (domain.md §6).

- The Tim Benturan Kepentingan keeps the risk map and runs the campaigns.
- The Tim, the Inspektorat, the Pimpinan and the Tim ZI / TPI read the risk map and the
  campaigns' compliance of every unit: they are the map's owner, its auditor, the one
  who answers for it, and the evaluator who asks for it as evidence.
- The head of a unit reads the entries and the compliance of the unit they head and of
  the units below it, and nothing else.
- An administrator (Admin Sistem) may open and close a campaign, which is administering
  it, but reads no register: not a figure, not a name.
- Anyone else (a pegawai, the superuser flag alone) reads nothing.

The implementation matrix lists conflict cases, so it follows the cases' own policy
(benturan.policy through casework.access): see benturan.matrix.
"""

from __future__ import annotations

from dataclasses import dataclass

from accounts import roles
from accounts.unit_heads import headed_unit_ids

#: Read every unit's entries and figures.
READER_ROLES = (roles.TIM_BENTURAN, roles.INSPEKTORAT, roles.PIMPINAN, roles.TIM_PENILAI)
#: Keep the risk map.
KEEPER_ROLES = (roles.TIM_BENTURAN,)
#: Open and close campaigns.
CAMPAIGN_MANAGER_ROLES = (roles.TIM_BENTURAN, roles.ADMIN_SISTEM)


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


@dataclass(frozen=True)
class Scope:
    """What part of a register a user reads: every unit, or the units in `unit_ids`."""

    every_unit: bool
    unit_ids: frozenset[int] = frozenset()

    def covers(self, unit_id) -> bool:
        return self.every_unit or unit_id in self.unit_ids


def register_scope(user) -> Scope | None:
    """The part of the risk map and of the campaigns' compliance `user` reads, or None."""
    if not _active(user):
        return None
    if user.has_role(*READER_ROLES):
        return Scope(every_unit=True)
    if user.has_role(roles.ADMIN_SISTEM):
        return None
    headed = headed_unit_ids(user)
    return Scope(every_unit=False, unit_ids=headed) if headed else None


def may_keep_risk_map(user) -> bool:
    return _active(user) and user.has_role(*KEEPER_ROLES)


def may_manage_campaigns(user) -> bool:
    return _active(user) and user.has_role(*CAMPAIGN_MANAGER_ROLES)


def reads_registers_by_role(user) -> bool:
    """Whether the staff menu offers the registers: decided from the roles alone, which
    the menu has loaded already (a unit head finds them on their own benturan page)."""
    return _active(user) and user.has_role(*READER_ROLES, *CAMPAIGN_MANAGER_ROLES)
