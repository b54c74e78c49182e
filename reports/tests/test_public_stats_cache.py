"""The public statistics kept in the cache (reports.public_stats_cache) show what the page
counts afresh shows, and a kept page reads nothing of the cases."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench.generate_cases import generate

URL = reverse("reports_public:statistics")


def report(response) -> str:
    page = response.content.decode()
    body = page[page.index('<article class="report">') : page.index("</article>")]
    # A chart's drawing ids are numbered in the order charts are drawn in the process.
    return re.sub(r"\b(clip|group)-\d+", r"\1-N", body)


@pytest.mark.django_db
def test_the_kept_page_shows_what_the_counted_page_shows(client):
    generate(200, seed=6, years=0.5)
    cache.clear()
    with CaptureQueriesContext(connection) as counting:
        counted = report(client.get(URL))
    assert any("casework_case" in query["sql"] for query in counting)
    with CaptureQueriesContext(connection) as queries:
        kept = report(client.get(URL))
    assert kept == counted
    assert not any("casework_case" in query["sql"] for query in queries)
