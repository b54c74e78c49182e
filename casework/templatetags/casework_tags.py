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
