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

import logging
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

# One of those paths named in a line of text: at the start, after a space, a quote, a
# parenthesis or "=", or as the path of a full address (a referrer). A file path such as
# "/srv/sigap/wbs/views.py" or the staff pages "/staf/wbs/" are not reporter pages.
_PATHS = "|".join(re.escape(path) for path in REVEALING_PATHS)
_NAMED_PATH = re.compile(rf"""(?:^|[\s"'(=]|https?://[^/\s"']+)(?:{_PATHS})""")


def reveals_reporter(path: str, referer: str = "") -> bool:
    """Whether a request for `path`, sent with `referer`, shows a WBS visit: a reporter
    page, a file only they load, or anything a reporter page sent the browser to."""
    return (path or "").startswith(REVEALING_PATHS) or urlsplit(referer or "").path.startswith(REPORTER_PATH)


def names_reporter_request(text: str) -> bool:
    """Whether a line of a log names a request that shows a WBS visit (its request line,
    its path, or a reporter page as its referrer)."""
    return bool(_NAMED_PATH.search(text or ""))


class ReporterLineFilter(logging.Filter):
    """Drop a record about a request that shows a WBS visit: one that names it
    (names_reporter_request), or Django's record that carries it (a form posted from a
    WBS page to another address, such as the language switch).

    `keep_errors`: errors stay. Django warns with the path of a refused form post
    ("Forbidden (CSRF cookie not set.): /wbs/lapor/"), which the log would date; its
    errors hold no address (the request reached Django stripped, wbs.privacy), and the
    operator must see a page that fails.
    """

    def __init__(self, *, keep_errors: bool = False):
        super().__init__()
        self.keep_errors = keep_errors

    def filter(self, record: logging.LogRecord) -> bool:
        if self.keep_errors and record.levelno >= logging.ERROR:
            return True
        request = getattr(record, "request", None)  # Django's loggers attach the request
        meta = getattr(request, "META", None)
        if isinstance(meta, dict) and reveals_reporter(getattr(request, "path", ""), meta.get("HTTP_REFERER", "")):
            return False
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a record that cannot be formatted is judged by its text
            message = f"{record.msg} {record.args}"
        return not names_reporter_request(message)
