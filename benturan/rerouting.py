"""A conflict case whose decider is recused from it goes on to the next in line.

The one who decides a conflict case is its assignee (benturan.services.file_case). When
the engine takes the case from them because they are recused from it (a control of
another conflict case names them, or they declared their own conflict with this one from
its page: casework.controls), it calls this hook (CaseKind.on_assignee_change): the case
goes to the colleague a handover named where the engine could give it to them, else to
the next superior in line (Benturan.eskalasi_ke) when they are neither a party nor
recused, else to the Tim Benturan Kepentingan. The change is in the case's history.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from casework.models import Recusal
from casework.services import record_case_event
from security import audit

from .models import Benturan
from .policy import POLICY


def decider_recused(locked, *, previous_id: int | None, actor=None, request=None) -> None:
    """CaseKind.on_assignee_change of the benturan kind (with the case row locked)."""
    case = Benturan.objects.select_related("eskalasi_ke").get(pk=locked.pk)
    if previous_id is None or previous_id != case.atasan_id or locked.assignee_id == previous_id:
        return
    if not Recusal.objects.filter(case_id=case.pk, user_id=previous_id).exists():
        return
    unavailable = POLICY.party_ids(case) | set(
        Recusal.objects.filter(case_id=case.pk).values_list("user_id", flat=True)
    )
    next_in_line = case.eskalasi_ke
    if next_in_line is not None and (not next_in_line.is_active or next_in_line.pk in unavailable):
        next_in_line = None
    if locked.assignee_id is not None:
        atasan_id, eskalasi_id = locked.assignee_id, case.eskalasi_ke_id
    elif next_in_line is not None:
        atasan_id, eskalasi_id = next_in_line.pk, None
    else:
        atasan_id, eskalasi_id = None, None
    Benturan.objects.filter(pk=case.pk).update(atasan_id=atasan_id, eskalasi_ke_id=eskalasi_id, assignee_id=atasan_id)
    locked.assignee_id = atasan_id
    if atasan_id is not None:
        decider = Benturan.objects.get(pk=case.pk).atasan
        note = _("Atasan yang memutuskan dikecualikan (recusal) dari kasus ini; diputuskan oleh %(name)s.") % {
            "name": decider
        }
    else:
        note = _(
            "Atasan yang memutuskan dikecualikan (recusal) dari kasus ini; diputuskan oleh Tim Benturan Kepentingan."
        )
    record_case_event(
        locked,
        change="routing",
        event=audit.Event.CASE_ASSIGNED,
        actor=actor,
        note=note,
        data={"from": previous_id, "to": atasan_id, "escalation": eskalasi_id, "recused": True},
        request=request,
    )
