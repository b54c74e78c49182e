from datetime import timedelta

from django import template
from django.utils import timezone
from django.utils.timesince import timesince

register = template.Library()


@register.filter
def duration(value):
    """A timedelta in words in the active language ("1 jam, 30 menit")."""
    if not isinstance(value, timedelta):
        return ""
    now = timezone.now()
    return timesince(now - value, now)
