"""Template tags of the registers' pages and of the employee's own page:
`level_label` names a risk level; `share_of` writes declared ÷ obliged in percent;
`{% yearly_declarations user as rows %}` gives the employee's rows in open campaigns;
`{% registers_offered user as offered %}` says which registers they may open."""

from __future__ import annotations

from django import template
from django.utils import formats

from .. import campaign, risk_scale
from ..views_registers import available

register = template.Library()


@register.filter
def level_label(value) -> str:
    """The name of a risk level (a risk_scale.Level value)."""
    return str(risk_scale.Level(value).label) if value in risk_scale.Level.values else ""


@register.filter
def share_of(declared, obliged) -> str:
    """declared ÷ obliged in percent, one decimal, as the language writes numbers."""
    share = campaign.percent(int(declared or 0), int(obliged or 0))
    return formats.number_format(share, 1) if share is not None else "—"


@register.simple_tag
def yearly_declarations(user) -> list:
    return list(campaign.obligations_of(user))


@register.simple_tag
def registers_offered(user) -> bool:
    return any(available(user).values())
