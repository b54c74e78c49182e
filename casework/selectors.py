"""Reads of case data that span relations; views call these rather than building queries."""

from .models import Case, Message, TimelineEntry


def public_timeline(case: Case):
    """History entries the reporter may see, oldest first."""
    return TimelineEntry.objects.filter(case=case, is_public=True).only(
        "transition", "from_state", "to_state", "public_note", "created_at", "by_reporter"
    )


def conversation(case: Case):
    """Messages between handler and reporter, oldest first (authors' names not loaded)."""
    return Message.objects.filter(case=case).only("sender", "body", "created_at", "read_at")


def staff_timeline(case: Case):
    """The full history for staff, with actors, oldest first."""
    return TimelineEntry.objects.filter(case=case).select_related("actor")


def internal_notes(case: Case):
    return case.internal_notes.select_related("author")


def staff_conversation(case: Case):
    return Message.objects.filter(case=case).select_related("author")


def assignable_users(case: Case):
    """Active staff who hold a handler role of the case's kind and are not recused from it."""
    from django.contrib.auth import get_user_model

    roles = case.kind_spec.policy.handler_roles
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=roles)
        .exclude(recusals__case=case)
        .distinct()
        .order_by("full_name")
    )


def staff_actions(case: Case, user):
    """The staff transitions declared from the case's state, each with why it is blocked (if it is)."""
    from .services import transition_blockers
    from .workflow import available_transitions, transition_custom

    actions = []
    for name in available_transitions(case):
        custom = transition_custom(case, name)
        if custom.get("by_reporter"):
            continue
        actions.append(
            {
                "name": name,
                "label": custom.get("label", name.replace("_", " ").capitalize()),
                "public": bool(custom.get("public")),
                "blockers": transition_blockers(case=case, name=name, actor=user),
            }
        )
    return actions
