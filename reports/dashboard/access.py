"""Who opens the dashboard: those who oversee every kind of case (domain.md §7) — the
Pimpinan, the Tim ZI / TPI and the Inspektorat. Anyone else is refused."""

from __future__ import annotations

from accounts import roles

DASHBOARD_ROLES = (roles.PIMPINAN, roles.TIM_PENILAI, roles.INSPEKTORAT)


def may_see_dashboard(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.has_role(*DASHBOARD_ROLES))
