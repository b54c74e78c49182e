"""Template tags shared by SIGAP's pages."""

from django import template
from django.urls import NoReverseMatch, reverse

register = template.Library()


@register.simple_tag
def url_if_exists(name, *args, **kwargs):
    """The URL named `name`, or None when no installed app provides it yet.

    The landing page links to services that a unit may not have opened (their apps'
    URLs arrive later); `{% url_if_exists 'wbs:create' as url %}` lets the page explain
    that instead of rendering a dead link or failing.
    """
    try:
        return reverse(name, args=args or None, kwargs=kwargs or None)
    except NoReverseMatch:
        return None
