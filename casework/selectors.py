"""Reads of case data that span relations; views call these rather than building queries."""

from django.core.exceptions import PermissionDenied

from . import access, named_persons
from .kinds import all_kinds
from .models import Case, Message, NamedPerson, Recusal, TimelineEntry
from .workflow import available_transitions, blocked_reasons, transition_custom


def public_timeline(case: Case):
    """History entries the reporter may see, oldest first, with what public_note_text
    reads (a note SIGAP wrote is shown in the reader's language from its key), so no
    line costs a query of its own."""
    return TimelineEntry.objects.filter(case=case, is_public=True).only(
        "transition",
        "from_state",
        "to_state",
        "public_note",
        "public_note_key",
        "public_note_params",
        "created_at",
        "by_reporter",
    )


def conversation(case: Case):
    """Messages between handler and reporter, oldest first (authors' names not loaded)."""
    return Message.objects.filter(case=case).only("sender", "body", "created_at", "read_at")


def staff_timeline(case: Case):
    """The full history for staff, with actors, oldest first."""
    return TimelineEntry.objects.filter(case=case).select_related("actor")


def visible_among(user, case_ids) -> dict[int, Case]:
    """Those of the cases `case_ids` that `user` may see, by id, with their kind and
    reference only (one query; none without ids)."""
    wanted = {pk for pk in case_ids if pk}
    if not wanted or user is None:
        return {}
    return {case.pk: case for case in access.visible_cases(user).filter(pk__in=wanted).only("pk", "kind", "reference")}


def internal_notes(case: Case):
    return case.internal_notes.select_related("author")


def staff_conversation(case: Case):
    return Message.objects.filter(case=case).select_related("author")


def handler_roles_for(case: Case) -> tuple[str, ...]:
    """The roles that handle this case: the policy's `handler_roles_for(case)` where the
    kind decides per case (a WBS report routed to the Inspektorat), else its handler roles."""
    policy = case.kind_spec.policy
    per_case = getattr(policy, "handler_roles_for", None)
    return tuple(per_case(case)) if per_case is not None else tuple(policy.handler_roles)


def assignable_users(case: Case):
    """Active staff who hold a role that handles the case, are not recused from it and may
    see it (access.can_view: a person a WBS report names, given the role later, may not).
    The candidates are read with their roles, which the kind's rule of who sees what asks."""
    from django.contrib.auth import get_user_model

    from accounts.backends import with_roles

    roles = handler_roles_for(case)
    candidates = (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=roles)
        .exclude(recusals__case=case)
        .distinct()
        .order_by("full_name")
    )
    allowed = [user.pk for user in access.viewers_among(with_roles(candidates), case)]
    return candidates.filter(pk__in=allowed)


def staff_actions(case: Case, user):
    """The staff transitions declared from the case's state, for `user`.

    Each says whether the user may run it at all (`permitted`: their role, a recusal)
    and, in `blockers`, why it cannot run now: that refusal, or else the conditions the
    case does not meet yet. A kind whose forms supply the missing data offers the form
    when the action is permitted and leaves the conditions to the submitted form.
    """
    actions = []
    for name in available_transitions(case):
        custom = transition_custom(case, name)
        if custom.get("by_reporter"):
            continue
        try:
            access.ensure_can_act(user, case, name)
        except PermissionDenied as exc:
            permitted, blockers = False, [str(exc)]
        else:
            permitted, blockers = True, blocked_reasons(case, name)
        actions.append(
            {
                "name": name,
                "label": custom.get("label", name.replace("_", " ").capitalize()),
                "public": bool(custom.get("public")),
                "permitted": permitted,
                "blockers": blockers,
            }
        )
    return actions


def lifter_kinds(user) -> list[str]:
    """The kinds of case whose recusals `user` holds a role to lift."""
    if not (user and user.is_authenticated and user.is_active):
        return []
    return [spec.code for spec in all_kinds() if user.has_role(*spec.policy.recusal_lifter_roles)]


def liftable_recusals(user) -> list[Recusal]:
    """The recusals `user` may lift now (casework.services.case_recusal_lift's rules),
    oldest first, with their case and recused user: of the kinds whose recusals their role
    lifts, on open cases, never their own, never on a case they are recused from or named
    by, and never one whose user the case still names."""
    kinds = lifter_kinds(user)
    if not kinds:
        return []
    candidates = list(
        # The engine's own recusals: one a standing rule made ends with its rule.
        Recusal.objects.filter(case__kind__in=kinds, case__closed_at__isnull=True, rule__isnull=True)
        .exclude(user=user)
        .exclude(case__in=Recusal.objects.filter(user=user).values("case"))
        .exclude(case__in=Case.objects.filter(named_persons.named_q(user)).values("pk"))
        .select_related("case", "user")
        .order_by("created_at", "id")
    )
    named = set(
        NamedPerson.objects.filter(case__in=[r.case_id for r in candidates])
        .exclude(akun_digest="")
        .values_list("case_id", "akun_digest")
    )
    return [r for r in candidates if (r.case_id, named_persons.account_digest(r.user_id)) not in named]
