"""The site's shared files, served a second time under static/wbs/shared/ for the WBS
reporter pages, from the one copy in the repository.

A browser fetches a page's style sheets, scripts and icon without a referrer, so the
proxy's log cannot tell them from any other visitor's unless their path does. Were a
reporter page to load /static/css/sigap.css, a log line for it with no page before it
would mark a WBS visit, with the address, device and time. Every file a reporter page
loads therefore lies under static/wbs/, which the proxy leaves out of its log
(wbs.traces, README "Logs and the WBS").

SharedAssetsFinder offers the files of SHARED_ASSETS under SHARED_PREFIX as well as
where they are. collectstatic copies them there and the manifest storage hashes them like
any other file, so there is no second copy to keep in step and no build step. The layout
picks the prefix on a reporter page by itself (`reporter_assets` below, with the
`page_static` tag of casework's `sigap` library).
"""

from __future__ import annotations

from django.contrib.staticfiles import finders
from django.core.checks import Error
from django.core.files.storage import FileSystemStorage

from .traces import REPORTER_PATH

#: Where the shared files appear, inside the static files.
SHARED_PREFIX = "wbs/shared/"

#: The shared files the reporter pages load, by their ordinary static path.
SHARED_ASSETS = (
    "css/sigap.css",
    "img/favicon.svg",
    "js/sigap.js",
    "pengaduan/intake.css",
    "pengaduan/intake.js",
)


class SharedAssetsFinder(finders.BaseFinder):
    """Find `wbs/shared/<path>` as the file the other finders find at `<path>`, for the
    paths in SHARED_ASSETS only."""

    def check(self, **kwargs):
        return [
            Error(f"The shared file {name} the WBS pages load is not found.", id="wbs.E010")
            for name in SHARED_ASSETS
            if _source(name) is None
        ]

    def find(self, path, find_all=False):
        name = path.removeprefix(SHARED_PREFIX) if path.startswith(SHARED_PREFIX) else None
        found = _source(name) if name in SHARED_ASSETS else None
        if not found:
            return []  # what every finder answers for "nothing here"
        return [found] if find_all else found

    def list(self, ignore_patterns):
        for name in SHARED_ASSETS:
            source = _source(name)
            if source is None:
                continue
            # A storage rooted where the file is found, whose prefix puts it under
            # wbs/shared/ for collectstatic (and WhiteNoise's finder mode).
            storage = FileSystemStorage(location=source[: -len(name)])
            storage.prefix = SHARED_PREFIX.rstrip("/")
            yield name, storage


def _source(name: str | None) -> str | None:
    """The file the other finders give for `name` (this finder gives nothing for it)."""
    return finders.find(name) if name else None


def reporter_assets(request):
    """Context processor: on a reporter page the layout's shared files come from
    SHARED_PREFIX (see the module docstring)."""
    if request.path_info.startswith(REPORTER_PATH):
        return {"static_prefix": SHARED_PREFIX}
    return {}
