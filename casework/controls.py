"""Standing recusals: "recuse user U from every case matching M, now and for cases opened
later, under source S", and "lift all of source S".

A decision outside the engine calls `bind` (a conflict-of-interest control under which an
official steps back from a matter; a handler's own declared conflict with a case, while
their superior decides). A rule matches a case by any of: the case itself, an account the
case is about, a name it carries (casework.parties). The engine applies every active rule

- to the cases that exist when it is made (`bind`),
- to each case as it opens (casework.services.case_open, and the intake worker's batches
  in casework.intake, at a fixed number of statements whatever the batch),
- to a case whenever what it is about grows (the persons it names:
  casework.services.named_persons_recuse; a kind's own parties: `note_parties`).

`lift` ends rules and removes exactly the recusals they created. A user recused from a
case for another reason too (named in it, recused by another rule) holds another Recusal
row, which stays: casework.access keeps the case from them while any row remains.

Binding a case (`_bind_case`), in the caller's transaction with the case row locked:
- a Recusal row (the rule's reason, pointing to the rule), so casework.access keeps the
  user away from the case in every list, inbox, search, count, page, file and reminder;
- a case the user held is taken from them and handed to the rule's substitute when they
  may handle it (casework.selectors.assignable_users, the engine's assignment rule), else
  it goes back to the pool (its kind's on_assignee_change hook may route it further);
- a history line that says only that a handler was recused under a conflict-of-interest
  control, with the source case as its linked case (shown only to readers who may see
  the source), and an audit entry naming the user, the rule and the source.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from security import audit

from . import parties, selectors
from .assignment import assignee_changed
from .models import Case, NamedPerson, PartyDigest, Recusal, RecusalRule, TimelineEntry

#: History line names (CaseKind history labels: casework.kinds.SHARED_EVENT_LABELS).
RECUSED = "control_recusal"
LIFTED = "control_recusal_lifted"


@dataclass(frozen=True)
class Match:
    """What a rule matches: a case, every case about an account, every case carrying a
    name. Any of them; at least one."""

    case: Case | None = None
    account: object | None = None
    name: str = ""


def bind(
    *,
    source: Case,
    key: str,
    user,
    reason: str,
    match: Match,
    substitute=None,
    actor=None,
    request=None,
) -> RecusalRule | None:
    """Recuse `user` from every case `match` matches, now and as cases open, under `source`
    (the case whose decision this is) and `key` (what in it: one rule per key). A case the
    user holds goes to `substitute` where they may handle it, else back to the pool.
    Returns the rule, or None when `match` matches nothing (a name too short to compare,
    no case, no account). Call inside the transaction of the decision."""
    account_digest = parties.account_digest(match.account.pk) if match.account is not None else ""
    name_digest = parties.name_digest(match.name)
    if match.case is None and not account_digest and not name_digest:
        return None
    rule = RecusalRule.objects.create(
        source_case=source,
        source_key=key,
        user=user,
        reason=reason,
        substitute=substitute if substitute is not None and substitute.pk != user.pk else None,
        case=match.case,
        account_digest=account_digest,
        name_digest=name_digest,
        created_by=actor,
    )
    for case_id in _matching_case_ids(rule):
        _bind_case(rule, case_id, actor=actor, request=request)
    return rule


def lift(*, source: Case, key: str | None = None, actor=None, reason: str = "", request=None) -> list[RecusalRule]:
    """End the active rules of `source` (only the one under `key`, if given) and remove
    the recusals they created, each in its case's history and the audit log. A recusal
    held for another reason stays. Returns the rules lifted."""
    rules = RecusalRule.objects.select_for_update().filter(source_case=source, lifted_at__isnull=True)
    if key is not None:
        rules = rules.filter(source_key=key)
    lifted = list(rules.order_by("pk"))
    now = timezone.now()
    for rule in lifted:
        for recusal in Recusal.objects.filter(rule=rule).order_by("case_id"):
            _unbind_case(rule, recusal, actor=actor, request=request)
        rule.lifted_at, rule.lifted_by, rule.lift_reason = now, actor, (reason or "").strip()
        rule.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
    return lifted


def note_parties(opened: Iterable[tuple[Case, parties.Parties]], *, actor=None, request=None) -> None:
    """Record what each case is about and bind every active rule that matches it: for a
    case just opened (casework.services.case_open, a batch in casework.intake) or one whose
    parties grew. One statement to record and one to find the rules, for any number of
    cases; more only for the cases a rule matches."""
    items = [(case, about.digests()) for case, about in opened]
    parties.record((case.pk, digests) for case, digests in items)
    wanted = set().union(*(digests for _case, digests in items)) if items else set()
    if not wanted:
        return
    rules = list(_active().filter(Q(account_digest__in=wanted) | Q(name_digest__in=wanted)).order_by("pk"))
    for case, digests in items:
        for rule in rules:
            if rule.source_case_id != case.pk and ({rule.account_digest, rule.name_digest} & digests):
                _bind_case(rule, case.pk, actor=actor, request=request)


def apply_rules(*, case: Case, actor=None, request=None) -> None:
    """Bind every active rule that matches `case` now and has not bound it yet: after the
    persons it names changed (one query when none does)."""
    named = NamedPerson.objects.filter(case_id=case.pk).exclude(akun_digest="").values("akun_digest")
    about = PartyDigest.objects.filter(case_id=case.pk).values("digest")
    rules = (
        _active()
        .filter(
            (~Q(account_digest="") & (Q(account_digest__in=named) | Q(account_digest__in=about)))
            | (~Q(name_digest="") & Q(name_digest__in=about))
        )
        .exclude(source_case_id=case.pk)
        .exclude(recusals__case_id=case.pk)
        .order_by("pk")
    )
    for rule in rules:
        _bind_case(rule, case.pk, actor=actor, request=request)


def recused_users(about: parties.Parties) -> set[int]:
    """The users an active rule recuses from a case about `about` (one query, none when
    it is about nothing): for a kind that routes a new case to a person, so that it never
    routes it to someone the case would take straight back."""
    digests = about.digests()
    if not digests:
        return set()
    rules = _active().filter(Q(account_digest__in=digests) | Q(name_digest__in=digests))
    return set(rules.values_list("user_id", flat=True))


def rules_of(source: Case) -> QuerySet[RecusalRule]:
    """The rules `source` made, active and lifted, oldest first."""
    return RecusalRule.objects.filter(source_case_id=source.pk).order_by("created_at", "pk")


# --- Binding one case -------------------------------------------------------------------------


def _active() -> QuerySet[RecusalRule]:
    return RecusalRule.objects.filter(lifted_at__isnull=True)


def _matching_case_ids(rule: RecusalRule) -> list[int]:
    """The cases the rule matches now (closed ones too: a recused user reads them no more)."""
    condition = Q(pk=rule.case_id) if rule.case_id else Q(pk__in=[])
    digests = [digest for digest in (rule.account_digest, rule.name_digest) if digest]
    if digests:
        condition |= Q(pk__in=PartyDigest.objects.filter(digest__in=digests).values("case_id"))
    if rule.account_digest:
        condition |= Q(pk__in=NamedPerson.objects.filter(akun_digest=rule.account_digest).values("case_id"))
    cases = Case.objects.filter(condition).exclude(pk=rule.source_case_id)
    return list(cases.order_by("pk").values_list("pk", flat=True))


def _held_before(locked: Case, rule: RecusalRule) -> bool:
    """Whether an earlier rule of the same source took the case from the user and nobody
    holds it since: a handler's own declared conflict took it while the superior decided,
    and the decided handover now gives it to the colleague."""
    if locked.assignee_id is not None:
        return False
    return Recusal.objects.filter(
        case_id=locked.pk, user_id=rule.user_id, rule__source_case_id=rule.source_case_id, took_case=True
    ).exists()


def _bind_case(rule: RecusalRule, case_id: int, *, actor, request) -> Recusal | None:
    locked = Case.objects.select_for_update().get(pk=case_id)
    if Recusal.objects.filter(case_id=locked.pk, rule=rule).exists():
        return None
    took = locked.assignee_id == rule.user_id or _held_before(locked, rule)
    previous = locked.assignee_id
    if previous == rule.user_id:
        locked.assignee = None
    recusal = Recusal.objects.create(case=locked, user_id=rule.user_id, reason=rule.reason, rule=rule, took_case=took)
    if took and rule.substitute_id and locked.assignee_id is None:
        if selectors.assignable_users(locked).filter(pk=rule.substitute_id).exists():
            locked.assignee_id = rule.substitute_id
            recusal.handed_to_id = rule.substitute_id
            recusal.save(update_fields=["handed_to"])
    if locked.assignee_id != previous:
        locked.save(update_fields=["assignee", "updated_at"])
        assignee_changed(locked, previous_id=previous, actor=actor, request=request)
    _record(
        locked,
        rule,
        change=RECUSED,
        note=_recused_note(rule, recusal),
        actor=actor,
        request=request,
        data={"handed_to": recusal.handed_to_id, "took_case": took},
    )
    return recusal


def _unbind_case(rule: RecusalRule, recusal: Recusal, *, actor, request) -> None:
    locked = Case.objects.select_for_update().get(pk=recusal.case_id)
    recusal.delete()
    still = Recusal.objects.filter(case_id=locked.pk, user_id=rule.user_id).exists()
    if rule.reason == Recusal.Reason.KONFLIK:
        note = _(
            "Benturan kepentingan yang dinyatakan seorang petugas dengan kasus ini telah diputuskan; "
            "pengecualian sementaranya berakhir."
        )
    else:
        note = _("Pengecualian seorang petugas berdasarkan pengendalian benturan kepentingan berakhir.")
    if still:
        note += " " + _("Petugas itu tetap dikecualikan dari kasus ini karena alasan lain.")
    _record(locked, rule, change=LIFTED, note=note, actor=actor, request=request, data={"still_recused": still})


def _recused_note(rule: RecusalRule, recusal: Recusal) -> str:
    """The history line on the bound case: that a handler was recused, never who declared
    what about which matter (the source's reference is shown beside it to readers who may
    see the source)."""
    if rule.reason == Recusal.Reason.KONFLIK:
        note = _(
            "Seorang petugas menyatakan benturan kepentingan dengan kasus ini dan dikecualikan (recusal) "
            "sampai atasannya memutuskan."
        )
    else:
        note = _("Seorang petugas dikecualikan (recusal) dari kasus ini berdasarkan pengendalian benturan kepentingan.")
    if recusal.handed_to_id:
        note += " " + _("Penanganan kasus dialihkan kepada petugas pengganti yang ditunjuk.")
    elif recusal.took_case and rule.substitute_id:
        note += " " + _(
            "Petugas pengganti yang ditunjuk tidak berwenang menangani kasus ini; kasus kembali ke daftar tunggu."
        )
    elif recusal.took_case:
        note += " " + _("Kasus kembali ke daftar tunggu.")
    return note


def _record(locked: Case, rule: RecusalRule, *, change: str, note: str, actor, request, data: dict) -> None:
    TimelineEntry.objects.create(
        case=locked,
        transition=change,
        from_state=locked.state,
        to_state=locked.state,
        note=note,
        linked_case=str(rule.source_case_id),
    )
    audit.record(
        audit.Event.CASE_RECUSAL if change == RECUSED else audit.Event.CASE_RECUSAL_LIFTED,
        actor=actor,
        case=locked,
        request=request if actor is not None else None,
        data={"user": rule.user_id, "reason": rule.reason, "rule": rule.pk, "source": rule.source_case_id, **data},
    )
