"""Who may read the LHKPN/LHKASN register and who keeps it.

The Tim ZI / TPI keeps it (sets who must file, records each filing); the Pimpinan and
the Inspektorat read it, as they read the LKE it feeds (reports.lke.access). Anyone
else, the Admin Sistem and the superuser flag included, gets "not found": the register
names officials and what they have not done yet.
"""

from __future__ import annotations

from accounts import roles

from ..lke.access import _active
from ..lke.access import may_read as may_read  # the LKE's readers read what feeds it

KEEPER_ROLES = (roles.TIM_PENILAI,)


def may_keep(user) -> bool:
    return _active(user) and user.has_role(*KEEPER_ROLES)
