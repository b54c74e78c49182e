from django import template

register = template.Library()


@register.filter
def state_label(kind, state):
    """The human label of a state of a case kind: {{ kind|state_label:case.state }}."""
    return kind.state_label(state)
