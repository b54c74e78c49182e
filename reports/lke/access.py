"""Who may read the LKE page and who may answer its items.

The Tim ZI / TPI (the evaluator), the Pimpinan (who answers for the assessment) and the
Inspektorat (who audits it) read every item, its proposal and its evidence. Only the
Tim ZI / TPI decides an answer over SIGAP's proposal. Anyone else, the Admin Sistem and
the superuser flag included, reads nothing and gets "not found".
"""

from __future__ import annotations

from accounts import roles

READER_ROLES = (roles.TIM_PENILAI, roles.PIMPINAN, roles.INSPEKTORAT)
EVALUATOR_ROLES = (roles.TIM_PENILAI,)


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def may_read(user) -> bool:
    return _active(user) and user.has_role(*READER_ROLES)


def may_override(user) -> bool:
    return _active(user) and user.has_role(*EVALUATOR_ROLES)
