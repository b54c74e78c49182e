"""How the LKE and LHKPN pages show their figures: weights and scores without trailing
zeros (0,375; 1,5; 3) and percentages with their sign, in the page's language, as the
report's PDF and workbook show them (reports.lke.report)."""

from django import template

from reports.lke.report import number_text, percent_text, score

register = template.Library()


@register.filter
def lke_number(value) -> str:
    return "—" if value is None else number_text(value)


@register.filter
def lke_percent(value) -> str:
    return percent_text(value) or "—"


@register.filter
def lke_score(value) -> str:
    """A score as the report shows it (three decimals at most)."""
    return "—" if value is None else number_text(score(value))
