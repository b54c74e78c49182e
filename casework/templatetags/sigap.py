"""Template tags shared by SIGAP's pages."""

from urllib.parse import urlsplit

from django import template
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

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


@register.simple_tag(takes_context=True)
def page_static(context, path):
    """The URL of the static file `path` as this page loads it.

    A page may have its files served under a prefix of its own (`static_prefix` in the
    context): the WBS reporter pages load the site's shared files from under static/wbs/,
    which the proxy keeps out of its log (wbs.staticfiles).
    """
    return static(context.get("static_prefix", "") + path)


@register.simple_tag(takes_context=True)
def language_return_path(context):
    """Where the language switch sends the browser back after changing the language.

    A page fetched with GET is fetched again. A page shown in answer to a form post
    (input refused, shown again with its errors) has an address that only takes posts:
    going back there would fail with "405 Method Not Allowed". The switch then returns to
    the page the form was sent from (the Referer, when it is this site), else to the home
    page.
    """
    request = context.get("request")
    if request is None or context.get("return_home"):
        return "/"
    if request.method in ("GET", "HEAD"):
        return request.get_full_path()
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        parts = urlsplit(referer)
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return "/"


@register.simple_tag(takes_context=True)
def refused_prefix(context):
    """ "Galat: " at the start of the title of a page that shows a refused form, so a
    screen reader (which reads the title first) and a tab list both say at once that
    what was sent did not go through. A page marks itself with `refused` in its context
    when its error is not a form's; any bound form with errors counts otherwise."""
    if context.get("refused") or any(_has_errors(value) for layer in context.dicts for value in layer.values()):
        return _("Galat: ")
    return ""


def _has_errors(value) -> bool:
    # A bound form or formset (never an unbound one: `errors` would validate it).
    if not getattr(value, "is_bound", False):
        return False
    errors = value.errors
    return bool(any(errors) if isinstance(errors, list) else errors)
