"""axe-core inside the browser tests: a page a test has reached is checked against
WCAG 2.1 A and AA, and the test fails on any violation, naming the rule, the elements and
how to fix them.

The script is the one axe-playwright-python ships (a pinned axe-core), put into the page
through the browser's debugging protocol, which the page's Content-Security-Policy does
not govern, so the pages keep their strict policy while they are checked.
"""

from __future__ import annotations

from functools import cache

#: The WCAG 2.1 A and AA rules (2.0 included); best-practice rules are not asked for.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@cache
def _axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def violations(page) -> list[str]:
    """The WCAG 2.1 A/AA violations on the page as it is now, one line per element."""
    results = _axe().run(page, options={"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]})
    lines = []
    for rule in results.response["violations"]:
        for node in rule["nodes"]:
            lines.append(f"{rule['id']} ({rule['impact']}): {' '.join(map(str, node['target']))} — {rule['help']}")
    return lines


def assert_accessible(page, where: str = "") -> None:
    """Fail when axe finds a WCAG 2.1 A/AA violation on the page."""
    found = violations(page)
    assert not found, f"{where or page.url}:\n" + "\n".join(found)
