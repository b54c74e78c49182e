"""No page SIGAP renders is kept in a browser's or a proxy's cache.

Behind sign-in every page shows someone's case, decrypted; on the public side the
tracking page, the receipt and the WBS pages show a reporter's own data. Staff and
reporters alike use shared computers (a service counter, an internet café), where a page
kept in the browser's cache can be read from it after sign-out, with the back button or
from the cache folder. So one rule, at one place, rather than a decorator each view must
remember: every response a view or an error handler produces is sent with
`Cache-Control: no-store, private`, whoever asked and whatever it shows.

Nothing is exempted. Static files are served before this middleware (WhiteNoise) and keep
their long caching, since they are the same for everyone. No public page is worth
caching: each carries a CSRF token (the language switch), which a cached copy would serve
stale, and none is costly to render.

tests/test_no_store.py walks every URL pattern, signed in and as a reporter, to prove it.
"""

from __future__ import annotations

NO_STORE = "no-store, private"


class NoStoreMiddleware:
    """Right after WhiteNoise in settings.MIDDLEWARE, so it sees every response but the
    static files', errors and redirects of the later middleware included."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response["Cache-Control"] = NO_STORE
        return response
