"""The public statistics as last counted, kept in the cache.

Anyone may open /statistik/ without signing in, and its figures count a whole month of
every kind (reports.public_stats): at a million cases that took four seconds, on every
visit. The page changes slowly and says when it was counted, so it is counted (and its
body rendered) once per month and language and kept for SIGAP_PUBLIC_STATS_MINUTES; the periodic task counts
the two months the page opens on (the last complete month and this one) ahead, so a
visitor almost never waits for the count. A month nobody has asked for in that time is
counted when first asked.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone, translation

from casework.reporting import Period

from .document import Document
from .monthly_forms import last_complete_month
from .public_stats import public_document


@dataclass(frozen=True)
class Counted:
    #: The document without its sections: the page shows body_html instead, and a visit
    #: then reads a few kilobytes from the cache rather than every table. The downloads
    #: read the whole document (kept_document).
    document: Document
    counted_at: datetime
    #: The document as the page shows it: a month's follow-up list at a million cases
    #: has thousands of rows, and rendering them took longer than counting them.
    body_html: str


def _key(period: Period, language: str) -> str:
    return f"public-statistics:{period.slug}:{language}"


def _document_key(period: Period, language: str) -> str:
    return f"public-statistics-document:{period.slug}:{language}"


def _seconds() -> int:
    return settings.SIGAP_PUBLIC_STATS_MINUTES * 60


def _count(period: Period) -> tuple[Counted, Document]:
    document = public_document(period)
    body = render_to_string("reports/document_body.html", {"document": document})
    counted = Counted(document=replace(document, sections=()), counted_at=timezone.now(), body_html=body)
    language = translation.get_language()
    cache.set_many({_key(period, language): counted, _document_key(period, language): document}, _seconds())
    return counted, document


def counted_document(period: Period) -> Counted:
    """The public statistics of the month `period` in the page's language, as last
    counted (counting them now if they are not kept)."""
    counted = cache.get(_key(period, translation.get_language()))
    return counted if counted is not None else _count(period)[0]


def kept_document(period: Period) -> Document:
    """The whole document of the month, as last counted, for its PDF and workbook."""
    document = cache.get(_document_key(period, translation.get_language()))
    return document if document is not None else _count(period)[1]


def count_ahead(today: date | None = None) -> list[str]:
    """Count the months the page opens on, in every language of the site; the keys
    counted."""
    today = today or timezone.localdate()
    months = [last_complete_month(today), Period.month(today.year, today.month)]
    counted = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for period in months:
                _count(period)
                counted.append(_key(period, language))
    return counted
