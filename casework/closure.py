"""One rule for closed cases: a closed case changes only by reopening, and its
confidentiality may only be tightened.

Reopening is a transition the kind's workflow allows from a final state (a complainant's
dissatisfied rating; a WBS report and a gift declaration are never reopened), run through
casework.services.run_transition like any other. Every other change of a case asks
`ensure_open` under the row lock: the engine's services for messages, internal notes,
assignment and attachments, and each kind's services for what only it adds (the persons
a case names, an identity request...). A change that only protects — tightening the
confidentiality, refusing an identity request, a recusal — stays possible.

The staff pages ask `may_change` so that they stop offering what would be refused; a
form posted anyway (an old page) gets the reason from the service.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import CONFIDENTIALITY_RANK

CLOSED = gettext_lazy("Kasus sudah ditutup; kasus yang ditutup hanya berubah bila dibuka kembali.")


def ensure_open(case) -> None:
    """Refuse a change of a closed case (call with the row locked)."""
    if case.closed_at is not None:
        raise ValidationError(str(CLOSED), code="case_closed")


def loosens(case, *, confidentiality: str, is_anonymous: bool) -> bool:
    """Whether the new privacy flags are looser than the case's."""
    return CONFIDENTIALITY_RANK[confidentiality] < CONFIDENTIALITY_RANK[case.confidentiality] or (
        case.is_anonymous and not is_anonymous
    )


def ensure_not_loosened(case, *, confidentiality: str, is_anonymous: bool) -> None:
    """Refuse loosening the privacy of a closed case (call with the row locked)."""
    if case.closed_at is not None and loosens(case, confidentiality=confidentiality, is_anonymous=is_anonymous):
        raise ValidationError(
            _("Kasus sudah ditutup; kerahasiaannya hanya dapat diperketat, tidak dilonggarkan."), code="case_closed"
        )


def levels_offered(case) -> list[str]:
    """The confidentiality levels the staff page offers for the case: those its kind
    allows, and once it is closed only those not looser than its own."""
    allowed = case.kind_spec.confidentiality_levels
    levels = [str(level) for level in CONFIDENTIALITY_RANK if not allowed or level in allowed]
    if case.is_open:
        return levels
    rank = CONFIDENTIALITY_RANK[case.confidentiality]
    return [level for level in levels if CONFIDENTIALITY_RANK[level] >= rank]


def may_change(case, action: str) -> bool:
    """Whether the staff page should offer `action` (a change other than a transition)
    on the case: anything while it is open; once closed, only a tighter confidentiality,
    and only while there is something left to tighten."""
    if case.is_open:
        return True
    if action == "confidentiality":
        return not case.is_anonymous or levels_offered(case) != [case.confidentiality]
    return False
