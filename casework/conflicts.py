"""The seam through which a conflict of interest with a case of any kind becomes a case of
the kind that handles conflicts, without the engine or any other kind importing it.

That kind names a module in CaseKind.conflict_intake (benturan.conflict_intake), offering:

- `DeclarationForm(data=None, *, source, user)` and `declare(form, *, source, user,
  request) -> Case`: a staff member declares their own conflict with the case `source`;
  they are recused from it at once and a conflict case is opened for their superior;
- `ReportForm(data=None, *, source, user)` and `report(form, *, source, user, request) ->
  Case`: a handler of a kind that allows it (CasePolicy.reports_conflicts) turns the case
  into a conflict reported by others about an official the case names, keeping the
  source's protection (nothing of the source is copied but its link); the form's
  `unavailable` says why it cannot be used yet (shown instead of it), or "";
- `declarant_url(case) -> str`: where the one who filed follows the conflict case.

The engine's case page offers both forms on every kind's page (the action column of
casework/case_page.html, filled by casework.views_case.case_panel_context) and casework.views_conflicts runs them.
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from . import access
from .kinds import all_kinds

#: The policy action of turning a case into a reported conflict (CasePolicy.can_act).
REPORT_ACTION = "laporkan_benturan"


def intake() -> ModuleType | None:
    """The conflict kind's intake module, or None when no kind offers one."""
    for spec in all_kinds():
        if spec.conflict_intake:
            return import_module(spec.conflict_intake)
    return None


def may_report(user, case) -> bool:
    """Whether `user` may turn `case` into a conflict case: its kind allows it and the user
    may take that action on the case (a Pengelola Pengaduan, a WBS report's handlers)."""
    return (
        intake() is not None and case.kind_spec.policy.reports_conflicts and access.can_act(user, case, REPORT_ACTION)
    )


def ensure_may_declare(user, case) -> None:
    """Raise PermissionDenied unless `user` may see `case` (and so declare a conflict with it)."""
    if not access.can_view(user, case):
        raise PermissionDenied(_("Anda tidak dapat melihat kasus ini."))


def ensure_may_report(user, case) -> None:
    """Raise PermissionDenied unless `user` may turn `case` into a conflict case."""
    ensure_may_declare(user, case)
    if not may_report(user, case):
        raise PermissionDenied(_("Peran Anda tidak berwenang menjadikan kasus ini kasus benturan kepentingan."))
