from django import template

register = template.Library()


@register.filter
def state_label(kind, state):
    """The human label of a state of a case kind: {{ kind|state_label:case.state }}."""
    return kind.state_label(state)


@register.filter
def history_label(kind, entry):
    """What a history entry is called on any page: {{ kind|history_label:entry }}."""
    return kind.history_label(entry)


@register.simple_tag
def recusals_url(user) -> str:
    """The page where `user` lifts recusals, or "" when their role lifts none (the staff
    navigation offers it only to them): {% recusals_url user as url %}."""
    from django.urls import reverse

    from casework.selectors import lifter_kinds

    return reverse("casework:recusals") if lifter_kinds(user) else ""


@register.filter
def staff_url(case) -> str:
    """Where staff open a case of any kind: {{ case|staff_url }} (casework.views_case.case_url)."""
    from casework.views_case import case_url

    return case_url(case)
