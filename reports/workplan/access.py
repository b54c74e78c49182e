"""Who may read and keep the work plan's Penguatan Pengawasan actions: the Tim ZI / TPI
keeps them (the rows, their evidence); the Pimpinan and the Inspektorat read them;
nobody else sees them (the pages answer 404)."""

from __future__ import annotations

from accounts import roles

KEEPER_ROLES = (roles.TIM_PENILAI,)
READER_ROLES = (roles.TIM_PENILAI, roles.PIMPINAN, roles.INSPEKTORAT)


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def may_read(user) -> bool:
    return _active(user) and user.has_role(*READER_ROLES)


def may_keep(user) -> bool:
    return _active(user) and user.has_role(*KEEPER_ROLES)
