"""The public statistics of a month, kept a few minutes in the shared cache.

The page is the same for every visitor and is linked from the unit's website, so it is
the page most often asked by people who are not staff; each view otherwise counts a
year of cases of every kind (a dozen grouped queries over hundreds of thousands of
rows at a province's size). Its figures may be SIGAP_PUBLIC_STATS_SECONDS old: a
published statistic, never a case's own page. Kept per month and language, since the
document's labels are translated when it is made, together with the document's body as
the page shows it: at a province's size the month's follow-up list alone takes seconds
to render, and the body holds nothing of the visitor's own (no form token, no nonce).
The downloads (PDF, workbook) use the same document.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from casework.reporting import Period

from .document import Document
from .public_stats import public_document


def cached_public_document(period: Period) -> tuple[Document, str | None]:
    """The month's document and its body rendered (reports/document_body.html), from the
    cache when they are there; without the cache, the body is left to the page."""
    seconds = settings.SIGAP_PUBLIC_STATS_SECONDS
    if not seconds:
        return public_document(period), None
    key = f"sigap:public-stats:{period.slug}:{translation.get_language()}"
    kept = cache.get(key)
    if kept is None:
        document = public_document(period)
        kept = (document, _body(document))
        cache.set(key, kept, seconds)
    return kept


def _body(document: Document) -> str:
    # Our own template's output, escaped as it rendered: shown as it is.
    return mark_safe(render_to_string("reports/document_body.html", {"document": document}))  # noqa: S308
