"""{% load money %}{{ value|rupiah }}: an amount as "Rp1.500.000" (casework.money)."""

from decimal import Decimal

from django import template

from casework.money import format_rupiah

register = template.Library()


@register.filter
def rupiah(value):
    """The amount formatted the Indonesian way; "" for None or an empty value. Anything
    that is not an amount (a page must not fail on it) is shown as it is."""
    if value is None or value == "":
        return ""
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return format_rupiah(value)
    return value
