"""Which requests would tell whoever reads a server's log that someone used the WBS.

A reporter page (/wbs/) makes the browser fetch its style sheets, scripts and icon, and a
form on it is posted with the page as its referrer. A log line about any of them, dated
by the log, shows that a WBS page was open at that time, and a proxy's line also names
the address and the device. So every such request is kept out of the logs:

- the proxy in front leaves out what `reveals_reporter` names (README, "Production":
  its nginx map and Apache lines say the same, and a test holds them to it);
- gunicorn's own logs drop those requests and any line that names a reporter page
  (wbs.gunicorn_logger), and so do Django's lines below ERROR (config.settings.LOGGING).

Everything a reporter page loads lies under ASSET_PATH, the shared files too
(wbs.staticfiles), because browsers fetch them without a referrer.

This module imports nothing of Django: gunicorn's master process uses it before any
Django application is loaded.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

#: Where the reporter pages live (wbs.urls_public is included here in config.urls).
REPORTER_PATH = "/wbs/"
#: Where the files the reporter pages load are served (STATIC_URL + "wbs/").
ASSET_PATH = "/static/wbs/"
#: Paths whose request alone shows a WBS visit: the reporter pages, the files only they
#: load, and the icon a browser fetches by itself, naming no page, for a picture or PDF
#: opened from one (as for any such file, so leaving it out of the log loses nothing).
REVEALING_PATHS = (REPORTER_PATH, ASSET_PATH, "/favicon.ico")

# A reporter page named in a line of text: "/wbs/…" at the start, after a space, a
# quote, a parenthesis or "=", or as the path of a full address. A file path such as
# "/srv/sigap/wbs/views.py" or the staff pages "/staf/wbs/" are not reporter pages.
_NAMED_PAGE = re.compile(r"""(?:^|[\s"'(=]|https?://[^/\s"']+)/wbs/""")


def reveals_reporter(path: str, referer: str = "") -> bool:
    """Whether a request for `path`, sent with `referer`, shows a WBS visit: a reporter
    page, a file only they load, or anything a reporter page sent the browser to."""
    return (path or "").startswith(REVEALING_PATHS) or urlsplit(referer or "").path.startswith(REPORTER_PATH)


def names_reporter_page(text: str) -> bool:
    """Whether a log line names a reporter page (its request line, its path or address)."""
    return bool(_NAMED_PAGE.search(text or ""))

