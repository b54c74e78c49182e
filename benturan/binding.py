"""How a conflict case binds the SIGAP cases of every kind, through the engine's standing
recusals (casework.controls): no other kind is imported, and casework.access stays the one
door through which anyone reaches a case.

- A decided control under which the official steps back (choices.STEPS_BACK: a recusal, a
  handover of the task) becomes one rule: the official is recused from every case the
  control's matter is, now and as cases open, and a case they held goes to the colleague a
  handover names where that colleague may handle it (else back to its pool).
- A staff member's own conflict declared from a case's page recuses them from that case at
  once, while their superior decides (PROVISIONAL); the decision replaces it: the decided
  controls bind what they bind, and the provisional recusal is lifted (so "no conflict",
  or a control that does not step back, gives the case back to their sight).
- A control ends with a reason given by whoever decides the case or the Tim, and every
  control ends when the case's monitoring ends; what it bound is lifted, and only that.

"About X" on a case, for a control's person or party (casework.parties):
- `kasus`: the SIGAP case the conflict names (declared by its number, or declared or
  reported from that case's page);
- `pihak_pegawai`: every case about that employee's account: naming them (a complaint, a
  WBS report, matched to the account), declared by them (a gift), about their conflict;
- `pihak_nama`: every case carrying that name once normalised: a person a complaint or a
  WBS report names, a complainant, a gift's giver or the giver's company. Exact after
  normalisation, never a guess; the name is compared as a keyed digest only.
"""

from __future__ import annotations

from casework import controls
from casework.models import Recusal

#: The rule of a staff member's own conflict with the case they declared it from.
PROVISIONAL = "pernyataan"


def key_of(control) -> str:
    return f"pengendalian:{control.pk}"


def recuse_declarant(case, *, source, actor, request=None) -> None:
    """The declarant of `case` steps back from `source` at once, while their superior decides."""
    controls.bind(
        source=case,
        key=PROVISIONAL,
        user=case.pejabat,
        reason=Recusal.Reason.KONFLIK,
        match=controls.Match(case=source),
        actor=actor,
        request=request,
    )


def bind_decided(case, decided, *, actor, request=None) -> None:
    """Bind what each decided control that steps back binds, then lift the declarant's
    provisional recusal (the decision replaces it; a case the handover gives to a colleague
    was taken from the declarant by it, casework.controls._held_before)."""
    for control in decided:
        if not control.steps_back:
            continue
        controls.bind(
            source=case,
            key=key_of(control),
            user=control.pejabat,
            reason=Recusal.Reason.PENGENDALIAN,
            match=controls.Match(case=control.kasus, account=control.pihak_pegawai, name=control.pihak_nama),
            substitute=control.pengganti,
            actor=actor,
            request=request,
        )
    lift_provisional(case, actor=actor, reason="", request=request)


def lift_provisional(case, *, actor, reason: str, request=None) -> None:
    controls.lift(source=case, key=PROVISIONAL, actor=actor, reason=reason, request=request)


def lift_control(case, control, *, actor, reason: str, request=None) -> None:
    controls.lift(source=case, key=key_of(control), actor=actor, reason=reason, request=request)


def lift_all(case, *, actor, reason: str, request=None) -> None:
    controls.lift(source=case, actor=actor, reason=reason, request=request)
