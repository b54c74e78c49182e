"""The public statistics of a month, kept a few minutes in the shared cache.

The page is the same for every visitor and is linked from the unit's website, so it is
the page most often asked by people who are not staff; each view otherwise counts a
year of cases of every kind (a dozen grouped queries over hundreds of thousands of
rows at a province's size). Its figures may be SIGAP_PUBLIC_STATS_SECONDS old: a
published statistic, never a case's own page. Kept per month and language, since the
document's labels are translated when it is made. The downloads (PDF, workbook) use the
same document.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from casework.reporting import Period

from .document import Document
from .public_stats import public_document


def cached_public_document(period: Period) -> Document:
    seconds = settings.SIGAP_PUBLIC_STATS_SECONDS
    if not seconds:
        return public_document(period)
    key = f"sigap:public-stats:{period.slug}:{translation.get_language()}"
    document = cache.get(key)
    if document is None:
        document = public_document(period)
        cache.set(key, document, seconds)
    return document
