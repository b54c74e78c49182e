"""bench/staff_pages.py measures on a few generated cases what it measures on a million:
every page it names answers as a working page does, so the benchmark cannot quietly
stop measuring one."""

import pytest

from bench import staff_pages
from bench.generate_cases import generate


@pytest.mark.django_db
def test_every_page_of_the_staff_pages_benchmark_answers(settings):
    generate(60, seed=5)
    staff_pages.ensure_bare(60)
    assert staff_pages.ensure_known_code() is not None
    settings.ROOT_URLCONF = "bench.pengaduan_list"
    settings.SIGAP_CODE_LOOKUP_RATE = "1000/h"
    lines = []

    results = staff_pages.run(staff_pages.scenarios(), repeat=1, warm=0, out=lines.append)

    # A kind with fewer cases than a page holds has no next page; anything else answers.
    failed = [
        (page.group, page.label, result.status, result.note)
        for page, result in results
        if result.status != page.expect and result.note != "no rel=next link"
    ]
    assert failed == []
    groups = {page.group for page, _result in results}
    assert {"pengaduan", "wbs", "gratifikasi", "benturan", "Kotak Masuk", "dashboard", "public"} <= groups
    first = next(result for page, result in results if page.group == "pengaduan" and page.first)
    assert first.rows == 25 and first.p95 > 0 and first.bare_p95 > 0
    assert "pages meet the targets" in staff_pages.summary(results)
    assert len([line for line in lines if line.startswith("page ")]) == len(groups)
